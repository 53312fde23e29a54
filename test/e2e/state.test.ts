// State that survives a restart, with the real command and real signals (docs/shared-instance.md#state-that-survives-a-restart):
// `--state FILE` → SIGTERM → exit 0 with the file written → the same command on the same file answers
// as before (users, members, accounts, transactions, status, webhook log), a challenge in progress can
// still be answered, new ids do not collide; periodic saves survive a SIGKILL; the save on shutdown comes
// after the requests in flight (a Shutdown hook) and a failed one exits 1; a file that does not load, or
// holds more clients than --max-tenants, stops the start with one clear paragraph and is left as it was.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../../src/server/generators/institutions.js';
import { basic } from '../helpers/server.js';

const MX_SIM = [inject('commands').server];
const API_KEY = 'e2e-Api-Key-404';
const LOGIN = 'e2e-Login-Value-11';
const PASSWORD = 'e2e-Pass-Value-22';
const TEN_MINUTES = 600_000;

interface Sim {
  child: ChildProcess;
  url: string;
  output: () => string;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function spawnSim(args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [...MX_SIM, '--port', '0', '--log-level', 'silent', ...args], {
    cwd: new URL('../..', import.meta.url),
    env: { ...process.env, PORT: '' },
  });
  running.push(child);
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return { child, output: () => out };
}

async function startSim(args: string[]): Promise<Sim> {
  const { child, output } = spawnSim(args);
  while (!/listening on (http:\/\/\S+)/.test(output())) {
    if (child.exitCode !== null) throw new Error(`mx-sim exited: ${output()}`);
    await Promise.race([once(child.stdout as NodeJS.EventEmitter, 'data'), once(child, 'exit')]);
  }
  return { child, url: /listening on (http:\/\/\S+)/.exec(output())?.[1] as string, output };
}

async function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

/** Polls `read` until `done` holds (a few seconds at most): conditions, not sleeps. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function client(url: string, clientId = 'qa') {
  const headers = {
    Authorization: basic(`${clientId}:${API_KEY}`),
    'Accept-Version': 'v20250224',
    Accept: 'application/json',
    'Content-Type': 'application/json',
  };
  const call = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
    const res = await fetch(url + path, {
      method,
      headers: { ...headers, ...extra },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown, extra?: Record<string, string>) => call('POST', path, body, extra),
    put: (path: string, body?: unknown) => call('PUT', path, body),
  };
}
type Client = ReturnType<typeof client>;

/** A local webhook receiver. */
let receiver: Server;
const received: Array<{ type: string; member_guid?: string }> = [];
beforeAll(async () => {
  receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      received.push(JSON.parse(text));
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const tempDir = () => mkdtempSync(join(tmpdir(), 'mx-sim-state-e2e-'));

async function createMember(mx: Client, user: string, password: string, login = LOGIN) {
  const credentials = [
    { guid: MXBANK_LOGIN_GUID, value: login },
    { guid: MXBANK_PASSWORD_GUID, value: password },
  ];
  const res = await mx.post(`/users/${user}/members`, { member: { institution_code: 'mxbank', credentials } });
  expect(res.status).toBe(202);
  return { guid: res.body.member.guid as string, path: `/users/${user}/members/${res.body.member.guid}` };
}

const status = async (mx: Client, path: string) => (await mx.get(`${path}/status`)).body.member;

/** What a client reads about its world, except what moves with real time (the clock's `now`, export's starts_at). */
async function answers(mx: Client, user: string, members: string[]) {
  const out: Record<string, unknown> = {};
  const paths = ['/users', `/users/${user}/members`, `/users/${user}/accounts`, `/users/${user}/transactions`];
  for (const m of members) {
    paths.push(m, `${m}/status`, `${m}/accounts`, `${m}/transactions`, `${m}/challenges`, `${m}/credentials`);
  }
  for (const path of [...paths, '/_mx-sim/webhooks', '/_mx-sim/scenarios']) out[path] = await mx.get(path);
  out.offset_ms = (await mx.get('/_mx-sim/clock')).body.offset_ms;
  return out;
}

describe('--state FILE', () => {
  it('keeps every client world across SIGTERM and a start on the same file', async () => {
    const file = join(tempDir(), 'state.json');
    const first = await startSim(['--state', file, '--tick-ms', '50']);
    const mx = client(first.url);
    const port = (receiver.address() as AddressInfo).port;
    // Jobs that take ten simulated minutes, so one can be left under way; webhooks to the local receiver.
    const scenario = {
      name: 'qa-restart',
      timing: { authenticate_ms: TEN_MINUTES, sync_ms: TEN_MINUTES, challenge_timeout_ms: 6 * TEN_MINUTES },
      webhooks: { url: `http://127.0.0.1:${port}/hooks`, types: ['CONNECTION_STATUS', 'AGGREGATION'] },
    };
    expect((await mx.post('/_mx-sim/scenarios', scenario)).status).toBe(201);
    const user = (await mx.post('/users', { user: { id: 'qa-user', email: 'qa@example.com' } })).body.user.guid;
    const connected = await createMember(mx, user, PASSWORD);
    const challenged = await createMember(mx, user, 'challenge');
    await mx.post('/_mx-sim/clock', { advance_ms: TEN_MINUTES + 1 });
    expect(await status(mx, challenged.path)).toMatchObject({ connection_status: 'CHALLENGED' });
    await mx.post('/_mx-sim/clock', { advance_ms: TEN_MINUTES + 1 });
    expect(await status(mx, connected.path)).toMatchObject({
      connection_status: 'CONNECTED',
      is_being_aggregated: false,
    });
    const midJob = await createMember(mx, user, PASSWORD, `${LOGIN}-2`);
    expect(await status(mx, midJob.path)).toMatchObject({ connection_status: 'CREATED', is_being_aggregated: true });
    // Every webhook delivered before the signal, so the log reads the same after it.
    const hooks = await until(
      async () =>
        (await mx.get('/_mx-sim/webhooks')).body.webhooks as Array<{ type: string; delivery: { state: string } }>,
      (w) => w.length >= 2 && w.every((e) => e.delivery.state === 'delivered'),
      'the webhooks to be delivered',
    );
    expect(hooks.map((w) => w.type).sort()).toEqual(['AGGREGATION', 'CONNECTION_STATUS']);
    const members = [connected.path, challenged.path, midJob.path];
    const before = await answers(mx, user, members);
    expect((before[`${connected.path}/transactions`] as any).body.transactions.length).toBeGreaterThan(0);

    first.child.kill('SIGTERM');
    expect(await exitOf(first.child)).toBe(0);
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ mx_sim_state: 1, clients: [{ client_id: 'qa' }] });
    for (const secret of [LOGIN, PASSWORD, API_KEY]) expect(text).not.toContain(secret);

    const second = await startSim(['--state', file, '--tick-ms', '50']);
    const again = client(second.url);
    expect(await answers(again, user, members)).toEqual(before);
    // The challenge in progress is answered and the member connects; the job under way ends.
    const challenges = (await again.get(`${challenged.path}/challenges`)).body.challenges as Array<{ guid: string }>;
    const resumed = await again.put(`${challenged.path}/resume`, {
      member: { challenges: challenges.map((c) => ({ guid: c.guid, value: 'correct' })) },
    });
    expect(resumed.status).toBe(202);
    await again.post('/_mx-sim/clock', { advance_ms: TEN_MINUTES + 1 });
    await again.post('/_mx-sim/clock', { advance_ms: TEN_MINUTES + 1 });
    expect(await status(again, challenged.path)).toMatchObject({
      connection_status: 'CONNECTED',
      is_being_aggregated: false,
    });
    expect(await status(again, midJob.path)).toMatchObject({
      connection_status: 'CONNECTED',
      is_being_aggregated: false,
    });
    expect((await again.get(`${challenged.path}/accounts`)).body.accounts.length).toBeGreaterThan(0);
    // Webhooks still go to the scenario's url.
    await until(
      async () => received.filter((w) => w.member_guid === challenged.guid && w.type === 'AGGREGATION'),
      (w) => w.length === 1,
      'the AGGREGATION webhook of the member answered after the restart',
    );
    // Ids made after the restart are new ones.
    const fresh = (await again.post('/users', { user: { id: 'after-restart' } })).body.user.guid as string;
    expect(fresh).toMatch(/^USR-/);
    expect(JSON.stringify(before)).not.toContain(fresh);
    second.child.kill('SIGINT');
    expect(await exitOf(second.child)).toBe(0);
  }, 30_000);

  it('saves every --state-interval ms when something changed, so a crash (SIGKILL) loses little', async () => {
    const file = join(tempDir(), 'state.json');
    const first = await startSim(['--state', file, '--state-interval', '100']);
    const mx = client(first.url);
    const user = (await mx.post('/users', { user: { id: 'saved-periodically' } })).body.user.guid as string;
    await until(
      async () => (existsSync(file) ? readFileSync(file, 'utf8') : ''),
      (text) => text.includes(user),
      'the periodic save',
    );
    first.child.kill('SIGKILL');
    expect(await exitOf(first.child)).toBe(null);
    const second = await startSim(['--state', file]);
    expect((await client(second.url).get('/users')).body.users).toMatchObject([
      { guid: user, id: 'saved-periodically' },
    ]);
  });

  it.each([
    ['not JSON', '{"mx_sim_state": 1, "clients": [', /it is not valid JSON/],
    [
      'another version',
      '{"mx_sim_state": 2, "clients": []}',
      /it is in state format 2, and this mx-sim reads format 1 only/,
    ],
  ])(
    'stops the start on a file that is %s: one paragraph, exit 1, the file unchanged',
    async (_what, content, reason) => {
      const file = join(tempDir(), 'state.json');
      writeFileSync(file, content);
      const { child, output } = spawnSim(['--state', file]);
      expect(await exitOf(child)).toBe(1);
      const message = output();
      expect(message).toMatch(new RegExp(`^mx-sim: cannot load the state file ${file}: `));
      expect(message).toMatch(reason);
      expect(message).toContain('The file was not changed');
      expect(message.trim().split('\n')).toHaveLength(1);
      expect(message).not.toMatch(/\n\s+at /);
      expect(message).not.toContain('listening');
      expect(readFileSync(file, 'utf8')).toBe(content);
    },
  );

  it('saves on shutdown after the requests in flight are answered (the last shutdown step)', async () => {
    const file = join(tempDir(), 'state.json');
    const sim = await startSim(['--state', file, '--state-interval', '0', '--shutdown-grace', '30000']);
    const { port } = new URL(sim.url);
    // A POST /users whose body is half sent when the signal comes.
    const body = '{"user":{"id":"in-flight"}}';
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (d) => (received += d));
    await once(socket, 'connect');
    socket.write(
      `POST /users HTTP/1.1\r\nHost: mx-sim.test\r\nAuthorization: ${basic(`qa:${API_KEY}`)}\r\n` +
        'Accept-Version: v20250224\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n' +
        `Content-Length: ${body.length}\r\n\r\n`,
    );
    while (!received.includes('100 Continue')) await once(socket, 'data');
    socket.write(body.slice(0, 10));
    sim.child.kill('SIGTERM');
    // Not saved yet: the request is still under way.
    await new Promise((r) => setTimeout(r, 200));
    expect(existsSync(file)).toBe(false);
    socket.write(body.slice(10));
    await once(socket, 'close');
    expect(received).toContain('"id":"in-flight"');
    expect(await exitOf(sim.child)).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).clients).toMatchObject([
      { client_id: 'qa', users: [{ id: 'in-flight' }] },
    ]);
  });

  it('exits 1 with a message when the save on shutdown fails', async () => {
    const file = join(tempDir(), 'state.json');
    const sim = await startSim(['--state', file, '--state-interval', '0']);
    expect((await client(sim.url).post('/users', { user: { id: 'unsaved' } })).status).toBe(200);
    // A folder in the file's place, with something in it: the rename over it fails.
    mkdirSync(join(file, 'in-the-way'), { recursive: true });
    sim.child.kill('SIGTERM');
    expect(await exitOf(sim.child)).toBe(1);
    expect(sim.output()).toMatch(new RegExp(`mx-sim: could not save the state to ${file}: `));
  });

  it('stops the start when the file holds more clients than --max-tenants, naming both numbers', async () => {
    const file = join(tempDir(), 'state.json');
    const first = await startSim(['--state', file]);
    for (const id of ['a', 'b', 'c']) {
      expect((await client(first.url, id).post('/users', { user: { id } })).status).toBe(200);
    }
    first.child.kill('SIGTERM');
    expect(await exitOf(first.child)).toBe(0);
    const content = readFileSync(file, 'utf8');
    const { child, output } = spawnSim(['--state', file, '--max-tenants', '2']);
    expect(await exitOf(child)).toBe(1);
    expect(output()).toContain(
      `mx-sim: cannot load the state file ${file}: it holds the worlds of 3 client_ids and --max-tenants ` +
        '(maxTenants) allows 2; start with --max-tenants 3 or more.',
    );
    expect(readFileSync(file, 'utf8')).toBe(content);
    // With room for them, the same file loads.
    const second = await startSim(['--state', file, '--max-tenants', '3']);
    expect((await client(second.url, 'c').get('/users')).body.users).toMatchObject([{ id: 'c' }]);
  });

  it('has a --help line', async () => {
    const { child, output } = spawnSim(['--help']);
    expect(await exitOf(child)).toBe(0);
    expect(output()).toMatch(/--state <file>\s+keep every client's world in this file/);
    expect(output()).toMatch(/--state-interval <ms>/);
  });
});
