// Budgets: a user's monthly amount per category, with this month's spending derived from the user's
// transactions (list, create, read, update, delete, auto-generate). See docs/budgets-goals.md.
import {
  autoGenerateBudgets,
  budgetOf,
  budgetsOf,
  createBudget,
  deleteBudget,
  updateBudget,
} from '../domain/budgets.js';
import { userOf } from '../domain/lookup.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery1000, paginate } from '../pagination.js';
import * as present from '../presenters/budgets.js';
import { errorResponses, jsonBody } from '../schemas/common.js';
import * as s from '../schemas/v20250224/budgets.js';
import type { VersionApi } from './context.js';

const FIGURES =
  "`transaction_total` is the sum of the user's debits this calendar month (UTC) in the budget's category " +
  '(a top-level category counts its subcategories), `projected_spending` that total over the part of the ' +
  'month gone by.';

function routesFor(v: VersionLayer) {
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'budgets', r);
  const one = versionJson(v, s.BudgetBodySchema);
  const many = versionJson(v, s.BudgetsBodySchema);
  return {
    // `generate` comes before `{budget_guid}`, so that the literal segment wins.
    generate: route({
      method: 'post',
      path: '/users/{user_guid}/budgets/generate',
      operationId: 'autoGenerateBudgets',
      summary: 'Auto-generate budgets',
      description:
        'A budget on every top-level spending category (not Income, Transfer or Investments) with a debit in ' +
        'each of the two previous calendar months, of the two months’ average. A category the user already ' +
        'budgets keeps its budget unchanged; it is returned too. 422 when no category qualifies.',
      request: { params: versionParams(v, 'user_guid') },
      responses: { 200: many, ...errorResponses(404, 422) },
    }),
    list: route({
      method: 'get',
      path: '/users/{user_guid}/budgets',
      operationId: 'listAllBudgets',
      summary: 'List all budgets',
      description: `The user's budgets in the order they were made. ${FIGURES}`,
      request: { params: versionParams(v, 'user_guid'), query: pageQuery1000 },
      responses: { 200: many, ...errorResponses(400, 404) },
    }),
    create: route({
      method: 'post',
      path: '/users/{user_guid}/budgets',
      operationId: 'createBudget',
      summary: 'Create a budget',
      description:
        'One budget per category (409 for a second one). A budget on a subcategory (or a custom category) ' +
        "needs `parent_guid`: the user's budget on its top-level category.",
      request: { params: versionParams(v, 'user_guid'), body: jsonBody(s.BudgetCreateBodySchema) },
      responses: { 200: one, ...errorResponses(400, 404, 409, 415) },
    }),
    read: route({
      method: 'get',
      path: '/users/{user_guid}/budgets/{budget_guid}',
      operationId: 'readSpecificBudget',
      summary: 'Read a specific budget',
      description: `A budget of the user. ${FIGURES}`,
      request: { params: versionParams(v, 'user_guid', 'budget_guid') },
      responses: { 200: one, ...errorResponses(404) },
    }),
    update: route({
      method: 'put',
      path: '/users/{user_guid}/budgets/{budget_guid}',
      operationId: 'updateSpecificBudget',
      summary: 'Update a specific budget',
      description: 'Its amount and metadata; each update adds one to `revision`.',
      request: {
        params: versionParams(v, 'user_guid', 'budget_guid'),
        body: jsonBody(s.BudgetUpdateBodySchema),
      },
      responses: { 200: one, ...errorResponses(400, 404, 415) },
    }),
    remove: route({
      method: 'delete',
      path: '/users/{user_guid}/budgets/{budget_guid}',
      operationId: 'deleteBudget',
      summary: 'Delete a budget',
      description: 'Deletes the budget and the budgets on its subcategories.',
      request: { params: versionParams(v, 'user_guid', 'budget_guid') },
      responses: { 204: { description: 'No content' }, ...errorResponses(404) },
    }),
  };
}

export function registerBudgetRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);

  api.openapi(routes.generate, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    const budgets = autoGenerateBudgets(c.env.tenant, user);
    const { items, pagination } = paginate(budgets, {}, 1000);
    return c.json({ budgets: items.map(present.budget), pagination }, 200);
  });

  api.openapi(routes.list, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    const { items, pagination } = paginate(budgetsOf(c.env.tenant, user), c.req.valid('query'), 1000);
    return c.json({ budgets: items.map(present.budget), pagination }, 200);
  });

  api.openapi(routes.create, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    const created = createBudget(c.env.tenant, user, c.req.valid('json').budget);
    return c.json({ budget: present.budget(created) }, 200);
  });

  api.openapi(routes.read, (c) => {
    const params = c.req.valid('param');
    const user = userOf(c.env.tenant, params);
    return c.json({ budget: present.budget(budgetOf(c.env.tenant, user, params.budget_guid as string)) }, 200);
  });

  api.openapi(routes.update, (c) => {
    const params = c.req.valid('param');
    const user = userOf(c.env.tenant, params);
    const updated = updateBudget(c.env.tenant, user, params.budget_guid as string, c.req.valid('json').budget);
    return c.json({ budget: present.budget(updated) }, 200);
  });

  api.openapi(routes.remove, (c) => {
    const params = c.req.valid('param');
    deleteBudget(c.env.tenant, userOf(c.env.tenant, params), params.budget_guid as string);
    return c.body(null, 204);
  });
}
