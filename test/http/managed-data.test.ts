// MX's deprecated managed data over HTTP (v20250224, and v20111101 over the same state): the managed
// institution list and partner-managed members, in the user's member list, and across a restart.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/clock.js';
import { newUser } from '../helpers/members.js';
import { startServer, type TestServer, useServer, VERSION_HEADERS } from '../helpers/server.js';

const mx = useServer();
const v1 = { headers: VERSION_HEADERS.v20111101 };

const managed = (user: string, member: Record<string, unknown> = {}, server: TestServer = mx) =>
  server.post(`/users/${user}/managed_members`, { member: { institution_code: 'mxbank', ...member } });

describe('managed institutions', () => {
  it('lists the catalogue, paged up to 1000 a page', async () => {
    const res = await mx.get('/managed_institutions?records_per_page=1000');
    expect(res.status).toBe(200);
    expect(res.body.institutions.map((i: any) => i.code)).toContain('mxbank');
    expect(res.body.pagination).toMatchObject({ current_page: 1, per_page: 1000 });
    expect((await mx.get('/managed_institutions', v1)).status).toBe(200);
  });
});

describe('managed members', () => {
  it('creates one (202, CONNECTED, not managed by the user) and reads, lists, updates and deletes it', async () => {
    const user = await newUser(mx);
    const created = await managed(user, { id: 'pm-1', name: 'Partner bank', metadata: 'm' });
    expect(created.status).toBe(202);
    const m = created.body.member;
    expect(m).toMatchObject({
      guid: expect.stringMatching(/^MBR-/),
      id: 'pm-1',
      institution_code: 'mxbank',
      name: 'Partner bank',
      metadata: 'm',
      connection_status: 'CONNECTED',
      is_managed_by_user: false,
      is_being_aggregated: false,
      user_guid: user,
    });
    const at = `/users/${user}/managed_members/${m.guid}`;
    expect((await mx.get(at)).body.member).toEqual(m);
    expect((await mx.get(`/users/${user}/managed_members`)).body.members).toEqual([m]);
    // It is one of the user's members too: in the list and readable by guid or id.
    expect((await mx.get(`/users/${user}/members`)).body.members).toEqual([m]);
    expect((await mx.get(`/users/${user}/members/pm-1`)).body.member).toEqual(m);
    expect((await mx.get(`/users/${user}/members?use_case=MONEY_MOVEMENT`)).body.members).toEqual([]);

    const updated = await mx.put(at, { member: { name: 'Renamed' } });
    expect(updated.status).toBe(200);
    expect(updated.body.member).toMatchObject({ name: 'Renamed', metadata: 'm', id: 'pm-1' });
    expect((await mx.get(at, v1)).body.member.name).toBe('Renamed');

    expect((await mx.del(at)).status).toBe(204);
    expect((await mx.get(at)).status).toBe(404);
    expect((await mx.get(`/users/${user}/members`)).body.members).toEqual([]);
  });

  it('names the institution when no name is given, and gives the same guids from the same seed', async () => {
    const run = async () => {
      const server = await startServer({ clock: new ManualClock('2026-03-02T10:00:00Z') });
      const user = await newUser(server);
      const m = (await managed(user, {}, server)).body.member;
      await server.close();
      return m;
    };
    const first = await run();
    expect(first.name).toBe('MX Bank');
    expect((await run()).guid).toBe(first.guid);
  });

  it("answers MX's errors: unknown guids 404, bad bodies 400 naming the field, a taken id 409", async () => {
    const user = await newUser(mx);
    const missing = await mx.get(`/users/${user}/managed_members/MBR-nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('MBR-nope');
    expect((await mx.get('/users/USR-nope/managed_members')).status).toBe(404);
    expect((await managed(user, { institution_code: 'nowhere' })).status).toBe(404);
    const bad = await mx.post(`/users/${user}/managed_members`, { member: { name: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('institution_code');
    const m = (await managed(user, { id: 'taken' })).body.member;
    expect((await managed(user, { id: 'taken' })).status).toBe(409);
    const empty = await mx.put(`/users/${user}/managed_members/${m.guid}`, { member: {} });
    expect(empty.status).toBe(400);
    // An ordinary member is not a managed one.
    expect((await mx.del(`/users/${user}/managed_members/${m.guid}`)).status).toBe(204);
  });

  it('goes with its user', async () => {
    const user = await newUser(mx);
    const m = (await managed(user)).body.member;
    expect((await mx.del(`/users/${user}`)).status).toBe(204);
    const again = await newUser(mx);
    expect((await mx.get(`/users/${again}/managed_members/${m.guid}`)).status).toBe(404);
  });
});

describe('the state file', () => {
  it('keeps managed members across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mx-sim-managed-')), 'state.json');
    const before = await startServer({ clock: new ManualClock('2026-03-02T10:00:00Z'), stateFile: file });
    const user = await newUser(before);
    await managed(user, { id: 'kept', metadata: 'x' }, before);
    const was = (await before.get(`/users/${user}/managed_members`)).body;
    await before.sim.state.save();
    await before.close();
    const after = await startServer({ clock: new ManualClock(before.clock.now()), stateFile: file });
    expect((await after.get(`/users/${user}/managed_members`)).body).toEqual(was);
    const next = (await managed(user, {}, after)).body.member;
    expect(JSON.stringify(was)).not.toContain(next.guid);
    await after.close();
  });
});

describe('export and import', () => {
  const copy = useServer({ seed: 'another-seed' });

  it('exports managed members; a fresh simulator loads them back the same', async () => {
    const user = await newUser(mx);
    await managed(user, { id: 'exp-1', name: 'Exported', metadata: 'x' });
    await managed(user, { institution_code: 'mxbank' });
    const doc = (await mx.get('/_mx-sim/export?format=json')).body;
    const mine = doc.users.find((u: any) => u.guid === user);
    expect(mine.managed_members).toHaveLength(2);
    const loaded = await copy.post('/_mx-sim/scenarios?source=export.json', doc);
    expect(loaded.status, loaded.text).toBe(201);
    for (const p of [`/users/${user}/managed_members`, `/users/${user}/members`]) {
      const [x, y] = [await mx.get(p), await copy.get(p)];
      expect(y.body, p).toEqual(x.body);
    }
  });
});
