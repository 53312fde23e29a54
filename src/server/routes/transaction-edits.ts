// Transactions users can change: updateTransaction (by user and by account) and transaction rules
// (list, create, read, update, delete). Changes are an overlay over the procedural histories, applied
// wherever a transaction is presented (domain/transaction-edits.ts, docs/transaction-edits.md).
import { z } from '@hono/zod-openapi';
import { isoTime } from '../clock.js';
import { accountOf, accountsOf, memberOf, userOf } from '../domain/lookup.js';
import {
  createRule,
  deleteRule,
  type EditableJson,
  edited,
  editTransaction,
  ruleOf,
  type TransactionChanges,
  updateRule,
} from '../domain/transaction-edits.js';
import {
  createSplit,
  deleteSplit,
  editSplitChild,
  presentChildren,
  readTransactionOrChild,
} from '../domain/transaction-splits.js';
import { transactionIn } from '../domain/transactions.js';
import type { AccountRecord } from '../generators/records.js';
import { findTransaction, transactionFacts } from '../generators/transaction-facts.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { pageQuery1000, paginate } from '../pagination.js';
import { errorResponses, jsonBody } from '../schemas/common.js';
import * as s from '../schemas/v20250224/transaction-edits.js';
import type { Tenant } from '../store/tenant.js';
import type { TransactionRuleRecord } from '../store/transaction-edits.js';
import type { UserRecord } from '../store/users.js';
import type { VersionApi } from './context.js';

export function presentRule(r: TransactionRuleRecord) {
  return {
    category_guid: r.category_guid,
    created_at: isoTime(r.created_at_ms),
    description: r.description,
    guid: r.guid,
    match_description: r.match_description,
    updated_at: isoTime(r.updated_at_ms),
    user_guid: r.user_guid,
  };
}

const UPDATE =
  "The user's change is kept over the transaction as aggregated: every list, read and export shows it, and " +
  "later aggregations do not undo it. A category_guid must be a default category or one of the user's own (404).";

const SPLIT =
  "Splits the transaction into child transactions whose amounts add up to its own (each child's parent_guid " +
  'is its guid; it shows has_been_split true). Answers the children. A split transaction cannot be split ' +
  'again (409) until its split is deleted.';
const UNSPLIT = 'Deletes the children of a split transaction; the transaction shows unsplit again.';

function routesFor(v: VersionLayer) {
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'transactions', r);
  const updateBody = jsonBody(s.TransactionUpdateBodies[v.version]);
  const oneTransaction = versionJson(v, v.schemas.TransactionBody);
  const byAccountParams = versionParams(
    v,
    'user_identifier',
    'member_identifier',
    'account_identifier',
    'transaction_identifier',
  );
  const ruleRoute = <const R extends Parameters<typeof versionRoute>[2]>(r: R) =>
    versionRoute(v, 'transaction rules', r);
  const one = versionJson(v, s.TransactionRuleBodySchema);
  const item = (v.schemas.TransactionBody as z.ZodObject<{ transaction: z.ZodType }>).shape.transaction;
  const splitBody = versionJson(v, z.object({ transactions: z.array(item) }).openapi('SplitTransactionsResponseBody'));
  return {
    update: route({
      method: 'put',
      path: '/users/{user_guid}/transactions/{transaction_guid}',
      operationId: 'updateTransaction',
      summary: 'Update transaction',
      description: UPDATE,
      request: { params: versionParams(v, 'user_guid', 'transaction_guid'), body: updateBody },
      responses: { 200: oneTransaction, ...errorResponses(400, 404, 415) },
    }),
    updateByAccount: route({
      method: 'put',
      path: '/users/{user_identifier}/members/{member_identifier}/accounts/{account_identifier}/transactions/{transaction_identifier}',
      operationId: 'updateTransactionByAccount',
      summary: 'Update transaction by account',
      description: UPDATE,
      request: {
        params: byAccountParams,
        body: updateBody,
      },
      responses: { 200: oneTransaction, ...errorResponses(400, 404, 415) },
    }),
    list: ruleRoute({
      method: 'get',
      path: '/users/{user_guid}/transaction_rules',
      operationId: 'listTransactionRules',
      summary: 'List transaction rules',
      description: "The user's transaction rules in the order they were made.",
      request: { params: versionParams(v, 'user_guid'), query: pageQuery1000 },
      responses: { 200: versionJson(v, s.TransactionRulesBodySchema), ...errorResponses(400, 404) },
    }),
    create: ruleRoute({
      method: 'post',
      path: '/users/{user_guid}/transaction_rules',
      operationId: 'createTransactionRule',
      summary: 'Create transaction rule',
      description:
        "Applies at once to the user's transactions whose own description contains match_description (ignoring " +
        'case), and to every one aggregated later.',
      request: { params: versionParams(v, 'user_guid'), body: jsonBody(s.TransactionRuleCreateBodySchema) },
      responses: { 200: one, ...errorResponses(400, 404, 415) },
    }),
    read: ruleRoute({
      method: 'get',
      path: '/users/{user_guid}/transaction_rules/{transaction_rule_guid}',
      operationId: 'readTransactionRule',
      summary: 'Read transaction rule',
      request: { params: versionParams(v, 'user_guid', 'transaction_rule_guid') },
      responses: { 200: one, ...errorResponses(404) },
    }),
    updateRule: ruleRoute({
      method: 'put',
      path: '/users/{user_guid}/transaction_rules/{transaction_rule_guid}',
      operationId: 'updateTransactionRule',
      summary: 'Update transaction rule',
      description: 'Fields left out stay; the change applies to the matching transactions at once.',
      request: {
        params: versionParams(v, 'user_guid', 'transaction_rule_guid'),
        body: jsonBody(s.TransactionRuleUpdateBodySchema),
      },
      responses: { 200: one, ...errorResponses(400, 404, 415) },
    }),
    split: route({
      method: 'post',
      path: '/users/{user_guid}/transactions/{transaction_guid}/split',
      operationId: 'createSplitTransactions',
      summary: 'Create split transactions',
      description: SPLIT,
      request: {
        params: versionParams(v, 'user_guid', 'transaction_guid'),
        body: jsonBody(s.SplitTransactionBodySchema),
      },
      responses: { 200: splitBody, ...errorResponses(400, 404, 409, 415) },
    }),
    unsplit: route({
      method: 'delete',
      path: '/users/{user_guid}/transactions/{transaction_guid}/split',
      operationId: 'deleteSplitTransactions',
      summary: 'Delete split transactions',
      description: UNSPLIT,
      request: { params: versionParams(v, 'user_guid', 'transaction_guid') },
      responses: { 204: { description: 'No Content' }, ...errorResponses(404) },
    }),
    splitByAccount: route({
      method: 'post',
      path: '/users/{user_identifier}/members/{member_identifier}/accounts/{account_identifier}/transactions/{transaction_identifier}/split',
      operationId: 'createSplitTransactionsByAccount',
      summary: 'Create split transactions by account',
      description: SPLIT,
      request: {
        params: byAccountParams,
        body: jsonBody(s.SplitTransactionBodySchema),
      },
      responses: { 200: splitBody, ...errorResponses(400, 404, 409, 415) },
    }),
    unsplitByAccount: route({
      method: 'delete',
      path: '/users/{user_identifier}/members/{member_identifier}/accounts/{account_identifier}/transactions/{transaction_identifier}/split',
      operationId: 'deleteSplitTransactionByAccount',
      summary: 'Delete split transactions by account',
      description: UNSPLIT,
      request: {
        params: byAccountParams,
      },
      responses: { 204: { description: 'No Content' }, ...errorResponses(404) },
    }),
    remove: ruleRoute({
      method: 'delete',
      path: '/users/{user_guid}/transaction_rules/{transaction_rule_guid}',
      operationId: 'deleteTransactionRule',
      summary: 'Delete transaction rule',
      description: 'The transactions it changed show as they would without it.',
      request: { params: versionParams(v, 'user_guid', 'transaction_rule_guid') },
      responses: { 204: { description: 'No Content' }, ...errorResponses(404) },
    }),
  };
}

/** A transaction by account (v20250224: identifiers, guid or id; v20111101: guids). */
function byAccount(tenant: Tenant, user: UserRecord, params: Record<string, string | undefined>) {
  const member = memberOf(tenant, user, params);
  const account = accountOf(member.data?.accounts ?? [], params);
  const identifier = (params.transaction_identifier ?? params.transaction_guid) as string;
  return transactionIn([account], identifier, params.transaction_identifier !== undefined);
}

export function registerTransactionEditRoutes(api: VersionApi, v: VersionLayer): void {
  const routes = routesFor(v);
  const present = v.present;

  /** Updates a pulled transaction of these accounts, or one of the user's split children; the result as read. */
  const update = (
    tenant: Tenant,
    user: UserRecord,
    accounts: readonly AccountRecord[],
    identifier: string,
    byId: boolean,
    changes: TransactionChanges,
  ) => {
    const hit = findTransaction(accounts, identifier, byId);
    if (hit) editTransaction(tenant, user, transactionFacts(hit.account, hit.k).guid, changes);
    else editSplitChild(tenant, user, identifier, changes);
    const one = (a: AccountRecord, k: number) => present.transaction(a, k, user, new Set());
    return readTransactionOrChild(tenant, user, accounts, identifier, byId, one);
  };

  api.openapi(routes.update, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const accounts = accountsOf(tenant, user);
    const transaction = update(
      tenant,
      user,
      accounts,
      params.transaction_guid as string,
      false,
      c.req.valid('json').transaction,
    );
    return c.json({ transaction }, 200);
  });

  api.openapi(routes.updateByAccount, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const account = accountOf(memberOf(tenant, user, params).data?.accounts ?? [], params);
    const identifier = (params.transaction_identifier ?? params.transaction_guid) as string;
    const byId = params.transaction_identifier !== undefined;
    const transaction = update(tenant, user, [account], identifier, byId, c.req.valid('json').transaction);
    return c.json({ transaction }, 200);
  });

  const splitOne = (
    tenant: Tenant,
    user: UserRecord,
    account: AccountRecord,
    k: number,
    parts: Parameters<typeof createSplit>[4],
  ) => {
    const split = createSplit(tenant, user, account, k, parts);
    const parent = edited(tenant, user, present.transaction(account, k, user, new Set()) as EditableJson);
    return presentChildren(tenant, user, parent, split);
  };

  api.openapi(routes.split, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const { account, k } = transactionIn(accountsOf(tenant, user), params.transaction_guid as string, false);
    return c.json({ transactions: splitOne(tenant, user, account, k, c.req.valid('json').transactions) }, 200);
  });

  api.openapi(routes.splitByAccount, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const hit = byAccount(tenant, user, params);
    return c.json({ transactions: splitOne(tenant, user, hit.account, hit.k, c.req.valid('json').transactions) }, 200);
  });

  api.openapi(routes.unsplit, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const { account, k } = transactionIn(accountsOf(tenant, user), params.transaction_guid as string, false);
    deleteSplit(tenant, user, transactionFacts(account, k).guid);
    return c.body(null, 204);
  });

  api.openapi(routes.unsplitByAccount, (c) => {
    const tenant = c.env.tenant;
    const params = c.req.valid('param');
    const user = userOf(tenant, params);
    const hit = byAccount(tenant, user, params);
    deleteSplit(tenant, user, transactionFacts(hit.account, hit.k).guid);
    return c.body(null, 204);
  });

  api.openapi(routes.list, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    const rules = c.env.tenant.transactionEdits.rules.forUser(user.guid);
    const { items, pagination } = paginate(rules, c.req.valid('query'), 1000);
    return c.json({ transaction_rules: items.map(presentRule), pagination }, 200);
  });

  api.openapi(routes.create, (c) => {
    const user = userOf(c.env.tenant, c.req.valid('param'));
    const rule = createRule(c.env.tenant, user, c.req.valid('json').transaction_rule);
    return c.json({ transaction_rule: presentRule(rule) }, 200);
  });

  api.openapi(routes.read, (c) => {
    const params = c.req.valid('param');
    const user = userOf(c.env.tenant, params);
    return c.json(
      { transaction_rule: presentRule(ruleOf(c.env.tenant, user, params.transaction_rule_guid as string)) },
      200,
    );
  });

  api.openapi(routes.updateRule, (c) => {
    const params = c.req.valid('param');
    const user = userOf(c.env.tenant, params);
    const rule = updateRule(
      c.env.tenant,
      user,
      params.transaction_rule_guid as string,
      c.req.valid('json').transaction_rule,
    );
    return c.json({ transaction_rule: presentRule(rule) }, 200);
  });

  api.openapi(routes.remove, (c) => {
    const params = c.req.valid('param');
    deleteRule(c.env.tenant, userOf(c.env.tenant, params), params.transaction_rule_guid as string);
    return c.body(null, 204);
  });
}
