// Transactions: by user, member, account (and account per member), and read by guid, newest first.
// Filters: from_date/to_date on the transaction date (MX's defaults: 120 days back to 5 days ahead),
// created/updated ranges, `includes` enhancements. Dates are Unix seconds or YYYY-MM-DD.
import { z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import { accountOf, accountsOf, memberOf, userOf } from '../domain/lookup.js';
import { memberAccountsAt, transactionSources } from '../domain/manual.js';
import { overlayOf } from '../domain/transaction-edits.js';
import { listWithChildren, readTransactionOrChild, splitChildrenUnder } from '../domain/transaction-splits.js';
import { filterOf, INCLUDES, parseIncludes, type TransactionQuery, transactionPage } from '../domain/transactions.js';
import type { AccountRecord } from '../generators/records.js';
import { type Presenter, type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { type PageRequest, type Pagination, pageQuery1000, resolvePage } from '../pagination.js';
import { dateParam, errorResponses, mergeArrayParam } from '../schemas/common.js';
import { useCaseQuery } from '../schemas/params.js';
import type { UserRecord } from '../store/users.js';
import type { VersionApi, VersionEnv } from './context.js';
import { TransactionJson } from './transaction-json.js';

export const includesParam = z
  .string()
  .optional()
  .openapi({
    param: {
      name: 'includes',
      in: 'query',
      description: `Comma-separated enhancements: ${INCLUDES.join(', ')}.`,
    },
    example: 'merchants,classifications',
  });

export const filterQuery = pageQuery1000.extend({
  from_date: dateParam('from_date', 'Transactions dated on or after this day. Default: 120 days ago.'),
  to_date: dateParam('to_date', 'Transactions dated on or before this day. Default: 5 days ahead.'),
  from_created_at: dateParam('from_created_at', 'Created (pulled from the institution) at or after.'),
  to_created_at: dateParam('to_created_at', 'Created at or before.'),
  from_updated_at: dateParam('from_updated_at', 'Updated at or after.'),
  to_updated_at: dateParam('to_updated_at', 'Updated at or before.'),
  includes: includesParam,
});
export const userQuery = filterQuery.extend({ use_case: useCaseQuery });

export type FilterQuery = z.infer<typeof filterQuery> & {
  from_timestamp?: string;
  to_timestamp?: string;
  category_guid?: string[];
  'category_guid[]'?: string[];
  top_level_category_guid?: string[];
  'top_level_category_guid[]'?: string[];
};

function routesFor(v: VersionLayer) {
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'transactions', r);
  const pathParams = (...names: string[]) => versionParams(v, ...names);
  const list = (description: string) => ({
    responses: { 200: versionJson(v, v.schemas.TransactionsBody), ...errorResponses(400, 404) },
    description,
  });
  // The version's own filters (v20111101: categories) join every list's query.
  // (Typed as the shared query: the handlers read the version's own filters through FilterQuery.)
  const withExtra = <S extends z.ZodObject>(query: S, more: Record<string, z.ZodType> = {}) =>
    query.extend({ ...v.transactionQuery, ...more }) as unknown as S;
  return {
    byUser: route({
      method: 'get',
      path: '/users/{user_identifier}/transactions',
      operationId: 'listTransactions',
      summary: 'List transactions',
      request: { params: pathParams('user_identifier'), query: withExtra(userQuery) },
      ...list("Every transaction of the user's members, newest first."),
    }),
    byMember: route({
      method: 'get',
      path: '/users/{user_identifier}/members/{member_identifier}/transactions',
      operationId: 'listTransactionsByMember',
      summary: 'List transactions by member',
      request: {
        params: pathParams('user_identifier', 'member_identifier'),
        query: withExtra(filterQuery, v.memberTransactionQuery),
      },
      ...list('Transactions of every account of the member, newest first.'),
    }),
    byAccount: route({
      method: 'get',
      path: '/users/{user_guid}/accounts/{account_guid}/transactions',
      operationId: 'listTransactionsByAccount',
      summary: 'List transactions by account',
      request: { params: pathParams('user_guid', 'account_guid'), query: withExtra(filterQuery) },
      ...list('Transactions of one account, newest first.'),
    }),
    byAccountPerMember: route({
      method: 'get',
      path: '/users/{user_guid}/members/{member_guid}/accounts/{account_guid}/transactions',
      operationId: 'listTransactionsByAccountPerMember',
      summary: 'List transactions by account (per member)',
      request: { params: pathParams('user_guid', 'member_guid', 'account_guid'), query: withExtra(filterQuery) },
      ...list('Transactions of one account of the member, newest first.'),
    }),
    read: route({
      method: 'get',
      path: '/users/{user_guid}/transactions/{transaction_guid}',
      operationId: 'readTransaction',
      summary: 'Read transaction',
      request: {
        params: pathParams('user_guid', 'transaction_guid'),
        query: z.object({ includes: includesParam }),
      },
      responses: { 200: versionJson(v, v.schemas.TransactionBody), ...errorResponses(400, 404) },
    }),
    readByAccount: route({
      method: 'get',
      path: '/users/{user_identifier}/members/{member_identifier}/accounts/{account_identifier}/transactions/{transaction_identifier}',
      operationId: 'readTransactionByAccount',
      summary: 'Read transaction by account',
      request: {
        params: pathParams('user_identifier', 'member_identifier', 'account_identifier', 'transaction_identifier'),
        query: z.object({ includes: includesParam }),
      },
      responses: { 200: versionJson(v, v.schemas.TransactionBody), ...errorResponses(400, 404) },
    }),
  };
}

/** The query as the domain reads it: v20111101's category filters in either array form. */
export function queryOf(q: FilterQuery & PageRequest): TransactionQuery {
  return {
    ...q,
    categories: mergeArrayParam(q.category_guid, q['category_guid[]']),
    topCategories: mergeArrayParam(q.top_level_category_guid, q['top_level_category_guid[]']),
  };
}

type PageBody = { transactions: object[]; pagination: Pagination };

/**
 * A page of transactions: what `c.json({ transactions, pagination }, 200)` would answer, byte for byte,
 * its transactions' JSON joined from the texts TransactionJson keeps, sent as `c.json` sends its bytes.
 */
function pageOf(
  c: Context<VersionEnv>,
  json: TransactionJson,
  accounts: readonly AccountRecord[],
  q: FilterQuery & PageRequest,
  user: UserRecord,
  present: Presenter,
): Response & TypedResponse<PageBody, 200, 'json'> {
  const includes = parseIncludes(q.includes);
  const query = queryOf(q);
  const now = c.env.tenant.clock.now();
  // What decides the page besides the accounts: the filter as resolved (the default window moves with
  // the clock's day; a bad range is refused here, before anything is kept), the page and the includes.
  const filter = filterOf(query, now);
  const overlay = overlayOf(c.env.tenant, user);
  const key = JSON.stringify([
    filter,
    query.categories ?? null,
    query.topCategories ?? null,
    resolvePage(q, 1000),
    [...includes].sort(),
  ]);
  const body = json.page(
    accounts,
    user,
    key,
    () => {
      const { rows, pagination } = transactionPage(accounts, query, now, filter, overlay);
      if (overlay?.splits) {
        // Split children follow their parents on the parent's page (docs/transaction-edits.md#splits).
        const tenant = c.env.tenant;
        const one = (a: AccountRecord, k: number) => present.transaction(a, k, user, includes);
        const text = listWithChildren(tenant, user, rows, overlay, one);
        pagination.total_entries += splitChildrenUnder(tenant, user, accounts, query, filter, overlay);
        return `{"transactions":${text},"pagination":${JSON.stringify(pagination)}}`;
      }
      return `{"transactions":${json.list(rows, user, includes, overlay)},"pagination":${JSON.stringify(pagination)}}`;
    },
    overlay,
  );
  return c.body(body, 200, { 'content-type': 'application/json' }) as unknown as Response &
    TypedResponse<PageBody, 200, 'json'>;
}

export function registerTransactionRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);
  const present = v.present;
  // One per version app: its texts are of this version's presenter.
  const json = new TransactionJson(present);
  const page = (
    c: Context<VersionEnv>,
    accounts: readonly AccountRecord[],
    q: FilterQuery & PageRequest,
    user: UserRecord,
  ) => pageOf(c, json, transactionSources(c.env.tenant, user, accounts), q, user, present);
  api.openapi(routes.byUser, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    const q = c.req.valid('query');
    const accounts = accountsOf(tenant, user, q.use_case);
    return page(c, accounts, q, user);
  });

  api.openapi(routes.byMember, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const { accounts } = memberAccountsAt(tenant, user, params, memberOf);
    return page(c, accounts, c.req.valid('query'), user);
  });

  api.openapi(routes.byAccount, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const account = accountOf(accountsOf(tenant, user), params);
    return page(c, [account], c.req.valid('query'), user);
  });

  api.openapi(routes.byAccountPerMember, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const account = accountOf(memberAccountsAt(tenant, user, params, memberOf).accounts, params);
    return page(c, [account], c.req.valid('query'), user);
  });

  api.openapi(routes.read, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const includes = parseIncludes(c.req.valid('query').includes);
    const one = (a: AccountRecord, k: number) => present.transaction(a, k, user, includes);
    const guid = params.transaction_guid as string;
    return c.json(
      {
        transaction: readTransactionOrChild(
          tenant,
          user,
          transactionSources(tenant, user, accountsOf(tenant, user)),
          guid,
          false,
          one,
        ),
      },
      200,
    );
  });

  api.openapi(routes.readByAccount, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const account = accountOf(memberAccountsAt(tenant, user, params, memberOf).accounts, params);
    const includes = parseIncludes(c.req.valid('query').includes);
    const one = (a: AccountRecord, k: number) => present.transaction(a, k, user, includes);
    const id = params.transaction_identifier as string;
    return c.json(
      { transaction: readTransactionOrChild(tenant, user, transactionSources(tenant, user, [account]), id, true, one) },
      200,
    );
  });
}
