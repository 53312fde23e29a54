// The webhooks MX would send, as GET /_mx-sim/webhooks logs them: each payload holds exactly the fields
// MX's page for its type lists (a consumer's strict parser sees MX's set).
import { describe, expect, it } from 'vitest';
import { createMember, credentialsFor, newUser, settle } from '../helpers/members.js';
import { useServer } from '../helpers/server.js';

async function logged(mx: ReturnType<typeof useServer>, member: string) {
  const res = await mx.get('/_mx-sim/webhooks');
  expect(res.status, res.text).toBe(200);
  return (res.body.webhooks as any[]).filter(
    (w) =>
      w.payload.member_guid === member || w.payload.member?.guid === member || w.payload.job?.member_guid === member,
  );
}

describe('webhook payloads', () => {
  const mx = useServer({ fast: true });

  it('STATEMENT, BALANCE and REWARD carry exactly the fields MX documents', async () => {
    const { path, member, user } = await createMember(mx, 'password');
    await settle(mx, path);
    for (const job of ['fetch_statements', 'check_balance', 'fetch_rewards']) {
      expect([200, 202], job).toContain((await mx.post(`${path}/${job}`)).status);
      await settle(mx, path);
    }
    const byType = Object.fromEntries((await logged(mx, member)).map((w) => [w.type, w.payload]));
    expect(Object.keys(byType.STATEMENT).sort()).toEqual([
      'action',
      'completed_at',
      'completed_on',
      'member_guid',
      'statements_created_count',
      'type',
      'user_guid',
    ]);
    expect(Object.keys(byType.BALANCE).sort()).toEqual([
      'action',
      'completed_at',
      'completed_on',
      'member_guid',
      'type',
      'user_guid',
    ]);
    expect(Object.keys(byType.REWARD).sort()).toEqual([
      'action',
      'completed_at',
      'completed_on',
      'member_guid',
      'rewards_created_count',
      'rewards_updated_count',
      'type',
      'user_guid',
    ]);
    for (const type of ['STATEMENT', 'BALANCE', 'REWARD']) {
      expect(byType[type], type).toMatchObject({
        action: 'member_data_updated',
        member_guid: member,
        user_guid: user,
        type,
      });
    }
  });
});

describe('MEMBER and initial_data_ready webhooks, X-CALLBACK-PAYLOAD', () => {
  const mx = useServer({ fast: true });

  it('MEMBER created, updated and deleted, each with the member as MX lists it, at the request time', async () => {
    const { path, member, user } = await createMember(mx, 'password', 'mxbank', { id: 'm-1', metadata: 'x' });
    await settle(mx, path);
    const updatedAt = mx.clock.now();
    expect((await mx.put(path, { member: { metadata: 'y' } })).status).toBe(200);
    expect((await mx.del(path)).status).toBe(204);
    const members = (await logged(mx, member)).filter((w) => w.type === 'MEMBER');
    expect(members.map((w) => w.payload.action)).toEqual(['created', 'updated', 'deleted']);
    const [created, updated] = members;
    expect(Object.keys(created.payload).sort()).toEqual(['action', 'member']);
    expect(created.payload.member).toMatchObject({
      connection_status: 'CREATED',
      connection_status_id: 0,
      guid: member,
      id: 'm-1',
      institution_code: 'mxbank',
      is_being_aggregated: true,
      metadata: 'x',
      user_guid: user,
    });
    expect(created.payload.member.created_at).toBe(Math.floor(Date.parse(created.due_at) / 1000));
    expect(updated.due_at).toBe(new Date(updatedAt).toISOString());
    expect(updated.payload.member).toMatchObject({ connection_status: 'CONNECTED', metadata: 'y' });
    expect(members.every((w) => w.callback_payload === null)).toBe(true);
  });

  it('deleting a user sends MEMBER deleted for each of its members, as they were', async () => {
    const { path, member, user } = await createMember(mx, 'password');
    await settle(mx, path);
    const credentials = await credentialsFor(mx, 'mxbank', 'password', 'second-login');
    const second = await mx.post(`/users/${user}/members`, {
      member: { institution_code: 'mxbank', credentials, id: 'second' },
    });
    expect(second.status).toBe(202);
    const userId = (await mx.get(`/users/${user}`)).body.user.id;
    expect((await mx.del(`/users/${user}`)).status).toBe(204);
    for (const guid of [member, second.body.member.guid]) {
      const deleted = (await logged(mx, guid)).filter((w) => w.type === 'MEMBER' && w.payload.action === 'deleted');
      expect(deleted, guid).toHaveLength(1);
      expect(deleted[0].payload.member).toMatchObject({ guid, user_guid: user, user_id: userId });
    }
  });

  it("echoes a request's X-CALLBACK-PAYLOAD on its MEMBER webhook and its job's data webhooks, not on others", async () => {
    const headers = { 'X-CALLBACK-PAYLOAD': 'Y3JlYXRl' };
    const { path, member } = await createMember(mx, 'password', 'mxbank', {}, { headers });
    await settle(mx, path);
    expect(
      (await mx.post(`${path}/check_balance`, undefined, { headers: { 'X-CALLBACK-PAYLOAD': 'YmFs' } })).status,
    ).toBe(202);
    await settle(mx, path);
    expect((await mx.post(`${path}/fetch_statements`)).status).toBe(202);
    await settle(mx, path);
    const hooks = await logged(mx, member);
    const byType = (t: string) => hooks.filter((w) => w.type === t).map((w) => w.callback_payload);
    expect(byType('MEMBER')).toEqual(['Y3JlYXRl']);
    expect(byType('AGGREGATION')).toEqual(['Y3JlYXRl']);
    expect(byType('BALANCE')).toEqual(['YmFs']);
    expect(byType('STATEMENT')).toEqual([null]);
    expect(byType('initial_data_ready')).toEqual([null]);
  });

  it('refuses an X-CALLBACK-PAYLOAD over 1024 characters with a 400 in MX error JSON', async () => {
    const user = await newUser(mx);
    const res = await mx.post(
      `/users/${user}/members`,
      { member: { institution_code: 'mxbank' } },
      {
        headers: { 'X-CALLBACK-PAYLOAD': 'a'.repeat(1025) },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/x-callback-payload/i);
  });

  it('initial_data_ready once, at the first job success, before its AGGREGATION, for a v20250224 member', async () => {
    const { path, member, user } = await createMember(mx, 'password');
    await settle(mx, path);
    expect((await mx.post(`${path}/aggregate`)).status).toBe(202);
    await settle(mx, path);
    const hooks = (await logged(mx, member)).filter((w) => w.type !== 'MEMBER');
    expect(hooks.map((w) => w.type)).toEqual(['initial_data_ready', 'AGGREGATION', 'AGGREGATION']);
    const ready = hooks[0];
    expect(Object.keys(ready.payload).sort()).toEqual(['client_guid', 'guid', 'member_guid', 'type', 'user_guid']);
    expect(ready.payload).toMatchObject({ type: 'initial_data_ready', member_guid: member, user_guid: user });
    expect(ready.payload.client_guid).toMatch(/^CLT-[0-9a-f]{8}-/);
    expect(ready.payload.guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(ready.due_at).toBe(hooks[1].due_at);
  });
});

describe('initial_data_ready under v20111101', () => {
  const mx = useServer({ fast: true, version: 'v20111101' });

  it('is never sent for a member created through v20111101', async () => {
    const { path, member } = await createMember(mx, 'password');
    await settle(mx, path);
    const types = (await logged(mx, member)).map((w) => w.type);
    expect(types).toEqual(['MEMBER', 'AGGREGATION']);
  });
});

describe('delivery retries on the client clock', () => {
  const statuses: number[] = [];
  const mx = useServer({
    fast: true,
    webhookDelivery: { fetch: async () => new Response(null, { status: statuses.shift() ?? 500 }) },
  });

  it("follows MX's 24-hour schedule by default: moving the clock a day on sends the 12 retries, then failed", async () => {
    const load = await mx.call('POST', '/_mx-sim/scenarios', {
      raw: 'webhooks: { url: "http://127.0.0.1:9/h", types: [CONNECTION_STATUS] }\n',
    });
    expect(load.status, load.text).toBe(201);
    const { path } = await createMember(mx, 'INVALID');
    await settle(mx, path);
    await mx.sim.webhookDeliveries();
    const first = (await mx.get('/_mx-sim/webhooks')).body.webhooks[0];
    expect(first.attempts).toHaveLength(1);
    expect(first.delivery.state).toBe('pending');
    const due = Date.parse(first.due_at);
    expect(first.next_attempt_at).toBe(new Date(due + 60_000).toISOString());
    await mx.post('/_mx-sim/clock', { to: new Date(due + 24 * 3_600_000 - 1).toISOString() });
    await mx.sim.webhookDeliveries();
    const almost = (await mx.get('/_mx-sim/webhooks')).body.webhooks[0];
    expect(almost.attempts).toHaveLength(12);
    expect(almost.next_attempt_at).toBe(new Date(due + 24 * 3_600_000).toISOString());
    await mx.post('/_mx-sim/clock', { advance_ms: 1 });
    await mx.sim.webhookDeliveries();
    const failed = (await mx.get('/_mx-sim/webhooks')).body.webhooks[0];
    expect(failed.delivery).toEqual({ state: 'failed', attempts: 13, status: null, last_error: 'HTTP 500' });
    expect(failed.attempts.at(-1)).toEqual({
      at: new Date(due + 24 * 3_600_000).toISOString(),
      status: 500,
      error: 'HTTP 500',
    });
  });

  it('stops retrying at the first 2xx', async () => {
    await mx.del('/_mx-sim/webhooks');
    statuses.push(503, 204);
    const { path } = await createMember(mx, 'INVALID');
    await settle(mx, path);
    await mx.sim.webhookDeliveries();
    await mx.post('/_mx-sim/clock', { advance_ms: 3_600_000 });
    await mx.sim.webhookDeliveries();
    const hook = (await mx.get('/_mx-sim/webhooks')).body.webhooks[0];
    expect(hook.delivery).toEqual({ state: 'delivered', attempts: 2, status: 204, last_error: null });
    expect(hook.attempts.map((a: any) => a.status)).toEqual([503, 204]);
  });

  it('DELETE /_mx-sim/webhooks gives up the retries still waiting on the clock', async () => {
    const load = await mx.call('POST', '/_mx-sim/scenarios', {
      raw: 'webhooks: { url: "http://127.0.0.1:9/h", types: [CONNECTION_STATUS] }\n',
    });
    expect(load.status, load.text).toBe(201);
    await mx.del('/_mx-sim/webhooks');
    statuses.length = 0;
    const { path } = await createMember(mx, 'INVALID');
    await settle(mx, path);
    await mx.sim.webhookDeliveries();
    const pending = (await mx.get('/_mx-sim/webhooks')).body.webhooks[0];
    expect(pending.delivery.state).toBe('pending');
    const cleared = await mx.del('/_mx-sim/webhooks');
    expect(cleared.status).toBe(200);
    expect(cleared.body.webhooks).toEqual([]);
    statuses.push(...Array.from({ length: 20 }, () => 204));
    const before = statuses.length;
    await mx.post('/_mx-sim/clock', { advance_ms: 2 * 24 * 3_600_000 });
    await mx.sim.webhookDeliveries();
    expect(before - statuses.length, 'POSTs after the log was cleared').toBe(0);
    expect((await mx.get('/_mx-sim/webhooks')).body.webhooks).toEqual([]);
    statuses.length = 0;
  });

  it('validates a scenario retry section with messages that say what to fix', async () => {
    const bad = await mx.call('POST', '/_mx-sim/scenarios', {
      raw: 'webhooks:\n  retry: { retries: 13, gaps_ms: [1000, 500], extra: 1 }\n',
    });
    expect(bad.status).toBe(400);
    const message: string = bad.body.error.message;
    expect(message).toContain('must be at most 12');
    expect(message).toContain('must not shrink');
    expect(message).toContain('extra');
    const empty = await mx.call('POST', '/_mx-sim/scenarios', { raw: 'webhooks:\n  retry: { gaps_ms: [] }\n' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('list at least one gap');
  });
});

describe('JOB status webhook (opt-in)', () => {
  const mx = useServer({ fast: true });
  const JOB_FIELDS = [
    'created_at',
    'error_message',
    'finished_at',
    'guid',
    'institution_guid',
    'is_authenticated',
    'member_guid',
    'member_id',
    'started_at',
    'status',
    'status_name',
    'updated_at',
    'user_guid',
    'user_id',
  ];
  const jobs = async (member: string) =>
    (await logged(mx, member)).filter((w) => w.type === 'JOB').map((w) => ({ ...w.payload.job, due_at: w.due_at }));

  it('is not sent unless the scenario lists JOB', async () => {
    const { path, member } = await createMember(mx, 'challenge');
    await settle(mx, path);
    expect(await jobs(member)).toEqual([]);
  });

  it("reports CHALLENGED (2), then COMPLETED (6) for the same job, with MX's job fields", async () => {
    const load = await mx.call('POST', '/_mx-sim/scenarios', { raw: 'webhooks: { types: [JOB, AGGREGATION] }\n' });
    expect(load.status, load.text).toBe(201);
    const { path, member, user } = await createMember(mx, 'challenge', 'mxbank', { id: 'job-m' });
    await settle(mx, path);
    const challenges = (await mx.get(`${path}/challenges`)).body.challenges;
    const resume = await mx.put(`${path}/resume`, {
      member: { challenges: challenges.map((ch: any) => ({ guid: ch.guid, value: 'correct' })) },
    });
    expect(resume.status).toBe(202);
    await settle(mx, path);
    const [challenged, completed, ...rest] = await jobs(member);
    expect(rest).toEqual([]);
    const { due_at: _, ...payload } = challenged;
    expect(Object.keys(payload).sort()).toEqual(JOB_FIELDS);
    const job = (await mx.get(`${path}`)).body.member;
    expect(challenged).toMatchObject({
      status: 2,
      status_name: 'CHALLENGED',
      finished_at: null,
      error_message: null,
      is_authenticated: false,
      member_guid: member,
      member_id: 'job-m',
      user_guid: user,
      institution_guid: job.institution_guid,
    });
    expect(completed).toMatchObject({
      guid: challenged.guid,
      status: 6,
      status_name: 'COMPLETED',
      is_authenticated: true,
      error_message: null,
      created_at: challenged.created_at,
    });
    expect(completed.guid).toMatch(/^JOB-/);
    expect(completed.finished_at).toBe(Math.floor(Date.parse(completed.due_at) / 1000));
    expect(completed.updated_at).toBe(completed.finished_at);
    expect(challenged.updated_at).toBe(Math.floor(Date.parse(challenged.due_at) / 1000));
    const types = (await logged(mx, member)).map((w) => w.type);
    expect(types).toEqual(['JOB', 'AGGREGATION', 'JOB']);
  });

  it('reports DENIED (8), then PREVENTED (7) at the third failed login, and HALTED (9) for any other failure', async () => {
    const { path, member } = await createMember(mx, 'INVALID');
    await settle(mx, path);
    for (const password of ['UNAUTHORIZED', 'INVALID']) {
      await mx.put(path, { member: { credentials: await credentialsFor(mx, 'mxbank', password) } });
      await settle(mx, path);
    }
    const ended = await jobs(member);
    expect(ended.map((j) => [j.status_name, j.status])).toEqual([
      ['DENIED', 8],
      ['DENIED', 8],
      ['PREVENTED', 7],
    ]);
    expect(new Set(ended.map((j) => j.guid)).size).toBe(3);
    expect(ended[0].error_message).toContain('credentials');
    expect(ended.every((j) => j.is_authenticated === false && j.finished_at !== null)).toBe(true);

    const failed = await createMember(mx, 'BAD_REQUEST');
    await settle(mx, failed.path);
    expect((await jobs(failed.member)).map((j) => [j.status_name, j.status])).toEqual([['HALTED', 9]]);
  });

  it('is a type the webhooks section accepts, and an unknown type names the valid ones', async () => {
    const bad = await mx.call('POST', '/_mx-sim/scenarios', { raw: 'webhooks: { types: [JOBS] }\n' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('JOB');
  });
});

describe('POST /_mx-sim/webhooks/{guid}/resend and ?type=', () => {
  const mx = useServer({ fast: true });

  it('logs the same webhook again at the current time, filters by every type, and 404s an unknown guid', async () => {
    const { path, member } = await createMember(mx, 'password');
    await settle(mx, path);
    const original = (await mx.get('/_mx-sim/webhooks?type=AGGREGATION')).body.webhooks[0];
    expect(original.payload.member_guid).toBe(member);
    mx.clock.advance(60_000);
    const again = await mx.post(`/_mx-sim/webhooks/${original.guid}/resend`);
    expect(again.status).toBe(201);
    expect(again.body.guid).not.toBe(original.guid);
    expect(again.body.payload).toEqual(original.payload);
    expect(again.body.due_at).toBe(new Date(mx.clock.now()).toISOString());
    expect((await mx.get('/_mx-sim/webhooks?type=AGGREGATION')).body.webhooks).toHaveLength(2);
    expect((await mx.get('/_mx-sim/webhooks?type=MEMBER')).body.webhooks).toHaveLength(1);
    const unknown = await mx.post('/_mx-sim/webhooks/WHK-nope/resend');
    expect(unknown.status).toBe(404);
    const bad = await mx.get('/_mx-sim/webhooks?type=NOPE');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('initial_data_ready, JOB');
  });
});
