// Transactions: by user, member, account (and account per member), and read by guid, newest first.
// Filters: from_date/to_date on the transaction date (MX's defaults: 120 days back to 5 days ahead),
// created/updated ranges, `includes` enhancements. Dates are Unix seconds or YYYY-MM-DD.
import { z } from '@hono/zod-openapi';
import { accountOf, accountsOf, memberOf, userOf } from '../domain/lookup.js';
import { errors } from '../errors.js';
import { stableGuid } from '../generators/ids.js';
import type { AccountRecord } from '../generators/records.js';
import { findTransaction, transactionFacts } from '../generators/transaction-facts.js';
import {
  DAY_MS,
  type Source,
  type StreamFilter,
  select,
  selectPage,
  type TimeRange,
} from '../generators/transactions.js';
import { type Presenter, type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { type PageRequest, pageQuery1000, resolvePage } from '../pagination.js';
import { dateParam, errorResponses, mergeArrayParam } from '../schemas/common.js';
import { useCaseQuery } from '../schemas/params.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import type { VersionApi } from './context.js';

const INCLUDES = ['repeating_transactions', 'merchants', 'classifications', 'geolocations'] as const;
type Include = (typeof INCLUDES)[number];

const includesParam = z
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

const filterQuery = pageQuery1000.extend({
  from_date: dateParam('from_date', 'Transactions dated on or after this day. Default: 120 days ago.'),
  to_date: dateParam('to_date', 'Transactions dated on or before this day. Default: 5 days ahead.'),
  from_created_at: dateParam('from_created_at', 'Created (pulled from the institution) at or after.'),
  to_created_at: dateParam('to_created_at', 'Created at or before.'),
  from_updated_at: dateParam('from_updated_at', 'Updated at or after.'),
  to_updated_at: dateParam('to_updated_at', 'Updated at or before.'),
  includes: includesParam,
});
const userQuery = filterQuery.extend({ use_case: useCaseQuery });

type FilterQuery = z.infer<typeof filterQuery> & {
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

function parseIncludes(value: string | undefined): Set<Include> {
  const out = new Set<Include>();
  if (!value) return out;
  for (const part of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!(INCLUDES as readonly string[]).includes(part)) {
      throw errors.validation(`includes: '${part}' is not an enhancement; use any of ${INCLUDES.join(', ')}`);
    }
    out.add(part as Include);
  }
  return out;
}

const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** A day bound (YYYY-MM-DD, or the day of a Unix timestamp) as the start of that UTC day. */
function day(value: string): number {
  return value.includes('-') ? Date.parse(`${value}T00:00:00Z`) : dayStart(Number(value) * 1000);
}

/** An instant bound: a Unix timestamp exactly, or a date as a whole day. */
function instant(value: string, end: boolean): number {
  if (!value.includes('-')) return Number(value) * 1000 + (end ? 1000 : 0);
  return day(value) + (end ? DAY_MS : 0);
}

function range(from: string | undefined, to: string | undefined, names: string): TimeRange | undefined {
  if (from === undefined && to === undefined) return undefined;
  const r: TimeRange = {};
  if (from !== undefined) r.from = instant(from, false);
  if (to !== undefined) r.to = instant(to, true);
  if (r.from !== undefined && r.to !== undefined && r.from >= r.to) {
    throw errors.validation(`${names}: the start (${from}) is after the end (${to})`);
  }
  return r;
}

function filterOf(q: FilterQuery, now: number): StreamFilter {
  const from = q.from_date !== undefined ? day(q.from_date) : dayStart(now) - 120 * DAY_MS;
  const to = (q.to_date !== undefined ? day(q.to_date) : dayStart(now) + 5 * DAY_MS) + DAY_MS;
  if (from >= to)
    throw errors.validation(
      `from_date: ${q.from_date ?? 'the default'} is after to_date (${q.to_date ?? 'the default'})`,
    );
  const filter: StreamFilter = { date: { from, to } };
  const created = range(
    q.from_created_at ?? q.from_timestamp,
    q.to_created_at ?? q.to_timestamp,
    'from_created_at/to_created_at',
  );
  if (created) filter.created = created;
  const updated = range(q.from_updated_at, q.to_updated_at, 'from_updated_at/to_updated_at');
  if (updated) filter.updated = updated;
  return filter;
}

function pageOf(
  present: Presenter,
  accounts: readonly AccountRecord[],
  q: FilterQuery & PageRequest,
  user: UserRecord,
  now: number,
) {
  const includes = parseIncludes(q.includes);
  const filter = filterOf(q, now);
  const sources: Array<Source<AccountRecord>> = accounts.map((a) => {
    const keep = categoryTest(a, q);
    return { owner: a, stream: a.stream, set: select(a.stream, keep ? { ...filter, keep } : filter) };
  });
  const { page: current, perPage } = resolvePage(q, 1000);
  const { total, rows } = selectPage(sources, (current - 1) * perPage, perPage);
  return {
    transactions: rows.map((r) => present.transaction(r.owner, r.k, user, includes)),
    pagination: {
      current_page: current,
      per_page: perPage,
      total_entries: total,
      total_pages: Math.ceil(total / perPage),
    },
  };
}

/** v20111101's category filters: the transaction's category (or its top-level category) is one of those given. */
function categoryTest(a: AccountRecord, q: FilterQuery): ((k: number) => boolean) | undefined {
  const categories = mergeArrayParam(q.category_guid, q['category_guid[]']);
  const tops = mergeArrayParam(q.top_level_category_guid, q['top_level_category_guid[]']);
  if (!categories && !tops) return undefined;
  return (k) => {
    const category = transactionFacts(a, k).category;
    return (
      (!categories || categories.includes(category.guid)) &&
      (!tops || tops.includes(stableGuid('CAT', 'category', category.top)))
    );
  };
}

/** A pulled transaction of these accounts by guid (or, when `byId`, its id); 404 otherwise. */
function transactionIn(accounts: readonly AccountRecord[], identifier: string, byId: boolean) {
  const hit = findTransaction(accounts, identifier, byId);
  if (!hit) throw errors.notFound('transaction', identifier);
  return hit;
}

export function registerTransactionRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);
  const present = v.present;
  const page = (tenant: Tenant, accounts: readonly AccountRecord[], q: FilterQuery & PageRequest, user: UserRecord) =>
    pageOf(present, accounts, q, user, tenant.clock.now());
  api.openapi(routes.byUser, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    const q = c.req.valid('query');
    const accounts = accountsOf(tenant, user, q.use_case);
    return c.json(page(tenant, accounts, q, user), 200);
  });

  api.openapi(routes.byMember, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const member = memberOf(tenant, user, params);
    return c.json(page(tenant, member.data?.accounts ?? [], c.req.valid('query'), user), 200);
  });

  api.openapi(routes.byAccount, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const account = accountOf(accountsOf(tenant, user), params);
    return c.json(page(tenant, [account], c.req.valid('query'), user), 200);
  });

  api.openapi(routes.byAccountPerMember, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const member = memberOf(tenant, user, params);
    const account = accountOf(member.data?.accounts ?? [], params);
    return c.json(page(tenant, [account], c.req.valid('query'), user), 200);
  });

  api.openapi(routes.read, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const includes = parseIncludes(c.req.valid('query').includes);
    const { account, k } = transactionIn(accountsOf(tenant, user), params.transaction_guid as string, false);
    return c.json({ transaction: present.transaction(account, k, user, includes) }, 200);
  });

  api.openapi(routes.readByAccount, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const member = memberOf(tenant, user, params);
    const account = accountOf(member.data?.accounts ?? [], params);
    const includes = parseIncludes(c.req.valid('query').includes);
    const hit = transactionIn([account], params.transaction_identifier as string, true);
    return c.json({ transaction: present.transaction(hit.account, hit.k, user, includes) }, 200);
  });
}
