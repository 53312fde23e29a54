// Insights over HTTP (v20250224, and v20111101 over the same state): derived from the user's history
// (exact scenario transactions for large purchases, low balances and category spending; generated history
// for subscriptions and bills), citing what the ordinary endpoints answer; displayed/dismissed marks kept
// per tenant, across aggregations and the state file; MX's errors.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenarios/load.js';
import { ManualClock } from '../../src/server/clock.js';
import { defaultCategoryNamed } from '../../src/server/generators/categories.js';
import { MERCHANTS } from '../../src/server/generators/finance.js';
import { settle } from '../helpers/members.js';
import { startServer, type TestServer, useServer, VERSION_HEADERS } from '../helpers/server.js';

const v1 = { headers: VERSION_HEADERS.v20111101 };
const PARCELHUB = MERCHANTS.find((m) => m.name === 'Parcelhub')?.guid as string;
const FOOD = defaultCategoryNamed('Food & Dining')?.guid as string;
const LARGE = 'TRN-11111111-0000-0000-0000-000000000001';

// The clock starts at 2026-01-15T12:00Z: December against November for category spending.
const SCENARIO = `
name: insights-world
users:
  - id: ins-user
    members:
      - id: ins-member
        institution: mxbank
        products: [transactions]
        accounts:
          - guid: ACT-11111111-2222-3333-4444-000000000001
            name: Thin Checking
            type: CHECKING
            balance: 42.5
            transactions:
              - { date: 2025-11-05, amount: 30, type: DEBIT, description: Diner, category: Restaurants }
              - { date: 2025-11-20, amount: 30, type: DEBIT, description: Diner, category: Restaurants }
              - { date: 2025-12-03, amount: 50, type: DEBIT, description: Diner, category: Restaurants }
              - { date: 2025-12-12, amount: 50, type: DEBIT, description: Pizza, category: Restaurants }
              - { date: 2025-12-28, amount: 50, type: DEBIT, description: Diner, category: Fast Food }
              - { date: 2025-12-30, amount: 20, type: DEBIT, description: Fuel, category: Gas }
              - { guid: ${LARGE}, date: 2026-01-10, amount: 899.99, type: DEBIT, description: Parcelhub, category: Electronics & Software, merchant_guid: ${PARCELHUB} }
              - { date: 2026-01-11, amount: 2500, type: CREDIT, description: Payroll, category: Paycheck }
  - id: busy-user
    members:
      - id: busy-member
        institution: simbank
        credentials: { LOGIN: busy, PASSWORD: password }
        data: { transactions: 400 }
        products: [transactions]
`;
const scenarios = [{ scenario: parseScenario(SCENARIO, 'insights.yaml'), source: 'insights.yaml' }];

async function all(mx: TestServer, path: string, key: string, opts = {}) {
  const out: any[] = [];
  for (let page = 1; ; page++) {
    const res = await mx.get(`${path}${path.includes('?') ? '&' : '?'}records_per_page=100&page=${page}`, opts);
    expect(res.status, res.text).toBe(200);
    out.push(...res.body[key]);
    if (page >= res.body.pagination.total_pages) return out;
  }
}

const userGuid = async (mx: TestServer, id = 'ins-user') => (await mx.get(`/users/${id}`)).body.user.guid as string;

/** Every citation of an insight, each as the ordinary endpoint answers it; the flags agree with the lists. */
async function checkCitations(mx: TestServer, user: string, i: any) {
  const base = `/users/${user}/insights/${i.guid}`;
  const accounts = await all(mx, `${base}/accounts`, 'accounts');
  const categories = await all(mx, `${base}/categories`, 'categories');
  const merchants = await all(mx, `${base}/merchants`, 'merchants');
  const payments = await all(mx, `${base}/scheduled_payments`, 'scheduled_payments');
  const transactions = await all(mx, `${base}/transactions`, 'transactions');
  expect(i.has_associated_accounts).toBe(accounts.length > 0);
  expect(i.has_associated_categories).toBe(categories.length > 0);
  expect(i.has_associated_merchants).toBe(merchants.length > 0);
  expect(i.has_associated_scheduled_payments).toBe(payments.length > 0);
  expect(i.has_associated_transactions).toBe(transactions.length > 0);
  for (const a of accounts) expect((await mx.get(`/users/${user}/accounts/${a.guid}`)).body.account).toEqual(a);
  for (const c of categories) expect((await mx.get(`/users/${user}/categories/${c.guid}`)).body.category).toEqual(c);
  for (const m of merchants) expect((await mx.get(`/merchants/${m.guid}`)).body.merchant).toEqual(m);
  for (const t of transactions) {
    expect((await mx.get(`/users/${user}/transactions/${t.guid}`)).body.transaction).toEqual(t);
    const by = await all(mx, `/users/${user}/transactions/${t.guid}/insights`, 'insights');
    expect(by.map((x) => x.guid)).toContain(i.guid);
  }
  for (const a of accounts) {
    const by = await all(mx, `/users/${user}/accounts/${a.guid}/insights`, 'insights');
    expect(by.map((x) => x.guid)).toContain(i.guid);
  }
  return { accounts, categories, merchants, payments, transactions };
}

describe('insights from exact history', () => {
  const mx = useServer({ scenarios });

  it('finds the large purchase, the low balance and spending up in a category, with consistent citations', async () => {
    const user = await userGuid(mx);
    const insights = await all(mx, `/users/${user}/insights`, 'insights');
    const mine = (template: string) => insights.filter((i) => i.template === template);
    const large = mine('LargeTransactions').find((i) => i.description.includes('899.99'));
    expect(large).toMatchObject({ title: 'Large purchase', has_been_displayed: false, is_dismissed: false });
    expect(large.guid).toMatch(/^BET-/);
    const cited = await checkCitations(mx, user, large);
    expect(cited.transactions.map((t) => t.guid)).toEqual([LARGE]);
    expect(cited.merchants.map((m) => m.guid)).toEqual([PARCELHUB]);
    expect(cited.accounts.map((a) => a.guid)).toEqual(['ACT-11111111-2222-3333-4444-000000000001']);

    const low = mine('LowAccountBalances').find((i) => i.description.includes('Thin Checking'));
    expect(low.description).toContain('$42.50');
    const lowCited = await checkCitations(mx, user, low);
    expect(lowCited.accounts.map((a) => a.guid)).toEqual(['ACT-11111111-2222-3333-4444-000000000001']);
    expect(lowCited.transactions).toEqual([]);

    // Food & Dining: 60 in November, 150 in December (Restaurants and Fast Food count to their top category).
    const food = mine('CategorySpending').find((i) => i.description.includes('Food & Dining'));
    expect(food.description).toContain('$150.00');
    expect(food.description).toContain('$60.00');
    const foodCited = await checkCitations(mx, user, food);
    expect(foodCited.categories.map((c) => c.guid)).toEqual([FOOD]);
    expect(foodCited.transactions.map((t) => t.amount)).toEqual([50, 50, 50]);
    // Gas has no spending the month before: nothing about it.
    expect(insights.filter((i) => i.template === 'CategorySpending' && i.description.includes('Gas'))).toEqual([]);

    // The same in v20111101.
    const old = await all(mx, `/users/${user}/insights`, 'insights', v1);
    expect(old).toEqual(insights);
    expect((await mx.get(`/users/${user}/insights/${large.guid}`, v1)).body.insight).toEqual(large);
  });

  it('derives once until an input changes: a transaction edit derives again, the guid stays', async () => {
    const user = await userGuid(mx);
    const tenant = mx.sim.tenants.find('test-client');
    const food = () =>
      all(mx, `/users/${user}/insights`, 'insights').then((l) =>
        l.find((i) => i.template === 'CategorySpending' && i.description.includes('Food & Dining')),
      );
    const before = await food();
    const cached = tenant?.insights.kept(user);
    expect(cached).toBeDefined();
    await mx.get(`/users/${user}/insights/${before.guid}/transactions`);
    expect(tenant?.insights.kept(user)).toBe(cached);
    // The 20.00 of Gas becomes Restaurants: December's Food & Dining is 170.
    const txs = await all(mx, `/users/${user}/transactions?from_date=2025-12-30&to_date=2025-12-30`, 'transactions');
    const gas = txs.find((t) => t.amount === 20);
    const restaurants = defaultCategoryNamed('Restaurants')?.guid;
    const put = await mx.put(
      `/users/${user}/transactions/${gas.guid}`,
      { transaction: { category_guid: restaurants } },
      v1,
    );
    expect(put.status, put.text).toBe(200);
    const after = await food();
    expect(tenant?.insights.kept(user)).not.toBe(cached);
    expect(after.guid).toBe(before.guid);
    expect(after.description).toContain('$170.00');
    const cited = await checkCitations(mx, user, after);
    expect(cited.transactions.map((t) => t.guid)).toContain(gas.guid);
  });

  it('sees a manual account with a low balance, until it is deleted', async () => {
    const user = await userGuid(mx);
    const made = await mx.post(`/users/${user}/accounts`, {
      account: { name: 'Tin can', account_type: 'CHECKING', balance: 12 },
    });
    expect(made.status, made.text).toBe(200);
    const account = made.body.account.guid;
    const [low] = await all(mx, `/users/${user}/accounts/${account}/insights`, 'insights', v1);
    expect(low).toMatchObject({
      template: 'LowAccountBalances',
      description: 'Your Tin can balance is down to $12.00.',
    });
    const cited = await checkCitations(mx, user, low);
    expect(cited.accounts.map((a) => a.guid)).toEqual([account]);
    expect((await mx.del(`/users/${user}/accounts/${account}`)).status).toBe(204);
    expect((await mx.get(`/users/${user}/insights/${low.guid}`)).status).toBe(404);
  });

  it('pages as MX documents (records_per_page 10 to 100)', async () => {
    const user = await userGuid(mx);
    const res = await mx.get(`/users/${user}/insights?records_per_page=5`);
    expect(res.body.pagination.per_page).toBe(10);
    const big = await mx.get(`/users/${user}/insights?records_per_page=500`);
    expect(big.body.pagination.per_page).toBe(25);
    const past = await mx.get(`/users/${user}/insights?page=99`);
    expect(past.body.insights).toEqual([]);
    expect(past.body.pagination.total_entries).toBe(res.body.pagination.total_entries);
  });

  it('keeps displayed and dismissed per insight, in both versions, for this tenant only', async () => {
    const user = await userGuid(mx);
    const [first] = await all(mx, `/users/${user}/insights`, 'insights');
    const res = await mx.put(`/users/${user}/insights/${first.guid}`, { insight: { has_been_displayed: true } });
    expect(res.status, res.text).toBe(200);
    // MX's documents declare the bare insight as the answer.
    expect(res.body).toMatchObject({ guid: first.guid, has_been_displayed: true, is_dismissed: false });
    const dismissed = await mx.put(`/users/${user}/insights/${first.guid}`, { insight: { is_dismissed: true } }, v1);
    expect(dismissed.body).toMatchObject({ has_been_displayed: true, is_dismissed: true });
    const read = (await mx.get(`/users/${user}/insights/${first.guid}`, v1)).body.insight;
    expect(read).toMatchObject({ has_been_displayed: true, is_dismissed: true });
    expect(Date.parse(read.updated_at)).toBe(mx.clock.now());
    const listed = (await all(mx, `/users/${user}/insights`, 'insights')).find((i) => i.guid === first.guid);
    expect(listed).toEqual(read);
    // Another client's world has the same scenario user and insight, unmarked.
    const other = { auth: 'other-client:key' };
    const otherUser = (await mx.get('/users/ins-user', other)).body.user.guid;
    const theirs = (await mx.get(`/users/${otherUser}/insights`, other)).body.insights;
    const ours = await all(mx, `/users/${user}/insights`, 'insights');
    expect(theirs.map((i: any) => i.template).sort()).toEqual(ours.map((i) => i.template).sort());
    expect(theirs.every((i: any) => !i.has_been_displayed && !i.is_dismissed)).toBe(true);
  });

  it('gives the same guids for the same seed, and answers MX errors', async () => {
    const user = await userGuid(mx);
    const list = await all(mx, `/users/${user}/insights`, 'insights');
    const again = await startServer({ scenarios });
    try {
      const twin = await all(again, `/users/${await userGuid(again)}/insights`, 'insights');
      expect(twin.map((i) => i.guid)).toEqual(list.map((i) => i.guid));
    } finally {
      await again.close();
    }
    const guid = list[0].guid;
    const unknown = 'BET-00000000-0000-0000-0000-000000000000';
    const cases: Array<[string, string]> = [
      [`/users/USR-nobody/insights`, 'user'],
      [`/users/${user}/insights/${unknown}`, 'insight'],
      [`/users/${user}/insights/${unknown}/transactions`, 'insight'],
      [`/users/${user}/accounts/ACT-nope/insights`, 'account'],
      [`/users/${user}/transactions/TRN-nope/insights`, 'transaction'],
    ];
    for (const [path, what] of cases) {
      const res = await mx.get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.message).toContain(what);
    }
    const empty = await mx.put(`/users/${user}/insights/${guid}`, { insight: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('has_been_displayed');
    const bad = await mx.put(`/users/${user}/insights/${guid}`, { insight: { is_dismissed: 'yes' } });
    expect(bad.status).toBe(400);
    expect((await mx.put(`/users/${user}/insights/${unknown}`, { insight: { is_dismissed: true } })).status).toBe(404);
  });
});

describe('insights from generated history', () => {
  const mx = useServer({ scenarios });

  it('finds subscriptions and bills from repeating series, with scheduled payments on their next date', async () => {
    const user = await userGuid(mx, 'busy-user');
    const insights = await all(mx, `/users/${user}/insights`, 'insights');
    const repeating = (await mx.get(`/users/${user}/repeating_transactions`)).body.repeating_transactions;
    const subs = insights.filter((i) => i.template === 'SubscriptionDetected');
    expect(subs.length).toBeGreaterThan(0);
    const series = insights.filter((i) => i.has_associated_scheduled_payments);
    for (const i of series) {
      const cited = await checkCitations(mx, user, i);
      const [payment] = cited.payments;
      const [merchant] = cited.merchants;
      expect(payment).toMatchObject({ merchant_guid: merchant.guid, is_recurring: true, user_guid: user });
      const r = repeating.find(
        (x: any) => x.merchant_guid === merchant.guid && x.account_guid === cited.accounts[0].guid,
      );
      expect(payment.occurs_on).toBe(r.predicted_occurs_on);
      expect(payment.recurrence_type).toBe(r.recurrence_type);
      expect(payment.amount).toBe(r.amount);
      expect(payment.recurrence_day).toBe(Number(r.predicted_occurs_on.slice(8)));
      for (const t of cited.transactions) expect(t.merchant_guid).toBe(merchant.guid);
    }
    for (const i of insights.filter((x) => x.template === 'BillAmountNotStandard')) {
      const cited = await checkCitations(mx, user, i);
      expect(cited.transactions.length).toBeGreaterThanOrEqual(3);
      expect(i.title).toMatch(/^Bill (higher|lower) than usual$/);
    }
  });

  it('keeps guids and marks across an aggregation and a state file; deleting the user drops them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mx-sim-insights-'));
    const file = join(dir, 'state.json');
    const before = await startServer({ scenarios, stateFile: file });
    const user = await userGuid(before, 'busy-user');
    const sub = (await all(before, `/users/${user}/insights`, 'insights')).find(
      (i) => i.template === 'SubscriptionDetected',
    );
    await before.put(`/users/${user}/insights/${sub.guid}`, { insight: { is_dismissed: true } });
    const member = (await before.get(`/users/${user}/members`)).body.members.find((m: any) => m.id === 'busy-member');
    before.clock.advance(2 * 86_400_000);
    expect((await before.post(`/users/${user}/members/${member.guid}/aggregate`)).status).toBe(202);
    await settle(before, `/users/${user}/members/${member.guid}`);
    const after = (await before.get(`/users/${user}/insights/${sub.guid}`)).body.insight;
    expect(after).toMatchObject({ guid: sub.guid, is_dismissed: true, template: 'SubscriptionDetected' });
    const was = await all(before, `/users/${user}/insights`, 'insights');
    await before.sim.state.save();
    await before.close();

    const restored = await startServer({ clock: new ManualClock(before.clock.now()), stateFile: file });
    try {
      expect(await all(restored, `/users/${user}/insights`, 'insights')).toEqual(was);
      expect((await restored.del(`/users/${user}`)).status).toBe(204);
      expect(restored.sim.tenants.find('test-client')?.insights.all()).toEqual([]);
    } finally {
      await restored.close();
    }
  });
});
