// The rules around starting aggregations that the docs promise (docs/lifecycle.md, docs/api.md):
// MX's 3-hour throttle on standard aggregation, from which the test institutions mxbank and simbank
// are exempt; and daily background aggregation, which never runs for a disabled user.
// Through the app in process (app.request), on a ManualClock.
import { beforeEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/server/app.js';
import { ManualClock } from '../../src/server/clock.js';

const HOUR = 3_600_000;
const AUTH = `Basic ${Buffer.from('rules-client:key').toString('base64')}`;

let clock: ManualClock;
let sim: ReturnType<typeof createSimulator>;

beforeEach(() => {
  clock = new ManualClock();
  sim = createSimulator({ clock, fast: true, institutionCount: 0 });
});

async function call(method: string, path: string, body?: unknown) {
  const res = await sim.app.request(path, {
    method,
    headers: {
      Accept: 'application/json',
      'Accept-Version': 'v20250224',
      Authorization: AUTH,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

let users = 0;

/** A user with a member at `institution` whose first aggregation has finished (CONNECTED, not aggregating). */
async function connectedMember(institution: string) {
  const user = (await call('POST', '/users', { user: { id: `rules-user-${++users}` } })).body.user.guid as string;
  const fields = (await call('GET', `/institutions/${institution}/credentials`)).body.credentials as Array<{
    guid: string;
    field_name: string;
  }>;
  const credentials = fields.map((f) => ({ guid: f.guid, value: f.field_name === 'PASSWORD' ? 'password' : 'mxuser' }));
  const created = await call('POST', `/users/${user}/members`, {
    member: { institution_code: institution, credentials },
  });
  expect(created.status).toBe(202);
  const path = `/users/${user}/members/${created.body.member.guid}`;
  clock.advance(1_000);
  const member = (await call('GET', path)).body.member;
  expect(member).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
  return { user, path, member };
}

describe('the 3-hour aggregation throttle', () => {
  for (const institution of ['simbank', 'mxbank']) {
    it(`does not apply to ${institution}: a second aggregate within 3 hours starts a new job`, async () => {
      const { path, member } = await connectedMember(institution);
      clock.advance(60_000);
      const again = await call('POST', `${path}/aggregate`);
      expect(again.status).toBe(202);
      expect(again.body.member.is_being_aggregated).toBe(true);
      expect(again.body.member.most_recent_job_guid).not.toBe(member.most_recent_job_guid);
      expect(again.body.member.aggregated_at).toBe(new Date(clock.now()).toISOString());
    });
  }

  it('applies to an ordinary institution: 202 and no new job until 3 hours after the last job start', async () => {
    const { path, member } = await connectedMember('mxcu_credential');
    const started = Date.parse(member.aggregated_at);
    clock.set(started + 3 * HOUR - 1);
    const throttled = await call('POST', `${path}/aggregate`);
    expect(throttled.status).toBe(202);
    expect(throttled.body.member).toMatchObject({
      is_being_aggregated: false,
      most_recent_job_guid: member.most_recent_job_guid,
      aggregated_at: member.aggregated_at,
    });
    clock.set(started + 3 * HOUR);
    const allowed = await call('POST', `${path}/aggregate`);
    expect(allowed.status).toBe(202);
    expect(allowed.body.member.is_being_aggregated).toBe(true);
    expect(allowed.body.member.most_recent_job_guid).not.toBe(member.most_recent_job_guid);
  });

  it('throttles only aggregate: other jobs at an ordinary institution start within the 3 hours', async () => {
    const { path, member } = await connectedMember('mxcu_credential');
    const check = await call('POST', `${path}/check_balance`);
    expect(check.status).toBe(202);
    expect(check.body.member.is_being_aggregated).toBe(true);
    expect(check.body.member.most_recent_job_guid).not.toBe(member.most_recent_job_guid);
  });
});

describe('background aggregation', () => {
  async function aggregationWebhooks() {
    const res = await call('GET', '/_mx-sim/webhooks?type=AGGREGATION');
    expect(res.status).toBe(200);
    return res.body.webhooks as Array<{ payload: { member_guid: string; is_background: boolean } }>;
  }

  async function dayLater(disabled: boolean) {
    const { user, path, member } = await connectedMember('mxbank');
    if (disabled) {
      const res = await call('PUT', `/users/${user}`, { user: { is_disabled: true } });
      expect(res.body.user.is_disabled).toBe(true);
    }
    clock.advance(24 * HOUR + 10_000);
    sim.tick();
    const later = (await call('GET', path)).body.member;
    const background = (await aggregationWebhooks()).filter(
      (w) => w.payload.member_guid === member.guid && w.payload.is_background,
    );
    return { member, later, background };
  }

  it('runs a day after the last success for an enabled user: a new job and an AGGREGATION webhook', async () => {
    const { member, later, background } = await dayLater(false);
    expect(later.most_recent_job_guid).not.toBe(member.most_recent_job_guid);
    expect(later.successfully_aggregated_at).not.toBe(member.successfully_aggregated_at);
    expect(background).toHaveLength(1);
  });

  it('does not run for a disabled user: no new job, no AGGREGATION webhook', async () => {
    const { member, later, background } = await dayLater(true);
    expect(later).toMatchObject({
      most_recent_job_guid: member.most_recent_job_guid,
      aggregated_at: member.aggregated_at,
      successfully_aggregated_at: member.successfully_aggregated_at,
      is_being_aggregated: false,
    });
    expect(background).toEqual([]);
  });

  it('runs again once the user is enabled', async () => {
    const { user, path, member } = await connectedMember('mxbank');
    await call('PUT', `/users/${user}`, { user: { is_disabled: true } });
    clock.advance(24 * HOUR + 10_000);
    expect((await call('GET', path)).body.member.most_recent_job_guid).toBe(member.most_recent_job_guid);
    await call('PUT', `/users/${user}`, { user: { is_disabled: false } });
    clock.advance(1_000);
    expect((await call('GET', path)).body.member.most_recent_job_guid).not.toBe(member.most_recent_job_guid);
  });
});
