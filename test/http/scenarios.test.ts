import { describe, expect, it } from 'vitest';
import { type LoadedScenario, loadScenarioFile, parseScenario, resolveScenarioPath } from '../../src/scenarios/load.js';
import { createSimulator } from '../../src/server/app.js';
import { credentialsFor, newUser, settle } from '../helpers/members.js';
import { startServer, type TestServer, useServer } from '../helpers/server.js';

const builtin = (name: string): LoadedScenario => {
  const path = resolveScenarioPath(name);
  return { scenario: loadScenarioFile(path), source: path };
};

async function member(mx: TestServer, institution: string, login: string, password = 'pw', extra = {}) {
  const user = await newUser(mx);
  const credentials = await credentialsFor(mx, institution, password, login);
  const res = await mx.post(`/users/${user}/members`, {
    member: { institution_code: institution, credentials, ...extra },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return { user, path: `/users/${user}/members/${res.body.member.guid}` };
}

async function answer(mx: TestServer, path: string, value: string | ((ch: any) => string)) {
  const challenges = (await mx.get(`${path}/challenges`)).body.challenges;
  const res = await mx.put(`${path}/resume`, {
    member: {
      challenges: challenges.map((ch: any) => ({
        guid: ch.guid,
        value: typeof value === 'string' ? value : value(ch),
      })),
    },
  });
  expect(res.status).toBe(202);
  return challenges;
}

const yaml = (text: string) => ({ raw: text, headers: { 'Content-Type': 'application/yaml' } });

describe('scenario validation', () => {
  it('refuses to redefine a built-in institution unless it says replace: true', () => {
    const clash = parseScenario('institutions: [{ code: mxbank, name: Mine }]', 'clash.yaml');
    expect(() => createSimulator({ scenarios: [{ scenario: clash, source: 'clash.yaml' }] })).toThrow(
      "clash.yaml institutions[0].code: 'mxbank' already exists; set replace: true to replace it",
    );
    const replaced = parseScenario('institutions: [{ code: mxbank, name: Mine, replace: true }]', 'ok.yaml');
    expect(() => createSimulator({ scenarios: [{ scenario: replaced, source: 'ok.yaml' }] })).not.toThrow();
  });
});

describe('built-in: mfa-gauntlet', () => {
  const mx = useServer({ scenarios: [builtin('mfa-gauntlet')] });

  it('text challenge → wrong answer REJECTED → challenged again → CONNECTED', async () => {
    const { path } = await member(mx, 'gauntletbank', 'qa-user');
    expect((await settle(mx, path)).connection_status).toBe('CHALLENGED');
    await answer(mx, path, 'wrong');
    expect(await settle(mx, path)).toMatchObject({ connection_status: 'REJECTED', is_being_aggregated: false });
    // gauntletbank is an ordinary institution: MX's 3-hour aggregation throttle applies.
    const throttled = await mx.post(`${path}/aggregate`);
    expect(throttled.body.member.is_being_aggregated).toBe(false);
    mx.clock.advance(3 * 3_600_000);
    expect((await mx.post(`${path}/aggregate`)).status).toBe(202);
    const again = await settle(mx, path);
    expect(again.connection_status).toBe('CHALLENGED');
    expect(again.challenges[0].type).toBe('TEXT');
    await answer(mx, path, 'correct');
    expect(await settle(mx, path)).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
    expect((await mx.get(`${path}/accounts`)).body.pagination.total_entries).toBeGreaterThan(0);
  });

  it('two challenges in a row, the second with its own answer', async () => {
    const { path } = await member(mx, 'gauntletbank', 'multi');
    expect((await settle(mx, path)).challenges[0].type).toBe('OPTIONS');
    await answer(mx, path, 'correct');
    const second = await settle(mx, path);
    expect(second.challenges[0].type).toBe('TOKEN');
    await answer(mx, path, '123456');
    expect((await settle(mx, path)).connection_status).toBe('CONNECTED');
  });

  it('a wrong answer can end the job in a chosen status', async () => {
    const { path } = await member(mx, 'gauntletbank', 'locked');
    const status = await settle(mx, path);
    expect(status.challenges.map((c: any) => c.type)).toEqual(['TEXT', 'IMAGE_DATA']);
    await answer(mx, path, 'correct');
    expect((await settle(mx, path)).connection_status).toBe('LOCKED');
  });
});

describe('built-in: large-history and oauth-institution', () => {
  const mx = useServer({ scenarios: [builtin('large-history'), builtin('oauth-institution')] });

  it('gives bigbank members 50 accounts of 10,000 transactions', async () => {
    const { path } = await member(mx, 'bigbank', 'anyone');
    await settle(mx, path);
    expect((await mx.get(`${path}/accounts`)).body.pagination.total_entries).toBe(50);
    const txns = (
      await mx.get(
        `/users/${path.split('/')[2]}/accounts/${(await mx.get(`${path}/accounts`)).body.accounts[0].guid}/transactions`,
      )
    ).body;
    expect(txns.pagination.total_entries).toBeGreaterThanOrEqual(9_999);
  });

  it('OAuth at oauthbank connects after consent; refusebank always ends DENIED', async () => {
    for (const [code, expected] of [
      ['oauthbank', 'success'],
      ['refusebank', 'error'],
    ] as const) {
      const user = await newUser(mx);
      const created = await mx.post(`/users/${user}/members`, {
        member: { institution_code: code, is_oauth: true },
        client_redirect_url: 'https://app.example.com/done',
        referral_source: 'APP',
      });
      expect(created.status).toBe(200);
      const uri = created.body.member.oauth_window_uri;
      const res = await mx.fetch(`${uri}?action=approve`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(new URL(res.headers.get('location') as string).searchParams.get('status')).toBe(expected);
      const status = await settle(mx, `/users/${user}/members/${created.body.member.guid}`);
      expect(status.connection_status).toBe(expected === 'success' ? 'CONNECTED' : 'DENIED');
    }
  });

  it('lists the added institutions with their products and credentials', async () => {
    const big = (await mx.get('/institutions/bigbank')).body.institution;
    expect(big).toMatchObject({ name: 'Big Bank', supports_oauth: false });
    expect(big.supported_products).toContain('transaction_history');
    const fields = (await mx.get('/institutions/bigbank/credentials')).body.credentials;
    expect(fields.map((f: any) => f.field_name)).toEqual(['LOGIN', 'PASSWORD']);
    expect((await mx.get('/institutions?name=refuse')).body.institutions[0].code).toBe('refusebank');
  });
});

describe('the admin API', () => {
  const mx = useServer({ scenarios: [builtin('mxbank')], timing: {} });
  const SCRIPT = `
name: second-job-degraded
seed: qa-42
timing: { authenticate_ms: 50, sync_ms: 50 }
outcomes:
  - match: { institution: mxbank, username: qa-degraded }
    jobs: [CONNECTED, DEGRADED, CONNECTED]
`;

  it('lists the scenarios a client runs', async () => {
    const res = await mx.get('/_mx-sim/scenarios');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ client_id: 'test-client', scenarios: [{ name: 'mxbank' }] });
  });

  it('loads a scenario for one client: timing and a per-job script ("the second aggregation ends DEGRADED")', async () => {
    const before = await newUser(mx);
    const loaded = await mx.post('/_mx-sim/scenarios', undefined, yaml(SCRIPT));
    expect(loaded.status, loaded.text).toBe(201);
    expect(loaded.body.scenarios.map((s: any) => s.name)).toEqual(['mxbank', 'second-job-degraded']);
    expect(loaded.body.seed).toBe('qa-42');
    // The world started afresh; another client's world is untouched.
    expect((await mx.get(`/users/${before}`)).status).toBe(404);
    const other = await mx.get('/_mx-sim/scenarios', { auth: 'other-client:key' });
    expect(other.body.scenarios.map((s: any) => s.name)).toEqual(['mxbank']);

    const { path } = await member(mx, 'mxbank', 'qa-degraded', 'password');
    mx.clock.advance(100);
    expect((await mx.get(`${path}/status`)).body.member).toMatchObject({
      connection_status: 'CONNECTED',
      is_being_aggregated: false,
    });
    await mx.post(`${path}/aggregate`);
    mx.clock.advance(100);
    expect((await mx.get(`${path}/status`)).body.member.connection_status).toBe('DEGRADED');
    await mx.post(`${path}/aggregate`);
    mx.clock.advance(100);
    expect((await mx.get(`${path}/status`)).body.member.connection_status).toBe('CONNECTED');
    // Other usernames keep MX Bank's rules.
    const plain = await member(mx, 'mxbank', 'mxuser', 'LOCKED');
    mx.clock.advance(100);
    expect((await mx.get(`${plain.path}/status`)).body.member.connection_status).toBe('LOCKED');
  });

  it('answers 400 with every problem for an invalid scenario, and changes nothing', async () => {
    const user = await newUser(mx);
    const res = await mx.post(
      '/_mx-sim/scenarios?source=mine.yaml',
      undefined,
      yaml('outcomes:\n  - match: { institution: x }\n    jobs: [CREATED]\n'),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe('invalid_scenario');
    expect(res.body.error.message).toContain(
      "mine.yaml:3:12 outcomes[0].jobs[0]: 'CREATED' is a status MX shows while a job runs",
    );
    expect((await mx.get(`/users/${user}`)).status).toBe(200);
    const empty = await mx.post('/_mx-sim/scenarios', undefined, yaml('  '));
    expect(empty.status).toBe(400);
  });

  it('loads a scenario larger than an API body (an export of a big world), up to 64 MiB', async () => {
    const big = `name: big\ndescription: ${'x'.repeat(2 * 1024 * 1024)}\n`;
    const res = await mx.post('/_mx-sim/scenarios', undefined, yaml(big));
    expect(res.status, res.text.slice(0, 200)).toBe(201);
    expect((await mx.del('/_mx-sim/scenarios')).status).toBe(200);
  });

  it('refuses a scenario declared over 64 MiB before reading it', async () => {
    const res = await mx.call('POST', '/_mx-sim/scenarios', {
      raw: 'name: declared-huge\n',
      headers: { 'Content-Type': 'application/yaml', 'Content-Length': String(64 * 1024 * 1024 + 1) },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe(
      'Request body too large: a scenario may be up to 64 MiB (67108864 bytes); send a smaller body',
    );
  });

  it('answers 405 with Allow for a method an admin path does not take', async () => {
    const res = await mx.put('/_mx-sim/scenarios', {});
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST, DELETE');
    expect(res.body.error.type).toBe('method_not_allowed');
  });

  it('resets: POST /reset clears the world, DELETE /scenarios returns to the start-up scenarios', async () => {
    const user = await newUser(mx);
    expect((await mx.post('/_mx-sim/reset')).status).toBe(200);
    expect((await mx.get(`/users/${user}`)).status).toBe(404);
    const back = await mx.del('/_mx-sim/scenarios');
    expect(back.body.scenarios.map((s: any) => s.name)).toEqual(['mxbank']);
    expect((await mx.get('/_mx-sim/scenarios', { auth: null })).status).toBe(401);
    expect((await mx.get('/_mx-sim/nope')).status).toBe(404);
  });
});

describe('built-in: flaky-institution', () => {
  const mx = useServer({ scenarios: [builtin('flaky-institution')] });

  it('alternates CONNECTED and DEGRADED jobs, and every third status poll answers 503', async () => {
    const { path } = await member(mx, 'flakybank', 'anyone');
    const polls: Array<{ status: number; body: any }> = [];
    for (let i = 0; i < 6; i++) polls.push(await mx.get(`${path}/status`));
    expect(polls.map((p) => p.status)).toEqual([200, 200, 503, 200, 200, 503]);
    expect(polls[2]!.body.error).toMatchObject({ status: 'service_unavailable' });
    expect(polls[2]!.body.error.message).toContain('Service unavailable');
    expect(polls[5]!.body.error).toBeDefined();
    // Other routes of the member are not affected.
    expect((await mx.get(path)).status).toBe(200);
    const statuses = [];
    for (let job = 0; job < 3; job++) {
      if (job > 0) {
        mx.clock.advance(3 * 3_600_000);
        expect((await mx.post(`${path}/aggregate`)).status).toBe(202);
      }
      mx.clock.advance(10);
      statuses.push((await mx.get(path)).body.member.connection_status);
    }
    expect(statuses).toEqual(['CONNECTED', 'DEGRADED', 'CONNECTED']);
  });
});

describe('built-in: rate-limiting', () => {
  const waits: number[] = [];
  const mx = useServer({
    scenarios: [builtin('rate-limiting')],
    sleep: async (ms) => {
      waits.push(ms);
    },
  });

  it('answers every 5th request 429 with Retry-After, and delays institution search by 100-300 ms', async () => {
    const statuses = [];
    for (let i = 0; i < 10; i++) {
      const res = await mx.get('/institutions/mxbank');
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toBe('2');
        expect(res.body.error).toMatchObject({ status: 'too_many_requests' });
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 200, 200, 200, 200, 429]);
    expect(waits).toEqual([]);
    await mx.get('/institutions?name=bank');
    await mx.get('/institutions?name=credit');
    expect(waits).toHaveLength(2);
    for (const ms of waits) expect(ms >= 100 && ms <= 300).toBe(true);
  });
});

describe('determinism', () => {
  it('one scenario and seed give identical responses', async () => {
    const run = async () => {
      const mx = await startServer({ scenarios: [builtin('mfa-gauntlet')] });
      try {
        const user = (await mx.post('/users', { user: { id: 'same-user' } })).body.user.guid;
        const credentials = await credentialsFor(mx, 'gauntletbank', 'pw', 'qa');
        const created = await mx.post(`/users/${user}/members`, {
          member: { institution_code: 'gauntletbank', credentials },
        });
        const path = `/users/${user}/members/${created.body.member.guid}`;
        await settle(mx, path);
        await answer(mx, path, 'correct');
        await settle(mx, path);
        return [(await mx.get(path)).text, (await mx.get(`${path}/transactions`)).text];
      } finally {
        await mx.close();
      }
    };
    expect(await run()).toEqual(await run());
  });
});
