// Repeating transactions and the monthly cash-flow profile of a user. See docs/merchants-insight-data.md.
import { cashFlowProfileOf, updateCashFlowProfile } from '../domain/cash-flow.js';
import { userOf } from '../domain/lookup.js';
import { type RepeatingSeries, repeatingOf, repeatingOne } from '../domain/repeating.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { errorResponses, json, jsonBody } from '../schemas/common.js';
import * as s from '../schemas/v20250224/insight.js';
import type { VersionApi } from './context.js';

function repeating(r: RepeatingSeries) {
  const { merchant_guid, ...rest } = r;
  // A series without a merchant (a mortgage payment, interest) leaves merchant_guid out: MX types it a string.
  return merchant_guid === null ? rest : { ...rest, merchant_guid };
}

function routesFor(v: VersionLayer) {
  const route = <const R extends Parameters<typeof versionRoute>[2]>(tag: string, r: R) => versionRoute(v, tag, r);
  return {
    list: route('transactions', {
      method: 'get',
      path: '/users/{user_guid}/repeating_transactions',
      operationId: 'repeatingTransactions',
      summary: 'List repeating transactions',
      description:
        "The user's recurring bills, subscriptions and income, account by account: one per recurring kind " +
        "and merchant the account's newest 1000 transactions show, with its last posted date and the next " +
        'one predicted on its cadence.',
      request: { params: versionParams(v, 'user_guid') },
      responses: { 200: versionJson(v, s.RepeatingBodySchema), ...errorResponses(404) },
    }),
    read: route('transactions', {
      method: 'get',
      path: '/users/{user_guid}/repeating_transactions/{repeating_transaction_guid}',
      operationId: 'specificRepeatingTransaction',
      summary: 'Get a repeating transaction',
      description:
        'One repeating transaction, in a list of one (as MX declares it); the guid is the one transactions ' +
        'show under `includes=repeating_transactions`.',
      request: { params: versionParams(v, 'user_guid', 'repeating_transaction_guid') },
      responses: { 200: versionJson(v, s.RepeatingBodySchema), ...errorResponses(404) },
    }),
    readProfile: route('monthly cash flow profile', {
      method: 'get',
      path: '/users/{user_identifier}/monthly_cash_flow_profile',
      operationId: 'readMonthlyCashFlowProfile',
      summary: 'Read monthly cash flow profile',
      description:
        "Budgeted income and expenses: the user's monthly averages over the last 90 days of posted " +
        'transactions; the estimated goals contribution is income less expenses (at least 0).',
      request: { params: versionParams(v, 'user_identifier') },
      responses: { 200: json(s.CashFlowBodySchema), ...errorResponses(404) },
    }),
    updateProfile: route('monthly cash flow profile', {
      method: 'put',
      path: '/users/{user_identifier}/monthly_cash_flow_profile',
      operationId: 'updateMonthlyCashFlowProfile',
      summary: 'Update monthly cash flow profile',
      description:
        'Sets `goals_contribution` (0 or more) and/or `uses_estimated_goals_contribution`, under ' +
        "`monthly_cash_flow_profile` (or `institution`, the name MX's v20111101 document gives it).",
      request: { params: versionParams(v, 'user_identifier'), body: jsonBody(s.CashFlowRequestBodySchema) },
      responses: { 200: json(s.CashFlowBodySchema), ...errorResponses(400, 404, 415) },
    }),
  };
}

export function registerCashFlowRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);

  api.openapi(routes.list, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    return c.json({ repeating_transactions: repeatingOf(c.env.tenant, user).map(repeating) }, 200);
  });

  api.openapi(routes.read, (c) => {
    const params = c.req.valid('param');
    const user = userOf(c.env.tenant, params);
    const one = repeatingOne(c.env.tenant, user, params.repeating_transaction_guid as string);
    return c.json({ repeating_transactions: [repeating(one)] }, 200);
  });

  api.openapi(routes.readProfile, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    return c.json({ monthly_cash_flow_profile: cashFlowProfileOf(c.env.tenant, user) }, 200);
  });

  api.openapi(routes.updateProfile, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    const body = c.req.valid('json');
    const change = body.monthly_cash_flow_profile ?? body.institution ?? {};
    return c.json({ monthly_cash_flow_profile: updateCashFlowProfile(c.env.tenant, user, change) }, 200);
  });
}
