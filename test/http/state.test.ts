// A state file in-process (src/server/state-file.ts, docs/shared-instance.md#state-that-survives-a-restart):
// a simulator created again from the file answers as before (users, members, data, PDFs, clock, scenarios,
// webhooks, export); files that do not load stop the start and stay as they were; secrets stay out of
// the file; pending webhook deliveries go out again; saves only when something changed. The real
// process with a real signal is test/e2e/state.test.ts.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenarios/load.js';
import { createSimulator } from '../../src/server/app.js';
import { ManualClock } from '../../src/server/clock.js';
import { StateFileError } from '../../src/server/state-file.js';
import { createMember, credentialsFor, newUser, settle } from '../helpers/members.js';
import { startServer, type TestServer } from '../helpers/server.js';

const AT = '2026-03-02T10:00:00Z';
const API_KEY = 'test-key';

const tempFile = (name = 'state.json') => join(mkdtempSync(join(tmpdir(), 'mx-sim-state-')), name);

/** A simulator on a state file at a manual time (`AT` unless given). */
const server = (stateFile: string, extra: Parameters<typeof startServer>[0] = {}) =>
  startServer({ clock: new ManualClock(AT), stateFile, ...extra });

const yaml = (text: string) => ({ raw: text, headers: { 'Content-Type': 'application/yaml' } });

/** Everything a client reads about its world, by path. */
async function answers(mx: TestServer): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const read = async (path: string) => {
    const res = await mx.get(path);
    out[path] = { status: res.status, body: res.body };
    return res.body;
  };
  for (const path of ['/_mx-sim/clock', '/_mx-sim/scenarios', '/_mx-sim/webhooks', '/_mx-sim/export?format=json']) {
    await read(path);
  }
  const users = (await read('/users')).users as Array<{ guid: string }>;
  for (const u of users) {
    const members = (await read(`/users/${u.guid}/members`)).members as Array<{ guid: string }>;
    await read(`/users/${u.guid}/accounts`);
    await read(`/users/${u.guid}/transactions`);
    for (const m of members) {
      const base = `/users/${u.guid}/members/${m.guid}`;
      for (const tail of [
        '',
        '/status',
        '/credentials',
        '/challenges',
        '/accounts',
        '/transactions',
        '/account_numbers',
        '/account_owners',
        '/investment_holdings',
        '/rewards',
      ]) {
        await read(base + tail);
      }
      const statements = (await read(`${base}/statements`)).statements as Array<{ guid: string }> | undefined;
      for (const s of (statements ?? []).slice(0, 2)) {
        const pdf = await mx.get(`${base}/statements/${s.guid}.pdf`, {
          headers: { Accept: 'application/vnd.mx.api.v1+pdf' },
        });
        out[`${base}/statements/${s.guid}.pdf`] = {
          status: pdf.status,
          bytes: Buffer.from(pdf.body).toString('base64'),
        };
      }
    }
  }
  return out;
}

describe('a simulator created again from its state file', () => {
  it('answers as before: users, members in every state, data, PDFs, clock, scenarios, webhooks', async () => {
    const file = tempFile();
    const before = await server(file);
    await before.post(
      '/_mx-sim/scenarios',
      undefined,
      yaml('name: qa\nwebhooks: { types: [AGGREGATION, CONNECTION_STATUS] }'),
    );
    const user = await newUser(before);
    const created = await before.post(`/users/${user}/members`, {
      member: { institution_code: 'mxbank', credentials: await credentialsFor(before, 'mxbank', 'password') },
      data_request: { products: ['statements', 'identity_verification', 'account_verification', 'transactions'] },
    });
    const connected = { path: `/users/${user}/members/${created.body.member.guid}` };
    expect((await settle(before, connected.path)).connection_status).toBe('CONNECTED');
    await before.get(`${connected.path}/statements`);
    const challenged = await createMember(before, 'challenge');
    expect((await settle(before, challenged.path)).connection_status).toBe('CHALLENGED');
    await before.post('/_mx-sim/clock', { advance_ms: 90_000 });
    const midJob = await createMember(before, 'password');
    expect((await before.get(`${midJob.path}/status`)).body.member.is_being_aggregated).toBe(true);
    const was = await answers(before);
    expect((was['/_mx-sim/webhooks'] as any).body.webhooks.map((w: any) => w.type)).toEqual([
      'AGGREGATION',
      'CONNECTION_STATUS',
    ]);
    const pdfs = Object.entries(was).filter(([path]) => path.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThan(0);
    expect(pdfs.every(([, pdf]) => (pdf as { status: number }).status === 200)).toBe(true);
    const saved = await before.sim.state.save();
    expect(saved).toMatchObject({ file, clients: 1 });

    const after = await server(file, { clock: new ManualClock(before.clock.now()) });
    expect(await answers(after)).toEqual(was);
    // The challenge still waits for its answers, and the next ids are new ones.
    const challenges = (await after.get(`${challenged.path}/challenges`)).body.challenges as Array<{ guid: string }>;
    const resumed = await after.put(`${challenged.path}/resume`, {
      member: { challenges: challenges.map((c) => ({ guid: c.guid, value: 'correct' })) },
    });
    expect(resumed.status).toBe(202);
    expect((await settle(after, challenged.path)).connection_status).toBe('CONNECTED');
    const fresh = await newUser(after);
    expect(JSON.stringify(was)).not.toContain(fresh);
  });

  it('keeps the client on the startup scenarios when they are the same, on the saved ones otherwise', async () => {
    const file = tempFile();
    const qa = { scenario: parseScenario('name: qa-start\nseed: qa-seed', 'qa.yaml'), source: 'qa.yaml' };
    const before = await server(file, { scenarios: [qa] });
    await newUser(before);
    await before.sim.state.save();
    const same = await server(file, { scenarios: [qa] });
    expect((same.sim.state.document() as any).clients[0]).toMatchObject({
      own_stack: false,
      scenarios: [{ startup: 0 }],
    });

    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const other = await server(file, { logger });
    expect((await other.get('/_mx-sim/scenarios')).body).toEqual({
      client_id: 'test-client',
      seed: 'qa-seed',
      scenarios: [{ name: 'qa-start', source: 'qa.yaml' }],
    });
    expect((await other.get('/users')).body.users).toHaveLength(1);
    expect(lines.join('')).toContain('the scenarios given at start are not those of the saved run');
    // Back to this run's scenarios, afresh.
    expect((await other.del('/_mx-sim/scenarios')).body.scenarios).toEqual([]);
  });

  it("keeps the products a client's scenario disabled (403 after the restart too)", async () => {
    const file = tempFile();
    const before = await server(file);
    await before.post('/_mx-sim/scenarios', undefined, yaml('client: { disabled_products: [investments] }\n'));
    const user = await newUser(before);
    expect((await before.get(`/users/${user}/investment_holdings`)).status).toBe(403);
    await before.sim.state.save();
    await before.close();
    const after = await server(file);
    const res = await after.get(`/users/${user}/investment_holdings`);
    expect(res.status, res.text).toBe(403);
    expect(res.body.error.message).toMatch(/^The investments product is not enabled for this client/);
    const other = (await after.post('/users', { user: { id: 'other-1' } }, { auth: 'other:key' })).body.user.guid;
    expect((await after.get(`/users/${other}/investment_holdings`, { auth: 'other:key' })).status).toBe(200);
    await after.close();
  });

  it('gives a PENDING OAuth member no window until it asks for a new one (tokens are not saved)', async () => {
    const file = tempFile();
    const before = await server(file);
    const user = await newUser(before);
    const created = await before.post(`/users/${user}/members`, {
      member: { institution_code: 'mx_bank_oauth', is_oauth: true },
    });
    const member = created.body.member;
    const token = (member.oauth_window_uri as string).split('/').pop() as string;
    await before.sim.state.save();
    expect(readFileSync(file, 'utf8')).not.toContain(token);

    const after = await server(file);
    const path = `/users/${user}/members/${member.guid}`;
    expect((await after.get(path)).body.member).toMatchObject({ connection_status: 'PENDING', oauth_window_uri: null });
    // The token of the run before is no consent here (tokens live in their process's single-use store).
    expect((await after.fetch(member.oauth_window_uri as string)).status).toBe(404);
    const uri = (await after.get(`${path}/oauth_window_uri`)).body.member.oauth_window_uri as string;
    // A new token: the guid sequence went on from the saved position, so no earlier draw is reused.
    expect(uri.split('/').pop()).not.toBe(token);
    expect((await after.fetch(`${uri}?action=approve`)).status).toBe(200);
    expect((await after.fetch(`${uri}?action=approve`)).status).toBe(404);
    expect((await settle(after, path)).connection_status).toBe('CONNECTED');
  });

  it('delivers again the webhooks whose delivery was under way', async () => {
    const file = tempFile();
    const hooks = 'name: hooks\nwebhooks: { url: "http://127.0.0.1:9/hooks", types: [AGGREGATION] }';
    const never = new Promise<void>(() => {});
    const before = await server(file, {
      fast: true,
      // The first attempts never end: the deliveries are under way when the state is saved.
      webhookDelivery: { fetch: () => never.then(() => new Response(null)) },
    });
    await before.post('/_mx-sim/scenarios', undefined, yaml(hooks));
    const { path } = await createMember(before, 'password');
    await settle(before, path);
    const pending = (await before.get('/_mx-sim/webhooks')).body.webhooks;
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((w: any) => w.delivery.state === 'pending')).toBe(true);
    await before.sim.state.save();

    const received: string[] = [];
    const after = await server(file, {
      webhookDelivery: {
        fetch: async (_url, init) => {
          received.push(String(init?.body));
          return new Response(null, { status: 204 });
        },
      },
    });
    await after.sim.webhookDeliveries();
    const delivered = (await after.get('/_mx-sim/webhooks')).body.webhooks;
    expect(delivered.map((w: any) => w.delivery)).toEqual(
      pending.map(() => ({ state: 'delivered', attempts: 1, status: 204, last_error: null })),
    );
    expect(received).toHaveLength(pending.length);
  });
});

describe('webhook retries across a restart', () => {
  it('keeps each attempt, the next retry and the callback payload; the retry goes out when the clock reaches it', async () => {
    const file = tempFile();
    const hooks =
      'name: hooks\nwebhooks: { url: "http://127.0.0.1:9/hooks", types: [MEMBER], retry: { gaps_ms: [60000] } }';
    const before = await server(file, {
      fast: true,
      webhookDelivery: { fetch: async () => new Response(null, { status: 500 }) },
    });
    await before.post('/_mx-sim/scenarios', undefined, yaml(hooks));
    const { path } = await createMember(
      before,
      'password',
      'mxbank',
      {},
      { headers: { 'X-CALLBACK-PAYLOAD': 'cmVzdGFydA==' } },
    );
    await settle(before, path);
    await before.sim.webhookDeliveries();
    const waiting = (await before.get('/_mx-sim/webhooks')).body.webhooks;
    expect(waiting).toHaveLength(1);
    expect(waiting[0].delivery).toMatchObject({ state: 'pending', attempts: 1 });
    expect(waiting[0].next_attempt_at).not.toBeNull();
    await before.sim.state.save();

    const received: Array<string | null> = [];
    const after = await server(file, {
      webhookDelivery: {
        fetch: async (_url, init) => {
          received.push(new Headers(init?.headers).get('x-callback-payload'));
          return new Response(null, { status: 204 });
        },
      },
    });
    await after.sim.webhookDeliveries();
    expect(received).toEqual([]);
    expect((await after.get('/_mx-sim/webhooks')).body.webhooks).toEqual(waiting);
    await after.post('/_mx-sim/clock', { to: waiting[0].next_attempt_at });
    await after.sim.webhookDeliveries();
    const done = (await after.get('/_mx-sim/webhooks')).body.webhooks[0];
    expect(done.delivery).toEqual({ state: 'delivered', attempts: 2, status: 204, last_error: null });
    expect(done.attempts.map((a: any) => a.at)).toEqual([waiting[0].attempts[0].at, waiting[0].next_attempt_at]);
    expect(done.payload.member.guid).toBe(waiting[0].payload.member.guid);
    expect(received).toEqual(['cmVzdGFydA==']);
  });
});

describe('what a state file never holds', () => {
  it('no credential value, API key or basic_auth', async () => {
    const file = tempFile();
    const before = await server(file);
    const loaded = await before.post(
      '/_mx-sim/scenarios',
      undefined,
      yaml(`
name: secrets
webhooks:
  url: http://127.0.0.1:9/hooks
  basic_auth: { username: mx, password: basic-Pass-8 }
users:
  - id: preset
    members: [{ institution: mxbank, credentials: { LOGIN: preset-login, PASSWORD: preset-Pass-7 } }]
`),
    );
    expect(loaded.status).toBe(201);
    const user = await newUser(before);
    const credentials = await credentialsFor(before, 'mxbank', 'member-Pass-6', 'member-login');
    await before.post(`/users/${user}/members`, { member: { institution_code: 'mxbank', credentials } });
    await before.sim.state.save();
    const text = readFileSync(file, 'utf8');
    for (const secret of ['basic-Pass-8', 'preset-Pass-7', 'preset-login', 'member-Pass-6', 'member-login']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain(API_KEY);

    const lines: string[] = [];
    const after = await server(file, {
      logger: pino({ level: 'warn' }, { write: (line: string) => lines.push(line) }),
    });
    expect((await after.get('/_mx-sim/webhooks')).body.url).toBe('http://127.0.0.1:9/hooks');
    expect(lines.join('')).toContain(
      "client test-client: request body was saved without the webhooks' basic_auth, preset members' credentials",
    );
  });
});

describe('a state file that does not load', () => {
  const refused = (content: string) => {
    const file = tempFile();
    writeFileSync(file, content);
    let error: unknown;
    try {
      createSimulator({ stateFile: file });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StateFileError);
    // Never written over.
    expect(readFileSync(file, 'utf8')).toBe(content);
    return (error as Error).message.replace(file, 'FILE');
  };
  const tail =
    '. The file was not changed; fix it, move it away to start with empty worlds, or start without a state file.';

  it('stops the start with one clear paragraph and leaves the file as it was', () => {
    expect(refused('{"mx_sim_state": 1, "clients": [')).toMatch(
      new RegExp(`^cannot load the state file FILE: it is not valid JSON \\(.+\\)${tail.replace(/[.()]/g, '\\$&')}$`),
    );
    expect(refused('')).toBe(`cannot load the state file FILE: it is empty${tail}`);
    expect(refused('{"mx_sim_state": 7}')).toBe(
      `cannot load the state file FILE: it is in state format 7, and this mx-sim reads format 1 only (it was written by a newer mx-sim)${tail}`,
    );
    expect(refused('{"users": []}')).toBe(
      `cannot load the state file FILE: it is not an mx-sim state file (no "mx_sim_state" field at the top)${tail}`,
    );
    expect(
      refused('{"mx_sim_state": 1, "saved_at": "x", "startup_scenarios": [], "clients": [{"client_id": "qa"}]}'),
    ).toMatch(
      /^cannot load the state file FILE: its content is not valid \(clients\[0\]\.seed: .+\)\. The file was not changed/,
    );
  });

  it('names a scenario document that no longer validates', async () => {
    const file = tempFile();
    const before = await server(file);
    await before.post('/_mx-sim/scenarios', undefined, yaml('name: mine\ntiming: { fast: true }'));
    await newUser(before);
    await before.sim.state.save();
    const broken = readFileSync(file, 'utf8').replace('"fast":true', '"fast":"very"');
    expect(refused(broken)).toMatch(
      /^cannot load the state file FILE: it does not load \(clients\[0\] \(client test-client\) scenarios\[0\] \(request body\) is not a valid scenario: .*timing\.fast/,
    );
  });

  it('stops the start when its folder cannot be written to', () => {
    const file = join(tempFile(), 'missing-folder', 'state.json');
    expect(() => createSimulator({ stateFile: file })).toThrow(
      /its folder .*missing-folder cannot be written to \(ENOENT\)/,
    );
  });
});

describe('saving', () => {
  it('starts empty from a missing file, and saves when something changed only', async () => {
    const file = tempFile();
    const mx = await server(file);
    expect(await mx.sim.state.saveIfChanged()).toBeUndefined();
    await newUser(mx);
    expect(await mx.sim.state.saveIfChanged()).toMatchObject({ file, clients: 1 });
    expect(await mx.sim.state.saveIfChanged()).toBeUndefined();
    // A request that changes nothing marks the state, but what would be written is the same: not written.
    await mx.get('/users');
    expect(await mx.sim.state.saveIfChanged()).toBeUndefined();
    await mx.post('/_mx-sim/clock', { advance_ms: 1_000 });
    expect(await mx.sim.state.saveIfChanged()).toMatchObject({ clients: 1 });
  });

  it('saves what changed in any client, whether a request named it or not', async () => {
    const file = tempFile();
    const mx = await server(file);
    const saved = () => JSON.parse(readFileSync(file, 'utf8')).clients as any[];
    const usersOf = (id: string) =>
      saved()
        .find((c) => c.client_id === id)
        ?.users.map((u: any) => u.id);
    await mx.post('/users', { user: { id: 'a1' } }, { auth: 'a:key' });
    await mx.post('/users', { user: { id: 'b1' } }, { auth: 'b:key' });
    await mx.sim.state.saveIfChanged();
    expect([usersOf('a'), usersOf('b')]).toEqual([['a1'], ['b1']]);
    await mx.post('/users', { user: { id: 'b2' } }, { auth: 'b:key' });
    await mx.sim.state.saveIfChanged();
    expect([usersOf('a'), usersOf('b')]).toEqual([['a1'], ['b1', 'b2']]);
    // The consent page carries no client: it may change any world.
    const created = await mx.post(
      '/users/a1/members',
      { member: { institution_code: 'mx_bank_oauth', is_oauth: true } },
      { auth: 'a:key' },
    );
    await mx.sim.state.saveIfChanged();
    expect((await mx.fetch(`${created.body.member.oauth_window_uri}?action=approve`)).status).toBe(200);
    await mx.sim.state.saveIfChanged();
    expect(saved().find((c) => c.client_id === 'a').members[0].state.is_being_aggregated).toBe(true);
    // A change made in process is saved once it is marked.
    mx.sim.tenants.get('b').users.get('b2').metadata = 'in process';
    mx.sim.state.markChanged();
    await mx.sim.state.saveIfChanged();
    expect(saved().find((c) => c.client_id === 'b').users[1].metadata).toBe('in process');
  });

  it('leaves out clients nothing happened to, and holds no temporary file afterwards', async () => {
    const file = tempFile();
    const mx = await server(file);
    await mx.get('/institutions/mxbank', { auth: 'looker:key' });
    await newUser(mx);
    const saved = JSON.parse(readFileSync((await mx.sim.state.save()).file, 'utf8'));
    expect(saved.clients.map((c: any) => c.client_id)).toEqual(['test-client']);
    expect(readdirSync(join(file, '..'))).toEqual(['state.json']);
  });

  it('restore() fills a simulator whose clients hold no world yet; one that holds worlds refuses it', async () => {
    const file = tempFile();
    const mx = await server(file);
    await newUser(mx);
    await mx.sim.state.save();
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const fresh = await startServer({ clock: new ManualClock(AT) });
    fresh.sim.state.restore(doc);
    expect((await fresh.get('/users')).body.users).toHaveLength(1);
    expect(fresh.sim.tenants.size).toBe(1);
    // Worlds are never swapped under a running simulator's clients: nothing changes.
    await newUser(mx);
    expect(() => mx.sim.state.loadFile()).toThrow(
      /^restore: a state file is restored only into a simulator whose clients hold no world yet; 1 do \(test-client\)$/,
    );
    expect((await mx.get('/users')).body.users).toHaveLength(2);
  });
});

describe('restored clients and the tenant limit', () => {
  /** A state file holding the worlds of `n` client_ids, one user each. */
  async function fileOf(n: number): Promise<string> {
    const file = tempFile();
    const before = await server(file);
    for (let i = 0; i < n; i++) await before.post('/users', { user: { id: `u${i}` } }, { auth: `c${i}:key` });
    // One that only read: not written, so it takes no slot later.
    await before.get('/users', { auth: 'reader:key' });
    expect((await before.sim.state.save()).clients).toBe(n);
    return file;
  }

  it('refuses a file of more clients than maxTenants, naming both numbers, and changes nothing', async () => {
    const file = await fileOf(3);
    const content = readFileSync(file, 'utf8');
    expect(() => createSimulator({ stateFile: file, maxTenants: 2 })).toThrow(
      new StateFileError(
        `cannot load the state file ${file}: it holds the worlds of 3 client_ids and --max-tenants (maxTenants) ` +
          'allows 2; start with --max-tenants 3 or more. The file was not changed; fix it, move it away to start ' +
          'with empty worlds, or start without a state file.',
      ),
    );
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('counts every restored client in a slot: they keep working, a new client past the limit gets 503', async () => {
    const file = await fileOf(2);
    const mx = await server(file, { maxTenants: 2 });
    expect(mx.sim.tenants.clientIds()).toEqual(['c0', 'c1']);
    expect([mx.sim.tenants.size, mx.sim.tenants.free]).toEqual([2, 0]);
    // On the startup scenarios, they share one merged world and catalogue, as clients built afresh do.
    const [c0, c1] = [mx.sim.tenants.find('c0'), mx.sim.tenants.find('c1')];
    expect(c0?.world).toBe(c1?.world);
    expect(c0?.institutions).toBe(c1?.institutions);
    expect(c0?.world).toBe(mx.sim.tenants.get('someone-new').world);
    // Restored worlds are kept as any world that holds something: reads do not drop them.
    expect((await mx.get('/users', { auth: 'c0:key' })).body.users).toMatchObject([{ id: 'u0' }]);
    expect((await mx.post('/users', { user: { id: 'more' } }, { auth: 'c1:key' })).status).toBe(200);
    const refused = await mx.post('/users', { user: { id: 'new' } }, { auth: 'newcomer:key' });
    expect(refused.status).toBe(503);
    expect(refused.body.error.type).toBe('tenant_limit_reached');
    // A reset leaves a restored world holding nothing: its slot is freed, as for any world.
    await mx.post('/_mx-sim/reset', undefined, { auth: 'c0:key' });
    expect(mx.sim.tenants.clientIds()).toEqual(['c1']);
    expect((await mx.post('/users', { user: { id: 'new' } }, { auth: 'newcomer:key' })).status).toBe(200);
  });

  it('refuses a client whose own scenario sends webhooks where this run does not allow them', async () => {
    const file = tempFile();
    const before = await server(file);
    await before.post('/_mx-sim/scenarios', undefined, yaml('name: hooks\nwebhooks: { url: "http://127.0.0.1:9/h" }'));
    await before.sim.state.save();
    expect(() => createSimulator({ stateFile: file, webhookAllow: ['hooks.example.com'] })).toThrow(
      /it does not load \(clients\[0\] \(client test-client\): its scenarios do not load here: webhooks\.url: 127\.0\.0\.1:9 is not a webhook target this simulator allows/,
    );
  });
});
