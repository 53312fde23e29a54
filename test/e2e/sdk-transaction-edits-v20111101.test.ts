// MX's official Node SDK (mx-platform-node@2.1.0, API v20111101) on transaction updates, transaction
// rules and split transactions, against the running simulator, configured as in sdk-v20111101.test.ts.
// Every exchange, as the server saw it, is checked against MX's v20111101 document and ours.
import { TransactionRulesApi, TransactionsApi } from 'mx-platform-node';
import { describe, expect, it } from 'vitest';
import { connectedSdkUser, status, useSdkServer } from '../helpers/sdk.js';

const V1 = 'application/vnd.mx.api.v1+json';
const SHOPPING = 'CAT-aad51b46-d6f7-3da5-fd6e-492328b3023f';
const AUTO = 'CAT-7829f71c-2e8c-afa5-2f55-fa3634b89874';

const sdk = useSdkServer('sdk-edits-client', 'sdk-edits-key', (server) => {
  expect(server.exchanges.filter((e) => e.version === 'v20111101').length).toBeGreaterThan(10);
});

/** readTransaction's body (the SDK types it as a list's). */
const one = (r: { data: unknown }) => (r.data as { transaction?: Record<string, unknown> }).transaction;

describe("MX's Node SDK (v20111101) on transaction updates, rules and splits", () => {
  let userGuid: string;
  let memberGuid: string;

  it('updates a transaction (description, memo, category) and reads it back', async () => {
    ({ user: userGuid, member: memberGuid } = await connectedSdkUser(sdk, 'sdk-edits-user'));
    const transactions = new TransactionsApi(sdk.configuration);
    const txns = (await transactions.listTransactions(userGuid, 1, 25)).data.transactions ?? [];
    expect(txns.length).toBeGreaterThan(3);
    const t = txns[1] as (typeof txns)[number];
    const updated = await transactions.updateTransaction(userGuid, t.guid as string, {
      transaction: { description: 'Coffee with Sam', memo: 'client meeting', category_guid: SHOPPING },
    });
    expect(updated.headers['content-type']).toContain(V1);
    expect(updated.data.transaction).toMatchObject({
      guid: t.guid,
      description: 'Coffee with Sam',
      memo: 'client meeting',
      category: 'Shopping',
      category_guid: SHOPPING,
      top_level_category: 'Shopping',
    });
    expect(one(await transactions.readTransaction(userGuid, t.guid as string))).toEqual(updated.data.transaction);
    const byAccount = await transactions.updateTransactionByAccount(
      userGuid,
      memberGuid,
      t.account_guid as string,
      t.guid as string,
      { transaction: { description: 'Coffee' } },
    );
    expect(byAccount.data.transaction?.description).toBe('Coffee');
    const listed = (await transactions.listTransactions(userGuid, 1, 25)).data.transactions ?? [];
    expect(listed.find((x) => x.guid === t.guid)?.description).toBe('Coffee');
    expect(
      await status(
        transactions.updateTransaction(userGuid, t.guid as string, {
          transaction: { category_guid: 'CAT-00000000-0000-0000-0000-000000000000' },
        }),
      ),
    ).toBe(404);
  });

  it('creates, reads, lists, updates and deletes a transaction rule', async () => {
    const rules = new TransactionRulesApi(sdk.configuration);
    const transactions = new TransactionsApi(sdk.configuration);
    const txns = (await transactions.listTransactions(userGuid, 1, 25)).data.transactions ?? [];
    const target = txns[3] as (typeof txns)[number];
    const created = await rules.createTransactionRule(userGuid, {
      transaction_rule: { category_guid: AUTO, match_description: target.description as string, description: 'Ruled' },
    });
    const rule = created.data.transaction_rule;
    expect(rule).toMatchObject({ category_guid: AUTO, description: 'Ruled', user_guid: userGuid });
    expect((await rules.readTransactionRule(rule?.guid as string, userGuid)).data.transaction_rule).toEqual(rule);
    expect((await rules.listTransactionRules(userGuid, 1, 25)).data.transaction_rules).toEqual([rule]);
    const read = one(await transactions.readTransaction(userGuid, target.guid as string));
    expect(read).toMatchObject({ description: 'Ruled', category_guid: AUTO });
    const changed = await rules.updateTransactionRule(rule?.guid as string, userGuid, {
      transaction_rule: { description: 'Ruled again' },
    });
    expect(changed.data.transaction_rule?.description).toBe('Ruled again');
    await transactions.deleteTransactionRule(rule?.guid as string, userGuid);
    expect(await status(rules.readTransactionRule(rule?.guid as string, userGuid))).toBe(404);
    expect(one(await transactions.readTransaction(userGuid, target.guid as string))).toEqual(target);
  });

  it('splits a transaction (one part to recategorize) and deletes the split', async () => {
    const transactions = new TransactionsApi(sdk.configuration);
    const txns = (await transactions.listTransactions(userGuid, 1, 25)).data.transactions ?? [];
    const t = txns.find((x) => (x.amount ?? 0) >= 2) as (typeof txns)[number];
    const split = await transactions.createSplitTransactions(t.guid as string, userGuid, {
      transactions: { amount: 1, category_guid: AUTO, description: 'Part' },
    });
    const children = split.data.transactions ?? [];
    expect(children).toHaveLength(2);
    expect(children.reduce((s, c) => s + (c.amount ?? 0), 0)).toBeCloseTo(t.amount as number, 2);
    expect(children[0]).toMatchObject({ amount: 1, category_guid: AUTO, description: 'Part' });
    const child = one(await transactions.readTransaction(userGuid, children[1]?.guid as string));
    expect(child).toEqual(children[1]);
    await transactions.deleteSplitTransactions(t.guid as string, userGuid);
    expect(await status(transactions.readTransaction(userGuid, children[0]?.guid as string))).toBe(404);
  });
});
