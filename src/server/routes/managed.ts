// MX's deprecated managed data: the managed institution list, partner-managed members and their accounts
// and transactions, in both versions (docs/managed-data.md).
import type { Context } from 'hono';
import { userOf } from '../domain/lookup.js';
import {
  createManagedAccount,
  createManagedMember,
  createManagedTransaction,
  deleteManagedAccount,
  deleteManagedMember,
  deleteManagedTransaction,
  managedAccountOf,
  managedMemberOf,
  managedMembersOf,
  managedTransactionOf,
  updateManagedAccount,
  updateManagedMember,
  updateManagedTransaction,
} from '../domain/managed.js';
import { managedAccountRecord, managedMemberRecord } from '../domain/managed-records.js';
import { type EditableJson, type Overlay, overlayOf } from '../domain/transaction-edits.js';
import { parseIncludes, transactionPage } from '../domain/transactions.js';
import type { AccountRecord } from '../generators/records.js';
import { type Presenter, type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery1000, paginate } from '../pagination.js';
import { dateParam, errorResponses, jsonBody } from '../schemas/common.js';
import * as m from '../schemas/managed.js';
import type { ManagedAccountRecord, ManagedMemberRecord } from '../store/managed.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { presentAccount } from './accounts.js';
import type { VersionApi, VersionEnv } from './context.js';

const DEPRECATED = ' Deprecated by MX (managed data); mx-sim serves it for partners still using it.';

function routesFor(v: VersionLayer) {
  const s = v.schemas;
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) =>
    versionRoute(v, 'managed data', { ...r, deprecated: true });
  const userParam = versionParams(v, 'user_guid');
  const memberParams = versionParams(v, 'user_guid', 'member_guid');
  const accountParams = versionParams(v, 'user_guid', 'member_guid', 'account_guid');
  const transactionParams = versionParams(v, 'user_guid', 'member_guid', 'account_guid', 'transaction_guid');
  const accountsAt = '/users/{user_guid}/managed_members/{member_guid}/accounts';
  const transactionsAt = `${accountsAt}/{account_guid}/transactions`;
  const account = versionJson(v, s.AccountBody);
  const transaction = versionJson(v, s.TransactionBody);
  return {
    institutions: route({
      method: 'get',
      path: '/managed_institutions',
      operationId: 'listManagedInstitutions',
      summary: 'List managed institutions',
      description: `The institutions a managed member may be of: the whole catalogue, in search order.${DEPRECATED}`,
      request: { query: pageQuery1000 },
      responses: { 200: versionJson(v, s.InstitutionsBody), ...errorResponses(400) },
    }),
    list: route({
      method: 'get',
      path: '/users/{user_guid}/managed_members',
      operationId: 'listManagedMembers',
      summary: 'List managed members',
      description: `The user's partner-managed members in creation order.${DEPRECATED}`,
      request: { params: userParam, query: pageQuery1000 },
      responses: { 200: versionJson(v, s.MembersBody), ...errorResponses(400, 404) },
    }),
    create: route({
      method: 'post',
      path: '/users/{user_guid}/managed_members',
      operationId: 'createManagedMember',
      summary: 'Create managed member',
      description:
        'A member the partner writes itself: CONNECTED at once, never aggregated, `is_managed_by_user: false`. ' +
        `An unknown \`institution_code\` is 404; a member \`id\` the user already has is 409.${DEPRECATED}`,
      request: { params: userParam, body: jsonBody(m.ManagedMemberCreateBodySchema) },
      responses: { 202: versionJson(v, s.MemberBody, 'Accepted'), ...errorResponses(400, 404, 409, 415) },
    }),
    read: route({
      method: 'get',
      path: '/users/{user_guid}/managed_members/{member_guid}',
      operationId: 'readManagedMember',
      summary: 'Read managed member',
      description: `A partner-managed member (an ordinary member's guid is 404 here).${DEPRECATED}`,
      request: { params: memberParams },
      responses: { 200: versionJson(v, s.MemberBody), ...errorResponses(404) },
    }),
    update: route({
      method: 'put',
      path: '/users/{user_guid}/managed_members/{member_guid}',
      operationId: 'updateManagedMember',
      summary: 'Update managed member',
      description: `Its \`id\`, \`metadata\` or \`name\`; at least one (400 otherwise).${DEPRECATED}`,
      request: { params: memberParams, body: jsonBody(m.ManagedMemberUpdateBodySchema) },
      responses: { 200: versionJson(v, s.MemberBody), ...errorResponses(400, 404, 409, 415) },
    }),
    remove: route({
      method: 'delete',
      path: '/users/{user_guid}/managed_members/{member_guid}',
      operationId: 'deleteManagedMember',
      summary: 'Delete managed member',
      description: `Deletes a partner-managed member.${DEPRECATED}`,
      request: { params: memberParams },
      responses: { 204: { description: 'No Content' }, ...errorResponses(404) },
    }),
    listAccounts: route({
      method: 'get',
      path: accountsAt,
      operationId: 'listManagedAccounts',
      summary: 'List managed accounts',
      description: `The managed member's accounts in creation order, as the partner wrote them.${DEPRECATED}`,
      request: { params: memberParams, query: pageQuery1000 },
      responses: { 200: versionJson(v, s.AccountsBody), ...errorResponses(400, 404) },
    }),
    createAccount: route({
      method: 'post',
      path: accountsAt,
      operationId: 'createManagedAccount',
      summary: 'Create managed account',
      description:
        '`balance`, `id`, `name` and `type` are required; every other field shows as given (null when not). ' +
        "The account lists with the user's ordinary accounts (`is_manual: false`). An `id` the member " +
        `already has is 409.${DEPRECATED}`,
      request: { params: memberParams, body: jsonBody(m.ManagedAccountCreateBodySchema) },
      responses: { 200: account, ...errorResponses(400, 404, 409, 415) },
    }),
    readAccount: route({
      method: 'get',
      path: `${accountsAt}/{account_guid}`,
      operationId: 'readManagedAccount',
      summary: 'Read managed account',
      description: `A managed account of the managed member.${DEPRECATED}`,
      request: { params: accountParams },
      responses: { 200: account, ...errorResponses(404) },
    }),
    updateAccount: route({
      method: 'put',
      path: `${accountsAt}/{account_guid}`,
      operationId: 'updateManagedAccount',
      summary: 'Update managed account',
      description: `The fields given (at least one); \`null\` clears an optional one.${DEPRECATED}`,
      request: { params: accountParams, body: jsonBody(m.ManagedAccountUpdateBodySchema) },
      responses: { 200: account, ...errorResponses(400, 404, 409, 415) },
    }),
    removeAccount: route({
      method: 'delete',
      path: `${accountsAt}/{account_guid}`,
      operationId: 'deleteManagedAccount',
      summary: 'Delete managed account',
      description: `Deletes a managed account and its transactions.${DEPRECATED}`,
      request: { params: accountParams },
      responses: { 204: { description: 'No Content' }, ...errorResponses(404) },
    }),
    listTransactions: route({
      method: 'get',
      path: transactionsAt,
      operationId: 'listManagedTransactions',
      summary: 'List managed transactions',
      description:
        "The managed account's transactions, newest first; all of them unless `from_date` or `to_date` " +
        `narrows the days.${DEPRECATED}`,
      request: {
        params: accountParams,
        query: pageQuery1000.extend({
          from_date: dateParam('from_date', 'Transactions dated on or after this day (default: no bound).'),
          to_date: dateParam('to_date', 'Transactions dated on or before this day (default: no bound).'),
        }),
      },
      responses: { 200: versionJson(v, s.TransactionsBody), ...errorResponses(400, 404) },
    }),
    createTransaction: route({
      method: 'post',
      path: transactionsAt,
      operationId: 'createManagedTransaction',
      summary: 'Create managed transaction',
      description:
        '`amount` (as text, e.g. `"61.11"`), `description`, `status`, `posted_at`, `transacted_at` and `type` are ' +
        `required; \`category\` is one of MX's default categories by name.${DEPRECATED}`,
      request: { params: accountParams, body: jsonBody(m.ManagedTransactionCreateBodySchema) },
      responses: { 200: transaction, ...errorResponses(400, 404, 415) },
    }),
    readTransaction: route({
      method: 'get',
      path: `${transactionsAt}/{transaction_guid}`,
      operationId: 'readManagedTransaction',
      summary: 'Read managed transaction',
      description: `A managed transaction of the managed account.${DEPRECATED}`,
      request: { params: transactionParams },
      responses: { 200: transaction, ...errorResponses(404) },
    }),
    updateTransaction: route({
      method: 'put',
      path: `${transactionsAt}/{transaction_guid}`,
      operationId: 'updateManagedTransaction',
      summary: 'Update managed transaction',
      description: `The fields given (at least one); \`null\` clears an optional one.${DEPRECATED}`,
      request: { params: transactionParams, body: jsonBody(m.ManagedTransactionUpdateBodySchema) },
      responses: { 200: transaction, ...errorResponses(400, 404, 415) },
    }),
    removeTransaction: route({
      method: 'delete',
      path: `${transactionsAt}/{transaction_guid}`,
      operationId: 'deleteManagedTransaction',
      summary: 'Delete managed transaction',
      description: `Deletes a managed transaction.${DEPRECATED}`,
      request: { params: transactionParams },
      responses: { 204: { description: 'No Content' }, ...errorResponses(404) },
    }),
  };
}

/** The user, managed member and (when named) managed account a route's path names; 404 for any unknown. */
function at(c: Context<VersionEnv>, p: { user_guid?: string; member_guid?: string }) {
  const tenant = c.env.tenant;
  const user = userOf(tenant, p);
  return { tenant, user, member: managedMemberOf(tenant, user, p.member_guid as string) };
}

function accountAt(c: Context<VersionEnv>, p: { user_guid?: string; member_guid?: string; account_guid?: string }) {
  const found = at(c, p);
  return { ...found, account: managedAccountOf(found.tenant, found.member, p.account_guid as string) };
}

/** A managed account on the wire, as the ordinary account operations show it. */
function showAccount(
  present: Presenter,
  tenant: Tenant,
  member: ManagedMemberRecord,
  user: UserRecord,
  a: ManagedAccountRecord,
) {
  return presentAccount(present, tenant, managedAccountRecord(tenant, a), managedMemberRecord(member), user);
}

/**
 * Transaction k of a managed account's record on the wire, as the ordinary reads show it: with the user's
 * edits (`overlay`, made once per answer).
 */
function showTransaction(present: Presenter, user: UserRecord, record: AccountRecord, k: number, overlay?: Overlay) {
  const presented = present.transaction(record, k, user, parseIncludes(undefined)) as EditableJson;
  return overlay ? overlay.apply(presented) : presented;
}

function transactionAt(tenant: Tenant, user: UserRecord, present: Presenter, a: ManagedAccountRecord, guid: string) {
  const record = managedAccountRecord(tenant, a);
  const k = (record.stream.fixed ?? []).findIndex((f) => f.guid === guid) + 1;
  return showTransaction(present, user, record, k, overlayOf(tenant, user));
}

/** No day bound unless the query gives one (the partner lists what it wrote). */
const EARLIEST = '1900-01-01';
const LATEST = '9999-12-30';

export function registerManagedRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);
  const present = v.present;
  registerAccountHandlers(api, routes, present);

  api.openapi(routes.institutions, (c) => {
    const { items, pagination } = paginate(c.env.tenant.institutions.search({}), c.req.valid('query'), 1000);
    return c.json({ institutions: items.map(present.institution), pagination }, 200);
  });

  api.openapi(routes.list, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    const { items, pagination } = paginate([...managedMembersOf(tenant, user)], c.req.valid('query'), 1000);
    return c.json({ members: items.map((x) => present.member(managedMemberRecord(x), user)), pagination }, 200);
  });

  api.openapi(routes.create, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    const created = createManagedMember(tenant, user, c.req.valid('json').member);
    return c.json({ member: present.member(managedMemberRecord(created), user) }, 202);
  });

  api.openapi(routes.read, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const member = managedMemberOf(tenant, user, params.member_guid as string);
    return c.json({ member: present.member(managedMemberRecord(member), user) }, 200);
  });

  api.openapi(routes.update, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const member = managedMemberOf(tenant, user, params.member_guid as string);
    updateManagedMember(tenant, user, member, c.req.valid('json').member);
    return c.json({ member: present.member(managedMemberRecord(member), user) }, 200);
  });

  api.openapi(routes.remove, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    deleteManagedMember(tenant, managedMemberOf(tenant, user, params.member_guid as string));
    return c.body(null, 204);
  });
}

/** The managed accounts' and managed transactions' operations. */
function registerAccountHandlers(api: VersionApi, routes: ReturnType<typeof routesFor>, present: Presenter): void {
  api.openapi(routes.listAccounts, (c) => {
    const { tenant, user, member } = at(c, c.req.valid('param'));
    const mine = tenant.managed.accounts.forUser(user.guid).filter((a) => a.member_guid === member.guid);
    const { items, pagination } = paginate(mine, c.req.valid('query'), 1000);
    return c.json({ accounts: items.map((a) => showAccount(present, tenant, member, user, a)), pagination }, 200);
  });

  api.openapi(routes.createAccount, (c) => {
    const { tenant, user, member } = at(c, c.req.valid('param'));
    const created = createManagedAccount(tenant, member, c.req.valid('json').account);
    return c.json({ account: showAccount(present, tenant, member, user, created) }, 200);
  });

  api.openapi(routes.readAccount, (c) => {
    const { tenant, user, member, account } = accountAt(c, c.req.valid('param'));
    return c.json({ account: showAccount(present, tenant, member, user, account) }, 200);
  });

  api.openapi(routes.updateAccount, (c) => {
    const { tenant, user, member, account } = accountAt(c, c.req.valid('param'));
    updateManagedAccount(tenant, member, account, c.req.valid('json').account);
    return c.json({ account: showAccount(present, tenant, member, user, account) }, 200);
  });

  api.openapi(routes.removeAccount, (c) => {
    const { tenant, account } = accountAt(c, c.req.valid('param'));
    deleteManagedAccount(tenant, account);
    return c.body(null, 204);
  });

  api.openapi(routes.listTransactions, (c) => {
    const { tenant, user, account } = accountAt(c, c.req.valid('param'));
    const q = c.req.valid('query');
    const record = managedAccountRecord(tenant, account);
    const bounded = { ...q, from_date: q.from_date ?? EARLIEST, to_date: q.to_date ?? LATEST };
    const { rows, pagination } = transactionPage([record], bounded, tenant.clock.now());
    const overlay = overlayOf(tenant, user);
    const transactions = rows.map((r) => showTransaction(present, user, r.account, r.k, overlay));
    return c.json({ transactions, pagination }, 200);
  });

  api.openapi(routes.createTransaction, (c) => {
    const { tenant, user, account } = accountAt(c, c.req.valid('param'));
    const created = createManagedTransaction(tenant, account, c.req.valid('json').transaction);
    return c.json({ transaction: transactionAt(tenant, user, present, account, created.guid) }, 200);
  });

  api.openapi(routes.readTransaction, (c) => {
    const params = c.req.valid('param');
    const { tenant, user, account } = accountAt(c, params);
    const t = managedTransactionOf(tenant, account, params.transaction_guid as string);
    return c.json({ transaction: transactionAt(tenant, user, present, account, t.guid) }, 200);
  });

  api.openapi(routes.updateTransaction, (c) => {
    const params = c.req.valid('param');
    const { tenant, user, account } = accountAt(c, params);
    const t = managedTransactionOf(tenant, account, params.transaction_guid as string);
    updateManagedTransaction(tenant, t, c.req.valid('json').transaction);
    return c.json({ transaction: transactionAt(tenant, user, present, account, t.guid) }, 200);
  });

  api.openapi(routes.removeTransaction, (c) => {
    const params = c.req.valid('param');
    const { tenant, account } = accountAt(c, params);
    deleteManagedTransaction(tenant, managedTransactionOf(tenant, account, params.transaction_guid as string));
    return c.body(null, 204);
  });
}
