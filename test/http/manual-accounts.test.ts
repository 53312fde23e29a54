// Manual accounts and manual transactions, updating an account and merging accounts over HTTP
// (v20250224, and v20111101 over the same state): what lists, reads and totals show after each write.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/clock.js';
import { createMember, newUser, settle } from '../helpers/members.js';
import { startServer, type TestServer, useServer, VERSION_HEADERS } from '../helpers/server.js';

const mx = useServer();
const v1 = { headers: VERSION_HEADERS.v20111101 };
const WIDE = 'from_date=2000-01-01&to_date=2100-01-01&records_per_page=1000';

async function connectedUser(server: TestServer = mx) {
  const { user, path, member } = await createMember(server, 'password');
  await settle(server, path);
  const accounts = (await server.get(`/users/${user}/accounts`)).body.accounts as any[];
  return { user, path, member, accounts };
}

const manualAccount = (user: string, account: Record<string, unknown> = {}, server: TestServer = mx) =>
  server.post(`/users/${user}/accounts`, { account: { name: 'Cash jar', account_type: 'CASH', ...account } });

const manualTxn = (user: string, account: string, txn: Record<string, unknown> = {}) =>
  mx.post(`/users/${user}/accounts/${account}/transactions`, {
    transaction: { amount: 12.5, date: '2025-03-04', description: 'Coffee', type: 'DEBIT', ...txn },
  });

describe('manual accounts', () => {
  it("creates one under the user's Manual Institution member, lists it with the filters and reads it back", async () => {
    const { user, accounts } = await connectedUser();
    const created = await manualAccount(user, { balance: 40, metadata: 'm', nickname: 'Jar', is_business: true });
    expect(created.status).toBe(200);
    const a = created.body.account;
    expect(a).toMatchObject({
      guid: expect.stringMatching(/^ACT-/),
      member_guid: expect.stringMatching(/^MBR-/),
      name: 'Cash jar',
      type: 'CASH',
      balance: 40,
      metadata: 'm',
      nickname: 'Jar',
      is_manual: true,
      member_is_managed_by_user: true,
      institution_code: 'manual_institution',
      user_guid: user,
    });
    expect(accounts.some((x) => x.member_guid === a.member_guid)).toBe(false);
    const second = (await manualAccount(user, { name: 'House', account_type: 'PROPERTY' })).body.account;
    expect(second.member_guid).toBe(a.member_guid);

    const all = (await mx.get(`/users/${user}/accounts`)).body;
    expect(all.pagination.total_entries).toBe(accounts.length + 2);
    expect(all.accounts.slice(-2).map((x: any) => x.guid)).toEqual([a.guid, second.guid]);
    const manualOnly = (await mx.get(`/users/${user}/accounts?is_manual=true`)).body.accounts;
    expect(manualOnly.map((x: any) => x.guid)).toEqual([a.guid, second.guid]);
    const aggregatedOnly = (await mx.get(`/users/${user}/accounts?is_manual=false`)).body.accounts;
    expect(aggregatedOnly.map((x: any) => x.guid)).toEqual(accounts.map((x) => x.guid));
    const managed = (await mx.get(`/users/${user}/accounts?member_is_managed_by_user=true`)).body.accounts;
    expect(managed.map((x: any) => x.guid)).toEqual([a.guid, second.guid]);

    expect((await mx.get(`/users/${user}/accounts/${a.guid}`)).body.account).toEqual(a);
    const byMember = await mx.get(`/users/${user}/members/${a.member_guid}/accounts`);
    expect(byMember.body.accounts.map((x: any) => x.guid)).toEqual([a.guid, second.guid]);
    expect((await mx.get(`/users/${user}/members/${a.member_guid}/accounts/${a.guid}`)).body.account).toEqual(a);
    // The same account in v20111101.
    const old = (await mx.get(`/users/${user}/accounts/${a.guid}`, v1)).body.account;
    expect(old).toMatchObject({ guid: a.guid, is_manual: true, name: 'Cash jar', type: 'CASH', balance: 40 });
  });

  it('refuses a body without name or with an unknown account_type (400), and an unknown user (404)', async () => {
    const user = await newUser(mx);
    const noName = await mx.post(`/users/${user}/accounts`, { account: { account_type: 'CASH' } });
    expect(noName.status).toBe(400);
    expect(noName.body.error.message).toContain('name');
    const badType = await manualAccount(user, { account_type: 'BOAT' });
    expect(badType.status).toBe(400);
    expect(badType.body.error.message).toContain('account_type');
    expect((await manualAccount('USR-nobody')).status).toBe(404);
  });

  it('deletes a manual account with its transactions; refuses an aggregated one (400) and an unknown one (404)', async () => {
    const { user, accounts } = await connectedUser();
    const before = (await mx.get(`/users/${user}/transactions?${WIDE}`)).body.pagination.total_entries;
    const a = (await manualAccount(user)).body.account;
    const t = (await manualTxn(user, a.guid)).body;
    expect((await mx.get(`/users/${user}/transactions?${WIDE}`)).body.pagination.total_entries).toBe(before + 1);
    expect((await mx.del(`/users/${user}/accounts/${a.guid}`)).status).toBe(204);
    expect((await mx.get(`/users/${user}/accounts/${a.guid}`)).status).toBe(404);
    expect((await mx.get(`/users/${user}/accounts`)).body.pagination.total_entries).toBe(accounts.length);
    expect((await mx.get(`/users/${user}/transactions?${WIDE}`)).body.pagination.total_entries).toBe(before);
    expect((await mx.get(`/users/${user}/transactions/${t.guid}`)).status).toBe(404);
    const again = await mx.del(`/users/${user}/accounts/${a.guid}`);
    expect(again.status).toBe(404);
    const aggregated = await mx.del(`/users/${user}/accounts/${accounts[0].guid}`);
    expect(aggregated.status).toBe(400);
    expect(aggregated.body.error.message).toContain('not manual');
  });

  it('draws the same guids from the same seed', async () => {
    const guids = async () => {
      const server = await startServer({ clock: new ManualClock('2026-03-02T10:00:00Z') });
      const user = await newUser(server);
      const a = (await manualAccount(user, {}, server)).body.account;
      const t = (
        await server.post(`/users/${user}/accounts/${a.guid}/transactions`, {
          transaction: { amount: 1, date: '2026-03-01', description: 'x', type: 'CREDIT' },
        })
      ).body;
      await server.close();
      return [a.guid, a.member_guid, t.guid];
    };
    expect(await guids()).toEqual(await guids());
  });
});

describe('manual transactions', () => {
  it("lists with the account's and the user's transactions, reads back, and deletes", async () => {
    const { user, accounts } = await connectedUser();
    const a = (await manualAccount(user)).body.account;
    // A read before the write keeps the page: the write must still show on the next read.
    const empty = (await mx.get(`/users/${user}/accounts/${a.guid}/transactions?${WIDE}`)).body;
    expect(empty.transactions).toEqual([]);
    const userTotal = (await mx.get(`/users/${user}/transactions?${WIDE}`)).body.pagination.total_entries;

    const created = await manualTxn(user, a.guid, { memo: 'oat milk', metadata: 'md' });
    expect(created.status).toBe(200);
    const t = created.body;
    expect(t).toMatchObject({
      guid: expect.stringMatching(/^MAN-/),
      account_guid: a.guid,
      member_guid: a.member_guid,
      user_guid: user,
      amount: 12.5,
      date: '2025-03-04',
      description: 'Coffee',
      type: 'DEBIT',
      memo: 'oat milk',
      metadata: 'md',
      is_manual: true,
      status: 'POSTED',
    });
    const later = (await manualTxn(user, a.guid, { date: '2025-03-06', amount: 3, type: 'CREDIT' })).body;
    const listed = (await mx.get(`/users/${user}/accounts/${a.guid}/transactions?${WIDE}`)).body;
    expect(listed.transactions.map((x: any) => x.guid)).toEqual([later.guid, t.guid]);
    expect(listed.transactions[1]).toEqual(t);
    const all = (await mx.get(`/users/${user}/transactions?${WIDE}`)).body;
    expect(all.pagination.total_entries).toBe(userTotal + 2);
    expect(all.transactions.filter((x: any) => x.is_manual).map((x: any) => x.guid)).toEqual([later.guid, t.guid]);
    expect((await mx.get(`/users/${user}/transactions/${t.guid}`)).body.transaction).toEqual(t);
    const byMember = await mx.get(`/users/${user}/members/${a.member_guid}/transactions?${WIDE}`);
    expect(byMember.body.pagination.total_entries).toBe(2);

    expect((await mx.del(`/users/${user}/transactions/${t.guid}`)).status).toBe(204);
    const after = (await mx.get(`/users/${user}/accounts/${a.guid}/transactions?${WIDE}`)).body;
    expect(after.transactions.map((x: any) => x.guid)).toEqual([later.guid]);
    expect((await mx.get(`/users/${user}/transactions/${t.guid}`)).status).toBe(404);
    expect((await mx.del(`/users/${user}/transactions/${t.guid}`)).status).toBe(404);

    const aggregatedTxn = all.transactions.find((x: any) => !x.is_manual);
    const refused = await mx.del(`/users/${user}/transactions/${aggregatedTxn.guid}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('only manual transactions');
    const onAggregated = await manualTxn(user, accounts[0].guid);
    expect(onAggregated.status).toBe(400);
    expect(onAggregated.body.error.message).toContain('manual account');
  });

  it('takes a transaction update like any transaction', async () => {
    const user = await newUser(mx);
    const a = (await manualAccount(user)).body.account;
    const t = (await manualTxn(user, a.guid)).body;
    const res = await mx.put(`/users/${user}/transactions/${t.guid}`, { transaction: { description: 'Latte' } });
    expect(res.status, res.text).toBe(200);
    const listed = (await mx.get(`/users/${user}/accounts/${a.guid}/transactions?${WIDE}`)).body.transactions;
    expect(listed.map((x: any) => [x.guid, x.description, x.is_manual])).toEqual([[t.guid, 'Latte', true]]);
  });

  it("takes one of the user's own categories, which reads back everywhere and goes to its parent when deleted", async () => {
    const user = await newUser(mx);
    const a = (await manualAccount(user)).body.account;
    const parent = (await mx.get('/categories/default?records_per_page=100')).body.categories.find(
      (c: any) => c.name === 'Food & Dining',
    );
    const mine = (
      await mx.post(`/users/${user}/categories`, { category: { name: 'Treats', parent_guid: parent.guid } })
    ).body.category;
    const created = await manualTxn(user, a.guid, { category_guid: mine.guid });
    expect(created.status, created.text).toBe(200);
    const fields = (x: any) => [x.category, x.category_guid, x.top_level_category];
    expect(fields(created.body)).toEqual(['Treats', mine.guid, 'Food & Dining']);
    const read = (await mx.get(`/users/${user}/transactions/${created.body.guid}`)).body.transaction;
    expect(fields(read)).toEqual(['Treats', mine.guid, 'Food & Dining']);
    expect((await mx.del(`/users/${user}/categories/${mine.guid}`)).status).toBe(204);
    const listed = (await mx.get(`/users/${user}/accounts/${a.guid}/transactions?${WIDE}`)).body.transactions;
    expect(fields(listed[0])).toEqual(['Food & Dining', parent.guid, 'Food & Dining']);
  });

  it('refuses bodies without what MX requires (400) and unknown accounts (404)', async () => {
    const user = await newUser(mx);
    const a = (await manualAccount(user)).body.account;
    const noAmount = await mx.post(`/users/${user}/accounts/${a.guid}/transactions`, {
      transaction: { date: '2025-01-01', description: 'x', type: 'DEBIT' },
    });
    expect(noAmount.status).toBe(400);
    expect(noAmount.body.error.message).toContain('amount');
    const badDate = await manualTxn(user, a.guid, { date: 'yesterday' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toContain('YYYY-MM-DD');
    const badCategory = await manualTxn(user, a.guid, { category_guid: 'CAT-nope' });
    expect(badCategory.status).toBe(400);
    expect((await manualTxn(user, 'ACT-nope')).status).toBe(404);
  });
});

describe('updateAccountByMember', () => {
  it("changes an aggregated account's is_hidden and metadata everywhere, kept over a later aggregation", async () => {
    const { user, path, accounts } = await connectedUser();
    const target = accounts[0];
    const res = await mx.put(`${path}/accounts/${target.guid}`, { account: { is_hidden: true, metadata: 'mine' } });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ guid: target.guid, is_hidden: true, metadata: 'mine' });
    const check = async () => {
      expect((await mx.get(`/users/${user}/accounts/${target.guid}`)).body.account).toMatchObject({
        is_hidden: true,
        metadata: 'mine',
      });
      const listed = (await mx.get(`${path}/accounts`)).body.accounts.find((a: any) => a.guid === target.guid);
      expect(listed).toMatchObject({ is_hidden: true, metadata: 'mine' });
    };
    await check();
    mx.clock.advance(3 * 3_600_000);
    expect((await mx.post(`${path}/aggregate`)).status).toBe(202);
    await settle(mx, path);
    await check();
    const refused = await mx.put(`${path}/accounts/${target.guid}`, { account: { name: 'Renamed' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('is_business, is_hidden, metadata');
    expect((await mx.put(`${path}/accounts/ACT-nope`, { account: { is_hidden: false } })).status).toBe(404);
  });

  it('changes any field of a manual account under its manual member', async () => {
    const user = await newUser(mx);
    const a = (await manualAccount(user)).body.account;
    const res = await mx.put(`/users/${user}/members/${a.member_guid}/accounts/${a.guid}`, {
      account: { name: 'Piggy bank', balance: 99, account_type: 'SAVINGS', is_closed: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ name: 'Piggy bank', balance: 99, type: 'SAVINGS', is_closed: true });
    expect((await mx.get(`/users/${user}/accounts/${a.guid}`)).body.account).toEqual(res.body.account);
    const v1Put = await mx.put(
      `/users/${user}/members/${a.member_guid}/accounts/${a.guid}`,
      { account: { nickname: 'Oink' } },
      v1,
    );
    expect(v1Put.status).toBe(200);
    expect(v1Put.body.account.nickname).toBe('Oink');
    const empty = await mx.put(`/users/${user}/members/${a.member_guid}/accounts/${a.guid}`, { account: {} });
    expect(empty.status).toBe(400);
  });
});

describe('mergeAccounts', () => {
  it('keeps the aggregated account; a manual duplicate goes and its transactions list under the one kept', async () => {
    const { user, accounts } = await connectedUser();
    const kept = accounts[0];
    const a = (await manualAccount(user)).body.account;
    const t = (await manualTxn(user, a.guid)).body;
    const keptBefore = (await mx.get(`/users/${user}/accounts/${kept.guid}/transactions?${WIDE}`)).body.pagination;
    const res = await mx.post(`/users/${user}/accounts/merge`, { account: { account_guids: [a.guid, kept.guid] } });
    expect(res.status).toBe(200);
    expect(res.body.account.guid).toBe(kept.guid);
    expect((await mx.get(`/users/${user}/accounts/${a.guid}`)).status).toBe(404);
    const keptAfter = (await mx.get(`/users/${user}/accounts/${kept.guid}/transactions?${WIDE}`)).body;
    expect(keptAfter.pagination.total_entries).toBe(keptBefore.total_entries + 1);
    const moved = (await mx.get(`/users/${user}/transactions/${t.guid}`)).body.transaction;
    expect(moved).toMatchObject({ guid: t.guid, account_guid: kept.guid, member_guid: kept.member_guid });
    expect(keptAfter.transactions.some((x: any) => x.guid === t.guid)).toBe(true);
    // It can be tagged where it now lists.
    const tag = (await mx.post(`/users/${user}/tags`, { tag: { name: 'Moved' } })).body.tag;
    const tagging = await mx.post(`/users/${user}/taggings`, {
      tagging: { tag_guid: tag.guid, transaction_guid: t.guid },
    });
    expect(tagging.status).toBe(200);
    const byTag = (await mx.get(`/users/${user}/tags/${tag.guid}/transactions?${WIDE}`)).body.transactions;
    expect(byTag.map((x: any) => [x.guid, x.account_guid])).toEqual([[t.guid, kept.guid]]);
    // Still a manual transaction: it can be deleted, and its tagging goes with it.
    expect((await mx.del(`/users/${user}/transactions/${t.guid}`)).status).toBe(204);
    expect((await mx.get(`/users/${user}/taggings/${tagging.body.tagging.guid}`)).status).toBe(404);
    expect((await mx.get(`/users/${user}/accounts/${kept.guid}/transactions?${WIDE}`)).body.pagination).toEqual(
      keptBefore,
    );
  });

  it('merges two aggregated accounts: the second leaves the lists, its transactions list under the first', async () => {
    const { user, path, accounts } = await connectedUser();
    const [kept, away] = accounts;
    const count = async (guid: string) =>
      (await mx.get(`/users/${user}/accounts/${guid}/transactions?${WIDE}`)).body.pagination.total_entries;
    const keptCount = await count(kept.guid);
    const awayCount = await count(away.guid);
    const userCount = (await mx.get(`/users/${user}/transactions?${WIDE}`)).body.pagination.total_entries;
    const awayTxn = (await mx.get(`/users/${user}/accounts/${away.guid}/transactions`)).body.transactions[0];
    const res = await mx.post(`/users/${user}/accounts/merge`, { account: { account_guids: [kept.guid, away.guid] } });
    expect(res.body.account.guid).toBe(kept.guid);
    expect((await mx.get(`/users/${user}/accounts`)).body.pagination.total_entries).toBe(accounts.length - 1);
    expect((await mx.get(`${path}/accounts`)).body.accounts.some((a: any) => a.guid === away.guid)).toBe(false);
    expect((await mx.get(`/users/${user}/accounts/${away.guid}`)).status).toBe(404);
    expect(await count(kept.guid)).toBe(keptCount + awayCount);
    expect((await mx.get(`/users/${user}/transactions?${WIDE}`)).body.pagination.total_entries).toBe(userCount);
    const read = (await mx.get(`/users/${user}/transactions/${awayTxn.guid}`)).body.transaction;
    expect(read).toMatchObject({ guid: awayTxn.guid, account_guid: kept.guid });
  });

  it("deleting the kept account's member takes the transactions moved onto it; the merged account stays gone", async () => {
    const { user, path, accounts } = await connectedUser();
    const a = (await manualAccount(user)).body.account;
    const t = (await manualTxn(user, a.guid)).body;
    await mx.post(`/users/${user}/accounts/merge`, { account: { account_guids: [accounts[0].guid, a.guid] } });
    await mx.put(`${path}/accounts/${accounts[1].guid}`, { account: { is_hidden: true } });
    expect((await mx.del(path)).status).toBe(204);
    expect((await mx.get(`/users/${user}/transactions/${t.guid}`)).status).toBe(404);
    expect((await mx.get(`/users/${user}/accounts`)).body.accounts).toEqual([]);
    expect((await mx.get(`/users/${user}/transactions?${WIDE}`)).body.pagination.total_entries).toBe(0);
  });

  it('merges manual accounts into the first named, which then lists all their transactions', async () => {
    const user = await newUser(mx);
    const [a, b, c] = [
      (await manualAccount(user, { name: 'A' })).body.account,
      (await manualAccount(user, { name: 'B' })).body.account,
      (await manualAccount(user, { name: 'C' })).body.account,
    ];
    const ta = (await manualTxn(user, a.guid, { date: '2025-01-01' })).body;
    const tb = (await manualTxn(user, b.guid, { date: '2025-01-03' })).body;
    const tc = (await manualTxn(user, c.guid, { date: '2025-01-02' })).body;
    const res = await mx.post(`/users/${user}/accounts/merge`, {
      account: { account_guids: [b.guid, a.guid, c.guid] },
    });
    expect(res.body.account).toMatchObject({ guid: b.guid, name: 'B', is_manual: true });
    expect((await mx.get(`/users/${user}/accounts`)).body.accounts.map((x: any) => x.guid)).toEqual([b.guid]);
    const listed = (await mx.get(`/users/${user}/accounts/${b.guid}/transactions?${WIDE}`)).body.transactions;
    expect(listed.map((x: any) => [x.guid, x.account_guid])).toEqual([
      [tb.guid, b.guid],
      [tc.guid, b.guid],
      [ta.guid, b.guid],
    ]);
  });

  it('refuses fewer than two accounts (400) and unknown ones (404)', async () => {
    const { user, accounts } = await connectedUser();
    const one = await mx.post(`/users/${user}/accounts/merge`, { account: { account_guids: [accounts[0].guid] } });
    expect(one.status).toBe(400);
    expect(one.body.error.message).toContain('two');
    const same = await mx.post(`/users/${user}/accounts/merge`, {
      account: { account_guids: [accounts[0].guid, accounts[0].guid] },
    });
    expect(same.status).toBe(400);
    const unknown = await mx.post(`/users/${user}/accounts/merge`, {
      account: { account_guids: [accounts[0].guid, 'ACT-nope'] },
    });
    expect(unknown.status).toBe(404);
  });
});

describe('export and import', () => {
  const copy = useServer({ seed: 'another-seed' });

  it('exports manual accounts and transactions, edits and merges; a fresh simulator loads them back the same', async () => {
    const { user, path, accounts } = await connectedUser();
    const a = (await manualAccount(user, { balance: 7, nickname: 'N' })).body.account;
    await manualTxn(user, a.guid, { memo: 'm', metadata: 'x' });
    const dup = (await manualAccount(user, { name: 'Dup' })).body.account;
    await manualTxn(user, dup.guid, { date: '2025-02-01' });
    await mx.put(`${path}/accounts/${accounts[0].guid}`, { account: { is_hidden: true, metadata: 'e' } });
    await mx.post(`/users/${user}/accounts/merge`, { account: { account_guids: [accounts[0].guid, dup.guid] } });
    await mx.post(`/users/${user}/accounts/merge`, {
      account: { account_guids: [accounts[0].guid, accounts[1].guid] },
    });
    const doc = (await mx.get('/_mx-sim/export?format=json')).body;
    const mine = doc.users.find((u: any) => u.guid === user);
    expect(mine.manual.accounts.map((x: any) => x.guid)).toEqual([a.guid]);
    const loaded = await copy.post('/_mx-sim/scenarios?source=export.json', doc);
    expect(loaded.status, loaded.text).toBe(201);
    for (const p of [
      `/users/${user}/accounts`,
      `/users/${user}/accounts/${a.guid}/transactions?${WIDE}`,
      `/users/${user}/accounts/${accounts[0].guid}/transactions?${WIDE}`,
      `/users/${user}/transactions?from_date=2000-01-01&to_date=2100-01-01&records_per_page=50`,
    ]) {
      const [x, y] = [await mx.get(p), await copy.get(p)];
      expect(y.status, p).toBe(200);
      // What the user made or changed is the same (an export does not keep every generated detail, nor times).
      const mine = (b: any) =>
        [...(b.accounts ?? []), ...(b.transactions ?? [])].map((r: any) =>
          r.is_manual
            ? { ...r, created_at: undefined, updated_at: undefined }
            : { guid: r.guid, account_guid: r.account_guid, is_hidden: r.is_hidden, metadata: r.metadata },
        );
      expect(mine(y.body), p).toEqual(mine(x.body));
      expect(y.body.pagination, p).toEqual(x.body.pagination);
    }
  });

  it('refuses a scenario whose manual transaction names no account of the user, saying where', async () => {
    const res = await copy.post('/_mx-sim/scenarios?source=bad.yaml', undefined, {
      raw: 'users:\n  - id: bad-manual\n    manual: { transactions: [{ account_guid: ACT-nope, date: 2025-01-01, amount: 1, type: DEBIT, description: X }] }\n',
      headers: { 'Content-Type': 'application/yaml' },
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('users[0].manual.transactions[0].account_guid');
  });
});

describe('the state file', () => {
  it('keeps manual accounts and transactions, account edits and merges across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mx-sim-manual-')), 'state.json');
    const before = await startServer({ clock: new ManualClock('2026-03-02T10:00:00Z'), stateFile: file });
    const { user, path, accounts } = await connectedUser(before);
    const a = (await manualAccount(user, { balance: 5 }, before)).body.account;
    await before.post(`/users/${user}/accounts/${a.guid}/transactions`, {
      transaction: { amount: 2, date: '2026-03-01', description: 'Tea', type: 'DEBIT' },
    });
    await before.put(`${path}/accounts/${accounts[0].guid}`, { account: { is_hidden: true } });
    await before.post(`/users/${user}/accounts/merge`, {
      account: { account_guids: [accounts[0].guid, accounts[1].guid] },
    });
    const read = async (server: TestServer) => ({
      accounts: (await server.get(`/users/${user}/accounts`)).body,
      transactions: (await server.get(`/users/${user}/transactions?${WIDE}`)).body.pagination,
      manual: (await server.get(`/users/${user}/accounts/${a.guid}/transactions?${WIDE}`)).body,
    });
    const was = await read(before);
    expect(was.manual.transactions).toHaveLength(1);
    await before.sim.state.save();
    await before.close();

    const after = await startServer({ clock: new ManualClock(before.clock.now()), stateFile: file });
    expect(await read(after)).toEqual(was);
    const next = (await manualAccount(user, {}, after)).body.account;
    expect(JSON.stringify(was)).not.toContain(next.guid);
    await after.close();
  });
});
