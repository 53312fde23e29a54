// Spending plans (create, list, read, delete), their accounts (the user's accounts; list, read, take
// off), iterations (calendar months on the client's clock; list, read by number, the current one) and
// the current iteration's items (create, list, read, update, delete). See docs/spending-plans.md.
import { isoTime } from '../clock.js';
import { userOf } from '../domain/lookup.js';
import {
  actualOf,
  createItem,
  createSpendingPlan,
  currentItemsOf,
  currentIterationNumber,
  deleteItem,
  deletePlanAccount,
  deleteSpendingPlan,
  type Iteration,
  itemOf,
  iterationNumbered,
  iterationOf,
  iterationsOf,
  planAccountOf,
  planAccountsOf,
  spendingPlanOf,
  spendingPlansOf,
  updateItem,
} from '../domain/spending-plans.js';
import { errors } from '../errors.js';
import { stableGuid } from '../generators/ids.js';
import type { AccountRecord } from '../generators/records.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery1000, paginate } from '../pagination.js';
import { errorResponses, jsonBody } from '../schemas/common.js';
import * as s from '../schemas/spending-plans.js';
import type { SpendingPlanItemRecord, SpendingPlanRecord } from '../store/spending-plans.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import type { VersionApi } from './context.js';

function routesFor(v: VersionLayer) {
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'spending plan', r);
  const items = s.itemSchemas(v.version === 'v20111101');
  const userParam = versionParams(v, 'user_guid');
  const planParams = versionParams(v, 'user_guid', 'spending_plan_guid');
  const accountParams = versionParams(v, 'user_guid', 'spending_plan_guid', 'spending_plan_account_guid');
  const itemParams = versionParams(v, 'user_guid', 'spending_plan_guid', 'iteration_item_guid');
  const numberParams = versionParams(v, 'user_guid', 'spending_plan_guid', 'iteration_number');
  const plan = versionJson(v, s.SpendingPlanSchema);
  const item = versionJson(v, items.item);
  const iteration = versionJson(v, s.SpendingPlanIterationSchema);
  const base = '/users/{user_guid}/spending_plans';
  const itemsPath = `${base}/{spending_plan_guid}/iterations/current/iteration_items`;
  return {
    listPlans: route({
      method: 'get',
      path: base,
      operationId: 'listSpendingPlans',
      summary: 'List spending plans',
      description: "The user's spending plans in the order they were made.",
      request: { params: userParam, query: pageQuery1000 },
      responses: { 200: versionJson(v, s.SpendingPlansBodySchema), ...errorResponses(400, 404) },
    }),
    createPlan: route({
      method: 'post',
      path: base,
      operationId: 'createSpendingPlan',
      summary: 'Create spending plan',
      description:
        "A new plan (no body): its first iteration is the current calendar month on the client's clock; " +
        "its accounts are the user's accounts.",
      request: { params: userParam },
      responses: { 200: plan, ...errorResponses(404) },
    }),
    readPlan: route({
      method: 'get',
      path: `${base}/{spending_plan_guid}`,
      operationId: 'readSpendingPlanUser',
      summary: 'Read a spending plan for a user',
      request: { params: planParams },
      responses: { 200: plan, ...errorResponses(404) },
    }),
    deletePlan: route({
      method: 'delete',
      path: `${base}/{spending_plan_guid}`,
      operationId: 'deleteSpendingPlan',
      summary: 'Delete spending plan',
      description: 'The plan and its iteration items.',
      request: { params: planParams },
      responses: { 204: { description: 'No Content' }, ...errorResponses(404) },
    }),
    listAccounts: route({
      method: 'get',
      path: `${base}/{spending_plan_guid}/spending_plan_accounts`,
      operationId: 'listSpendingPlanAccounts',
      summary: 'List spending plan accounts',
      description: "The user's accounts on the plan (all of them, less those taken off), member by member.",
      request: { params: planParams, query: pageQuery1000 },
      responses: { 200: versionJson(v, s.SpendingPlanAccountsBodySchema), ...errorResponses(400, 404) },
    }),
    readAccount: route({
      method: 'get',
      path: `${base}/{spending_plan_guid}/spending_plan_accounts/{spending_plan_account_guid}`,
      operationId: 'readSpendingPlanAccount',
      summary: 'Read spending plan account',
      request: { params: accountParams },
      responses: { 200: versionJson(v, s.SpendingPlanAccountSchema), ...errorResponses(404) },
    }),
    deleteAccount: route({
      method: 'delete',
      path: `${base}/{spending_plan_guid}/spending_plan_accounts/{spending_plan_account_guid}`,
      operationId: 'deleteSpendingPlanAccount',
      summary: 'Delete spending plan account',
      description: 'Takes the account off the plan: its transactions no longer count in actual amounts.',
      request: { params: accountParams },
      responses: { 204: { description: 'No Content' }, ...errorResponses(404) },
    }),
    listIterations: route({
      method: 'get',
      path: `${base}/{spending_plan_guid}/iterations`,
      operationId: 'listSpendingPlanIterations',
      summary: 'List spending plan iterations',
      description: 'Iterations 1 (the month the plan was made in) to the current one (the month holding now).',
      request: { params: planParams, query: pageQuery1000 },
      responses: { 200: versionJson(v, s.SpendingPlanIterationsBodySchema), ...errorResponses(400, 404) },
    }),
    readCurrent: route({
      method: 'get',
      path: `${base}/{spending_plan_guid}/iterations/current`,
      operationId: 'readCurrentSpendingPlanIteration',
      summary: 'Read current spending plan iteration',
      request: { params: planParams },
      responses: { 200: iteration, ...errorResponses(404) },
    }),
    readIteration: route({
      method: 'get',
      path: `${base}/{spending_plan_guid}/iterations/{iteration_number}`,
      operationId: 'readSpendingPlanIteration',
      summary: 'Read a spending plan iteration',
      description: 'A past or the current iteration by number; 404 for one that has not begun.',
      request: { params: numberParams },
      responses: { 200: iteration, ...errorResponses(404) },
    }),
    listItems: route({
      method: 'get',
      path: itemsPath,
      operationId: 'listSpendingPlanIterationItems',
      summary: 'List spending plan iteration items',
      description:
        "The current iteration's items in the order they were made; a new iteration starts with the items " +
        'of the one before.',
      request: { params: planParams, query: pageQuery1000 },
      responses: { 200: versionJson(v, items.items), ...errorResponses(400, 404) },
    }),
    createItem: route({
      method: 'post',
      path: itemsPath,
      operationId: 'createSpendingPlanIterationItem',
      summary: 'Create spending plan iteration item',
      description:
        'An item of the current iteration: `planned_amount` is required; `item_type` defaults to 1 ' +
        '(PLANNED_EXPENSE); a category the user does not have is a 404.',
      request: { params: planParams, body: jsonBody(s.SpendingPlanItemRequestSchema) },
      responses: { 200: item, ...errorResponses(400, 404, 415) },
    }),
    readItem: route({
      method: 'get',
      path: `${itemsPath}/{iteration_item_guid}`,
      operationId: 'readSpendingPlanIterationItem',
      summary: 'Read a spending plan iteration item',
      request: { params: itemParams },
      responses: { 200: item, ...errorResponses(404) },
    }),
    updateItem: route({
      method: 'put',
      path: `${itemsPath}/{iteration_item_guid}`,
      operationId: 'updateSpendingPlanIterationItem',
      summary: 'Update a spending plan iteration item',
      description: 'Sets `planned_amount` (required) and any other field given.',
      request: { params: itemParams, body: jsonBody(s.SpendingPlanItemRequestSchema) },
      responses: { 200: item, ...errorResponses(400, 404, 415) },
    }),
    deleteItem: route({
      method: 'delete',
      path: `${itemsPath}/{iteration_item_guid}`,
      operationId: 'deleteSpendingPlanIterationItem',
      summary: 'Delete spending plan iteration item',
      request: { params: itemParams },
      responses: { 204: { description: 'No Content' }, ...errorResponses(404) },
    }),
  };
}

const presentPlan = (tenant: Tenant, p: SpendingPlanRecord) => ({
  created_at: isoTime(p.created_at_ms),
  current_iteration_number: currentIterationNumber(tenant, p),
  guid: p.guid,
  updated_at: isoTime(p.updated_at_ms),
  user_guid: p.user_guid,
});

const presentIteration = (i: Iteration) => ({
  created_at: isoTime(i.created_at_ms),
  end_on: i.end_on,
  guid: i.guid,
  iteration_number: i.iteration_number,
  spending_plan_guid: i.spending_plan_guid,
  start_on: i.start_on,
  updated_at: isoTime(i.created_at_ms),
  user_guid: i.user_guid,
});

const presentAccount = (tenant: Tenant, p: SpendingPlanRecord, a: { guid: string; account: AccountRecord }) => ({
  account_guid: a.account.guid,
  client_guid: stableGuid('CLT', tenant.clientId),
  created_at: isoTime(p.created_at_ms),
  guid: a.guid,
  spending_plan_guid: p.guid,
  updated_at: isoTime(p.created_at_ms),
  user_guid: p.user_guid,
});

export function registerSpendingPlanRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);
  const stringType = v.version === 'v20111101';
  const presentItem = (tenant: Tenant, user: UserRecord, p: SpendingPlanRecord, i: SpendingPlanItemRecord) => ({
    ...actualOf(tenant, user, p, i),
    category_guid: i.category_guid,
    created_at: isoTime(i.created_at_ms),
    guid: i.guid,
    item_type: stringType ? String(i.item_type) : i.item_type,
    planned_amount: i.planned_amount,
    scheduled_payment_guid: i.scheduled_payment_guid,
    spending_plan_iteration_guid: iterationOf(p, i.iteration_number).guid,
    top_level_category_guid: i.top_level_category_guid,
    updated_at: isoTime(i.updated_at_ms),
    user_guid: i.user_guid,
  });
  const at = (tenant: Tenant, params: Record<string, string | undefined>) => {
    const user = userOf(tenant, params);
    return { user, plan: spendingPlanOf(tenant, user, params.spending_plan_guid as string) };
  };

  api.openapi(routes.listPlans, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    const { items, pagination } = paginate(spendingPlansOf(tenant, user), c.req.valid('query'), 1000);
    return c.json({ spending_plans: items.map((p) => presentPlan(tenant, p)), pagination }, 200);
  });

  api.openapi(routes.createPlan, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    return c.json(presentPlan(tenant, createSpendingPlan(tenant, user)), 200);
  });

  api.openapi(routes.readPlan, (c) => {
    const tenant = c.env.tenant;
    return c.json(presentPlan(tenant, at(tenant, c.req.valid('param')).plan), 200);
  });

  api.openapi(routes.deletePlan, (c) => {
    const params = c.req.valid('param');
    const { user } = at(c.env.tenant, params);
    deleteSpendingPlan(c.env.tenant, user, params.spending_plan_guid as string);
    return c.body(null, 204);
  });

  api.openapi(routes.listAccounts, (c) => {
    const tenant = c.env.tenant;
    const { user, plan } = at(tenant, c.req.valid('param'));
    const { items, pagination } = paginate(planAccountsOf(tenant, user, plan), c.req.valid('query'), 1000);
    return c.json({ spending_plan_accounts: items.map((a) => presentAccount(tenant, plan, a)), pagination }, 200);
  });

  api.openapi(routes.readAccount, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const { user, plan } = at(tenant, params);
    const account = planAccountOf(tenant, user, plan, params.spending_plan_account_guid as string);
    return c.json(presentAccount(tenant, plan, account), 200);
  });

  api.openapi(routes.deleteAccount, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const { user, plan } = at(tenant, params);
    deletePlanAccount(tenant, user, plan, params.spending_plan_account_guid as string);
    return c.body(null, 204);
  });

  api.openapi(routes.listIterations, (c) => {
    const tenant = c.env.tenant;
    const { plan } = at(tenant, c.req.valid('param'));
    const { items, pagination } = paginate(iterationsOf(tenant, plan), c.req.valid('query'), 1000);
    return c.json({ iterations: items.map(presentIteration), pagination }, 200);
  });

  api.openapi(routes.readCurrent, (c) => {
    const tenant = c.env.tenant;
    const { plan } = at(tenant, c.req.valid('param'));
    return c.json(presentIteration(iterationOf(plan, currentIterationNumber(tenant, plan))), 200);
  });

  api.openapi(routes.readIteration, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const { plan } = at(tenant, params);
    const raw = params.iteration_number as string;
    if (!/^\d+$/.test(raw)) throw errors.notFound('spending_plan_iteration', raw);
    return c.json(presentIteration(iterationNumbered(tenant, plan, Number(raw))), 200);
  });

  api.openapi(routes.listItems, (c) => {
    const tenant = c.env.tenant;
    const { user, plan } = at(tenant, c.req.valid('param'));
    const { items, pagination } = paginate(currentItemsOf(tenant, user, plan), c.req.valid('query'), 1000);
    return c.json({ iteration_items: items.map((i) => presentItem(tenant, user, plan, i)), pagination }, 200);
  });

  api.openapi(routes.createItem, (c) => {
    const tenant = c.env.tenant;
    const { user, plan } = at(tenant, c.req.valid('param'));
    return c.json(presentItem(tenant, user, plan, createItem(tenant, user, plan, c.req.valid('json'))), 200);
  });

  api.openapi(routes.readItem, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const { user, plan } = at(tenant, params);
    return c.json(
      presentItem(tenant, user, plan, itemOf(tenant, user, plan, params.iteration_item_guid as string)),
      200,
    );
  });

  api.openapi(routes.updateItem, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const { user, plan } = at(tenant, params);
    const updated = updateItem(tenant, user, plan, params.iteration_item_guid as string, c.req.valid('json'));
    return c.json(presentItem(tenant, user, plan, updated), 200);
  });

  api.openapi(routes.deleteItem, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const { user, plan } = at(tenant, params);
    deleteItem(tenant, user, plan, params.iteration_item_guid as string);
    return c.body(null, 204);
  });
}
