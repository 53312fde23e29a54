// Webhooks as a receiver sees them: a scenario's `webhooks:` section, a local HTTP receiver, and the
// delivery log at /_mx-sim/webhooks that shows what MX would have sent even with no receiver at all.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMember, credentialsFor, newUser, settle } from '../helpers/members.js';
import { basic, startServer, type TestServer, useServer } from '../helpers/server.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/** A tiny receiver: records every POST; `/fail` answers 500, anything else 204 as MX asks. */
function receiver() {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(text) });
      res.statusCode = req.url === '/fail' ? 500 : 204;
      res.end();
    });
  });
  return {
    received,
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(baseUrl()))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    baseUrl,
  };
  function baseUrl() {
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
}

const HOUR = 3_600_000;
/** The connection-status and member-data webhooks (MEMBER and initial_data_ready have tests of their own). */
const DATA_TYPES = 'CONNECTION_STATUS, AGGREGATION, HISTORY, STATEMENT, BALANCE, VERIFICATION, REWARD';
const hook = receiver();
let base = '';
const mx = useServer({ fast: true, socket: true });

beforeAll(async () => {
  base = await hook.start();
});
afterAll(() => hook.close());
beforeEach(() => {
  hook.received.length = 0;
});

async function loadScenario(server: TestServer, yaml: string, auth?: string) {
  const res = await server.call('POST', '/_mx-sim/scenarios', { raw: yaml, auth });
  expect(res.status, res.text).toBe(201);
}

async function webhooks(server: TestServer, query = '', auth?: string) {
  const res = await server.get(`/_mx-sim/webhooks${query}`, { auth });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function allTransactions(path: string) {
  const out: Array<{ guid: string; status: string }> = [];
  for (let page = 1; ; page++) {
    const res = await mx.get(`${path}/transactions?records_per_page=1000&page=${page}`);
    out.push(...res.body.transactions);
    if (page >= res.body.pagination.total_pages) return out;
  }
}

async function answer(path: string, value: string) {
  const challenges = (await mx.get(`${path}/challenges`)).body.challenges;
  const res = await mx.put(`${path}/resume`, {
    member: { challenges: challenges.map((ch: any) => ({ guid: ch.guid, value })) },
  });
  expect(res.status).toBe(202);
}

describe('webhooks delivered to a receiver', () => {
  beforeEach(async () => {
    await loadScenario(
      mx,
      `name: hooks\nwebhooks:\n  url: ${base}/mx-hooks\n  types: [${DATA_TYPES}]\n  basic_auth: { username: hook-user, password: hook-secret-42 }\n`,
    );
  });

  it('sends CONNECTION_STATUS CHALLENGED, then AGGREGATION with counts once the answer connects', async () => {
    const { path, member, user } = await createMember(mx, 'challenge');
    expect((await settle(mx, path)).connection_status).toBe('CHALLENGED');
    await mx.sim.webhookDeliveries();
    expect(hook.received).toHaveLength(1);
    const [challenged] = hook.received;
    expect(challenged?.path).toBe('/mx-hooks');
    expect(challenged?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(challenged?.headers.accept).toBe('application/json');
    expect(challenged?.headers.authorization).toBe(basic('hook-user:hook-secret-42'));
    expect(challenged?.body).toEqual({
      action: 'CHANGED',
      connection_status: 'CHALLENGED',
      connection_status_id: 3,
      connection_status_message:
        'To authenticate your connection to MX Bank, please answer the following challenge(s).',
      member_guid: member,
      type: 'CONNECTION_STATUS',
      user_guid: user,
    });

    await answer(path, 'correct');
    const done = await settle(mx, path);
    expect(done).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
    await mx.sim.webhookDeliveries();
    expect(hook.received).toHaveLength(2);
    const aggregation = hook.received[1]?.body;
    const completed = Date.parse(done.successfully_aggregated_at);
    const transactions = (await mx.get(`/users/${user}/members/${member}/transactions?records_per_page=1`)).body
      .pagination.total_entries;
    expect(aggregation).toEqual({
      action: 'member_data_updated',
      completed_at: Math.floor(completed / 1000),
      completed_on: new Date(completed).toISOString().slice(0, 10),
      is_background: false,
      job_guid: done.most_recent_job_guid ?? expect.stringMatching(/^JOB-/),
      member_guid: member,
      transactions_created_count: transactions,
      transactions_updated_count: 0,
      type: 'AGGREGATION',
      user_guid: user,
      user_id: expect.stringMatching(/^story-user-/),
    });
    expect(transactions).toBeGreaterThan(0);

    const log = await webhooks(mx);
    expect(log.url).toBe(`${base}/mx-hooks`);
    expect(log.webhooks.map((w: any) => [w.type, w.delivery])).toEqual([
      ['CONNECTION_STATUS', { state: 'delivered', attempts: 1, status: 204, last_error: null }],
      ['AGGREGATION', { state: 'delivered', attempts: 1, status: 204, last_error: null }],
    ]);
    expect(log.webhooks[1].due_at).toBe(new Date(completed).toISOString());
    expect(log.webhooks[0].guid).toMatch(/^WHK-/);
  });

  it('sends VERIFICATION with the guids of the accounts that have numbers', async () => {
    const { path } = await createMember(mx, 'password');
    await settle(mx, path);
    const verify = await mx.post(`${path}/verify`);
    expect(verify.status).toBe(200);
    await settle(mx, path);
    await mx.sim.webhookDeliveries();
    const numbers = (await mx.get(`${path}/account_numbers`)).body.account_numbers;
    const verification = hook.received.map((r) => r.body).find((b) => b.type === 'VERIFICATION');
    expect(verification).toMatchObject({ action: 'member_data_updated', job_guid: expect.stringMatching(/^JOB-/) });
    expect(verification.accounts).toEqual([...new Set(numbers.map((n: any) => n.account_guid))]);
    expect(verification.accounts.length).toBeGreaterThan(0);
    expect(Object.keys(verification).sort()).toEqual([
      'accounts',
      'action',
      'completed_at',
      'completed_on',
      'job_guid',
      'member_guid',
      'type',
      'user_guid',
      'user_id',
    ]);
  });

  it('sends STATEMENT, BALANCE, HISTORY and REWARD after those jobs', async () => {
    const { path } = await createMember(mx, 'password');
    await settle(mx, path);
    for (const job of ['fetch_statements', 'check_balance', 'extend_history', 'fetch_rewards']) {
      expect([200, 202], job).toContain((await mx.post(`${path}/${job}`)).status);
      await settle(mx, path);
    }
    await mx.sim.webhookDeliveries();
    const byType = Object.fromEntries(hook.received.map((r) => [r.body.type, r.body]));
    expect(byType.STATEMENT.statements_created_count).toBeGreaterThan(0);
    expect(Object.keys(byType.BALANCE).sort()).toEqual([
      'action',
      'completed_at',
      'completed_on',
      'member_guid',
      'type',
      'user_guid',
    ]);
    expect(byType.HISTORY).toMatchObject({ action: 'member_data_updated', is_background: false });
    expect(byType.HISTORY.transactions_created_count).toBeGreaterThan(0);
    expect(byType.REWARD.rewards_created_count).toBeGreaterThan(0);
    expect(byType.REWARD.rewards_updated_count).toBe(0);
  });

  it('sends AGGREGATION with is_background true when the clock moves a day on and tick() runs', async () => {
    const { path } = await createMember(mx, 'password');
    await settle(mx, path);
    await mx.sim.webhookDeliveries();
    expect(hook.received.map((r) => r.body.type)).toEqual(['AGGREGATION']);
    const before = await allTransactions(path);
    const pendingBefore = before.filter((t) => t.status === 'PENDING').map((t) => t.guid);
    mx.clock.advance(24 * HOUR + 1_000);
    // No request: tick() applies what fell due, as main.ts does on its interval.
    mx.sim.tick();
    await mx.sim.webhookDeliveries();
    expect(hook.received).toHaveLength(2);
    const background = hook.received[1]?.body;
    expect(background).toMatchObject({ type: 'AGGREGATION', is_background: true });
    // Updated = the transactions that were PENDING and posted with this aggregation.
    const after = new Map((await allTransactions(path)).map((t) => [t.guid, t.status]));
    const posted = pendingBefore.filter((guid) => after.get(guid) === 'POSTED');
    expect(posted.length).toBeGreaterThan(0);
    expect(background.transactions_updated_count).toBe(posted.length);
    expect(background.transactions_created_count).toBe(after.size - before.length);
    expect(background.transactions_created_count).toBeGreaterThan(0);
  });

  it("sends the creating request's X-CALLBACK-PAYLOAD as a header with its job's AGGREGATION, and none without", async () => {
    const { path } = await createMember(
      mx,
      'password',
      'mxbank',
      {},
      { headers: { 'X-CALLBACK-PAYLOAD': 'b3JkZXI=' } },
    );
    await settle(mx, path);
    const plain = await createMember(mx, 'password');
    await settle(mx, plain.path);
    await mx.sim.webhookDeliveries();
    expect(hook.received.map((r) => [r.body.type, r.headers['x-callback-payload']])).toEqual([
      ['AGGREGATION', 'b3JkZXI='],
      ['AGGREGATION', undefined],
    ]);
  });

  it('never puts a credential in a payload or in the log', async () => {
    const user = await newUser(mx);
    const credentials = await credentialsFor(mx, 'mxbank', 'challenge', 'secret-login-7');
    const created = await mx.post(`/users/${user}/members`, { member: { institution_code: 'mxbank', credentials } });
    const path = `/users/${user}/members/${created.body.member.guid}`;
    await settle(mx, path);
    await answer(path, 'correct');
    await settle(mx, path);
    await mx.sim.webhookDeliveries();
    const sent = JSON.stringify(hook.received.map((r) => r.body));
    const log = JSON.stringify(await webhooks(mx));
    for (const text of [sent, log]) {
      expect(text).not.toContain('secret-login-7');
      expect(text).not.toContain('"correct"');
      expect(text).not.toContain('hook-secret-42');
      expect(text).not.toContain('test-key');
    }
  });
});

describe('a receiver that fails', () => {
  it('is retried as the clock reaches each retry, then the webhook is failed with every attempt in the log', async () => {
    await loadScenario(
      mx,
      `webhooks: { url: ${base}/fail, types: [CONNECTION_STATUS], retry: { retries: 2, gaps_ms: [60000, 120000] } }\n`,
    );
    const { path } = await createMember(mx, 'INVALID');
    expect((await settle(mx, path)).connection_status).toBe('DENIED');
    await mx.sim.webhookDeliveries();
    // The first attempt goes at once; the retries wait for the client's clock.
    expect(hook.received.map((r) => r.path)).toEqual(['/fail']);
    const waiting = (await webhooks(mx)).webhooks[0];
    const denied = Date.parse(waiting.due_at);
    expect(waiting.delivery).toEqual({ state: 'pending', attempts: 1, status: null, last_error: 'HTTP 500' });
    expect(waiting.next_attempt_at).toBe(new Date(denied + 60_000).toISOString());
    // One move of the clock past both retries sends both, each at the time it fell due.
    expect((await mx.post('/_mx-sim/clock', { advance_ms: 10 * 60_000 })).status).toBe(200);
    await mx.sim.webhookDeliveries();
    expect(hook.received.map((r) => r.path)).toEqual(['/fail', '/fail', '/fail']);
    const log = await webhooks(mx);
    expect(log.webhooks).toHaveLength(1);
    expect(log.webhooks[0].payload).toMatchObject({ connection_status: 'DENIED', connection_status_id: 2 });
    expect(log.webhooks[0].delivery).toEqual({ state: 'failed', attempts: 3, status: null, last_error: 'HTTP 500' });
    expect(log.webhooks[0].next_attempt_at).toBeNull();
    expect(log.webhooks[0].attempts).toEqual(
      [0, 60_000, 180_000].map((ms) => ({ at: new Date(denied + ms).toISOString(), status: 500, error: 'HTTP 500' })),
    );
  });
});

describe('a receiver that redirects', () => {
  it('is not followed, to another origin or to its own: each attempt fails saying where it pointed', async () => {
    const hits: string[] = [];
    const redirector = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => {
        res.statusCode = req.url === '/same' ? 308 : 307;
        res.setHeader('location', req.url === '/same' ? '/landed' : `${base}/mx-hooks`);
        res.end();
      });
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
    try {
      const failures = [];
      for (const path of ['/away', '/same']) {
        await loadScenario(
          mx,
          `webhooks: { url: ${origin}${path}, types: [CONNECTION_STATUS], retry: { retries: 2, gaps_ms: [1000] } }\n`,
        );
        const { path: member } = await createMember(mx, 'INVALID');
        expect((await settle(mx, member)).connection_status).toBe('DENIED');
        await mx.sim.webhookDeliveries();
        await mx.post('/_mx-sim/clock', { advance_ms: 60_000 });
        await mx.sim.webhookDeliveries();
        failures.push((await webhooks(mx)).webhooks.map((w: any) => w.delivery));
      }
      expect(hits).toEqual([...Array(3).fill('POST /away'), ...Array(3).fill('POST /same')]);
      expect(hook.received).toEqual([]);
      const says = (status: number, to: string) =>
        `HTTP ${status}: redirect (to ${to}) not followed; set webhooks.url to the receiver's own URL`;
      expect(failures).toEqual([
        [{ state: 'failed', attempts: 3, status: null, last_error: says(307, `${base}/mx-hooks`) }],
        [{ state: 'failed', attempts: 3, status: null, last_error: says(308, `${origin}/landed`) }],
      ]);
    } finally {
      await new Promise<void>((resolve) => redirector.close(() => resolve()));
    }
  });
});

describe('the delivery log without a receiver', () => {
  it('logs every webhook by default, filters by type, and clears', async () => {
    // The startup world: no webhooks section at all.
    await mx.del('/_mx-sim/scenarios');
    const { path, member } = await createMember(mx, 'challenge');
    await settle(mx, path);
    await answer(path, 'wrong');
    expect((await settle(mx, path)).connection_status).toBe('REJECTED');
    const log = await webhooks(mx);
    expect(log.url).toBeNull();
    expect(log.types).toEqual([
      'CONNECTION_STATUS',
      'AGGREGATION',
      'HISTORY',
      'STATEMENT',
      'BALANCE',
      'VERIFICATION',
      'REWARD',
      'MEMBER',
      'initial_data_ready',
      'MICRODEPOSIT',
    ]);
    expect(log.webhooks.filter((w: any) => w.type === 'JOB')).toEqual([]);
    expect(
      log.webhooks
        .filter((w: any) => w.type === 'CONNECTION_STATUS')
        .map((w: any) => [w.payload.connection_status, w.payload.member_guid, w.delivery.state]),
    ).toEqual([
      ['CHALLENGED', member, 'logged'],
      ['REJECTED', member, 'logged'],
    ]);
    expect(hook.received).toEqual([]);

    const connected = await createMember(mx, 'password');
    await settle(mx, connected.path);
    expect((await webhooks(mx, '?type=AGGREGATION')).webhooks.map((w: any) => w.payload.member_guid)).toEqual([
      connected.member,
    ]);
    const bad = await mx.get('/_mx-sim/webhooks?type=NOPE');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('type');

    const cleared = await mx.del('/_mx-sim/webhooks');
    expect(cleared.status).toBe(200);
    expect(cleared.body.webhooks).toEqual([]);
    expect((await webhooks(mx)).webhooks).toEqual([]);
  });

  it('logs CONNECTION_STATUS DENIED when the user denies OAuth consent', async () => {
    await loadScenario(mx, 'webhooks: { types: [CONNECTION_STATUS] }\n');
    const user = await newUser(mx);
    const res = await mx.post(`/users/${user}/members`, {
      member: { institution_code: 'mx_bank_oauth', is_oauth: true },
    });
    const denied = await fetch(`${res.body.member.oauth_window_uri}?action=deny`);
    expect(denied.status).toBe(200);
    const log = await webhooks(mx);
    expect(log.webhooks.map((w: any) => w.payload)).toEqual([
      expect.objectContaining({
        connection_status: 'DENIED',
        connection_status_id: 2,
        member_guid: res.body.member.guid,
      }),
    ]);
    expect(log.webhooks[0].due_at).toBe(new Date(mx.clock.now()).toISOString());
  });

  it('logs EXPIRED when nobody answers in time, and nothing for identify (MX has no identity webhook)', async () => {
    await loadScenario(mx, `webhooks: { types: [${DATA_TYPES}] }\n`);
    const challenged = await createMember(mx, 'challenge');
    await settle(mx, challenged.path);
    mx.clock.advance(11 * 60_000);
    const connected = await createMember(mx, 'password');
    await settle(mx, connected.path);
    expect([200, 202]).toContain((await mx.post(`${connected.path}/identify`)).status);
    await settle(mx, connected.path);
    const log = await webhooks(mx);
    expect(log.webhooks.map((w: any) => `${w.type} ${w.payload.connection_status ?? ''}`.trim())).toEqual([
      'CONNECTION_STATUS CHALLENGED',
      'CONNECTION_STATUS EXPIRED',
      'AGGREGATION',
    ]);
    expect(log.webhooks[1].payload.connection_status_id).toBe(19);
  });

  it('logs only the subscribed types', async () => {
    await loadScenario(mx, 'webhooks: { types: [AGGREGATION] }\n');
    const { path } = await createMember(mx, 'challenge');
    await settle(mx, path);
    await answer(path, 'correct');
    await settle(mx, path);
    const log = await webhooks(mx);
    expect(log.types).toEqual(['AGGREGATION']);
    expect(log.webhooks.map((w: any) => w.type)).toEqual(['AGGREGATION']);
  });

  it("keeps each client's webhooks apart", async () => {
    await loadScenario(mx, 'webhooks: { types: [AGGREGATION] }\n');
    const other = 'other-client:other-key';
    await mx.del('/_mx-sim/webhooks', { auth: other });
    const { path } = await createMember(mx, 'password');
    await settle(mx, path);
    expect((await webhooks(mx)).webhooks).toHaveLength(1);
    expect((await webhooks(mx, '', other)).webhooks).toEqual([]);
  });
});

describe('the webhooks section of a scenario', () => {
  it('is validated with messages that say what to fix', async () => {
    const bad = await mx.call('POST', '/_mx-sim/scenarios', {
      raw: 'webhooks:\n  url: ftp://example.com/x\n  types: [CONNECTION_STATUS, USER]\n  basic_auth: { username: "" , password: x }\n',
    });
    expect(bad.status).toBe(400);
    const message: string = bad.body.error.message;
    expect(message).toContain('must be an http:// or https:// URL');
    expect(message).toContain("'USER' is not a webhook type; use one of CONNECTION_STATUS");
    expect(message).toContain('must not be empty');
  });
});

describe('determinism', () => {
  it('gives the same payloads for the same seed and scenario', async () => {
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const server = await startServer({ fast: true, clientId: 'det', socket: true });
      try {
        await loadScenario(server, 'webhooks: {}\n');
        const user = (await server.post('/users', { user: { id: 'det-user' } })).body.user.guid;
        const credentials = await credentialsFor(server, 'mxbank', 'challenge');
        const created = await server.post(`/users/${user}/members`, {
          member: { institution_code: 'mxbank', credentials },
        });
        const path = `/users/${user}/members/${created.body.member.guid}`;
        await settle(server, path);
        const challenges = (await server.get(`${path}/challenges`)).body.challenges;
        await server.put(`${path}/resume`, {
          member: { challenges: challenges.map((ch: any) => ({ guid: ch.guid, value: 'correct' })) },
        });
        await settle(server, path);
        runs.push((await webhooks(server)).webhooks);
      } finally {
        await server.close();
      }
    }
    // MEMBER created, CHALLENGED, initial_data_ready, AGGREGATION.
    expect(runs[0].map((w: any) => w.type)).toEqual([
      'MEMBER',
      'CONNECTION_STATUS',
      'initial_data_ready',
      'AGGREGATION',
    ]);
    expect(runs[1]).toEqual(runs[0]);
  });
});
