// Insights: the user's insights derived from their recent history (list, by account, by transaction,
// read, update) and what each cites (accounts, categories, merchants, scheduled payments, transactions),
// by the guids the ordinary endpoints answer. See docs/insights.md.
import type { z } from '@hono/zod-openapi';
import { categoryOf } from '../domain/categories.js';
import {
  type Insight,
  insightOf,
  insightsByAccount,
  insightsByTransaction,
  insightsOf,
  updateInsight,
} from '../domain/insights.js';
import { accountsOf, userOf } from '../domain/lookup.js';
import { merchantOf } from '../domain/merchants.js';
import { type EditableJson, overlayOf } from '../domain/transaction-edits.js';
import { stableGuid } from '../generators/ids.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery100, paginate } from '../pagination.js';
import * as presentCategories from '../presenters/categories.js';
import * as present from '../presenters/insights.js';
import { errorResponses, jsonBody } from '../schemas/common.js';
import { CategoriesBodySchema } from '../schemas/v20250224/categories.js';
import { MerchantsBodySchema } from '../schemas/v20250224/insight.js';
import * as s from '../schemas/v20250224/insights.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { presentAccount } from './accounts.js';
import type { VersionApi } from './context.js';
import { merchant } from './merchants.js';

const DERIVED =
  "Insights are derived from the user's recent history when read (since the first day of the month before " +
  'last, at most 1000 transactions per account): subscriptions, bills higher or lower than usual, bills ' +
  'coming up, large purchases, low balances, spending up in a category. Newest first.';

function routesFor(v: VersionLayer) {
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'insights', r);
  const many = versionJson(v, s.InsightsBodySchema);
  const cited = <S extends z.ZodType>(what: string, operationId: string, summary: string, path: string, schema: S) =>
    route({
      method: 'get',
      path: `/users/{user_guid}/insights/{insight_guid}/${path}`,
      operationId,
      summary,
      description: `The ${what} the insight cites, as their own endpoints answer them.`,
      request: { params: versionParams(v, 'user_guid', 'insight_guid'), query: pageQuery100 },
      responses: { 200: versionJson(v, schema), ...errorResponses(400, 404) },
    });
  return {
    list: route({
      method: 'get',
      path: '/users/{user_guid}/insights',
      operationId: 'listInsightsUser',
      summary: 'List all insights for a user',
      description: DERIVED,
      request: { params: versionParams(v, 'user_guid'), query: pageQuery100 },
      responses: { 200: many, ...errorResponses(400, 404) },
    }),
    byAccount: route({
      method: 'get',
      path: '/users/{user_guid}/accounts/{account_guid}/insights',
      operationId: 'listInsightsByAccount',
      summary: 'List insights by account',
      description: 'The insights that cite the account.',
      request: { params: versionParams(v, 'user_guid', 'account_guid'), query: pageQuery100 },
      responses: { 200: many, ...errorResponses(400, 404) },
    }),
    byTransaction: route({
      method: 'get',
      path: '/users/{user_guid}/transactions/{transaction_guid}/insights',
      operationId: 'listInsightsByTransaction',
      summary: 'List insights by transaction',
      description: 'The insights that cite the transaction.',
      request: { params: versionParams(v, 'user_guid', 'transaction_guid'), query: pageQuery100 },
      responses: { 200: many, ...errorResponses(400, 404) },
    }),
    accounts: cited(
      'accounts',
      'listAccountsInsight',
      'List all accounts associated with an insight',
      'accounts',
      v.schemas.AccountsBody,
    ),
    categories: cited(
      'categories',
      'listCategoriesInsight',
      'List all categories associated with an insight',
      'categories',
      CategoriesBodySchema,
    ),
    merchants: cited(
      'merchants',
      'listMerchantsInsight',
      'List all merchants associated with an insight',
      'merchants',
      MerchantsBodySchema,
    ),
    scheduledPayments: cited(
      'scheduled payments (from the repeating series it is about)',
      'listScheduledPaymentsInsight',
      'List all scheduled payments associated with an insight',
      'scheduled_payments',
      s.ScheduledPaymentsBodySchema,
    ),
    transactions: cited(
      'transactions',
      'listTransactionsInsight',
      'List all transactions associated with an insight',
      'transactions',
      v.schemas.TransactionsBody,
    ),
    read: route({
      method: 'get',
      path: '/users/{user_guid}/insights/{insight_guid}',
      operationId: 'readInsightUser',
      summary: 'Read insight',
      description: 'One insight of the user, while the pattern it is about remains.',
      request: { params: versionParams(v, 'user_guid', 'insight_guid') },
      responses: { 200: versionJson(v, s.InsightBodySchema), ...errorResponses(404) },
    }),
    update: route({
      method: 'put',
      path: '/users/{user_guid}/insights/{insight_guid}',
      operationId: 'updateInsight',
      summary: 'Update insight',
      description:
        'Marks the insight displayed or dismissed; the marks stay with its guid (across aggregations). ' +
        "The answer is the insight itself, not wrapped, as MX's documents declare it.",
      request: {
        params: versionParams(v, 'user_guid', 'insight_guid'),
        body: jsonBody(s.InsightUpdateBodySchema),
      },
      responses: { 200: versionJson(v, s.InsightSchema), ...errorResponses(400, 404, 415) },
    }),
  };
}

export function registerInsightRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);
  const wire = (tenant: Tenant, user: UserRecord) => {
    const client = stableGuid('CLT', tenant.clientId);
    return (i: Insight) => present.insight(i, user, client);
  };
  const at = (tenant: Tenant, params: Record<string, string | undefined>) => {
    const user = userOf(tenant, params);
    return { user, insight: insightOf(tenant, user, params[v.param('insight_guid')] as string) };
  };

  api.openapi(routes.list, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    const { items, pagination } = paginate(insightsOf(tenant, user), c.req.valid('query'), 100);
    return c.json({ insights: items.map(wire(tenant, user)), pagination }, 200);
  });

  /** A page of the insights that cite one account or transaction of the user (by the path's guid). */
  const citing = (
    tenant: Tenant,
    params: Record<string, string | undefined>,
    query: Parameters<typeof paginate>[1],
    by: (tenant: Tenant, user: UserRecord, guid: string) => Insight[],
    param: string,
  ) => {
    const user = userOf(tenant, params);
    const { items, pagination } = paginate(by(tenant, user, params[v.param(param)] as string), query, 100);
    return { insights: items.map(wire(tenant, user)), pagination };
  };

  api.openapi(routes.byAccount, (c) =>
    c.json(citing(c.env.tenant, c.req.valid('param'), c.req.valid('query'), insightsByAccount, 'account_guid'), 200),
  );

  api.openapi(routes.byTransaction, (c) =>
    c.json(
      citing(c.env.tenant, c.req.valid('param'), c.req.valid('query'), insightsByTransaction, 'transaction_guid'),
      200,
    ),
  );

  api.openapi(routes.accounts, (c) => {
    const tenant = c.env.tenant;
    const { user, insight } = at(tenant, c.req.valid('param'));
    const wanted = new Set(insight.account_guids);
    const accounts = accountsOf(tenant, user).filter((a) => wanted.has(a.guid));
    const members = new Map(tenant.members.forUser(user.guid).map((m) => [m.guid, m]));
    const { items, pagination } = paginate(accounts, c.req.valid('query'), 100);
    return c.json(
      {
        accounts: items.map((a) => presentAccount(v.present, tenant, a, members.get(a.member_guid), user)),
        pagination,
      },
      200,
    );
  });

  api.openapi(routes.categories, (c) => {
    const tenant = c.env.tenant;
    const { user, insight } = at(tenant, c.req.valid('param'));
    const { items, pagination } = paginate(insight.category_guids, c.req.valid('query'), 100);
    return c.json(
      { categories: items.map((g) => presentCategories.category(categoryOf(tenant, user, g))), pagination },
      200,
    );
  });

  api.openapi(routes.merchants, (c) => {
    const { insight } = at(c.env.tenant, c.req.valid('param'));
    const { items, pagination } = paginate(insight.merchant_guids, c.req.valid('query'), 100);
    return c.json({ merchants: items.map((g) => merchant(merchantOf(g))), pagination }, 200);
  });

  api.openapi(routes.scheduledPayments, (c) => {
    const { insight } = at(c.env.tenant, c.req.valid('param'));
    const { items, pagination } = paginate(insight.scheduled_payments, c.req.valid('query'), 100);
    return c.json({ scheduled_payments: items.map(present.scheduledPayment), pagination }, 200);
  });

  api.openapi(routes.transactions, (c) => {
    const tenant = c.env.tenant;
    const { user, insight } = at(tenant, c.req.valid('param'));
    const { items, pagination } = paginate(insight.transactions, c.req.valid('query'), 100);
    const none = new Set<never>();
    const overlay = overlayOf(tenant, user);
    const transactions = items.map((t) => {
      const tx = v.present.transaction(t.account, t.k, user, none) as EditableJson;
      return overlay ? overlay.apply(tx) : tx;
    });
    return c.json({ transactions, pagination }, 200);
  });

  api.openapi(routes.read, (c) => {
    const tenant = c.env.tenant;
    const { user, insight } = at(tenant, c.req.valid('param'));
    return c.json({ insight: wire(tenant, user)(insight) }, 200);
  });

  api.openapi(routes.update, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const updated = updateInsight(tenant, user, params[v.param('insight_guid')] as string, c.req.valid('json').insight);
    return c.json(wire(tenant, user)(updated), 200);
  });
}
