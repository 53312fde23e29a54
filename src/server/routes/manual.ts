// Manual accounts (create, delete), manual transactions (create, delete), updating an account and
// merging accounts, in both versions where MX's documents have them (docs/manual-accounts.md).
import { accountOf, accountsOf, memberOf, userOf } from '../domain/lookup.js';
import {
  createManualAccount,
  createManualTransaction,
  deleteManualAccount,
  deleteManualTransaction,
  manualAccountRecord,
  memberAccountsAt,
  mergeAccounts,
  transactionSources,
  updateAccount,
} from '../domain/manual.js';
import { type EditableJson, edited } from '../domain/transaction-edits.js';
import { parseIncludes } from '../domain/transactions.js';
import { findTransaction } from '../generators/transaction-facts.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { errorResponses, jsonBody } from '../schemas/common.js';
import * as s from '../schemas/manual.js';
import { presentAccount } from './accounts.js';
import type { VersionApi } from './context.js';

function routesFor(v: VersionLayer) {
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'accounts', r);
  const txRoute = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'transactions', r);
  const pathParams = (...names: string[]) => versionParams(v, ...names);
  const account = versionJson(v, v.schemas.AccountBody);
  return {
    createManualAccount: route({
      method: 'post',
      path: '/users/{user_identifier}/accounts',
      operationId: 'createManualAccount',
      summary: 'Create manual account',
      description:
        "Creates a manual account under the user's member of the Manual Institution (made with the first one). " +
        'A manual account never aggregates; it is `is_manual: true`.',
      request: { params: pathParams('user_identifier'), body: jsonBody(s.AccountCreateBodySchema) },
      responses: { 200: account, ...errorResponses(400, 404, 415) },
    }),
    deleteManualAccount: route({
      method: 'delete',
      path: '/users/{user_guid}/accounts/{account_guid}',
      operationId: 'deleteManualAccount',
      summary: 'Delete manual account',
      description: 'Deletes a manual account and its manual transactions. An aggregated account is refused (400).',
      request: { params: pathParams('user_guid', 'account_guid') },
      responses: { 204: { description: 'No Content' }, ...errorResponses(400, 404) },
    }),
    mergeAccounts: route({
      method: 'post',
      path: '/users/{user_guid}/accounts/merge',
      operationId: 'mergeAccounts',
      summary: 'Merge accounts',
      description:
        'Merges accounts the user names as duplicates. The first aggregated account named is kept (else the first ' +
        'named); the others go and their transactions list under the one kept.',
      request: { params: pathParams('user_guid'), body: jsonBody(s.AccountsMergeBodySchema) },
      responses: { 200: account, ...errorResponses(400, 404, 415) },
    }),
    updateAccountByMember: route({
      method: 'put',
      path: '/users/{user_identifier}/members/{member_identifier}/accounts/{account_identifier}',
      operationId: 'updateAccountByMember',
      summary: 'Update account by member',
      description:
        'Every field of a manual account; only `is_business`, `is_hidden` and `metadata` of an aggregated one. ' +
        'What the user sets is kept over later aggregations.',
      request: {
        params: pathParams('user_identifier', 'member_identifier', 'account_identifier'),
        body: jsonBody(s.AccountUpdateBodySchema),
      },
      responses: { 200: account, ...errorResponses(400, 404, 415) },
    }),
    createManualTransaction: txRoute({
      method: 'post',
      path: '/users/{user_guid}/accounts/{account_guid}/transactions',
      operationId: 'createManualTransaction',
      summary: 'Create manual transaction',
      description: 'A manual transaction (guid `MAN-…`) on a manual account; an aggregated account is refused (400).',
      request: { params: pathParams('user_guid', 'account_guid'), body: jsonBody(s.TransactionCreateBodySchema) },
      responses: { 200: versionJson(v, s.TransactionCreateResponseSchema), ...errorResponses(400, 404, 415) },
    }),
    deleteManualTransactions: txRoute({
      method: 'delete',
      path: '/users/{user_guid}/transactions/{transaction_guid}',
      operationId: 'deleteManualTransactions',
      summary: 'Delete manual transactions',
      description: 'Deletes a manual transaction (guid `MAN-…`). An aggregated transaction is refused (400).',
      request: { params: pathParams('user_guid', 'transaction_guid') },
      responses: { 204: { description: 'No Content' }, ...errorResponses(400, 404) },
    }),
  };
}

export function registerManualRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);
  const present = v.present;

  api.openapi(routes.createManualAccount, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    const created = createManualAccount(tenant, user, c.req.valid('json').account);
    const record = manualAccountRecord(tenant, created);
    return c.json({ account: presentAccount(present, tenant, record, undefined, user) }, 200);
  });

  api.openapi(routes.deleteManualAccount, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    deleteManualAccount(tenant, user, accountsOf(tenant, user), params.account_guid as string);
    return c.body(null, 204);
  });

  api.openapi(routes.mergeAccounts, (c) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, c.req.valid('param'));
    const kept = mergeAccounts(tenant, user, accountsOf(tenant, user), c.req.valid('json').account.account_guids);
    return c.json({ account: presentAccount(present, tenant, kept, undefined, user) }, 200);
  });

  api.openapi(routes.updateAccountByMember, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const { member, accounts } = memberAccountsAt(tenant, user, params, memberOf);
    const target = accountOf(accounts, params);
    const { skip_webhook: _, ...input } = c.req.valid('json').account;
    updateAccount(tenant, user, target, input);
    const fresh = accountOf(memberAccountsAt(tenant, user, params, memberOf).accounts, { account_guid: target.guid });
    return c.json({ account: presentAccount(present, tenant, fresh, member, user) }, 200);
  });

  api.openapi(routes.createManualTransaction, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const { transaction } = c.req.valid('json');
    const { record, k } = createManualTransaction(
      tenant,
      user,
      accountsOf(tenant, user),
      params.account_guid as string,
      transaction,
    );
    return c.json(
      edited(tenant, user, present.transaction(record, k, user, parseIncludes(undefined)) as EditableJson),
      200,
    );
  });

  api.openapi(routes.deleteManualTransactions, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const guid = params.transaction_guid as string;
    deleteManualTransaction(tenant, user, guid, () => {
      const sources = transactionSources(tenant, user, accountsOf(tenant, user));
      return findTransaction(sources, guid, false) !== undefined;
    });
    return c.body(null, 204);
  });
}
