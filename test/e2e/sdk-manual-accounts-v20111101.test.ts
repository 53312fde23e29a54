// MX's official Node SDK (mx-platform-node@2.1.0, API v20111101) on manual accounts, manual transactions
// and updating an account, against the running simulator (test/helpers/sdk.ts). Every exchange, as the
// server saw it, is checked against MX's v20111101 document and ours.
import { AccountsApi, TransactionsApi, UsersApi } from 'mx-platform-node';
import { describe, expect, it } from 'vitest';
import { V1_MEDIA_TYPE } from '../../src/mx/versions.js';
import { connectedSdkUser, status, useSdkServer } from '../helpers/sdk.js';

const sdk = useSdkServer('sdk-manual-client', 'sdk-manual-key', (server) => {
  expect(server.exchanges.filter((e) => e.version === 'v20111101').length).toBeGreaterThan(10);
});

describe("MX's Node SDK (v20111101) on manual accounts and transactions", () => {
  it('creates a manual account, adds and deletes a manual transaction, updates and deletes the account', async () => {
    const accounts = new AccountsApi(sdk.configuration);
    const transactions = new TransactionsApi(sdk.configuration);
    const user = await new UsersApi(sdk.configuration).createUser({ user: { id: 'sdk-manual-user' } });
    const userGuid = user.data.user?.guid as string;

    const created = await accounts.createManualAccount(userGuid, {
      account: { name: 'Cash jar', account_type: 'CASH', balance: 40, metadata: 'm' },
    });
    expect(created.headers['content-type']).toContain(V1_MEDIA_TYPE);
    const account = created.data.account;
    expect(account).toMatchObject({ name: 'Cash jar', type: 'CASH', balance: 40, is_manual: true, metadata: 'm' });
    const accountGuid = account?.guid as string;
    const memberGuid = account?.member_guid as string;
    const manualOnly = await accounts.listUserAccounts(userGuid, 1, undefined, true);
    expect(manualOnly.data.accounts?.map((a) => a.guid)).toEqual([accountGuid]);

    const txn = await transactions.createManualTransaction(userGuid, accountGuid, {
      transaction: { amount: 12.5, date: '2025-03-04', description: 'Coffee', type: 'DEBIT' },
    });
    expect(txn.data).toMatchObject({ account_guid: accountGuid, amount: 12.5, is_manual: true, type: 'DEBIT' });
    const txnGuid = txn.data.guid as string;
    expect(txnGuid).toMatch(/^MAN-/);
    const listed = await transactions.listTransactionsByAccount(accountGuid, userGuid, 1, 100, '2025-01-01');
    expect(listed.data.transactions?.map((t) => t.guid)).toEqual([txnGuid]);
    const read = await transactions.readTransaction(userGuid, txnGuid);
    expect((read.data as { transaction?: { guid?: string } }).transaction?.guid).toBe(txnGuid);
    expect((await transactions.deleteManualTransactions(userGuid, txnGuid)).status).toBe(204);
    expect(await status(transactions.readTransaction(userGuid, txnGuid))).toBe(404);

    const updated = await accounts.updateAccountByMember(accountGuid, memberGuid, userGuid, {
      account: { name: 'Piggy bank', is_hidden: true },
    });
    expect(updated.data.account).toMatchObject({ name: 'Piggy bank', is_hidden: true, is_manual: true });
    expect((await accounts.readAccount(accountGuid, userGuid)).data.account?.name).toBe('Piggy bank');
    expect((await accounts.deleteManualAccount(accountGuid, V1_MEDIA_TYPE, userGuid)).status).toBe(204);
    expect(await status(accounts.readAccount(accountGuid, userGuid))).toBe(404);
  });

  it('hides an aggregated account and refuses to rename it or delete it as manual', async () => {
    const accounts = new AccountsApi(sdk.configuration);
    const { user: userGuid, member: memberGuid } = await connectedSdkUser(sdk, 'sdk-manual-user-2');
    const first = (await accounts.listUserAccounts(userGuid)).data.accounts?.[0];
    const guid = first?.guid as string;
    const hidden = await accounts.updateAccountByMember(guid, memberGuid, userGuid, { account: { is_hidden: true } });
    expect(hidden.data.account).toMatchObject({ guid, is_hidden: true, is_manual: false });
    expect(
      await status(accounts.updateAccountByMember(guid, memberGuid, userGuid, { account: { name: 'Renamed' } })),
    ).toBe(400);
    expect(await status(accounts.deleteManualAccount(guid, V1_MEDIA_TYPE, userGuid))).toBe(400);
  });
});
