// Spending plans over HTTP: plans, plan accounts, iterations on the client's clock, the current iteration's
// items and their actual amounts, errors, and the state file. Every exchange is checked against MX's
// documents by the test server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/clock.js';
import { createMember, newUser, settle } from '../helpers/members.js';
import { startServer, type TestServer, useServer, VERSION_HEADERS } from '../helpers/server.js';

const mx = useServer({ clock: new ManualClock('2026-03-20T10:00:00Z') });
const v1 = { headers: VERSION_HEADERS.v20111101 };

async function connectedUser(server: TestServer = mx) {
  const { user, path } = await createMember(server, 'password');
  await settle(server, path);
  return { user, path };
}

async function transactionsBetween(server: TestServer, user: string, from: string, to: string) {
  const out: any[] = [];
  for (let page = 1; ; page++) {
    const q = `from_date=${from}&to_date=${to}&records_per_page=1000&page=${page}`;
    const res = await server.get(`/users/${user}/transactions?${q}`);
    out.push(...res.body.transactions);
    if (page >= res.body.pagination.total_pages) return out;
  }
}

describe('spending plans', () => {
  it('makes a plan whose iterations are calendar months on the client clock, and whose items carry on', async () => {
    const { user, path } = await connectedUser();
    const base = `/users/${user}/spending_plans`;
    const plan = (await mx.post(base)).body;
    expect(plan).toMatchObject({ user_guid: user, current_iteration_number: 1 });
    expect(plan.guid).toMatch(/^SPL-/);
    expect((await mx.get(base)).body.spending_plans).toEqual([plan]);
    expect((await mx.get(`${base}/${plan.guid}`)).body).toEqual(plan);
    const current = (await mx.get(`${base}/${plan.guid}/iterations/current`)).body;
    expect(current).toMatchObject({ iteration_number: 1, start_on: '2026-03-01', end_on: '2026-03-31' });
    expect((await mx.get(`${base}/${plan.guid}/iterations/1`)).body).toEqual(current);
    expect((await mx.get(`${base}/${plan.guid}/iterations`)).body.iterations).toEqual([current]);
    expect((await mx.get(`${base}/${plan.guid}/iterations/2`)).status).toBe(404);

    // An item in a category of this month's spending: its actual amount is the month's posted debits there.
    const around = await transactionsBetween(mx, user, '2026-02-28', '2026-04-01');
    // The iteration is the UTC calendar month of transacted_at.
    const march = around.filter((t) => t.transacted_at.startsWith('2026-03'));
    const debit = march.find((t) => t.type === 'DEBIT' && t.status === 'POSTED');
    expect(debit).toBeDefined();
    const items = `${base}/${plan.guid}/iterations/current/iteration_items`;
    const created = await mx.post(items, { planned_amount: 250, category_guid: debit.category_guid });
    expect(created.status).toBe(200);
    const item = created.body;
    const mine = march.filter(
      (t) => t.type === 'DEBIT' && t.status === 'POSTED' && t.category_guid === debit.category_guid,
    );
    const sum = Math.round(mine.reduce((a, t) => a + t.amount, 0) * 100) / 100;
    expect(item).toMatchObject({
      planned_amount: 250,
      item_type: 1,
      category_guid: debit.category_guid,
      spending_plan_iteration_guid: current.guid,
      actual_amount: sum,
    });
    expect(item.top_level_category_guid).toMatch(/^CAT-/);
    expect([...item.transaction_guids].sort()).toEqual(mine.map((t) => t.guid).sort());
    // A transaction the user moves to another category no longer counts.
    const moved = mine[0];
    const elsewhere = (await mx.get('/categories/default')).body.categories.find(
      (c: any) => c.guid !== debit.category_guid && c.parent_guid !== null,
    );
    const edit = { transaction: { category_guid: elsewhere.guid } };
    expect((await mx.put(`/users/${user}/transactions/${moved.guid}`, edit, v1)).status).toBe(200);
    const after = (await mx.get(`${items}/${item.guid}`)).body;
    expect(after.actual_amount).toBe(Math.round((sum - moved.amount) * 100) / 100);
    expect(after.transaction_guids).not.toContain(moved.guid);
    const updated = (await mx.put(`${items}/${item.guid}`, { planned_amount: 300, item_type: 0 })).body;
    expect(updated).toMatchObject({ planned_amount: 300, item_type: 0, category_guid: debit.category_guid });
    expect((await mx.get(`${items}/${item.guid}`)).body).toEqual(updated);
    // v20111101 shows item_type as a string, as its document declares it.
    expect((await mx.get(`${items}/${item.guid}`, v1)).body.item_type).toBe('0');
    const other = (await mx.post(items, { planned_amount: 10 })).body;
    expect(other).toMatchObject({ actual_amount: 0, transaction_guids: [], category_guid: null });
    await mx.del(`${items}/${other.guid}`);
    expect((await mx.get(`${items}/${other.guid}`)).status).toBe(404);

    // Another aggregation keeps everything the user made.
    await mx.post(`${path}/aggregate`);
    await settle(mx, path);
    expect((await mx.get(items)).body.iteration_items).toEqual([updated]);

    // The clock moves into April: iteration 2 is current, and starts with March's items (new guids).
    await mx.post('/_mx-sim/clock', { to: '2026-04-05T10:00:00Z' });
    expect((await mx.get(`${base}/${plan.guid}`)).body.current_iteration_number).toBe(2);
    const april = (await mx.get(`${base}/${plan.guid}/iterations/current`)).body;
    expect(april).toMatchObject({ iteration_number: 2, start_on: '2026-04-01', end_on: '2026-04-30' });
    expect(
      (await mx.get(`${base}/${plan.guid}/iterations`)).body.iterations.map((i: any) => i.iteration_number),
    ).toEqual([1, 2]);
    const carried = (await mx.get(items)).body.iteration_items;
    expect(carried).toHaveLength(1);
    expect(carried[0]).toMatchObject({
      planned_amount: 300,
      item_type: 0,
      category_guid: debit.category_guid,
      spending_plan_iteration_guid: april.guid,
    });
    expect(carried[0].guid).not.toBe(item.guid);
    expect((await mx.get(`${items}/${item.guid}`)).status).toBe(404);

    await mx.del(`${base}/${plan.guid}`);
    expect((await mx.get(`${base}/${plan.guid}`)).status).toBe(404);
    expect((await mx.get(base)).body.spending_plans).toEqual([]);
  });

  it("links the user's accounts; an account taken off stays off", async () => {
    const { user, path } = await connectedUser();
    const accounts = (await mx.get(`/users/${user}/accounts`)).body.accounts;
    const plan = (await mx.post(`/users/${user}/spending_plans`)).body;
    const list = `/users/${user}/spending_plans/${plan.guid}/spending_plan_accounts`;
    const linked = (await mx.get(list)).body.spending_plan_accounts;
    expect(linked.map((a: any) => a.account_guid)).toEqual(accounts.map((a: any) => a.guid));
    expect(linked[0]).toMatchObject({ spending_plan_guid: plan.guid, user_guid: user });
    expect((await mx.get(`${list}/${linked[0].guid}`)).body).toEqual(linked[0]);
    expect((await mx.del(`${list}/${linked[0].guid}`)).status).toBe(204);
    expect((await mx.get(`${list}/${linked[0].guid}`)).status).toBe(404);
    await mx.post(`${path}/aggregate`);
    await settle(mx, path);
    expect((await mx.get(list)).body.spending_plan_accounts).toEqual(linked.slice(1));
  });

  it('answers 404 for unknown guids and 400 for bad item bodies, naming the field', async () => {
    const user = await newUser(mx);
    const base = `/users/${user}/spending_plans`;
    const missing = await mx.get(`${base}/SPL-nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('SPL-nope');
    expect((await mx.post('/users/USR-nope/spending_plans')).status).toBe(404);
    const plan = (await mx.post(base)).body;
    const items = `${base}/${plan.guid}/iterations/current/iteration_items`;
    const noAmount = await mx.post(items, { item_type: 1 });
    expect(noAmount.status).toBe(400);
    expect(noAmount.body.error.message).toContain('planned_amount');
    const badType = await mx.post(items, { planned_amount: 1, item_type: 7 });
    expect(badType.status).toBe(400);
    expect(badType.body.error.message).toContain('item_type');
    expect((await mx.post(items, { planned_amount: 1, category_guid: 'CAT-nope' })).status).toBe(404);
    expect((await mx.get(`${items}/SII-nope`)).status).toBe(404);
    expect((await mx.get(`${base}/${plan.guid}/spending_plan_accounts/SPA-nope`)).status).toBe(404);
    const zero = await mx.get(`${base}/${plan.guid}/iterations/zero`);
    expect(zero.status).toBe(404);
    expect(zero.body.error.message).toContain("'zero'");
  });
});

describe('the state file', () => {
  it('keeps spending plans, items and accounts taken off across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mx-sim-spl-')), 'state.json');
    const before = await startServer({ clock: new ManualClock('2026-03-20T10:00:00Z'), stateFile: file });
    const { user } = await connectedUser(before);
    const base = `/users/${user}/spending_plans`;
    const plan = (await before.post(base)).body;
    const items = `${base}/${plan.guid}/iterations/current/iteration_items`;
    await before.post(items, { planned_amount: 42, item_type: 3 });
    const list = `${base}/${plan.guid}/spending_plan_accounts`;
    const linked = (await before.get(list)).body.spending_plan_accounts;
    await before.del(`${list}/${linked[0].guid}`);
    const read = async (server: TestServer) => ({
      plans: (await server.get(base)).body,
      items: (await server.get(items)).body,
      accounts: (await server.get(list)).body,
    });
    const was = await read(before);
    await before.sim.state.save();
    await before.close();
    const after = await startServer({ clock: new ManualClock(before.clock.now()), stateFile: file });
    expect(await read(after)).toEqual(was);
    await after.close();
  });
});

describe('export and import', () => {
  it('exports spending plans, and a fresh simulator loads them back the same', async () => {
    const { user } = await connectedUser();
    const base = `/users/${user}/spending_plans`;
    const plan = (await mx.post(base)).body;
    const items = `${base}/${plan.guid}/iterations/current/iteration_items`;
    const category = (await mx.get('/categories/default')).body.categories[1].guid;
    await mx.post(items, { planned_amount: 80, category_guid: category, item_type: 2 });
    const list = `${base}/${plan.guid}/spending_plan_accounts`;
    const linked = (await mx.get(list)).body.spending_plan_accounts;
    await mx.del(`${list}/${linked[0].guid}`);
    const read = async (server: TestServer) => ({
      plans: (await server.get(base)).body,
      iterations: (await server.get(`${base}/${plan.guid}/iterations`)).body,
      items: (await server.get(items)).body,
      accounts: (await server.get(list)).body,
    });
    const was = await read(mx);
    const doc = (await mx.get('/_mx-sim/export?format=json')).body;
    expect(doc.users.find((u: any) => u.guid === user).spending_plans[0]).toMatchObject({
      guid: plan.guid,
      accounts_removed: [linked[0].account_guid],
      items: [{ planned_amount: 80, item_type: 2, category_guid: category }],
    });
    const copy = await startServer({ clock: new ManualClock(mx.clock.now()) });
    const loaded = await copy.post('/_mx-sim/scenarios?source=export.json', doc);
    expect(loaded.status, loaded.text).toBeLessThan(300);
    expect(await read(copy)).toEqual(was);
    await copy.close();
  });
});
