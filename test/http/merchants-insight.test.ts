// Merchants, merchant locations, enhanced transactions, repeating transactions and the monthly cash-flow
// profile over HTTP (v20250224, and v20111101 over the same state); every exchange is checked against
// MX's documents and ours.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/clock.js';
import { createMember, newUser, settle } from '../helpers/members.js';
import { startServer, type TestServer, useServer, VERSION_HEADERS } from '../helpers/server.js';

const mx = useServer();
const v1 = { headers: VERSION_HEADERS.v20111101 };
const MISSING = 'MCH-00000000-0000-0000-0000-000000000000';

async function connectedUser(server: TestServer = mx) {
  const { user, path } = await createMember(server, 'password');
  await settle(server, path);
  return { user, path };
}

async function allTransactions(server: TestServer, user: string, includes = '') {
  const out: any[] = [];
  for (let page = 1; ; page++) {
    const res = await server.get(`/users/${user}/transactions?records_per_page=1000&page=${page}${includes}`);
    out.push(...res.body.transactions);
    if (page >= res.body.pagination.total_pages) return out;
  }
}

describe('merchants', () => {
  it("reads back every merchant and location a user's transactions show, in both versions", async () => {
    const { user } = await connectedUser();
    const txns = await allTransactions(mx, user, '&includes=merchants');
    const withMerchant = txns.filter((t) => t.merchant_guid !== null);
    expect(withMerchant.length).toBeGreaterThan(50);
    const seen = new Map<string, string>();
    for (const t of withMerchant) {
      expect(t.merchant_location_guid).toMatch(/^MCL-/);
      seen.set(t.merchant_guid, t.merchant_location_guid);
    }
    for (const t of txns.filter((x) => x.merchant_guid === null)) expect(t.merchant_location_guid).toBeNull();
    for (const [guid, location] of seen) {
      const m = await mx.get(`/merchants/${guid}`);
      expect(m.status).toBe(200);
      expect(m.body.merchant.guid).toBe(guid);
      expect(txns.find((t) => t.merchant_guid === guid).merchant.name).toBe(m.body.merchant.name);
      const l = await mx.get(`/merchant_locations/${location}`);
      expect(l.status).toBe(200);
      expect(l.body.merchant_location).toMatchObject({ guid: location, merchant_guid: guid, country: 'US' });
      expect((await mx.get(`/merchants/${guid}`, v1)).body).toEqual(m.body);
      expect((await mx.get(`/merchant_locations/${location}`, v1)).body).toEqual(l.body);
    }
  });

  it('lists merchants by name, paginated, filtered by a part of the name, the same every time', async () => {
    const all = await mx.get('/merchants?records_per_page=10');
    expect(all.status).toBe(200);
    const total = all.body.pagination.total_entries;
    expect(total).toBe(20);
    expect(all.body.merchants).toHaveLength(10);
    const rest = await mx.get('/merchants?records_per_page=10&page=2');
    const names = [...all.body.merchants, ...rest.body.merchants].map((m: any) => m.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(new Set(names).size).toBe(total);
    const filtered = await mx.get('/merchants?name=MARKET');
    expect(filtered.body.merchants.map((m: any) => m.name)).toEqual(['Fresh Fields Market']);
    expect((await mx.get('/merchants?name=nothing-like-it')).body.pagination.total_entries).toBe(0);
    expect((await mx.get('/merchants?records_per_page=10', v1)).body).toEqual(all.body);
    const other = await startServer({ seed: 'another-seed' });
    expect((await other.get('/merchants?records_per_page=10')).body).toEqual(all.body);
    await other.close();
  });

  it('answers 404 in MX error JSON for an unknown merchant or location', async () => {
    for (const path of [`/merchants/${MISSING}`, '/merchant_locations/MCL-nope']) {
      const res = await mx.get(path);
      expect(res.status).toBe(404);
      expect(res.body.error.status).toBe('not_found');
      expect(res.body.error.message).toContain(path.split('/').pop());
    }
  });
});

describe('enhance transactions', () => {
  it('cleanses and categorises known merchants, keywords and codes, and echoes what was sent', async () => {
    const body = {
      transactions: [
        { id: 'a', description: 'POS DEBIT 03/14 FRESH FIELDS MARKET #1234 LEHI UT', amount: 42.1, type: 'DEBIT' },
        { id: 'b', description: 'streamly.example*subscription', amount: 15.99, type: 'DEBIT', memo: 'monthly' },
        { id: 'c', description: 'ACME PAYROLL DIRECT DEP PPD ID 998877', amount: 2100, type: 'CREDIT' },
        { id: 'd', description: 'SQ *TINY TACO TRUCK 0412 SEATTLE WA', type: 'DEBIT' },
        { id: 'e', description: 'ZXQW LLC 889922', merchant_category_code: 5541, type: 'DEBIT' },
        { id: 'f', description: 'qqq zzzz 12345' },
        { id: 'g', description: 'MISC DEPOSIT 77', type: 'CREDIT', extended_transaction_type: 'partner' },
      ],
    };
    const res = await mx.post('/transactions/enhance', body);
    expect(res.status).toBe(200);
    const [a, b, c, d, e, f, g] = res.body.transactions;
    expect(a).toMatchObject({ id: 'a', description: 'Fresh Fields Market', category: 'Groceries', amount: 42.1 });
    expect(a.original_description).toBe(body.transactions[0]?.description);
    expect(a.merchant_guid).toMatch(/^MCH-/);
    expect((await mx.get(`/merchant_locations/${a.merchant_location_guid}`)).status).toBe(200);
    expect(b).toMatchObject({
      description: 'Streamly',
      category: 'Television',
      is_subscription: true,
      memo: 'monthly',
    });
    expect(c).toMatchObject({ category: 'Paycheck', is_income: true, is_direct_deposit: true, is_expense: false });
    expect(d).toMatchObject({ description: 'Tiny Taco Truck', category: 'Fast Food', merchant_guid: null });
    expect(e).toMatchObject({ category: 'Gas', merchant_category_code: 5541 });
    expect(f).toMatchObject({ category: 'Uncategorized', description: 'Qqq Zzzz', type: 'DEBIT', amount: null });
    expect(g).toMatchObject({ category: 'Income', extended_transaction_type: 'partner', is_income: true });
    // Every category is one of MX's default ones, with its top-level category.
    for (const t of res.body.transactions) {
      const cat = (await mx.get(`/categories/${t.category_guid}`)).body.category;
      expect(cat.name).toBe(t.category);
      expect(cat.parent_guid ?? cat.guid).toBe(t.top_level_category_guid);
    }
    const again = await mx.post('/transactions/enhance', body, v1);
    const { top_level_category_guid, user_guid, ...shared } = a;
    expect(again.body.transactions[0]).toMatchObject(shared);
    expect((await mx.post('/transactions/enhance', body)).body).toEqual(res.body);
  });

  it('refuses a bad body with a 400 that names the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{}, 'transactions'],
      [{ transactions: [] }, 'at least one'],
      [{ transactions: [{ id: 'x' }] }, 'transactions.0.description'],
      [{ transactions: [{ description: 'x' }] }, 'transactions.0.id'],
      [{ transactions: [{ id: 'x', description: 'y', type: 'BOTH' }] }, 'transactions.0.type'],
      [{ transactions: Array.from({ length: 101 }, (_, i) => ({ id: `${i}`, description: 'x' })) }, 'at most 100'],
    ];
    for (const [body, words] of cases) {
      const res = await mx.post('/transactions/enhance', body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(words);
    }
  });
});

describe('repeating transactions', () => {
  it("lists the user's recurring series, each one the transactions' includes name, in both versions", async () => {
    const { user } = await connectedUser();
    const list = await mx.get(`/users/${user}/repeating_transactions`);
    expect(list.status).toBe(200);
    const series = list.body.repeating_transactions as any[];
    expect(series.length).toBeGreaterThanOrEqual(8);
    const types = new Set(series.map((r) => r.repeating_transaction_type));
    expect([...types].sort()).toEqual(['BILL', 'INCOME', 'SUBSCRIPTION']);
    const today = (await mx.get('/_mx-sim/clock')).body.now.slice(0, 10);
    for (const r of series) {
      expect(r.user_guid).toBe(user);
      expect(r.last_posted_date <= today).toBe(true);
      expect(r.predicted_occurs_on > today).toBe(true);
      expect(['EVERY_MONTH', 'EVERY_OTHER_WEEK']).toContain(r.recurrence_type);
      if (r.merchant_guid) expect((await mx.get(`/merchants/${r.merchant_guid}`)).status).toBe(200);
      const one = await mx.get(`/users/${user}/repeating_transactions/${r.guid}`);
      expect(one.body.repeating_transactions).toEqual([r]);
    }
    const pay = series.find((r) => r.description === 'Acme Widgets Inc');
    expect(pay).toMatchObject({ recurrence_type: 'EVERY_OTHER_WEEK', repeating_transaction_type: 'INCOME' });
    expect(series.find((r) => r.description === 'Streamly')).toMatchObject({
      amount: 15.99,
      recurrence_type: 'EVERY_MONTH',
    });
    // The newest posted transaction of each series is its last occurrence; the includes name the series.
    const txns = await allTransactions(mx, user, '&includes=repeating_transactions');
    for (const r of series) {
      const mine = txns.filter((t) => t.repeating_transaction?.guid === r.guid && t.status === 'POSTED');
      expect(mine.length).toBeGreaterThan(0);
      const last = mine.reduce((x, y) => (x.transacted_at > y.transacted_at ? x : y));
      expect(last.date).toBe(r.last_posted_date);
      expect(last.amount).toBe(r.amount);
      expect(last.account_guid).toBe(r.account_guid);
      expect(last.repeating_transaction.recurrence_type).toBe(r.recurrence_type);
      expect(last.repeating_transaction.repeating_transaction_type).toBe(r.repeating_transaction_type);
    }
    for (const t of txns) {
      if (t.repeating_transaction) expect(t.repeating_transaction.recurrence_type).toBeDefined();
      expect(t.is_recurring).toBe(t.repeating_transaction !== null);
    }
    expect((await mx.get(`/users/${user}/repeating_transactions`, v1)).body).toEqual(list.body);
  });

  it('answers 404 for an unknown user or series, and an empty list for a user without members', async () => {
    const user = await newUser(mx);
    expect((await mx.get(`/users/${user}/repeating_transactions`)).body).toEqual({ repeating_transactions: [] });
    const missing = await mx.get(`/users/${user}/repeating_transactions/RPT-nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('RPT-nope');
    expect((await mx.get('/users/USR-nope/repeating_transactions')).status).toBe(404);
  });
});

describe('monthly cash flow profile', () => {
  it("derives income and expenses from the user's data, and reads back updates in both versions", async () => {
    const { user } = await connectedUser();
    await mx.put(`/users/${user}`, { user: { id: 'cash-flow-user' } });
    const read = await mx.get(`/users/${user}/monthly_cash_flow_profile`);
    expect(read.status).toBe(200);
    const p = read.body.monthly_cash_flow_profile;
    expect(p).toMatchObject({ user_guid: user, goals_contribution: 0, uses_estimated_goals_contribution: false });
    expect(p.guid).toMatch(/^MCF-/);
    expect(p.budgeted_income).toBeGreaterThan(1000);
    expect(p.budgeted_expenses).toBeGreaterThan(100);
    expect(p.estimated_goals_contribution).toBe(
      Math.max(0, Math.round((p.budgeted_income - p.budgeted_expenses) * 100) / 100),
    );
    expect((await mx.get('/users/cash-flow-user/monthly_cash_flow_profile')).body).toEqual(read.body);
    const updated = await mx.put(`/users/cash-flow-user/monthly_cash_flow_profile`, {
      monthly_cash_flow_profile: { goals_contribution: 250.5 },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.monthly_cash_flow_profile).toEqual({ ...p, goals_contribution: 250.5 });
    // v20111101's document names the wrapper `institution`.
    const v1Updated = await mx.put(
      `/users/${user}/monthly_cash_flow_profile`,
      { institution: { uses_estimated_goals_contribution: true } },
      v1,
    );
    expect(v1Updated.body.monthly_cash_flow_profile).toEqual({
      ...p,
      goals_contribution: 250.5,
      uses_estimated_goals_contribution: true,
    });
    expect((await mx.get(`/users/${user}/monthly_cash_flow_profile`)).body).toEqual(v1Updated.body);
  });

  it('refuses a bad update with a 400 naming the field, and an unknown user with a 404', async () => {
    const user = await newUser(mx);
    const fresh = (await mx.get(`/users/${user}/monthly_cash_flow_profile`)).body.monthly_cash_flow_profile;
    expect(fresh).toMatchObject({ budgeted_income: 0, budgeted_expenses: 0, estimated_goals_contribution: 0 });
    const cases: Array<[unknown, string]> = [
      [{}, 'monthly_cash_flow_profile'],
      [{ monthly_cash_flow_profile: {} }, 'at least one'],
      [
        { monthly_cash_flow_profile: { goals_contribution: 1 }, institution: { goals_contribution: 2 } },
        'one of the two',
      ],
      [{ monthly_cash_flow_profile: { goals_contribution: -5 } }, 'goals_contribution'],
      [{ monthly_cash_flow_profile: { goals_contribution: '5' } }, 'goals_contribution'],
      [{ monthly_cash_flow_profile: { uses_estimated_goals_contribution: 'yes' } }, 'uses_estimated'],
    ];
    for (const [body, words] of cases) {
      const res = await mx.put(`/users/${user}/monthly_cash_flow_profile`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(words);
    }
    expect((await mx.get('/users/USR-nope/monthly_cash_flow_profile')).status).toBe(404);
    expect(
      (
        await mx.put('/users/USR-nope/monthly_cash_flow_profile', {
          monthly_cash_flow_profile: { goals_contribution: 1 },
        })
      ).status,
    ).toBe(404);
  });
});

describe('the state file', () => {
  it('keeps cash flow profile edits across a restart; a deleted user takes its profile along', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mx-sim-mcf-')), 'state.json');
    const before = await startServer({ clock: new ManualClock('2026-03-02T10:00:00Z'), stateFile: file });
    const { user } = await connectedUser(before);
    const gone = await newUser(before);
    const change = { monthly_cash_flow_profile: { goals_contribution: 75, uses_estimated_goals_contribution: true } };
    await before.put(`/users/${user}/monthly_cash_flow_profile`, change);
    await before.put(`/users/${gone}/monthly_cash_flow_profile`, change);
    await before.del(`/users/${gone}`);
    const profile = (await before.get(`/users/${user}/monthly_cash_flow_profile`)).body;
    const repeating = (await before.get(`/users/${user}/repeating_transactions`)).body;
    await before.sim.state.save();
    expect((before.sim.state.document() as any).clients[0].cash_flow_profiles).toEqual([
      { user_guid: user, goals_contribution: 75, uses_estimated_goals_contribution: true },
    ]);
    await before.close();
    const after = await startServer({ clock: new ManualClock(before.clock.now()), stateFile: file });
    expect((await after.get(`/users/${user}/monthly_cash_flow_profile`)).body).toEqual(profile);
    expect((await after.get(`/users/${user}/repeating_transactions`)).body).toEqual(repeating);
    await after.close();
  });
});

describe('export and import', () => {
  it('exports cash flow profile settings, and a fresh simulator loads them back the same', async () => {
    const { user } = await connectedUser();
    const change = { monthly_cash_flow_profile: { goals_contribution: 42, uses_estimated_goals_contribution: true } };
    const profile = (await mx.put(`/users/${user}/monthly_cash_flow_profile`, change)).body;
    const exported = await mx.get('/_mx-sim/export?format=json');
    expect(exported.status).toBe(200);
    const doc = exported.body;
    const mine = doc.users.find((u: any) => u.guid === user);
    expect(mine.monthly_cash_flow_profile).toEqual(change.monthly_cash_flow_profile);
    const copy = await startServer({ clock: new ManualClock(mx.clock.now()) });
    const loaded = await copy.post('/_mx-sim/scenarios?source=export.json', doc);
    expect(loaded.status).toBeLessThan(300);
    expect((await copy.get(`/users/${user}/monthly_cash_flow_profile`)).body).toEqual(profile);
    // Exported transactions are exact ones, which carry no recurring kind: no series after loading.
    expect((await copy.get(`/users/${user}/repeating_transactions`)).body).toEqual({ repeating_transactions: [] });
    await copy.close();
  });

  it("loads a scenario user's cash flow profile settings and its exact transactions' income and expenses", async () => {
    const copy = await startServer({ clock: new ManualClock('2026-03-02T10:00:00Z') });
    const yaml = [
      'users:',
      '  - id: qa-cash',
      '    monthly_cash_flow_profile: { goals_contribution: 12.5 }',
      '    members:',
      '      - institution: mxbank',
      '        accounts:',
      '          - type: CHECKING',
      '            transactions:',
      '              - { days_ago: 10, amount: 3000, type: CREDIT, description: Payroll, category: Paycheck }',
      '              - { days_ago: 9, amount: 300, type: DEBIT, description: Market, category: Groceries }',
      '              - { days_ago: 8, amount: 500, type: DEBIT, description: To savings, category: Transfer }',
      '              - { days_ago: 200, amount: 999, type: DEBIT, description: Old, category: Groceries }',
    ].join('\n');
    const res = await copy.post('/_mx-sim/scenarios?source=cash.yaml', undefined, {
      raw: yaml,
      headers: { 'Content-Type': 'application/yaml' },
    });
    expect(res.status, res.text).toBe(201);
    const profile = (await copy.get('/users/qa-cash/monthly_cash_flow_profile')).body.monthly_cash_flow_profile;
    expect(profile).toMatchObject({
      budgeted_income: 1000,
      budgeted_expenses: 100,
      estimated_goals_contribution: 900,
      goals_contribution: 12.5,
      uses_estimated_goals_contribution: false,
    });
    await copy.close();
  });
});
