// Goals: a user's target on one of their accounts, with what it has reached derived from the account
// (list, create, read, update, delete, reposition). See docs/budgets-goals.md.
import {
  createGoal,
  deleteGoal,
  GOAL_META_TYPES,
  goalOf,
  goalsOf,
  repositionGoals,
  updateGoal,
} from '../domain/goals.js';
import { userOf } from '../domain/lookup.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery1000, paginate } from '../pagination.js';
import * as present from '../presenters/goals.js';
import { errorResponses, jsonBody } from '../schemas/common.js';
import * as s from '../schemas/v20250224/goals.js';
import type { VersionApi } from './context.js';

const FIGURES =
  '`current_amount` is what the linked account holds (SAVE_AMOUNT) or how much of `amount` has been paid off its ' +
  "balance (PAYOFF); `is_complete` once it reaches `amount`; `projected_to_complete_at` from the account's pace " +
  'over the last 90 days.';

function routesFor(v: VersionLayer) {
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'goals', r);
  const one = versionJson(v, s.GoalBodySchema);
  return {
    // `reposition` comes before `{goal_guid}`, so that the literal segment wins.
    reposition: route({
      method: 'put',
      path: '/users/{user_guid}/goals/reposition',
      operationId: 'repositionGoals',
      summary: 'Reposition goals',
      description:
        'Gives each named goal its new position (1 is the top priority); the goals not named fill the other ' +
        "places in their order. Answers all the user's goals by position. A guid that is not the user's goal is " +
        '404; a position outside 1..n, or named twice, is 400.',
      request: { params: versionParams(v, 'user_guid'), body: jsonBody(s.RepositionRequestBodySchema) },
      responses: { 200: versionJson(v, s.RepositionBodySchema), ...errorResponses(400, 404, 415) },
    }),
    list: route({
      method: 'get',
      path: '/users/{user_guid}/goals',
      operationId: 'listGoals',
      summary: 'List goals',
      description: `The user's goals by position. ${FIGURES}`,
      request: { params: versionParams(v, 'user_guid'), query: pageQuery1000 },
      responses: { 200: versionJson(v, s.GoalsBodySchema), ...errorResponses(400, 404) },
    }),
    create: route({
      method: 'post',
      path: '/users/{user_guid}/goals',
      operationId: 'createGoal',
      summary: 'Create a goal',
      description:
        "`account_guid` must be one of the user's accounts (404): a debt account for a PAYOFF goal, any other for " +
        `SAVE_AMOUNT (400); a null \`goal_type_name\` takes the one the account fits. \`meta_type_name\`: one of ${GOAL_META_TYPES.join(', ')}. ` +
        'A new goal goes last unless `position` says where.',
      request: { params: versionParams(v, 'user_guid'), body: jsonBody(s.GoalRequestBodySchema) },
      responses: { 200: one, ...errorResponses(400, 404, 415) },
    }),
    read: route({
      method: 'get',
      path: '/users/{user_guid}/goals/{goal_guid}',
      operationId: 'readGoal',
      summary: 'Read a goal',
      description: `A goal of the user. ${FIGURES}`,
      request: { params: versionParams(v, 'user_guid', 'goal_guid') },
      responses: { 200: one, ...errorResponses(404) },
    }),
    update: route({
      method: 'put',
      path: '/users/{user_guid}/goals/{goal_guid}',
      operationId: 'updateGoal',
      summary: 'Update a goal',
      description:
        'Any of the fields create takes. `position` moves the goal (the others keep their order); ' +
        '`is_complete: true` marks it complete whatever the balance, `false` takes the mark off.',
      request: { params: versionParams(v, 'user_guid', 'goal_guid'), body: jsonBody(s.UpdateGoalRequestBodySchema) },
      responses: { 200: one, ...errorResponses(400, 404, 415) },
    }),
    remove: route({
      method: 'delete',
      path: '/users/{user_guid}/goals/{goal_guid}',
      operationId: 'deleteGoal',
      summary: 'Delete a goal',
      description: 'Deletes the goal; the goals after it move up one place.',
      request: { params: versionParams(v, 'user_guid', 'goal_guid') },
      responses: { 204: { description: 'No content' }, ...errorResponses(404) },
    }),
  };
}

export function registerGoalRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);

  api.openapi(routes.reposition, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    const goals = repositionGoals(c.env.tenant, user, c.req.valid('json').goals);
    return c.json({ goals: goals.map(present.goal) }, 200);
  });

  api.openapi(routes.list, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    const { items, pagination } = paginate(goalsOf(c.env.tenant, user), c.req.valid('query'), 1000);
    return c.json({ goals: items.map(present.goal), pagination }, 200);
  });

  api.openapi(routes.create, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    const created = createGoal(c.env.tenant, user, c.req.valid('json').goal);
    return c.json({ goal: present.goal(created) }, 200);
  });

  api.openapi(routes.read, (c) => {
    const params = c.req.valid('param');
    const user = userOf(c.env.tenant, params);
    return c.json({ goal: present.goal(goalOf(c.env.tenant, user, params.goal_guid as string)) }, 200);
  });

  api.openapi(routes.update, (c) => {
    const params = c.req.valid('param');
    const user = userOf(c.env.tenant, params);
    const updated = updateGoal(c.env.tenant, user, params.goal_guid as string, c.req.valid('json').goal);
    return c.json({ goal: present.goal(updated) }, 200);
  });

  api.openapi(routes.remove, (c) => {
    const params = c.req.valid('param');
    deleteGoal(c.env.tenant, userOf(c.env.tenant, params), params.goal_guid as string);
    return c.body(null, 204);
  });
}
