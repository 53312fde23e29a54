// mx-sim/testing (src/testing) as a user's suite would use it: a simulator on a free port started in
// beforeAll, the app under test calling it with plain fetch, and the helpers moving the client's clock,
// loading scenarios, answering challenges, approving OAuth and reading the webhook log. No test sleeps:
// time moves with advanceClock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/index.js';
import {
  advanceClock,
  answerChallenges,
  connectThroughWidget,
  inProcess,
  type MxSim,
  MxSimRequestError,
  readClock,
  startMxSim,
  webhookLog,
} from '../../src/testing/index.js';

let mx: MxSim;

beforeAll(async () => {
  mx = await startMxSim({ seed: 'testing-helpers' });
});

afterAll(async () => {
  await mx.close();
});

/** The app under test: plain fetch against the simulator's URL, with the credentials mx-sim was given. */
async function api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${mx.url}${path}`, {
    method,
    headers: { ...mx.headers(), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

let users = 0;
async function newMember(member: Record<string, unknown>) {
  const user = (await api('POST', '/users', { user: { id: `helpers-user-${++users}` } })).body.user.guid as string;
  const res = await api('POST', `/users/${user}/members`, { member });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return { user, member: res.body.member.guid as string, created: res.body.member };
}

/** MX Bank's credentials with the password that makes it ask one challenge. */
async function challengeCredentials() {
  const fields = (await api('GET', '/institutions/mxbank/credentials')).body.credentials as {
    guid: string;
    field_name: string;
  }[];
  return fields.map((f) => ({ guid: f.guid, value: f.field_name === 'PASSWORD' ? 'challenge' : 'mxuser' }));
}

async function status(user: string, member: string): Promise<string> {
  return (await api('GET', `/users/${user}/members/${member}/status`)).body.member.connection_status;
}

describe('startMxSim', () => {
  it('serves MX API requests at its url, with the credentials and version headers it returns', async () => {
    expect(mx.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mx.clientId).toBe('mx-sim-test');
    const res = await api('GET', '/institutions/mxbank');
    expect(res.status).toBe(200);
    expect(res.body.institution.code).toBe('mxbank');
    // The in-process simulator behind the port is there too.
    const direct = await mx.sim.app.request('/_mx-sim/health');
    expect(direct.status).toBe(200);
  });

  it('takes scenarios by built-in name, and --client pairs, whose first is the helpers’ default', async () => {
    const other = await startMxSim({
      scenarios: ['mfa-gauntlet'],
      clients: [{ client_id: 'ci-job', api_key: 'ci-key' }],
    });
    try {
      expect([other.clientId, other.apiKey]).toEqual(['ci-job', 'ci-key']);
      const listed = await fetch(`${other.url}/_mx-sim/scenarios`, { headers: other.headers() });
      expect((await listed.json()).scenarios.map((s: { name: string }) => s.name)).toEqual(['mfa-gauntlet']);
      const refused = await fetch(`${other.url}/users`, {
        headers: { ...other.headers(), Authorization: 'Basic eDp5' },
      });
      expect(refused.status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('the helpers', () => {
  it('advanceClock moves this client’s time on (and only forward), by ms or to a time', async () => {
    const before = await readClock(mx);
    const after = await mx.advanceClock(3_600_000);
    expect(after.offset_ms - before.offset_ms).toBeGreaterThanOrEqual(3_600_000);
    const later = new Date(Date.parse(after.now) + 86_400_000);
    expect(Date.parse((await advanceClock(mx, { to: later })).now)).toBeGreaterThanOrEqual(later.getTime());
    await expect(mx.advanceClock({ to: '2001-01-01T00:00:00Z' })).rejects.toBeInstanceOf(MxSimRequestError);
  });

  it('answerChallenges answers a CHALLENGED member (correct by default) and it connects', async () => {
    const { user, member } = await newMember({ institution_code: 'mxbank', credentials: await challengeCredentials() });
    await mx.advanceClock(60_000);
    expect(await status(user, member)).toBe('CHALLENGED');
    expect(await mx.answerChallenges(user, member)).toBe(1);
    await mx.advanceClock(60_000);
    expect(await status(user, member)).toBe('CONNECTED');
    // Nothing left to answer.
    expect(await answerChallenges(mx, user, member)).toBe(0);
  });

  it('answerChallenges takes the answers to give: a wrong one leaves the member REJECTED', async () => {
    const { user, member } = await newMember({ institution_code: 'mxbank', credentials: await challengeCredentials() });
    await mx.advanceClock(60_000);
    await mx.answerChallenges(user, member, ['wrong']);
    await mx.advanceClock(60_000);
    expect(await status(user, member)).toBe('REJECTED');
  });

  it('approveOAuth consents on the oauth_window_uri the app was given; denyOAuth refuses', async () => {
    const approved = await newMember({ institution_code: 'mx_bank_oauth', is_oauth: true });
    expect(approved.created.oauth_window_uri).toMatch(new RegExp(`^${mx.url}/oauth/authorize/`));
    await mx.approveOAuth(approved.created.oauth_window_uri);
    await mx.advanceClock(60_000);
    expect(await status(approved.user, approved.member)).toBe('CONNECTED');

    const denied = await newMember({ institution_code: 'mx_bank_oauth', is_oauth: true });
    await mx.denyOAuth(denied.created.oauth_window_uri);
    expect(await status(denied.user, denied.member)).toBe('DENIED');
    // The URI is single use.
    await expect(mx.approveOAuth(denied.created.oauth_window_uri)).rejects.toBeInstanceOf(MxSimRequestError);
  });

  it('connectThroughWidget connects through a widget URL as its user would; the member is the API member', async () => {
    const user = (await api('POST', '/users', { user: { id: 'widget-helper-user' } })).body.user.guid;
    const widgetUrl = async () =>
      (await api('POST', `/users/${user}/widget_urls`, { widget_url: { widget_type: 'connect_widget' } })).body
        .widget_url.url as string;
    const url = await widgetUrl();
    const connected = await connectThroughWidget(mx, url, { institution: 'mxbank', password: 'challenge' });
    expect(connected).toMatchObject({
      user_guid: user,
      session_guid: expect.stringMatching(/^ANS-/),
      oauth_window_uri: null,
    });
    await mx.advanceClock(5_000);
    expect(await status(user, connected.member_guid)).toBe('CHALLENGED');
    expect(await mx.answerChallenges(user, connected.member_guid)).toBe(1);
    await mx.advanceClock(60_000);
    expect(await status(user, connected.member_guid)).toBe('CONNECTED');
    // The URL was used up.
    await expect(connectThroughWidget(mx, url, { institution: 'mxbank' })).rejects.toBeInstanceOf(MxSimRequestError);
    const oauth = await connectThroughWidget(mx, await widgetUrl(), { institution: 'mx_bank_oauth' });
    await mx.approveOAuth(oauth.oauth_window_uri as string);
    await mx.advanceClock(60_000);
    expect(await status(user, oauth.member_guid)).toBe('CONNECTED');
  });

  it('webhooks reads the log of what MX would have sent; clearWebhooks empties it', async () => {
    await mx.clearWebhooks();
    const { user, member } = await newMember({ institution_code: 'mxbank', credentials: await challengeCredentials() });
    await mx.advanceClock(60_000);
    const logged = await mx.webhooks('CONNECTION_STATUS');
    expect(logged.map((w) => [w.type, w.payload.member_guid, w.payload.connection_status])).toEqual([
      ['CONNECTION_STATUS', member, 'CHALLENGED'],
    ]);
    expect(logged[0]?.delivery.state).toBe('logged');
    const all = await webhookLog(mx);
    expect(all.map((w) => w.guid)).toEqual(expect.arrayContaining(logged.map((w) => w.guid)));
    expect(logged[0]?.payload.user_guid).toBe(user);
    await mx.clearWebhooks();
    expect(await mx.webhooks()).toEqual([]);
  });

  it('loadScenario loads a scenario (object, YAML text or built-in name) into a fresh world; resetWorld empties it', async () => {
    await mx.loadScenario({
      name: 'helpers-preset',
      users: [{ id: 'preset-user', members: [{ institution: 'mxbank' }] }],
    });
    let listed = await api('GET', '/users');
    expect(listed.body.users.map((u: { id: string }) => u.id)).toEqual(['preset-user']);

    await mx.loadScenario('name: from-yaml\ndescription: loaded as YAML text\n');
    await mx.loadScenario('oauth-institution');
    const scenarios = await (await fetch(`${mx.url}/_mx-sim/scenarios`, { headers: mx.headers() })).json();
    expect(scenarios.scenarios.map((s: { name: string }) => s.name)).toEqual([
      'helpers-preset',
      'from-yaml',
      'oauth-institution',
    ]);

    await mx.resetWorld();
    listed = await api('GET', '/users');
    expect(listed.body.users.map((u: { id: string }) => u.id)).toEqual(['preset-user']);

    const invalid = mx.loadScenario({ name: 'bad', outcomes: 'nope' });
    await expect(invalid).rejects.toMatchObject({ status: 400 });
    await fetch(`${mx.url}/_mx-sim/scenarios`, { method: 'DELETE', headers: mx.headers() });
  });

  it('work in-process too, on a simulator with no port (inProcess)', async () => {
    const sim = createSimulator({ seed: 'in-process-helpers' });
    const connection = inProcess(sim, 'in-process-client');
    const before = await readClock(connection);
    const after = await advanceClock(connection, 1_000);
    expect(after.client_id).toBe('in-process-client');
    expect(after.offset_ms - before.offset_ms).toBeGreaterThanOrEqual(1_000);
    expect(await webhookLog(connection)).toEqual([]);
  });
});
