// Transactions users can change (updateTransaction, transaction rules) over HTTP: a change reads back in
// every list and read, survives later aggregations and restarts, and v20111101's category filters follow
// what is presented. Every response is checked against MX's documents by the test server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/clock.js';
import { createMember, settle } from '../helpers/members.js';
import { startServer, type TestServer, useServer, VERSION_HEADERS } from '../helpers/server.js';

const mx = useServer();
const v1 = { headers: VERSION_HEADERS.v20111101 };
const SHOPPING = 'CAT-aad51b46-d6f7-3da5-fd6e-492328b3023f';
const AUTO = 'CAT-7829f71c-2e8c-afa5-2f55-fa3634b89874';

async function connected(sim: TestServer = mx) {
  const { user, path } = await createMember(sim, 'password');
  await settle(sim, path);
  const txns = (await sim.get(`/users/${user}/transactions?records_per_page=100`)).body.transactions as any[];
  expect(txns.length).toBeGreaterThan(20);
  return { user, path, txns };
}

/** Transaction `guid` as every list and read of the user presents it. */
async function everywhere(sim: TestServer, user: string, path: string, t: any) {
  const find = (list: any[]) => list.find((x: any) => x.guid === t.guid);
  return [
    find((await sim.get(`/users/${user}/transactions?records_per_page=100`)).body.transactions),
    find((await sim.get(`${path}/transactions?records_per_page=100`)).body.transactions),
    find(
      (await sim.get(`/users/${user}/accounts/${t.account_guid}/transactions?records_per_page=100`)).body.transactions,
    ),
    (await sim.get(`/users/${user}/transactions/${t.guid}`)).body.transaction,
    (await sim.get(`${path}/accounts/${t.account_guid}/transactions/${t.guid}`)).body.transaction,
  ];
}

describe('updateTransaction', () => {
  it('changes the description everywhere the transaction is presented, and an aggregation keeps it', async () => {
    const { user, path, txns } = await connected();
    const t = txns[3];
    // Read first, so that kept texts and pages exist and must be dropped.
    expect(await everywhere(mx, user, path, t)).toEqual(Array(5).fill(t));
    const res = await mx.put(`/users/${user}/transactions/${t.guid}`, { transaction: { description: 'Team lunch' } });
    expect(res.status).toBe(200);
    const want = { ...t, description: 'Team lunch' };
    expect(res.body.transaction).toEqual(want);
    expect(await everywhere(mx, user, path, t)).toEqual(Array(5).fill(want));
    // The others are untouched.
    const list = (await mx.get(`/users/${user}/transactions?records_per_page=100`)).body.transactions;
    expect(list.filter((x: any) => x.guid !== t.guid)).toEqual(txns.filter((x) => x.guid !== t.guid));
    // By tag as well.
    const tag = (await mx.post(`/users/${user}/tags`, { tag: { name: 'T' } })).body.tag;
    await mx.post(`/users/${user}/taggings`, { tagging: { tag_guid: tag.guid, transaction_guid: t.guid } });
    expect((await mx.get(`/users/${user}/tags/${tag.guid}/transactions`)).body.transactions).toEqual([want]);
    // A later aggregation does not undo the user's change.
    expect((await mx.post(`${path}/aggregate`)).status).toBeLessThan(300);
    await settle(mx, path);
    expect((await mx.get(`/users/${user}/transactions/${t.guid}`)).body.transaction.description).toBe('Team lunch');
    // By account, by the member's and account's guids.
    const again = await mx.put(`${path}/accounts/${t.account_guid}/transactions/${t.guid}`, {
      transaction: { description: 'Lunch' },
    });
    expect(again.status).toBe(200);
    expect(again.body.transaction.description).toBe('Lunch');
  });

  it('v20111101 also changes memo and category, keeping category, category_guid and top_level_category consistent', async () => {
    const { user, path, txns } = await connected();
    const t = txns.find((x) => x.category_guid !== SHOPPING && x.category_guid !== AUTO);
    const custom = (
      await mx.post(`/users/${user}/categories`, { category: { name: 'Gadgets', parent_guid: SHOPPING } })
    ).body.category;
    const res = await mx.put(
      `/users/${user}/transactions/${t.guid}`,
      { transaction: { memo: 'for work', category_guid: custom.guid } },
      v1,
    );
    expect(res.status).toBe(200);
    expect(res.body.transaction).toMatchObject({
      memo: 'for work',
      category: 'Gadgets',
      category_guid: custom.guid,
      top_level_category: 'Shopping',
      description: t.description,
    });
    // v20111101's category filters follow the new category.
    const inCustom = await mx.get(`${path}/transactions?category_guid=${custom.guid}&records_per_page=100`, v1);
    expect(inCustom.body.transactions.map((x: any) => x.guid)).toEqual([t.guid]);
    const inOld = await mx.get(`${path}/transactions?category_guid=${t.category_guid}&records_per_page=100`, v1);
    expect(inOld.body.transactions.map((x: any) => x.guid)).not.toContain(t.guid);
    const byTop = await mx.get(`${path}/transactions?top_level_category_guid=${SHOPPING}&records_per_page=100`, v1);
    expect(byTop.body.transactions.map((x: any) => x.guid)).toContain(t.guid);
    // A renamed custom category reads back renamed.
    await mx.put(`/users/${user}/categories/${custom.guid}`, { category: { name: 'Devices' } });
    expect((await mx.get(`/users/${user}/transactions/${t.guid}`)).body.transaction.category).toBe('Devices');
    // Deleting the custom category moves the transaction to its parent.
    expect((await mx.del(`/users/${user}/categories/${custom.guid}`)).status).toBe(204);
    expect((await mx.get(`/users/${user}/transactions/${t.guid}`)).body.transaction).toMatchObject({
      category: 'Shopping',
      category_guid: SHOPPING,
      top_level_category: 'Shopping',
      memo: 'for work',
    });
  });

  it('answers 404 for an unknown transaction or category and 400 saying what to fix', async () => {
    const { user, txns } = await connected();
    const t = txns[0];
    const unknown = await mx.put(`/users/${user}/transactions/TRN-00000000-0000-0000-0000-000000000000`, {
      transaction: { description: 'x' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('transaction');
    const badCategory = await mx.put(
      `/users/${user}/transactions/${t.guid}`,
      { transaction: { category_guid: 'CAT-00000000-0000-0000-0000-000000000000' } },
      v1,
    );
    expect(badCategory.status).toBe(404);
    expect(badCategory.body.error.message).toContain('category');
    const empty = await mx.put(`/users/${user}/transactions/${t.guid}`, { transaction: {} }, v1);
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/description, memo, category_guid/);
    const date = await mx.put(`/users/${user}/transactions/${t.guid}`, { transaction: { date: '2026-01-01' } }, v1);
    expect(date.status).toBe(400);
    expect(date.body.error.message).toContain('transaction.date');
    // v20250224's document takes the description only.
    const memo = await mx.put(`/users/${user}/transactions/${t.guid}`, { transaction: { memo: 'm' } });
    expect(memo.status).toBe(400);
    const blank = await mx.put(`/users/${user}/transactions/${t.guid}`, { transaction: { description: '  ' } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.message).toContain('transaction.description');
    expect((await mx.get(`/users/${user}/transactions/${t.guid}`)).body.transaction).toEqual(t);
  });
});

describe('transaction rules', () => {
  it("applies to the user's matching transactions (ignoring case) at once, and stops when deleted", async () => {
    const { user, path, txns } = await connected();
    const t = txns[0];
    const word = t.description.split(' ')[0] as string;
    const matching = txns.filter((x) => x.description.toLowerCase().includes(word.toLowerCase()));
    const created = await mx.post(`/users/${user}/transaction_rules`, {
      transaction_rule: { category_guid: AUTO, match_description: word.toUpperCase(), description: 'Ruled' },
    });
    expect(created.status).toBe(200);
    const rule = created.body.transaction_rule;
    expect(rule).toMatchObject({
      category_guid: AUTO,
      match_description: word.toUpperCase(),
      description: 'Ruled',
      user_guid: user,
    });
    expect(rule.guid).toMatch(/^TXR-/);
    const after = (await mx.get(`/users/${user}/transactions?records_per_page=100`)).body.transactions;
    for (const x of after) {
      const was = txns.find((y) => y.guid === x.guid);
      if (matching.some((m) => m.guid === x.guid)) {
        expect(x).toEqual({
          ...was,
          description: 'Ruled',
          category: 'Auto & Transport',
          category_guid: AUTO,
          top_level_category: 'Auto & Transport',
        });
      } else expect(x).toEqual(was);
    }
    const filtered = await mx.get(`${path}/transactions?category_guid=${AUTO}&records_per_page=100`, v1);
    for (const m of matching) expect(filtered.body.transactions.map((x: any) => x.guid)).toContain(m.guid);

    expect((await mx.get(`/users/${user}/transaction_rules`)).body).toEqual({
      transaction_rules: [rule],
      pagination: { current_page: 1, per_page: 25, total_entries: 1, total_pages: 1 },
    });
    expect((await mx.get(`/users/${user}/transaction_rules/${rule.guid}`, v1)).body.transaction_rule).toEqual(rule);
    // Updating keeps what is left out; a direct edit wins over the rule.
    const updated = await mx.put(`/users/${user}/transaction_rules/${rule.guid}`, {
      transaction_rule: { description: 'Ruled again' },
    });
    expect(updated.body.transaction_rule).toMatchObject({ category_guid: AUTO, description: 'Ruled again' });
    await mx.put(`/users/${user}/transactions/${t.guid}`, { transaction: { description: 'Mine' } });
    expect((await mx.get(`/users/${user}/transactions/${t.guid}`)).body.transaction).toMatchObject({
      description: 'Mine',
      category_guid: AUTO,
    });
    expect((await mx.del(`/users/${user}/transaction_rules/${rule.guid}`)).status).toBe(204);
    const other = matching.find((m) => m.guid !== t.guid) ?? t;
    if (other !== t)
      expect((await mx.get(`/users/${user}/transactions/${other.guid}`)).body.transaction).toEqual(other);
    expect((await mx.get(`/users/${user}/transactions/${t.guid}`)).body.transaction).toEqual({
      ...t,
      description: 'Mine',
    });
    expect((await mx.get(`/users/${user}/transaction_rules/${rule.guid}`)).status).toBe(404);
  });

  it('matches the current description: a later rule matches what an earlier rule or an edit made it', async () => {
    const { user, txns } = await connected();
    const [a, b] = txns as [any, any];
    await mx.post(`/users/${user}/transaction_rules`, {
      transaction_rule: { category_guid: null, match_description: a.description, description: 'Zeta Renamed' },
    });
    await mx.put(`/users/${user}/transactions/${b.guid}`, { transaction: { description: 'zeta by hand' } });
    await mx.post(`/users/${user}/transaction_rules`, {
      transaction_rule: { category_guid: SHOPPING, match_description: 'ZETA' },
    });
    for (const t of [a, b]) {
      expect((await mx.get(`/users/${user}/transactions/${t.guid}`)).body.transaction).toMatchObject({
        category_guid: SHOPPING,
        description: t === a ? 'Zeta Renamed' : 'zeta by hand',
      });
    }
  });

  it('answers 400 naming a missing or bad field and 404 for an unknown rule or category', async () => {
    const { user } = await connected();
    const missing = await mx.post(`/users/${user}/transaction_rules`, { transaction_rule: { category_guid: AUTO } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('transaction_rule.match_description');
    const noCategory = await mx.post(`/users/${user}/transaction_rules`, {
      transaction_rule: { category_guid: 'CAT-00000000-0000-0000-0000-000000000000', match_description: 'x' },
    });
    expect(noCategory.status).toBe(404);
    const rule = (
      await mx.post(`/users/${user}/transaction_rules`, {
        transaction_rule: { category_guid: AUTO, match_description: 'x' },
      })
    ).body.transaction_rule;
    expect((await mx.put(`/users/${user}/transaction_rules/${rule.guid}`, { transaction_rule: {} })).status).toBe(400);
    expect((await mx.get(`/users/${user}/transaction_rules/TXR-00000000-0000-0000-0000-000000000000`)).status).toBe(
      404,
    );
    expect((await mx.del(`/users/${user}/transaction_rules/TXR-00000000-0000-0000-0000-000000000000`)).status).toBe(
      404,
    );
  });
});

describe('split transactions', () => {
  it("splits into children that add up to the parent's amount, listed after it, until the split is deleted", async () => {
    const { user, path, txns } = await connected();
    const t = txns.find((x) => x.amount >= 2) as any;
    const total = (await mx.get(`/users/${user}/transactions`)).body.pagination.total_entries;
    const first = Math.round(t.amount * 30) / 100;
    const second = Math.round((t.amount - first) * 100) / 100;
    const res = await mx.post(`/users/${user}/transactions/${t.guid}/split`, {
      transactions: [
        { amount: first, description: 'Snacks', category_guid: SHOPPING, memo: 'chips' },
        { amount: second },
      ],
    });
    expect(res.status).toBe(200);
    const children = res.body.transactions;
    expect(children).toHaveLength(2);
    expect(children[0]).toMatchObject({
      parent_guid: t.guid,
      amount: first,
      description: 'Snacks',
      memo: 'chips',
      category: 'Shopping',
      category_guid: SHOPPING,
      top_level_category: 'Shopping',
      account_guid: t.account_guid,
      date: t.date,
      type: t.type,
    });
    expect(children[1]).toMatchObject({
      parent_guid: t.guid,
      amount: second,
      description: t.description,
      category_guid: t.category_guid,
    });
    expect(children[0].guid).toMatch(/^TRN-/);
    expect(children[0].guid).not.toBe(children[1].guid);
    const list = await mx.get(`/users/${user}/transactions?records_per_page=100`);
    const at = list.body.transactions.findIndex((x: any) => x.guid === t.guid);
    expect(list.body.transactions[at]).toEqual({ ...t, has_been_split: true });
    expect(list.body.transactions.slice(at + 1, at + 3)).toEqual(children);
    expect(list.body.pagination.total_entries).toBe(total + 2);
    const byAccount = await mx.get(`/users/${user}/accounts/${t.account_guid}/transactions?records_per_page=100`);
    expect(byAccount.body.transactions.map((x: any) => x.guid)).toContain(children[1].guid);
    expect((await mx.get(`/users/${user}/transactions/${children[0].guid}`)).body.transaction).toEqual(children[0]);
    expect(
      (await mx.get(`${path}/accounts/${t.account_guid}/transactions/${children[1].guid}`)).body.transaction,
    ).toEqual(children[1]);
    // Split once only.
    const again = await mx.post(`/users/${user}/transactions/${t.guid}/split`, { transactions: { amount: first } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('delete its split');
    // Deleting the split removes the children and restores the parent.
    expect((await mx.del(`/users/${user}/transactions/${t.guid}/split`)).status).toBe(204);
    expect((await mx.get(`/users/${user}/transactions/${children[0].guid}`)).status).toBe(404);
    expect((await mx.get(`/users/${user}/transactions?records_per_page=100`)).body.transactions).toEqual(txns);
    expect((await mx.del(`/users/${user}/transactions/${t.guid}/split`)).status).toBe(404);
  });

  it('takes one part to recategorize (the rest keeps the parent), by account too, and refuses bad amounts', async () => {
    const { user, path, txns } = await connected();
    const t = txns.find((x) => x.amount >= 2) as any;
    const url = `${path}/accounts/${t.account_guid}/transactions/${t.guid}/split`;
    const wrongSum = await mx.post(url, { transactions: [{ amount: t.amount }, { amount: 1 }] });
    expect(wrongSum.status).toBe(400);
    expect(wrongSum.body.error.message).toMatch(/add up to .* not the parent's amount/);
    const tooMuch = await mx.post(url, { transactions: { amount: t.amount } });
    expect(tooMuch.status).toBe(400);
    const negative = await mx.post(url, { transactions: [{ amount: -1 }, { amount: t.amount + 1 }] });
    expect(negative.status).toBe(400);
    expect(negative.body.error.message).toContain('transactions[0].amount');
    const noCategory = await mx.post(url, {
      transactions: { amount: 1, category_guid: 'CAT-00000000-0000-0000-0000-000000000000' },
    });
    expect(noCategory.status).toBe(404);
    const res = await mx.post(url, { transactions: { amount: 1, category_guid: AUTO } });
    expect(res.status).toBe(200);
    const [part, rest] = res.body.transactions;
    expect(part).toMatchObject({ amount: 1, category_guid: AUTO, parent_guid: t.guid });
    expect(rest).toMatchObject({ amount: Math.round((t.amount - 1) * 100) / 100, category_guid: t.category_guid });
    // A child can be updated like any transaction.
    const changed = await mx.put(`/users/${user}/transactions/${rest.guid}`, { transaction: { description: 'Rest' } });
    expect(changed.status).toBe(200);
    expect(changed.body.transaction).toEqual({ ...rest, description: 'Rest' });
    const listed = (await mx.get(`${path}/transactions?records_per_page=200`)).body.transactions;
    expect(listed.find((x: any) => x.guid === rest.guid)).toEqual({ ...rest, description: 'Rest' });
    expect((await mx.del(url)).status).toBe(204);
    expect((await mx.get(`/users/${user}/transactions/${t.guid}`)).body.transaction).toEqual(t);
  });
});

describe('the state file', () => {
  it('keeps edits, rules and splits across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mx-sim-edits-')), 'state.json');
    const before = await startServer({ clock: new ManualClock('2026-03-02T10:00:00Z'), stateFile: file });
    const { user, txns } = await connected(before);
    await before.put(`/users/${user}/transactions/${txns[2].guid}`, { transaction: { description: 'Kept' } });
    await before.post(`/users/${user}/transaction_rules`, {
      transaction_rule: { category_guid: SHOPPING, match_description: txns[5].description },
    });
    await before.post(`/users/${user}/transactions/${txns[7].guid}/split`, { transactions: { amount: 0.01 } });
    const read = async (sim: TestServer) => ({
      list: (await sim.get(`/users/${user}/transactions?records_per_page=100`)).body,
      rules: (await sim.get(`/users/${user}/transaction_rules`)).body,
    });
    const was = await read(before);
    expect(was.list.transactions.find((x: any) => x.guid === txns[2].guid).description).toBe('Kept');
    expect(was.list.transactions.find((x: any) => x.guid === txns[5].guid).category_guid).toBe(SHOPPING);
    expect(was.list.transactions.filter((x: any) => x.parent_guid === txns[7].guid)).toHaveLength(2);
    await before.sim.state.save();
    await before.close();
    const after = await startServer({ clock: new ManualClock(before.clock.now()), stateFile: file });
    expect(await read(after)).toEqual(was);
    await after.close();
  });
});

describe('export and import', () => {
  const copy = useServer({ seed: 'another-seed' });

  it('exports rules, edits and splits, and a fresh simulator loads them back the same', async () => {
    const { user, txns } = await connected();
    const custom = (await mx.post(`/users/${user}/categories`, { category: { name: 'Mine', parent_guid: AUTO } })).body
      .category;
    await mx.post(`/users/${user}/transaction_rules`, {
      transaction_rule: { category_guid: SHOPPING, match_description: txns[4].description, description: 'Ruled' },
    });
    await mx.put(
      `/users/${user}/transactions/${txns[2].guid}`,
      { transaction: { memo: 'm', category_guid: custom.guid } },
      v1,
    );
    const t = txns.find((x) => x.amount >= 2) as any;
    await mx.post(`/users/${user}/transactions/${t.guid}/split`, { transactions: { amount: 1, description: 'Part' } });
    const doc = (await mx.get('/_mx-sim/export?format=json')).body;
    const mine = doc.users.find((u: any) => u.guid === user);
    expect(mine.transaction_rules).toHaveLength(1);
    expect(mine.transaction_edits).toEqual([{ transaction_guid: txns[2].guid, memo: 'm', category_guid: custom.guid }]);
    expect(mine.transaction_splits[0].transaction_guid).toBe(t.guid);
    const loaded = await copy.post('/_mx-sim/scenarios?source=export.json', doc);
    expect(loaded.status, loaded.text).toBe(201);
    for (const path of [`/users/${user}/transaction_rules`, `/users/${user}/transactions/${txns[2].guid}`]) {
      const [a, b] = [await mx.get(path), await copy.get(path)];
      expect(b.body, path).toEqual(a.body);
    }
    const pick = (list: any[]) =>
      list.map((x: any) => [x.guid, x.description, x.memo, x.category_guid, x.amount, x.parent_guid ?? null]);
    const list = `/users/${user}/transactions?records_per_page=200`;
    expect(pick((await copy.get(list)).body.transactions)).toEqual(pick((await mx.get(list)).body.transactions));
  });

  it('refuses a scenario edit of a transaction the user does not have, naming the field', async () => {
    const yaml = [
      'users:',
      '  - id: qa-edits',
      '    members: [{ institution: mxbank, accounts: [{ type: CHECKING, transactions: [{ guid: TRN-e1, days_ago: 1, amount: 9, type: DEBIT, description: Taxi }] }] }]',
      '    transaction_edits: [{ transaction_guid: TRN-nope, description: X }]',
    ].join('\n');
    const res = await copy.post('/_mx-sim/scenarios?source=edits.yaml', undefined, {
      raw: yaml,
      headers: { 'Content-Type': 'application/yaml' },
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('transaction_edits[0].transaction_guid');
  });
});
