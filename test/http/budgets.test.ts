// Budgets over HTTP (v20250224, and v20111101 over the same state): one per category, this month's
// spending derived from the user's transactions, auto-generated from the two previous months, MX's errors.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/clock.js';
import { createMember, newUser, settle } from '../helpers/members.js';
import { startServer, useServer, VERSION_HEADERS } from '../helpers/server.js';

const mx = useServer();
const v1 = { headers: VERSION_HEADERS.v20111101 };
const AUTO = 'CAT-7829f71c-2e8c-afa5-2f55-fa3634b89874';

async function connectedUser() {
  const { user, path } = await createMember(mx, 'password');
  await settle(mx, path);
  return user;
}

/** This calendar month's (UTC) debits of the user per category guid. */
async function monthDebits(user: string) {
  const now = new Date(mx.clock.now());
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10);
  const totals = new Map<string, number>();
  for (let page = 1; ; page++) {
    const res = await mx.get(`/users/${user}/transactions?from_date=${from}&records_per_page=1000&page=${page}`);
    for (const t of res.body.transactions) {
      if (t.type !== 'DEBIT' || Date.parse(t.transacted_at) > mx.clock.now()) continue;
      totals.set(t.category_guid, (totals.get(t.category_guid) ?? 0) + t.amount);
    }
    if (page >= res.body.pagination.total_pages) break;
  }
  return totals;
}

describe('budgets', () => {
  it("creates, reads, lists, updates and deletes a budget whose spending is the month's debits", async () => {
    const user = await connectedUser();
    const debits = await monthDebits(user);
    const [category, spent] = [...debits.entries()].sort((a, b) => b[1] - a[1])[0] as [string, number];
    const top = (await mx.get(`/categories/${category}`)).body.category;
    const topGuid = top.parent_guid ?? top.guid;
    let topSpent = 0;
    for (const [guid, amount] of debits) {
      const c = (await mx.get(`/categories/${guid}`)).body.category;
      if (c.guid === topGuid || c.parent_guid === topGuid) topSpent += amount;
    }
    const parent = await mx.post(`/users/${user}/budgets`, { budget: { category_guid: topGuid, amount: 1 } });
    expect(parent.status).toBe(200);
    const b = parent.body.budget;
    expect(b).toMatchObject({ category_guid: topGuid, parent_guid: null, amount: 1, revision: 1, user_guid: user });
    expect(b.guid).toMatch(/^BGT-/);
    expect(b.transaction_total).toBeCloseTo(topSpent, 2);
    expect(b.is_exceeded).toBe(b.transaction_total > 1);
    expect(b.percent_spent).toBeCloseTo(b.transaction_total * 100, 1);
    let sub = b;
    if (top.parent_guid !== null) {
      const missing = await mx.post(`/users/${user}/budgets`, { budget: { category_guid: category } });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toContain('parent_guid');
      const res = await mx.post(`/users/${user}/budgets`, {
        budget: { category_guid: category, parent_guid: b.guid, amount: 100000, metadata: 'm' },
      });
      expect(res.status).toBe(200);
      sub = res.body.budget;
      expect(sub).toMatchObject({ parent_guid: b.guid, name: top.name, metadata: 'm', is_exceeded: false });
      expect(sub.transaction_total).toBeCloseTo(spent, 2);
    }
    const duplicate = await mx.post(`/users/${user}/budgets`, { budget: { category_guid: topGuid } });
    expect(duplicate.status).toBe(409);
    expect((await mx.get(`/users/${user}/budgets/${b.guid}`)).body.budget).toEqual(b);
    const updated = await mx.put(`/users/${user}/budgets/${b.guid}`, { budget: { amount: 5000, metadata: 'x' } });
    expect(updated.status).toBe(200);
    expect(updated.body.budget).toMatchObject({ amount: 5000, metadata: 'x', revision: 2 });
    const list = await mx.get(`/users/${user}/budgets`, v1);
    expect(list.status).toBe(200);
    expect(list.body.budgets.map((x: any) => x.guid)).toEqual(sub === b ? [b.guid] : [b.guid, sub.guid]);
    expect(list.body.budgets[0]).toEqual(updated.body.budget);
    expect((await mx.del(`/users/${user}/budgets/${b.guid}`)).status).toBe(204);
    expect((await mx.get(`/users/${user}/budgets`)).body.budgets).toEqual([]);
    const gone = await mx.get(`/users/${user}/budgets/${b.guid}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.status).toBe('not_found');
  });

  it("counts a transaction in the category the user gave it, a custom category's under its parent", async () => {
    const user = await connectedUser();
    const now = new Date(mx.clock.now());
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10);
    const txns = (await mx.get(`/users/${user}/transactions?from_date=${from}&records_per_page=1000`)).body
      .transactions;
    const debit = txns.find((t: any) => t.type === 'DEBIT' && Date.parse(t.transacted_at) <= mx.clock.now());
    const SHOPPING = 'CAT-aad51b46-d6f7-3da5-fd6e-492328b3023f';
    const custom = (
      await mx.post(`/users/${user}/categories`, { category: { name: 'Gadgets', parent_guid: SHOPPING } })
    ).body.category;
    const parent = (await mx.post(`/users/${user}/budgets`, { budget: { category_guid: SHOPPING, amount: 10 } })).body
      .budget;
    const mine = (
      await mx.post(`/users/${user}/budgets`, {
        budget: { category_guid: custom.guid, parent_guid: parent.guid, amount: 10 },
      })
    ).body.budget;
    expect(mine).toMatchObject({ name: 'Gadgets', transaction_total: 0 });
    const moved = await mx.put(
      `/users/${user}/transactions/${debit.guid}`,
      { transaction: { category_guid: custom.guid } },
      v1,
    );
    expect(moved.status).toBe(200);
    const after = (await mx.get(`/users/${user}/budgets/${mine.guid}`)).body.budget;
    expect(after.transaction_total).toBeCloseTo(debit.amount, 2);
    const parentAfter = (await mx.get(`/users/${user}/budgets/${parent.guid}`)).body.budget;
    expect(parentAfter.transaction_total).toBeCloseTo(
      parent.transaction_total + (debit.top_level_category === 'Shopping' ? 0 : debit.amount),
      2,
    );
  });

  it('answers bad bodies and unknown guids with MX errors naming the field', async () => {
    const user = await newUser(mx);
    const bad = await mx.post(`/users/${user}/budgets`, { budget: { category_guid: AUTO, amount: 'lots' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('amount');
    const noCategory = await mx.post(`/users/${user}/budgets`, { budget: { amount: 3 } });
    expect(noCategory.status).toBe(400);
    expect(noCategory.body.error.message).toContain('category_guid');
    const unknown = await mx.post(`/users/${user}/budgets`, {
      budget: { category_guid: 'CAT-00000000-0000-0000-0000-000000000000' },
    });
    expect(unknown.status).toBe(404);
    expect((await mx.get(`/users/USR-nope/budgets`)).status).toBe(404);
    expect((await mx.put(`/users/${user}/budgets/BGT-nope`, { budget: { amount: 1 } })).status).toBe(404);
    expect((await mx.del(`/users/${user}/budgets/BGT-nope`)).status).toBe(404);
    const empty = await mx.post(`/users/${user}/budgets/generate`);
    expect(empty.status).toBe(422);
    expect(empty.body.error.message).toBe("There aren't enough transactions to automatically create any budgets");
  });

  it('auto-generates budgets from the two previous months and keeps a budget the user made', async () => {
    const user = await connectedUser();
    const mine = (await mx.post(`/users/${user}/budgets`, { budget: { category_guid: AUTO, amount: 7 } })).body.budget;
    const res = await mx.post(`/users/${user}/budgets/generate`, undefined, v1);
    expect(res.status).toBe(200);
    const generated = res.body.budgets;
    expect(generated.length).toBeGreaterThan(0);
    for (const g of generated) {
      expect(g.parent_guid).toBeNull();
      expect(['Income', 'Transfer', 'Investments']).not.toContain(g.name);
    }
    const auto = generated.find((g: any) => g.category_guid === AUTO);
    if (auto) expect(auto).toEqual(mine);
    const again = await mx.post(`/users/${user}/budgets/generate`);
    expect(again.body.budgets).toEqual(generated);
    const all = (await mx.get(`/users/${user}/budgets`)).body.budgets;
    expect(all.length).toBe(generated.length + (auto ? 0 : 1));
  });

  it('gives the same guids for the same seed', async () => {
    const run = async (seed: string) => {
      const sim = await startServer({ seed });
      const user = await newUser(sim);
      const b = (await sim.post(`/users/${user}/budgets`, { budget: { category_guid: AUTO } })).body.budget.guid;
      await sim.close();
      return [user, b];
    };
    const one = await run('seed-one');
    expect(await run('seed-one')).toEqual(one);
    expect((await run('seed-two'))[1]).not.toBe(one[1]);
  });
});

describe('the state file', () => {
  it('keeps budgets and their edits across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mx-sim-bgt-')), 'state.json');
    const before = await startServer({ clock: new ManualClock('2026-03-02T10:00:00Z'), stateFile: file });
    const { user, path } = await createMember(before, 'password');
    await settle(before, path);
    const made = (await before.post(`/users/${user}/budgets`, { budget: { category_guid: AUTO, amount: 50 } })).body
      .budget;
    await before.put(`/users/${user}/budgets/${made.guid}`, { budget: { metadata: 'kept' } });
    await before.post(`/users/${user}/budgets/generate`);
    const was = (await before.get(`/users/${user}/budgets`)).body;
    expect(was.budgets.length).toBeGreaterThan(1);
    await before.sim.state.save();
    await before.close();

    const after = await startServer({ clock: new ManualClock(before.clock.now()), stateFile: file });
    expect((await after.get(`/users/${user}/budgets`)).body).toEqual(was);
    const other = await newUser(after);
    const next = (await after.post(`/users/${other}/budgets`, { budget: { category_guid: AUTO } })).body.budget;
    expect(JSON.stringify(was)).not.toContain(next.guid);
    await after.close();
  });
});

describe('export and import', () => {
  const copy = useServer({ seed: 'another-seed' });

  it('exports budgets, and a fresh simulator loads them back with the same spending', async () => {
    const user = await connectedUser();
    const SHOPPING = 'CAT-aad51b46-d6f7-3da5-fd6e-492328b3023f';
    const custom = (await mx.post(`/users/${user}/categories`, { category: { name: 'Gizmos', parent_guid: SHOPPING } }))
      .body.category;
    const top = (await mx.post(`/users/${user}/budgets`, { budget: { category_guid: SHOPPING, amount: 40 } })).body
      .budget;
    await mx.post(`/users/${user}/budgets`, {
      budget: { category_guid: custom.guid, parent_guid: top.guid, amount: 5, metadata: 'm' },
    });
    await mx.post(`/users/${user}/budgets/generate`);
    const doc = (await mx.get('/_mx-sim/export?format=json')).body;
    const mine = doc.users.find((u: any) => u.guid === user);
    expect(mine.budgets[1]).toEqual({ guid: expect.any(String), category: custom.guid, amount: 5, metadata: 'm' });
    const loaded = await copy.post('/_mx-sim/scenarios?source=export.json', doc);
    expect(loaded.status, loaded.text).toBe(201);
    const pick = (b: any) => {
      const { created_at, updated_at, revision, ...rest } = b;
      return rest;
    };
    const [a, b] = [await mx.get(`/users/${user}/budgets`), await copy.get(`/users/${user}/budgets`)];
    expect(b.status).toBe(200);
    expect(b.body.budgets.map(pick)).toEqual(a.body.budgets.map(pick));
  });
});
