// Transaction lists are written from the JSON texts the simulator keeps per account and transaction
// (routes/transaction-json.ts). Every write that changes what a transaction shows is seen by the next
// list, per client: each listed row equals the same transaction read alone, which is presented afresh.
import { describe, expect, it } from 'vitest';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../../src/server/generators/institutions.js';
import { useServer } from '../helpers/server.js';

const mx = useServer({ fast: true });
const DAY = 86_400_000;

/** A client's user with an aggregated MX Bank member. */
async function world(auth: string, id: string) {
  const o = { auth };
  const user = (await mx.post('/users', { user: { id } }, o)).body.user.guid as string;
  const credentials = [
    { guid: MXBANK_LOGIN_GUID, value: 'mxuser' },
    { guid: MXBANK_PASSWORD_GUID, value: 'password' },
  ];
  const created = await mx.post(`/users/${user}/members`, { member: { institution_code: 'mxbank', credentials } }, o);
  expect(created.status).toBe(202);
  const member = `/users/${user}/members/${created.body.member.guid}`;
  await done(auth, member);
  return { auth, user, member };
}

async function done(auth: string, member: string) {
  for (let i = 0; i < 100; i++) {
    const m = (await mx.get(`${member}/status`, { auth })).body.member;
    if (!m.is_being_aggregated) return m;
    mx.clock.advance(100);
  }
  throw new Error('still aggregating');
}

type World = Awaited<ReturnType<typeof world>>;

/** The list, after checking every row against the transaction read alone. */
async function listed(w: World, path: string): Promise<any[]> {
  const res = await mx.get(path, { auth: w.auth });
  expect(res.status, res.text).toBe(200);
  const includes = new URL(path, 'http://x').searchParams.get('includes');
  for (const row of res.body.transactions) {
    const alone = await mx.get(`/users/${w.user}/transactions/${row.guid}${includes ? `?includes=${includes}` : ''}`, {
      auth: w.auth,
    });
    expect(row).toEqual(alone.body.transaction);
  }
  // And the page is the same text as a second read of it.
  expect((await mx.get(path, { auth: w.auth })).text).toBe(res.text);
  return res.body.transactions;
}

describe('transaction lists after writes', () => {
  it('show a new user id, posted transactions after a sync, older history, per client', async () => {
    const a = await world('tj-a:key', 'tj-user-a');
    const b = await world('tj-b:key', 'tj-user-b');
    const listA = `/users/${a.user}/transactions?records_per_page=100`;
    // Dated wide: the default window moves with the clock.
    const listB = `/users/${b.user}/transactions?from_date=2000-01-01&to_date=2099-12-31&records_per_page=100`;
    const withIncludes = `${listA}&includes=merchants,classifications`;

    const firstA = await listed(a, listA);
    const firstB = await listed(b, listB);
    await listed(a, withIncludes);
    expect(firstA.length).toBeGreaterThan(0);
    expect(firstA.every((t) => t.user_id === 'tj-user-a')).toBe(true);

    // A new user id: A's next list shows it, B's does not change.
    expect((await mx.put(`/users/${a.user}`, { user: { id: 'tj-user-a2' } }, { auth: a.auth })).status).toBe(200);
    const renamed = await listed(a, listA);
    expect(renamed.every((t) => t.user_id === 'tj-user-a2')).toBe(true);
    expect(await listed(b, listB)).toEqual(firstB);
    expect((await listed(a, withIncludes)).every((t) => t.user_id === 'tj-user-a2')).toBe(true);

    // A later aggregation pulls new days and posts what was pending: the next list shows both.
    const pendingBefore = renamed.filter((t) => t.status === 'PENDING').map((t) => t.guid);
    mx.clock.advance(5 * DAY);
    expect((await mx.post(`${a.member}/aggregate`, undefined, { auth: a.auth })).status).toBe(202);
    await done(a.auth, a.member);
    const synced = await listed(a, listA);
    expect(synced.map((t) => t.guid)).not.toEqual(renamed.map((t) => t.guid));
    const nowPending = new Set(synced.filter((t) => t.status === 'PENDING').map((t) => t.guid));
    expect(pendingBefore.length).toBeGreaterThan(0);
    expect(pendingBefore.some((g) => !nowPending.has(g))).toBe(true);
    // B's world moved on with the clock too (its background aggregation): its rows are still its own, fresh.
    expect((await listed(b, listB)).every((t) => t.user_id === 'tj-user-b')).toBe(true);

    // Older history: a list of the oldest days shows the transactions extend_history pulled.
    const old = `/users/${a.user}/transactions?from_date=2000-01-01&to_date=2099-12-31&records_per_page=100&page=1`;
    const before = (await mx.get(old, { auth: a.auth })).body.pagination.total_entries as number;
    await listed(a, old);
    expect((await mx.post(`${a.member}/extend_history`, undefined, { auth: a.auth })).status).toBe(202);
    await done(a.auth, a.member);
    expect((await mx.get(old, { auth: a.auth })).body.pagination.total_entries).toBeGreaterThan(before);
    await listed(a, old);
  });
});
