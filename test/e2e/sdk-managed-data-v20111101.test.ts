// MX's official Node SDK (mx-platform-node@2.1.0, API v20111101) on managed data: the managed institution
// list, partner-managed members and their accounts and transactions, against the running simulator (test/helpers/sdk.ts). Every exchange,
// as the server saw it, is checked against MX's v20111101 document and ours.
import { AccountsApi, ManagedDataApi, MembersApi, TransactionsApi, UsersApi } from 'mx-platform-node';
import { describe, expect, it } from 'vitest';
import { V1_MEDIA_TYPE } from '../../src/mx/versions.js';
import { status, useSdkServer } from '../helpers/sdk.js';

const sdk = useSdkServer('sdk-managed-client', 'sdk-managed-key', (server) => {
  expect(server.exchanges.filter((e) => e.version === 'v20111101').length).toBeGreaterThan(5);
});

describe("MX's Node SDK (v20111101) on managed data", () => {
  it('lists managed institutions, creates, lists, reads, updates and deletes a managed member', async () => {
    const managed = new ManagedDataApi(sdk.configuration);
    const institutions = await managed.listManagedInstitutions(1, 100);
    expect(institutions.headers['content-type']).toContain(V1_MEDIA_TYPE);
    expect(institutions.data.institutions?.length).toBe(100);
    const user = await new UsersApi(sdk.configuration).createUser({ user: { id: 'sdk-managed-user' } });
    const userGuid = user.data.user?.guid as string;

    const created = await managed.createManagedMember(userGuid, {
      member: { institution_code: 'mxbank', id: 'sdk-pm', name: 'Partner bank', metadata: 'm' },
    });
    expect(created.status).toBe(202);
    const member = created.data.member;
    expect(member).toMatchObject({ id: 'sdk-pm', name: 'Partner bank', is_managed_by_user: false });
    const memberGuid = member?.guid as string;
    expect((await managed.listManagedMembers(userGuid)).data.members?.map((m) => m.guid)).toEqual([memberGuid]);
    expect((await new MembersApi(sdk.configuration).listMembers(userGuid)).data.members?.map((m) => m.guid)).toEqual([
      memberGuid,
    ]);
    expect((await managed.readManagedMember(memberGuid, userGuid)).data.member?.name).toBe('Partner bank');
    const updated = await managed.updateManagedMember(memberGuid, userGuid, { member: { name: 'Renamed' } });
    expect(updated.data.member).toMatchObject({ name: 'Renamed', metadata: 'm' });
    expect((await managed.deleteManagedMember(memberGuid, V1_MEDIA_TYPE, userGuid)).status).toBe(204);
    expect(await status(managed.readManagedMember(memberGuid, userGuid))).toBe(404);
  });

  it('creates, lists, reads, updates and deletes managed accounts and transactions, seen by the ordinary reads', async () => {
    const managed = new ManagedDataApi(sdk.configuration);
    const accountsApi = new AccountsApi(sdk.configuration);
    const transactionsApi = new TransactionsApi(sdk.configuration);
    const user = await new UsersApi(sdk.configuration).createUser({ user: { id: 'sdk-managed-accounts' } });
    const userGuid = user.data.user?.guid as string;
    const member = await managed.createManagedMember(userGuid, { member: { institution_code: 'mxbank' } });
    const memberGuid = member.data.member?.guid as string;

    const created = await managed.createManagedAccount(memberGuid, userGuid, {
      account: {
        id: 'sdk-acct',
        name: 'Partner savings',
        type: 'SAVINGS',
        balance: 1000,
        apy: 2.35,
        nickname: 'Rainy',
      },
    });
    expect(created.status).toBe(200);
    expect(created.data.account).toMatchObject({ id: 'sdk-acct', type: 'SAVINGS', balance: 1000, is_manual: false });
    const accountGuid = created.data.account?.guid as string;
    expect((await managed.listManagedAccounts(memberGuid, userGuid)).data.accounts?.map((a) => a.guid)).toEqual([
      accountGuid,
    ]);
    expect((await managed.readManagedAccount(accountGuid, memberGuid, userGuid)).data.account?.nickname).toBe('Rainy');
    const updated = await managed.updateManagedAccount(accountGuid, memberGuid, userGuid, {
      account: { balance: 1250, name: 'Renamed savings' },
    });
    expect(updated.data.account).toMatchObject({ balance: 1250, name: 'Renamed savings', apy: 2.35 });
    expect((await accountsApi.readAccount(accountGuid, userGuid)).data.account?.name).toBe('Renamed savings');
    expect((await accountsApi.listUserAccounts(userGuid)).data.accounts?.map((a) => a.guid)).toEqual([accountGuid]);

    const txn = await managed.createManagedTransaction(accountGuid, memberGuid, userGuid, {
      transaction: {
        amount: '61.11',
        description: 'Whole foods',
        status: 'POSTED',
        type: 'DEBIT',
        transacted_at: '2026-01-06T13:00:00.000Z',
        posted_at: '2026-01-07T06:00:00.000Z',
        category: 'Groceries',
      },
    });
    expect(txn.status).toBe(200);
    expect(txn.data.transaction).toMatchObject({ amount: 61.11, category: 'Groceries', status: 'POSTED' });
    const txnGuid = txn.data.transaction?.guid as string;
    const listed = await managed.listManagedTransactions(
      accountGuid,
      memberGuid,
      userGuid,
      1,
      '2026-01-01',
      '2026-01-31',
    );
    expect(listed.data.transactions?.map((t) => t.guid)).toEqual([txnGuid]);
    expect(
      (await managed.readManagedTransaction(accountGuid, memberGuid, txnGuid, userGuid)).data.transaction?.description,
    ).toBe('Whole foods');
    const changed = await managed.updateManagedTransaction(accountGuid, memberGuid, txnGuid, userGuid, {
      transaction: { description: 'Corner shop', memo: 'weekly' },
    });
    expect(changed.data.transaction).toMatchObject({ description: 'Corner shop', memo: 'weekly' });
    const ordinary = await transactionsApi.readTransaction(userGuid, txnGuid);
    expect((ordinary.data as { transaction?: { description?: string } }).transaction?.description).toBe('Corner shop');

    expect((await managed.deleteManagedTransaction(accountGuid, memberGuid, txnGuid, userGuid)).status).toBe(204);
    expect(await status(managed.readManagedTransaction(accountGuid, memberGuid, txnGuid, userGuid))).toBe(404);
    expect((await managed.deleteManagedAccount(accountGuid, memberGuid, userGuid)).status).toBe(204);
    expect(await status(managed.readManagedAccount(accountGuid, memberGuid, userGuid))).toBe(404);
    expect(await status(accountsApi.readAccount(accountGuid, userGuid))).toBe(404);
  });
});
