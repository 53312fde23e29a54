// Partner-managed accounts and transactions over HTTP (v20250224, and v20111101 over the same state):
// what the partner writes is what every ordinary account and transaction operation shows.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/clock.js';
import { createMember, newUser, settle } from '../helpers/members.js';
import { startServer, type TestServer, useServer, VERSION_HEADERS } from '../helpers/server.js';

const mx = useServer({ clock: new ManualClock('2026-03-02T10:00:00Z') });
const v1 = { headers: VERSION_HEADERS.v20111101 };
const WIDE = 'from_date=2000-01-01&to_date=2100-01-01&records_per_page=1000';

const managedMember = async (user: string, server: TestServer = mx, member: Record<string, unknown> = {}) =>
  (await server.post(`/users/${user}/managed_members`, { member: { institution_code: 'mxbank', ...member } })).body
    .member.guid as string;

const ACCOUNT = { id: 'acct-1', name: 'Partner checking', type: 'CHECKING', balance: 1200.5 };
const TXN = {
  amount: '61.11',
  description: 'Whole foods',
  status: 'POSTED',
  type: 'DEBIT',
  transacted_at: '2026-02-20T13:00:00.000Z',
  posted_at: '2026-02-21T06:00:00.000Z',
};

async function setUp(server: TestServer = mx) {
  const user = await newUser(server);
  const member = await managedMember(user, server);
  const accounts = `/users/${user}/managed_members/${member}/accounts`;
  const created = await server.post(accounts, { account: ACCOUNT });
  expect(created.status, created.text).toBe(200);
  const account = created.body.account;
  return { user, member, accounts, account, at: `${accounts}/${account.guid}` };
}

describe('managed accounts', () => {
  it('shows what the partner wrote, null for the rest, and lists and reads like any account', async () => {
    const { user, member, accounts, account, at } = await setUp();
    expect(account).toMatchObject({
      guid: expect.stringMatching(/^ACT-/),
      id: 'acct-1',
      name: 'Partner checking',
      type: 'CHECKING',
      balance: 1200.5,
      member_guid: member,
      user_guid: user,
      institution_code: 'mxbank',
      is_manual: false,
      member_is_managed_by_user: false,
      is_closed: false,
      is_hidden: false,
      available_balance: null,
      account_number: null,
      apr: null,
      nickname: null,
      metadata: null,
      subtype: null,
    });
    expect((await mx.get(at)).body.account).toEqual(account);
    expect((await mx.get(accounts)).body).toMatchObject({ accounts: [account], pagination: { total_entries: 1 } });
    // The ordinary account operations show it the same.
    expect((await mx.get(`/users/${user}/accounts`)).body.accounts).toEqual([account]);
    expect((await mx.get(`/users/${user}/accounts/${account.guid}`)).body.account).toEqual(account);
    expect((await mx.get(`/users/${user}/members/${member}/accounts`)).body.accounts).toEqual([account]);
    expect((await mx.get(`/users/${user}/members/${member}/accounts/acct-1`)).body.account).toEqual(account);
    expect((await mx.get(`/users/${user}/accounts?is_manual=true`)).body.accounts).toEqual([]);
    expect((await mx.get(`/users/${user}/accounts?use_case=MONEY_MOVEMENT`)).body.accounts).toEqual([]);
    const old = (await mx.get(`/users/${user}/accounts/${account.guid}`, v1)).body.account;
    expect(old).toMatchObject({ guid: account.guid, balance: 1200.5, is_manual: false, feed_balance: null });
  });

  it('takes every field MX declares, and updates read back in every operation and version', async () => {
    const user = await newUser(mx);
    const member = await managedMember(user);
    const accounts = `/users/${user}/managed_members/${member}/accounts`;
    const full = {
      ...ACCOUNT,
      type: 'CREDIT_CARD',
      subtype: 'NONE',
      account_number: '68899990000000',
      routing_number: '1040434698',
      apr: 19.9,
      available_credit: 800,
      credit_limit: 2000,
      currency_code: 'CAD',
      day_payment_is_due: 14,
      last_payment: 100,
      last_payment_at: '2026-02-01T00:00:00.000Z',
      minimum_payment: 25,
      metadata: 'm',
      nickname: 'Card',
      payoff_balance: 1200.5,
    };
    const a = (await mx.post(accounts, { account: full }, v1)).body.account;
    const { id: _, ...shown } = full;
    expect(a).toMatchObject({ ...shown, id: 'acct-1' });
    const at = `${accounts}/${a.guid}`;
    const updated = await mx.put(at, { account: { name: 'Renamed', balance: 90, nickname: null, is_hidden: true } });
    expect(updated.status).toBe(200);
    expect(updated.body.account).toMatchObject({ name: 'Renamed', balance: 90, nickname: null, is_hidden: true });
    expect(updated.body.account.apr).toBe(19.9);
    for (const [path, opts] of [
      [at, {}],
      [`/users/${user}/accounts/${a.guid}`, {}],
      [`/users/${user}/members/${member}/accounts/${a.guid}`, v1],
      [`/users/${user}/accounts/${a.guid}`, v1],
    ] as const) {
      expect((await mx.get(path, opts)).body.account, path).toMatchObject({ name: 'Renamed', balance: 90 });
    }
    // The user's own update of the account (MX's ordinary update) reads back too.
    const own = await mx.put(`/users/${user}/members/${member}/accounts/${a.guid}`, { account: { metadata: 'user' } });
    expect(own.status, own.text).toBe(200);
    expect((await mx.get(at)).body.account.metadata).toBe('user');
    // A transaction's currency is its account's unless given; v20250224's update may clear the balance.
    const t = (await mx.post(`${at}/transactions`, { transaction: TXN })).body.transaction;
    expect(t.currency_code).toBe('CAD');
    expect((await mx.put(at, { account: { balance: null } })).body.account.balance).toBeNull();
    expect((await mx.get(`/users/${user}/accounts/${a.guid}`, v1)).body.account.balance).toBeNull();
  });

  it('deletes an account with its transactions, and a member with its accounts', async () => {
    const { user, member, accounts, account, at } = await setUp();
    const t = (await mx.post(`${at}/transactions`, { transaction: TXN })).body.transaction;
    expect((await mx.del(at)).status).toBe(204);
    expect((await mx.get(at)).status).toBe(404);
    expect((await mx.get(`/users/${user}/accounts/${account.guid}`)).status).toBe(404);
    expect((await mx.get(`/users/${user}/transactions/${t.guid}`)).status).toBe(404);
    expect((await mx.get(`/users/${user}/transactions?${WIDE}`)).body.transactions).toEqual([]);

    const second = (await mx.post(accounts, { account: ACCOUNT })).body.account;
    const t2 = (await mx.post(`${accounts}/${second.guid}/transactions`, { transaction: TXN })).body.transaction;
    expect((await mx.del(`/users/${user}/managed_members/${member}`)).status).toBe(204);
    expect((await mx.get(`/users/${user}/accounts`)).body.accounts).toEqual([]);
    expect((await mx.get(`/users/${user}/transactions/${t2.guid}`)).status).toBe(404);

    const gone = await setUp();
    expect((await mx.del(`/users/${gone.user}`)).status).toBe(204);
    expect((await mx.get(gone.at)).status).toBe(404);
  });

  it("answers MX's errors: 400 naming the field, 404 for unknown or ordinary guids, 409 for a taken id", async () => {
    const { user, member, accounts, account, at } = await setUp();
    for (const [body, field] of [
      [{ name: 'x', type: 'CHECKING', id: 'a' }, 'balance'],
      [{ name: 'x', balance: 1, id: 'a' }, 'type'],
      [{ name: 'x', balance: 1, type: 'CHECKING' }, 'id'],
      [{ ...ACCOUNT, id: 'z', type: 'PIGGY_BANK' }, 'type'],
    ] as const) {
      const res = await mx.post(accounts, { account: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toContain(`account.${field}`);
    }
    expect((await mx.post(accounts, { account: ACCOUNT })).status).toBe(409);
    const empty = await mx.put(at, { account: {} });
    expect(empty.status).toBe(400);
    expect((await mx.put(at, { account: { name: null } })).status).toBe(400);
    const missing = await mx.get(`${accounts}/ACT-nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('ACT-nope');
    expect((await mx.get(`/users/${user}/managed_members/MBR-nope/accounts`)).status).toBe(404);
    expect((await mx.get(`/users/USR-nope/managed_members/${member}/accounts`)).status).toBe(404);
    // Another managed member's account is not this one's.
    const other = await managedMember(user);
    expect((await mx.get(`/users/${user}/managed_members/${other}/accounts/${account.guid}`)).status).toBe(404);
    // An ordinary member is not a managed one; a managed member takes no ordinary member operation.
    const ordinary = await createMember(mx, 'password');
    await settle(mx, ordinary.path);
    const ordinaryAt = `/users/${ordinary.user}/managed_members/${ordinary.member}/accounts`;
    expect((await mx.get(ordinaryAt)).status).toBe(404);
    expect((await mx.post(ordinaryAt, { account: ACCOUNT })).status).toBe(404);
    expect((await mx.post(`/users/${user}/members/${member}/aggregate`, {})).status).toBe(404);
    expect((await mx.get(`/users/${user}/members/${member}/credentials`)).status).toBe(404);
  });
});

describe('the operations of manual accounts', () => {
  it('refuse a managed account or transaction with 400 pointing to the managed operations', async () => {
    const { user, member, account, at } = await setUp();
    const t = (await mx.post(`${at}/transactions`, { transaction: TXN })).body.transaction;
    const manual = (await mx.post(`/users/${user}/accounts`, { account: { name: 'Jar', account_type: 'CASH' } })).body
      .account;
    for (const res of [
      await mx.del(`/users/${user}/accounts/${account.guid}`),
      await mx.del(`/users/${user}/transactions/${t.guid}`),
      await mx.post(`/users/${user}/accounts/${account.guid}/transactions`, {
        transaction: { amount: 1, date: '2026-02-01', description: 'x', type: 'DEBIT' },
      }),
      await mx.put(`/users/${user}/members/${member}/accounts/${account.guid}`, { account: { name: 'x' } }),
      await mx.post(`/users/${user}/accounts/merge`, { account: { account_guids: [manual.guid, account.guid] } }),
    ]) {
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.message).toContain('partner-managed');
    }
    expect((await mx.get(at)).body.account.name).toBe('Partner checking');
    expect((await mx.get(`${at}/transactions/${t.guid}`)).status).toBe(200);
  });
});

describe('managed transactions', () => {
  it('show what the partner wrote and appear in every ordinary transaction operation', async () => {
    const { user, member, account, at } = await setUp();
    const created = await mx.post(`${at}/transactions`, {
      transaction: { ...TXN, category: 'groceries', memo: 'weekly', latitude: -43.2, merchant_category_code: 5411 },
    });
    expect(created.status, created.text).toBe(200);
    const t = created.body.transaction;
    expect(t).toMatchObject({
      guid: expect.stringMatching(/^TRN-/),
      account_guid: account.guid,
      member_guid: member,
      amount: 61.11,
      description: 'Whole foods',
      status: 'POSTED',
      type: 'DEBIT',
      category: 'Groceries',
      top_level_category: 'Food & Dining',
      date: '2026-02-20',
      transacted_at: '2026-02-20T13:00:00.000Z',
      posted_at: '2026-02-21T06:00:00.000Z',
      memo: 'weekly',
      latitude: -43.2,
      longitude: null,
      merchant_category_code: 5411,
      is_manual: false,
      member_is_managed_by_user: false,
    });
    const tx = `${at}/transactions`;
    expect((await mx.get(`${tx}/${t.guid}`)).body.transaction).toEqual(t);
    expect((await mx.get(tx)).body.transactions).toEqual([t]);
    for (const path of [
      `/users/${user}/transactions`,
      `/users/${user}/accounts/${account.guid}/transactions`,
      `/users/${user}/members/${member}/transactions`,
      `/users/${user}/members/${member}/accounts/${account.guid}/transactions`,
    ]) {
      const listed = await mx.get(path);
      expect(listed.body.transactions, path).toEqual([t]);
      if (path.includes('/members/') && path.includes('/accounts/')) continue; // not in MX's v20111101
      const old = await mx.get(path, v1);
      expect(old.body.transactions?.[0], `${path} ${old.text}`).toMatchObject({ guid: t.guid, amount: 61.11 });
    }
    expect((await mx.get(`/users/${user}/transactions/${t.guid}`)).body.transaction).toEqual(t);
    expect((await mx.get(`/users/${user}/transactions/${t.guid}`, v1)).body.transaction.guid).toBe(t.guid);
  });

  it('list newest first with date filters and pages; a write is seen by the next read', async () => {
    const { user, at } = await setUp();
    const tx = `${at}/transactions`;
    const fillers = Array.from({ length: 8 }, (_, i) => `2025-05-0${i + 1}`);
    const days = ['2026-02-10', '2026-02-25', '2025-06-01', ...fillers];
    const made = [];
    for (const d of days) {
      const res = await mx.post(tx, {
        transaction: { ...TXN, transacted_at: `${d}T12:00:00Z`, posted_at: `${d}T12:00:00Z` },
      });
      made.push(res.body.transaction.guid);
    }
    // Every one by default (a partner lists what it wrote), newest first.
    expect((await mx.get(tx)).body.transactions.map((x: any) => x.date)).toEqual([
      '2026-02-25',
      '2026-02-10',
      '2025-06-01',
      ...[...fillers].reverse(),
    ]);
    const page = (await mx.get(`${tx}?records_per_page=10&page=2`)).body;
    expect(page.transactions.map((x: any) => x.date)).toEqual(['2025-05-01']);
    expect(page.pagination).toMatchObject({ current_page: 2, per_page: 10, total_entries: 11, total_pages: 2 });
    const window = (await mx.get(`${tx}?from_date=2026-02-01&to_date=2026-02-20`, v1)).body.transactions;
    expect(window.map((x: any) => x.date)).toEqual(['2026-02-10']);
    // The ordinary list keeps MX's default window (120 days back).
    const ordinary = (await mx.get(`/users/${user}/transactions`)).body.transactions;
    expect(ordinary.map((x: any) => x.date)).toEqual(['2026-02-25', '2026-02-10']);
    expect((await mx.get(`/users/${user}/transactions?${WIDE}`)).body.pagination.total_entries).toBe(11);

    // A page read before a write is not answered again after it.
    const first = made[0] as string;
    const updated = await mx.put(`${tx}/${first}`, {
      transaction: { description: 'Corner shop', amount: '5', status: 'PENDING', memo: null },
    });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body.transaction).toMatchObject({ description: 'Corner shop', amount: 5, status: 'PENDING' });
    const reread = (await mx.get(`/users/${user}/transactions`)).body.transactions;
    expect(reread.find((x: any) => x.guid === first)).toMatchObject({ description: 'Corner shop', amount: 5 });
    expect((await mx.get(`/users/${user}/transactions/${first}`, v1)).body.transaction.description).toBe('Corner shop');

    expect((await mx.del(`${tx}/${first}`)).status).toBe(204);
    expect((await mx.get(`${tx}/${first}`)).status).toBe(404);
    expect((await mx.get(`/users/${user}/transactions/${first}`)).status).toBe(404);
    expect((await mx.get(`/users/${user}/transactions`)).body.transactions.map((x: any) => x.date)).toEqual([
      '2026-02-25',
    ]);
  });

  it("answers MX's errors for transactions", async () => {
    const { at } = await setUp();
    const tx = `${at}/transactions`;
    for (const [body, field] of [
      [{ ...TXN, amount: undefined }, 'amount'],
      [{ ...TXN, amount: 'lots' }, 'amount'],
      [{ ...TXN, status: 'CLEARED' }, 'status'],
      [{ ...TXN, type: 'SIDEWAYS' }, 'type'],
      [{ ...TXN, posted_at: undefined }, 'posted_at'],
      [{ ...TXN, transacted_at: 'yesterday' }, 'transacted_at'],
      [{ ...TXN, description: '' }, 'description'],
      [{ ...TXN, category: 'Nonsense' }, 'category'],
    ] as const) {
      const res = await mx.post(tx, { transaction: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toContain(`transaction.${field}`);
    }
    const t = (await mx.post(tx, { transaction: TXN })).body.transaction;
    expect((await mx.put(`${tx}/${t.guid}`, { transaction: {} })).status).toBe(400);
    expect((await mx.get(`${tx}/TRN-nope`)).status).toBe(404);
    expect((await mx.del(`${tx}/TRN-nope`)).status).toBe(404);
  });

  it('gives the same guids from the same seed, and leaves another client untouched', async () => {
    const run = async () => {
      const server = await startServer({ clock: new ManualClock('2026-03-02T10:00:00Z') });
      const { at, account } = await setUp(server);
      const t = (await server.post(`${at}/transactions`, { transaction: TXN })).body.transaction;
      await server.close();
      return [account.guid, t.guid];
    };
    const first = await run();
    expect(await run()).toEqual(first);

    const { user, at } = await setUp();
    const other = { auth: 'another-client:key' };
    expect((await mx.get(at, other)).status).toBe(404);
    expect((await mx.get(`/users/${user}/accounts`, other)).status).toBe(404);
  });
});

describe('the state file', () => {
  it('keeps managed accounts and transactions across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mx-sim-managed-accounts-')), 'state.json');
    const before = await startServer({ clock: new ManualClock('2026-03-02T10:00:00Z'), stateFile: file });
    const { user, at } = await setUp(before);
    await before.post(`${at}/transactions`, { transaction: { ...TXN, metadata: 'kept' } });
    const paths = [at, `${at}/transactions`, `/users/${user}/accounts`, `/users/${user}/transactions`];
    const was = await Promise.all(paths.map(async (p) => (await before.get(p)).body));
    await before.sim.state.save();
    await before.close();
    const after = await startServer({ clock: new ManualClock(before.clock.now()), stateFile: file });
    for (const [i, p] of paths.entries()) expect((await after.get(p)).body, p).toEqual(was[i]);
    await after.close();
  });
});
describe('export and import', () => {
  const copy = useServer({ seed: 'another-seed', clock: new ManualClock('2026-03-02T10:00:00Z') });

  it('exports managed accounts and transactions; a fresh simulator loads them back the same', async () => {
    const { user, at, member } = await setUp();
    await mx.post(`${at}/transactions`, { transaction: { ...TXN, category: 'Groceries', id: 'partner-t1' } });
    await mx.post(`${at}/transactions`, { transaction: { ...TXN, status: 'PENDING', amount: '2.5' } });
    const cleared = (
      await mx.post(`/users/${user}/managed_members/${member}/accounts`, { account: { ...ACCOUNT, id: 'b' } })
    ).body.account;
    await mx.put(`/users/${user}/managed_members/${member}/accounts/${cleared.guid}`, { account: { balance: null } });
    const doc = (await mx.get('/_mx-sim/export?format=json')).body;
    const mine = doc.users.find((u: any) => u.guid === user);
    expect(mine.managed_members[0].accounts[0].transactions).toHaveLength(2);
    // Loading is writing: the copy's clock at the same time makes the same created_at.
    copy.clock.advance(mx.clock.now() - copy.clock.now());
    const loaded = await copy.post('/_mx-sim/scenarios?source=export.json', doc);
    expect(loaded.status, loaded.text).toBe(201);
    for (const p of [
      `/users/${user}/managed_members/${member}/accounts`,
      `${at}/transactions`,
      `/users/${user}/transactions`,
    ]) {
      const [x, y] = [await mx.get(p), await copy.get(p)];
      expect(y.body, p).toEqual(x.body);
    }
  });
});

describe('a scenario', () => {
  const preset = useServer({ seed: 'preset-seed', clock: new ManualClock('2026-03-02T10:00:00Z') });
  const scenario = (transaction: Record<string, unknown>) => ({
    users: [
      {
        guid: 'USR-preset-managed',
        managed_members: [
          {
            guid: 'MBR-preset-managed',
            institution_code: 'mxbank',
            accounts: [
              {
                id: 'p1',
                name: 'Preset savings',
                type: 'SAVINGS',
                balance: 5,
                transactions: [{ ...TXN, type: 'CREDIT', description: 'Interest', ...transaction }],
              },
            ],
          },
        ],
      },
    ],
  });

  it('presets managed accounts and transactions under managed_members, checked as the operations check them', async () => {
    const loaded = await preset.post('/_mx-sim/scenarios?source=managed.json', scenario({ amount: '3.5' }));
    expect(loaded.status, loaded.text).toBe(201);
    const accounts = (await preset.get('/users/USR-preset-managed/managed_members/MBR-preset-managed/accounts')).body;
    expect(accounts.accounts).toMatchObject([{ id: 'p1', name: 'Preset savings', type: 'SAVINGS', balance: 5 }]);
    const listed = (await preset.get('/users/USR-preset-managed/transactions')).body.transactions;
    expect(listed).toMatchObject([{ amount: 3.5, description: 'Interest', type: 'CREDIT', category: 'Income' }]);

    const refused = await preset.post('/_mx-sim/scenarios?source=bad.json', scenario({ category: 'Nonsense' }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(
      'managed_members[0].accounts[0].transactions[0]: transaction.category',
    );
  });
});
