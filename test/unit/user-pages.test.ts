// Pages of users (UserStore.slice, behind GET /users) come from indexes kept by insert, update and
// delete: after any sequence of changes, every page and total is the one filtering the full list gives.
import { describe, expect, it } from 'vitest';
import { type UserFilter, type UserRecord, UserStore } from '../../src/server/store/users.js';

/** A small deterministic generator, so a failure replays. */
function random(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
    return (x >>> 16) % n;
  };
}

const EMAILS = [null, 'a@example.com', 'A@Example.com', 'b@example.com'];

function user(n: number, pick: (n: number) => number): UserRecord {
  return {
    guid: `USR-${n}`,
    id: pick(3) === 0 ? null : `id-${n}`,
    email: EMAILS[pick(EMAILS.length)] ?? null,
    is_disabled: pick(4) === 0,
    metadata: null,
    created_at_ms: 0,
  };
}

const FILTERS: UserFilter[] = [
  {},
  { is_disabled: true },
  { is_disabled: false },
  { email: 'a@EXAMPLE.com' },
  { email: 'b@example.com', is_disabled: false },
  { email: 'nobody@example.com' },
  { id: 'id-3' },
  { id: 'id-3', is_disabled: true },
  { id: 'missing' },
];

function expectPagesMatch(store: UserStore) {
  for (const filter of FILTERS) {
    const all = store.list(filter);
    for (const [start, count] of [
      [0, 10],
      [3, 10],
      [10, 25],
      [all.length - 1, 10],
      [all.length + 5, 10],
    ] as const) {
      const slice = store.slice(filter, Math.max(0, start), count);
      expect(slice.total, JSON.stringify(filter)).toBe(all.length);
      expect(slice.items, `${JSON.stringify(filter)} from ${start}`).toEqual(
        all.slice(Math.max(0, start), start + count),
      );
    }
  }
}

describe('pages of users', () => {
  it('match the filtered list after any inserts, updates and deletes', () => {
    const pick = random(14);
    const store = new UserStore();
    let next = 0;
    for (let round = 0; round < 400; round++) {
      const users = store.list();
      const op = pick(10);
      if (op < 5 || users.length === 0) {
        const u = user(next++, pick);
        if (u.id === null || !store.find(u.id)) store.insert(u);
      } else if (op < 8) {
        const u = users[pick(users.length)] as UserRecord;
        const changes = pick(2)
          ? { is_disabled: !u.is_disabled }
          : { email: EMAILS[pick(EMAILS.length)] ?? null, ...(pick(2) ? { id: `id-${next++}` } : {}) };
        store.update(u, changes);
      } else {
        store.delete(users[pick(users.length)] as UserRecord);
      }
      if (round % 20 === 0) expectPagesMatch(store);
    }
    expectPagesMatch(store);
  });

  it('take a page of 100,000 users without the others', () => {
    const store = new UserStore();
    for (let i = 0; i < 100_000; i++) {
      store.insert({
        guid: `USR-${i}`,
        id: `u${i}`,
        email: null,
        is_disabled: false,
        metadata: null,
        created_at_ms: 0,
      });
    }
    const page = store.slice({}, 99_990, 25);
    expect(page.total).toBe(100_000);
    expect(page.items.map((u) => u.id)).toEqual(Array.from({ length: 10 }, (_, i) => `u${99_990 + i}`));
    expect(store.slice({ id: 'u50000' }, 0, 25).items.map((u) => u.guid)).toEqual(['USR-50000']);
  });
});
