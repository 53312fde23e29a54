// Accounts (by user, by member, read) and what hangs off them: account numbers, investment holdings.

import { reactivateHoldings } from '../domain/holdings.js';
import { accountOf, accountsOf, memberOf, userOf } from '../domain/lookup.js';
import { isManual, memberAccountsAt, memberOfAccount, withUserFields } from '../domain/manual.js';
import { requireProduct } from '../domain/products.js';
import { errors } from '../errors.js';
import type { AccountRecord, HoldingRecord } from '../generators/records.js';
import { type Presenter, type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery1000, paginate } from '../pagination.js';
import { booleanQuery, errorResponses } from '../schemas/common.js';
import { useCaseQuery } from '../schemas/params.js';
import type { MemberRecord } from '../store/members.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import type { VersionApi } from './context.js';

const flag = (name: string, description: string) =>
  booleanQuery.openapi({ param: { name, in: 'query', description }, type: 'boolean' });

function routesFor(v: VersionLayer) {
  const s = v.schemas;
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'accounts', r);
  const pathParams = (...names: string[]) => versionParams(v, ...names);
  return {
    byUser: route({
      method: 'get',
      path: '/users/{user_identifier}/accounts',
      operationId: 'listUserAccounts',
      summary: 'List accounts',
      request: {
        params: pathParams('user_identifier'),
        query: pageQuery1000.extend({
          member_is_managed_by_user: flag('member_is_managed_by_user', 'Only accounts of user-managed members.'),
          is_manual: flag('is_manual', 'Only manually created accounts.'),
          use_case: useCaseQuery,
        }),
      },
      responses: { 200: versionJson(v, s.AccountsBody), ...errorResponses(400, 404) },
    }),
    byMember: route({
      method: 'get',
      path: '/users/{user_identifier}/members/{member_identifier}/accounts',
      operationId: 'listMemberAccounts',
      summary: 'List accounts by member',
      request: {
        params: pathParams('user_identifier', 'member_identifier'),
        query: pageQuery1000.extend({
          member_is_managed_by_user: flag('member_is_managed_by_user', 'Only accounts of user-managed members.'),
        }),
      },
      responses: { 200: versionJson(v, s.AccountsBody), ...errorResponses(400, 404) },
    }),
    read: route({
      method: 'get',
      path: '/users/{user_guid}/accounts/{account_guid}',
      operationId: 'readAccount',
      summary: 'Read account',
      request: { params: pathParams('user_guid', 'account_guid') },
      responses: { 200: versionJson(v, s.AccountBody), ...errorResponses(404) },
    }),
    readByMember: route({
      method: 'get',
      path: '/users/{user_identifier}/members/{member_identifier}/accounts/{account_identifier}',
      operationId: 'readAccountByMember',
      summary: 'Read account by member',
      request: { params: pathParams('user_identifier', 'member_identifier', 'account_identifier') },
      responses: { 200: versionJson(v, s.AccountBody), ...errorResponses(404) },
    }),
    numbersByAccount: route({
      method: 'get',
      path: '/users/{user_identifier}/accounts/{account_identifier}/account_numbers',
      operationId: 'listAccountNumbersByAccount',
      summary: 'List account numbers by account',
      description: 'Empty until a verify job (or `account_verification` in the data request) succeeds.',
      request: { params: pathParams('user_identifier', 'account_identifier'), query: pageQuery1000 },
      responses: { 200: versionJson(v, s.AccountNumbersBody), ...errorResponses(400, 403, 404) },
    }),
    holdingsByUser: route({
      method: 'get',
      path: '/users/{user_guid}/investment_holdings',
      operationId: 'listHoldings',
      summary: 'List holdings',
      request: { params: pathParams('user_guid'), query: pageQuery1000 },
      responses: { 200: versionJson(v, s.HoldingsBody), ...errorResponses(400, 403, 404) },
    }),
    holdingsByMember: route({
      method: 'get',
      path: '/users/{user_guid}/members/{member_guid}/investment_holdings',
      operationId: 'listHoldingsByMember',
      summary: 'List holdings by member',
      request: { params: pathParams('user_guid', 'member_guid'), query: pageQuery1000 },
      responses: { 200: versionJson(v, s.HoldingsBody), ...errorResponses(400, 403, 404) },
    }),
    holdingsByAccount: route({
      method: 'get',
      path: '/users/{user_guid}/accounts/{account_guid}/investment_holdings',
      operationId: 'listHoldingsByAccount',
      summary: 'List holdings by account',
      request: { params: pathParams('user_guid', 'account_guid'), query: pageQuery1000 },
      responses: { 200: versionJson(v, s.HoldingsBody), ...errorResponses(400, 403, 404) },
    }),
    readHolding: route({
      method: 'get',
      path: '/users/{user_guid}/investment_holdings/{holding_guid}',
      operationId: 'readHolding',
      summary: 'Read holding',
      request: { params: pathParams('user_guid', 'holding_guid') },
      responses: { 200: versionJson(v, s.HoldingBody), ...errorResponses(403, 404) },
    }),
  };
}

function presentAccounts(present: Presenter, tenant: Tenant, user: UserRecord, accounts: readonly AccountRecord[]) {
  const members = new Map(tenant.members.forUser(user.guid).map((m) => [m.guid, m]));
  return accounts.map((a) => presentAccount(present, tenant, a, members.get(a.member_guid), user));
}

/** An account on the wire, with what the user gave or changed (a manual account's fields, edits). */
export function presentAccount(
  present: Presenter,
  tenant: Tenant,
  a: AccountRecord,
  member: MemberRecord | undefined,
  user: UserRecord,
) {
  const wire = present.account(a, member ?? memberOfAccount(tenant, a), user) as Record<string, unknown>;
  return withUserFields(tenant, a, wire) as ReturnType<Presenter['account']>;
}

function holdingsPage(
  present: Presenter,
  accounts: readonly AccountRecord[],
  query: { page?: number; records_per_page?: number },
) {
  const rows = accounts.flatMap((a) => a.holdings.map((h) => ({ h, a })));
  const { items, pagination } = paginate(rows, query, 1000);
  return { investment_holdings: items.map(({ h, a }) => present.holding(h, a)), pagination };
}

export function registerAccountRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);
  const present = v.present;
  api.openapi(routes.byUser, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    const q = c.req.valid('query');
    // Manual accounts are the only ones of a user-managed member (the user's Manual Institution member).
    const accounts = accountsOf(tenant, user, q.use_case).filter((a) => {
      const manual = isManual(tenant, a);
      return (q.is_manual ?? manual) === manual && (q.member_is_managed_by_user ?? manual) === manual;
    });
    const { items, pagination } = paginate(accounts, q, 1000);
    return c.json({ accounts: presentAccounts(present, tenant, user, items), pagination }, 200);
  });

  api.openapi(routes.byMember, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const { member, accounts: all } = memberAccountsAt(tenant, user, params, memberOf);
    const q = c.req.valid('query');
    const accounts = all.filter((a) => (q.member_is_managed_by_user ?? isManual(tenant, a)) === isManual(tenant, a));
    const { items, pagination } = paginate(accounts, q, 1000);
    return c.json({ accounts: items.map((a) => presentAccount(present, tenant, a, member, user)), pagination }, 200);
  });

  api.openapi(routes.read, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const account = accountOf(accountsOf(tenant, user), params);
    return c.json({ account: presentAccount(present, tenant, account, undefined, user) }, 200);
  });

  api.openapi(routes.readByMember, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const { member, accounts } = memberAccountsAt(tenant, user, params, memberOf);
    const account = accountOf(accounts, params);
    return c.json({ account: presentAccount(present, tenant, account, member, user) }, 200);
  });

  api.openapi(routes.numbersByAccount, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const account = accountOf(accountsOf(tenant, user), params);
    const member = tenant.members.byGuid(account.member_guid);
    requireProduct(tenant, 'account_verification', 'reading account numbers');
    const numbers = (member?.data?.numbers ?? []).filter((n) => n.account_guid === account.guid);
    const { items, pagination } = paginate(numbers, c.req.valid('query'), 1000);
    return c.json({ account_numbers: items.map(present.accountNumber), pagination }, 200);
  });

  api.openapi(routes.holdingsByUser, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    requireProduct(tenant, 'investments', 'reading investment holdings');
    reactivateHoldings(tenant, user);
    return c.json(holdingsPage(present, accountsOf(tenant, user), c.req.valid('query')), 200);
  });

  api.openapi(routes.holdingsByMember, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const member = memberOf(tenant, user, params);
    requireProduct(tenant, 'investments', 'reading investment holdings');
    reactivateHoldings(tenant, user);
    return c.json(holdingsPage(present, member.data?.accounts ?? [], c.req.valid('query')), 200);
  });

  api.openapi(routes.holdingsByAccount, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const account = accountOf(accountsOf(tenant, user), params);
    requireProduct(tenant, 'investments', 'reading investment holdings');
    reactivateHoldings(tenant, user);
    return c.json(holdingsPage(present, [account], c.req.valid('query')), 200);
  });

  api.openapi(routes.readHolding, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    requireProduct(tenant, 'investments', 'reading investment holdings');
    reactivateHoldings(tenant, user);
    const guid = params.holding_guid as string;
    let found: { h: HoldingRecord; a: AccountRecord } | undefined;
    for (const a of accountsOf(tenant, user)) {
      const h = a.holdings.find((x) => x.guid === guid);
      if (h) found = { h, a };
    }
    if (!found) throw errors.notFound('investment holding', guid);
    return c.json({ investment_holding: present.holding(found.h, found.a) }, 200);
  });
}
