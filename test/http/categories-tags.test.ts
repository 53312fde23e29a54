// Categories, tags and taggings over HTTP (v20250224, and v20111101 over the same state): MX's default
// tree, which every generated transaction's category comes from; custom categories under a top-level
// default; tags (Business from the start) and taggings on the user's transactions.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/clock.js';
import { createMember, newUser, settle } from '../helpers/members.js';
import { startServer, type TestServer, useServer, VERSION_HEADERS } from '../helpers/server.js';

const mx = useServer();
const v1 = { headers: VERSION_HEADERS.v20111101 };
const SHOPPING = 'CAT-aad51b46-d6f7-3da5-fd6e-492328b3023f';
const AUTO = 'CAT-7829f71c-2e8c-afa5-2f55-fa3634b89874';

async function connectedUser() {
  const { user, path } = await createMember(mx, 'password');
  await settle(mx, path);
  const txns = (await mx.get(`/users/${user}/transactions?records_per_page=100`)).body.transactions;
  expect(txns.length).toBeGreaterThan(20);
  return { user, txns: txns as any[] };
}

describe('default categories', () => {
  it("lists MX's tree: top-level categories with null parent, subcategories under them, no times", async () => {
    const page = await mx.get('/categories/default?records_per_page=100');
    expect(page.status).toBe(200);
    const total = page.body.pagination.total_entries;
    expect(total).toBeGreaterThan(100);
    const rest = await mx.get('/categories/default?records_per_page=100&page=2');
    const all = [...page.body.categories, ...rest.body.categories];
    expect(all).toHaveLength(total);
    const tops = all.filter((c: any) => c.parent_guid === null);
    expect(tops.map((c: any) => c.name)).toContain('Auto & Transport');
    expect(tops).toHaveLength(21);
    const guids = new Set(all.map((c: any) => c.guid));
    expect(guids.size).toBe(total);
    for (const c of all) {
      expect(c).toMatchObject({ is_default: true, created_at: null, updated_at: null, metadata: null });
      if (c.parent_guid !== null) expect(tops.some((t: any) => t.guid === c.parent_guid)).toBe(true);
      expect(c.is_income).toBe(
        c.name === 'Income' || c.parent_guid === tops.find((t: any) => t.name === 'Income').guid,
      );
    }
    expect(all.find((c: any) => c.guid === SHOPPING).name).toBe('Shopping');
    const user = await newUser(mx);
    const byUser = await mx.get(`/users/${user}/categories/default?records_per_page=1000`);
    expect(byUser.body.categories).toEqual(all);
    expect((await mx.get(`/categories/${AUTO}`)).body.category).toEqual(all.find((c: any) => c.guid === AUTO));
    const unknown = await mx.get('/categories/CAT-00000000-0000-0000-0000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.status).toBe('not_found');
  });

  it("gives every transaction a default category whose top level is its parent's", async () => {
    const { user, txns } = await connectedUser();
    const seen = new Set<string>();
    for (const t of txns) {
      if (seen.has(t.category_guid)) continue;
      seen.add(t.category_guid);
      const c = (await mx.get(`/users/${user}/categories/${t.category_guid}`)).body.category;
      expect(c.name).toBe(t.category);
      const top = c.parent_guid ? (await mx.get(`/categories/${c.parent_guid}`)).body.category : c;
      expect(top.name).toBe(t.top_level_category);
    }
    expect(seen.size).toBeGreaterThan(3);
  });
});

describe('custom categories', () => {
  it('creates one under a top-level default, lists it after the defaults, updates and deletes it', async () => {
    const user = await newUser(mx);
    const created = await mx.post(`/users/${user}/categories`, {
      category: { name: 'Rover', parent_guid: SHOPPING, metadata: '{"pet":"dog"}' },
    });
    expect(created.status).toBe(200);
    const c = created.body.category;
    expect(c).toEqual({
      guid: expect.stringMatching(/^CAT-[0-9a-f-]{36}$/),
      name: 'Rover',
      parent_guid: SHOPPING,
      metadata: '{"pet":"dog"}',
      is_default: false,
      is_income: false,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const list = (await mx.get(`/users/${user}/categories?records_per_page=1000`)).body;
    expect(list.categories[list.categories.length - 1]).toEqual(c);
    expect(list.categories.filter((x: any) => !x.is_default)).toEqual([c]);
    expect((await mx.get(`/users/${user}/categories/${c.guid}`)).body.category).toEqual(c);
    // A default-only read does not know it; nor does another user.
    expect((await mx.get(`/categories/${c.guid}`)).status).toBe(404);
    const other = await newUser(mx);
    expect((await mx.get(`/users/${other}/categories/${c.guid}`)).status).toBe(404);

    const updated = await mx.put(`/users/${user}/categories/${c.guid}`, { category: { name: 'Spot', metadata: null } });
    expect(updated.status).toBe(200);
    expect(updated.body.category).toMatchObject({ guid: c.guid, name: 'Spot', metadata: null, parent_guid: SHOPPING });
    expect((await mx.put(`/users/${user}/categories/${c.guid}`, { category: {} })).status).toBe(400);

    expect((await mx.del(`/users/${user}/categories/${c.guid}`)).status).toBe(204);
    expect((await mx.get(`/users/${user}/categories/${c.guid}`)).status).toBe(404);
    expect((await mx.del(`/users/${user}/categories/${c.guid}`)).status).toBe(404);
  });

  it('refuses a parent that is not a top-level default category, saying what to use', async () => {
    const user = await newUser(mx);
    const sub = (await mx.get('/categories/default?records_per_page=100')).body.categories.find(
      (c: any) => c.parent_guid === AUTO,
    );
    const bad = await mx.post(`/users/${user}/categories`, { category: { name: 'X', parent_guid: sub.guid } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^category\.parent_guid: .* is not a top-level default category/);
    const custom = (await mx.post(`/users/${user}/categories`, { category: { name: 'Y', parent_guid: AUTO } })).body
      .category;
    expect(
      (await mx.post(`/users/${user}/categories`, { category: { name: 'Z', parent_guid: custom.guid } })).status,
    ).toBe(400);
    const unknown = await mx.post(`/users/${user}/categories`, {
      category: { name: 'X', parent_guid: 'CAT-00000000-0000-0000-0000-000000000000' },
    });
    expect(unknown.status).toBe(404);
    const missing = await mx.post(`/users/${user}/categories`, { category: { parent_guid: AUTO } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('category.name');
  });

  it('refuses to change or delete a default category', async () => {
    const user = await newUser(mx);
    const put = await mx.put(`/users/${user}/categories/${AUTO}`, { category: { name: 'Cars' } });
    expect(put.status).toBe(400);
    expect(put.body.error.message).toContain('default');
    expect((await mx.del(`/users/${user}/categories/${AUTO}`)).status).toBe(400);
    expect((await mx.get(`/categories/${AUTO}`)).body.category.name).toBe('Auto & Transport');
  });
});

describe('tags and taggings', () => {
  it('starts every user with the Business tag; creates, renames and deletes tags', async () => {
    const user = await newUser(mx);
    const start = (await mx.get(`/users/${user}/tags`)).body;
    expect(start.tags).toEqual([{ guid: expect.stringMatching(/^TAG-/), name: 'Business', user_guid: user }]);
    const tag = (await mx.post(`/users/${user}/tags`, { tag: { name: 'Vacation 2026' } })).body.tag;
    expect(tag).toEqual({ guid: expect.stringMatching(/^TAG-[0-9a-f-]{36}$/), name: 'Vacation 2026', user_guid: user });
    expect((await mx.get(`/users/${user}/tags/${tag.guid}`)).body.tag).toEqual(tag);
    const renamed = await mx.put(`/users/${user}/tags/${tag.guid}`, { tag: { name: 'Trip' } });
    expect(renamed.body.tag).toEqual({ ...tag, name: 'Trip' });
    const list = (await mx.get(`/users/${user}/tags`)).body;
    expect(list.tags.map((t: any) => t.name)).toEqual(['Business', 'Trip']);
    expect(list.pagination).toEqual({ current_page: 1, per_page: 25, total_entries: 2, total_pages: 1 });
    expect((await mx.post(`/users/${user}/tags`, { tag: { name: '' } })).status).toBe(400);
    expect((await mx.post(`/users/${user}/tags`, { tag: {} })).body.error.message).toContain('tag.name');
    expect((await mx.del(`/users/${user}/tags/${tag.guid}`)).status).toBe(204);
    expect((await mx.get(`/users/${user}/tags/${tag.guid}`)).status).toBe(404);
    const other = await newUser(mx);
    expect((await mx.get(`/users/${other}/tags/${start.tags[0].guid}`)).status).toBe(404);
  });

  it('tags transactions, lists them by tag newest first, moves and deletes taggings', async () => {
    const { user, txns } = await connectedUser();
    const tag = (await mx.post(`/users/${user}/tags`, { tag: { name: 'Reimburse' } })).body.tag;
    const picked = [txns[5], txns[0], txns[12]];
    const taggings = [];
    for (const t of picked) {
      const res = await mx.post(`/users/${user}/taggings`, {
        tagging: { tag_guid: tag.guid, transaction_guid: t.guid },
      });
      expect(res.status).toBe(200);
      expect(res.body.tagging).toEqual({
        guid: expect.stringMatching(/^TGN-[0-9a-f-]{36}$/),
        member_is_managed_by_user: false,
        tag_guid: tag.guid,
        transaction_guid: t.guid,
        user_guid: user,
      });
      taggings.push(res.body.tagging);
    }
    const again = await mx.post(`/users/${user}/taggings`, {
      tagging: { tag_guid: tag.guid, transaction_guid: txns[0].guid },
    });
    expect(again.status).toBe(409);
    expect((await mx.get(`/users/${user}/taggings`)).body.taggings).toEqual(taggings);
    expect((await mx.get(`/users/${user}/taggings/${taggings[1].guid}`)).body.tagging).toEqual(taggings[1]);

    const byTag = await mx.get(`/users/${user}/tags/${tag.guid}/transactions`);
    expect(byTag.status).toBe(200);
    expect(byTag.body.transactions).toEqual([txns[0], txns[5], txns[12]]);
    expect(byTag.body.pagination).toEqual({ current_page: 1, per_page: 25, total_entries: 3, total_pages: 1 });
    const paged = await mx.get(`/users/${user}/tags/${tag.guid}/transactions?records_per_page=10&page=2`);
    expect(paged.body.transactions).toEqual([]);
    expect(paged.body.pagination.total_entries).toBe(3);

    const business = (await mx.get(`/users/${user}/tags`)).body.tags[0];
    const moved = await mx.put(`/users/${user}/taggings/${taggings[0].guid}`, { tagging: { tag_guid: business.guid } });
    expect(moved.body.tagging).toEqual({ ...taggings[0], tag_guid: business.guid });
    expect((await mx.get(`/users/${user}/tags/${business.guid}/transactions`)).body.transactions).toEqual([txns[5]]);
    expect((await mx.del(`/users/${user}/taggings/${taggings[1].guid}`)).status).toBe(204);
    expect((await mx.get(`/users/${user}/tags/${tag.guid}/transactions`)).body.transactions).toEqual([txns[12]]);

    // Deleting a tag deletes its taggings.
    expect((await mx.del(`/users/${user}/tags/${tag.guid}`)).status).toBe(204);
    expect((await mx.get(`/users/${user}/taggings`)).body.taggings.map((t: any) => t.guid)).toEqual([taggings[0].guid]);
    expect((await mx.get(`/users/${user}/tags/${tag.guid}/transactions`)).status).toBe(404);
  });

  it('answers 404 for an unknown tag or transaction, and 400 naming a missing field', async () => {
    const { user, txns } = await connectedUser();
    const tag = (await mx.get(`/users/${user}/tags`)).body.tags[0];
    const noTxn = await mx.post(`/users/${user}/taggings`, {
      tagging: { tag_guid: tag.guid, transaction_guid: 'TRN-00000000-0000-0000-0000-000000000000' },
    });
    expect(noTxn.status).toBe(404);
    expect(noTxn.body.error.message).toContain('transaction');
    const noTag = await mx.post(`/users/${user}/taggings`, {
      tagging: { tag_guid: 'TAG-00000000-0000-0000-0000-000000000000', transaction_guid: txns[0].guid },
    });
    expect(noTag.status).toBe(404);
    expect(noTag.body.error.message).toContain('tag');
    // Another user's transaction is unknown to this one.
    const other = await newUser(mx);
    const otherTag = (await mx.get(`/users/${other}/tags`)).body.tags[0];
    const foreign = await mx.post(`/users/${other}/taggings`, {
      tagging: { tag_guid: otherTag.guid, transaction_guid: txns[0].guid },
    });
    expect(foreign.status).toBe(404);
    const missing = await mx.post(`/users/${user}/taggings`, { tagging: { tag_guid: tag.guid } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('tagging.transaction_guid');
    expect((await mx.get(`/users/${user}/taggings/TGN-00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  });

  it('deleting a user deletes its categories, tags and taggings', async () => {
    const { user, txns } = await connectedUser();
    await mx.post(`/users/${user}/categories`, { category: { name: 'Mine', parent_guid: AUTO } });
    const tag = (await mx.post(`/users/${user}/tags`, { tag: { name: 'T' } })).body.tag;
    await mx.post(`/users/${user}/taggings`, { tagging: { tag_guid: tag.guid, transaction_guid: txns[0].guid } });
    expect((await mx.del(`/users/${user}`)).status).toBe(204);
    expect((await mx.get(`/users/${user}/tags`)).status).toBe(404);
    expect((await mx.get(`/users/${user}/taggings`)).status).toBe(404);
    expect((await mx.get(`/users/${user}/categories`)).status).toBe(404);
  });
});

describe('v20111101', () => {
  it("serves the same state at the same paths, with category filters on a tag's transactions", async () => {
    const { user, txns } = await connectedUser();
    const tag = (await mx.post(`/users/${user}/tags`, { tag: { name: 'Both' } }, v1)).body.tag;
    expect((await mx.get(`/users/${user}/tags/${tag.guid}`)).body.tag).toEqual(tag);
    const a = txns[0];
    const b = txns.find((t) => t.category_guid !== a.category_guid);
    for (const t of [a, b]) {
      const res = await mx.post(
        `/users/${user}/taggings`,
        { tagging: { tag_guid: tag.guid, transaction_guid: t.guid } },
        v1,
      );
      expect(res.status).toBe(200);
    }
    const all = await mx.get(`/users/${user}/tags/${tag.guid}/transactions`, v1);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe(VERSION_HEADERS.v20111101.Accept);
    expect(all.body.transactions.map((t: any) => t.guid)).toEqual([a.guid, b.guid]);
    const filtered = await mx.get(`/users/${user}/tags/${tag.guid}/transactions?category_guid=${b.category_guid}`, v1);
    expect(filtered.body.transactions.map((t: any) => t.guid)).toEqual([b.guid]);
    const cat = await mx.post(`/users/${user}/categories`, { category: { name: 'Legacy', parent_guid: AUTO } }, v1);
    expect(cat.status).toBe(200);
    expect((await mx.get(`/users/${user}/categories/${cat.body.category.guid}`, v1)).body.category).toEqual(
      cat.body.category,
    );
    expect((await mx.get(`/categories/default`, v1)).body.pagination.total_entries).toBeGreaterThan(100);
  });
});

describe('guids', () => {
  it('are the same for the same seed, and another seed gives others', async () => {
    const run = async (seed: string) => {
      const sim = await startServer({ seed });
      const user = await newUser(sim);
      const category = (await sim.post(`/users/${user}/categories`, { category: { name: 'A', parent_guid: AUTO } }))
        .body.category.guid;
      const tags = (await sim.get(`/users/${user}/tags`)).body.tags.map((t: any) => t.guid);
      const tag = (await sim.post(`/users/${user}/tags`, { tag: { name: 'B' } })).body.tag.guid;
      await sim.close();
      return [user, category, ...tags, tag];
    };
    const one = await run('seed-one');
    expect(await run('seed-one')).toEqual(one);
    const other = await run('seed-two');
    expect(other.some((guid, i) => guid === one[i])).toBe(false);
  });
});

describe('the state file', () => {
  it('keeps custom categories, tags (a deleted Business tag stays deleted) and taggings across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mx-sim-cat-')), 'state.json');
    const before = await startServer({ clock: new ManualClock('2026-03-02T10:00:00Z'), stateFile: file });
    const { user, path } = await createMember(before, 'password');
    await settle(before, path);
    const txn = (await before.get(`/users/${user}/transactions`)).body.transactions[0];
    await before.post(`/users/${user}/categories`, { category: { name: 'Kept', parent_guid: AUTO, metadata: 'm' } });
    const tag = (await before.post(`/users/${user}/tags`, { tag: { name: 'Kept tag' } })).body.tag;
    await before.post(`/users/${user}/taggings`, { tagging: { tag_guid: tag.guid, transaction_guid: txn.guid } });
    const other = await newUser(before);
    const business = (await before.get(`/users/${other}/tags`)).body.tags[0];
    expect((await before.del(`/users/${other}/tags/${business.guid}`)).status).toBe(204);
    const read = async (mx: TestServer) => ({
      categories: (await mx.get(`/users/${user}/categories?records_per_page=1000`)).body,
      tags: (await mx.get(`/users/${user}/tags`)).body,
      otherTags: (await mx.get(`/users/${other}/tags`)).body,
      taggings: (await mx.get(`/users/${user}/taggings`)).body,
      byTag: (await mx.get(`/users/${user}/tags/${tag.guid}/transactions`)).body,
    });
    const was = await read(before);
    expect(was.byTag.transactions.map((t: any) => t.guid)).toEqual([txn.guid]);
    expect(was.otherTags.tags).toEqual([]);
    await before.sim.state.save();
    await before.close();

    const after = await startServer({ clock: new ManualClock(before.clock.now()), stateFile: file });
    expect(await read(after)).toEqual(was);
    // New guids go on from the saved position.
    const next = (await after.post(`/users/${user}/tags`, { tag: { name: 'New' } })).body.tag;
    expect(JSON.stringify(was)).not.toContain(next.guid);
    await after.close();
  });
});

describe('export and import', () => {
  const copy = useServer({ seed: 'another-seed' });

  it('exports custom categories, tags and taggings, and a fresh simulator loads them back the same', async () => {
    const { user, txns } = await connectedUser();
    await mx.post(`/users/${user}/categories`, {
      category: { name: 'Exported', parent_guid: SHOPPING, metadata: 'x' },
    });
    const tag = (await mx.post(`/users/${user}/tags`, { tag: { name: 'Out' } })).body.tag;
    await mx.post(`/users/${user}/taggings`, { tagging: { tag_guid: tag.guid, transaction_guid: txns[3].guid } });
    await mx.post(`/users/${user}/taggings`, { tagging: { tag_guid: tag.guid, transaction_guid: txns[1].guid } });
    const exported = await mx.get(`/_mx-sim/export?format=json`);
    expect(exported.status).toBe(200);
    const doc = exported.body;
    const mine = doc.users.find((u: any) => u.guid === user);
    expect(mine.categories).toEqual([expect.objectContaining({ name: 'Exported', parent: SHOPPING, metadata: 'x' })]);
    expect(mine.tags.map((t: any) => t.name)).toEqual(['Business', 'Out']);
    const loaded = await copy.post('/_mx-sim/scenarios?source=export.json', doc);
    expect(loaded.status, loaded.text).toBe(201);
    for (const path of [
      `/users/${user}/categories?records_per_page=1000`,
      `/users/${user}/tags`,
      `/users/${user}/taggings`,
    ]) {
      const [a, b] = [await mx.get(path), await copy.get(path)];
      expect(b.status, path).toBe(200);
      expect(b.body, path).toEqual(a.body);
    }
    // The same transactions (an exported transaction keeps its guid; not every enhancement survives an export).
    const byTag = `/users/${user}/tags/${tag.guid}/transactions`;
    const guids = async (server: TestServer) => (await server.get(byTag)).body.transactions.map((t: any) => t.guid);
    expect(await guids(copy)).toEqual([txns[1].guid, txns[3].guid]);
    expect(await guids(mx)).toEqual([txns[1].guid, txns[3].guid]);
  });

  it('loads a scenario user with categories by parent name and exactly its listed tags', async () => {
    const yaml = [
      'users:',
      '  - id: qa-labels',
      '    members: [{ institution: mxbank, accounts: [{ type: CHECKING, transactions: [{ guid: TRN-q1, days_ago: 1, amount: 9, type: DEBIT, description: Taxi }] }] }]',
      '    categories: [{ name: Rover, parent: pets }]',
      '    tags: [{ name: Trip, taggings: [{ transaction_guid: TRN-q1 }] }]',
    ].join('\n');
    const res = await copy.post('/_mx-sim/scenarios?source=labels.yaml', undefined, {
      raw: yaml,
      headers: { 'Content-Type': 'application/yaml' },
    });
    expect(res.status, res.text).toBe(201);
    const user = (await copy.get('/users/qa-labels')).body.user.guid;
    const pets = (await copy.get('/categories/default?records_per_page=100')).body.categories.find(
      (c: any) => c.name === 'Pets',
    );
    const custom = (await copy.get(`/users/${user}/categories?records_per_page=1000`)).body.categories.filter(
      (c: any) => !c.is_default,
    );
    expect(custom).toEqual([expect.objectContaining({ name: 'Rover', parent_guid: pets.guid })]);
    const tags = (await copy.get(`/users/${user}/tags`)).body.tags;
    expect(tags.map((t: any) => t.name)).toEqual(['Trip']);
    const byTag = (await copy.get(`/users/${user}/tags/${tags[0].guid}/transactions`)).body.transactions;
    expect(byTag.map((t: any) => t.guid)).toEqual(['TRN-q1']);
  });

  it('refuses a scenario whose category parent or tagged transaction does not exist, saying where', async () => {
    const res = await copy.post('/_mx-sim/scenarios?source=bad.yaml', undefined, {
      raw: 'users:\n  - id: bad-labels\n    categories: [{ name: X, parent: Groceries }]\n    tags: [{ name: T, taggings: [{ transaction_guid: TRN-nope }] }]\n',
      headers: { 'Content-Type': 'application/yaml' },
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('users[0].categories[0].parent');
    expect(res.text).toContain('users[0].tags[0].taggings[0].transaction_guid');
  });
});
