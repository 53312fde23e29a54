// `npm run soak`: mixed traffic from many client_ids for a while, watching the server's memory.
//
// The simulator runs in its own process (bench/server.ts sim --fast, under node --expose-gc); this process
// sends the traffic over loopback (127.0.0.1 only) on keep-alive connections. Each connection drives its
// own share of a pool of client_ids through stories a client's CI would run: create users and members at
// MX Bank, poll their status until the job ends, start aggregations, read accounts and transactions, and
// now and then reset the client's world (POST /_mx-sim/reset). Some requests come from client_ids never
// seen before, which only read. The mix is drawn from a seeded generator, so runs are alike.
//
// It prints the server's RSS and heap used at the start, every minute and after the end (as they are, and
// after a forced full GC), then resets every client's world, forces a GC and says whether the heap is back
// within 20 % of the start: the goal, since a world that is reset or holds nothing must not keep memory.
//
// Options:
//   --minutes N       how long the traffic runs (default 10; fractions allowed, e.g. 0.5)
//   --clients N       client_ids in the pool that write (default 200; at most the server's tenant limit)
//   --connections N   concurrent connections, each with its own clients (default 8)
//
// Exit code: 0 whether or not the goal is met (it is a benchmark, not a test); 1 when the run is invalid
// (the server did not start or died, a transport error, a 5xx, or an answer a story did not expect).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../src/server/generators/institutions.js';
import type { ChildMessage, MemoryReport, ParentMessage } from './protocol.js';

// ---------------------------------------------------------------------------------------------------
// Options

const { values: flags } = parseArgs({
  options: {
    minutes: { type: 'string' },
    clients: { type: 'string' },
    connections: { type: 'string' },
  },
});

function numberFlag(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name}: expected ${min} to ${max}, got '${raw}'`);
  return n;
}

const config = {
  minutes: numberFlag('minutes', flags.minutes, 10, 0.05, 24 * 60),
  clients: Math.floor(numberFlag('clients', flags.clients, 200, 1, 1000)),
  connections: Math.floor(numberFlag('connections', flags.connections, 8, 1, 64)),
};
/** Heap after the final reset and GC within this share above the start: the goal. */
const GOAL = 0.2;

// ---------------------------------------------------------------------------------------------------
// The server process

const SERVER_SCRIPT = fileURLToPath(new URL('./server.ts', import.meta.url));
const TSX_LOADER = import.meta.resolve('tsx');

let server: ChildProcess | undefined;

async function startServer(): Promise<string> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', TSX_LOADER, SERVER_SCRIPT, 'sim', '--fast'], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  server = child;
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the server exited (code ${code}) before listening`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (match) resolve(match[1] as string);
      else reject(new Error(`the server printed '${line}' instead of its URL`));
    });
  });
  lines.on('line', (line) => process.stdout.write(`[server] ${line}\n`));
  child.once('exit', (code, signal) => {
    if (!stopping) fail(`the server exited during the run (code ${code}, signal ${signal})`);
  });
  return url;
}

/** Questions to the server, one at a time (each reply is the next message). */
let asking: Promise<unknown> = Promise.resolve();

/** The server's memory; after a full GC when `gc`. */
function memory(gc: boolean): Promise<MemoryReport> {
  const ask = async () => {
    const child = server as ChildProcess;
    const reply = once(child, 'message') as Promise<[ChildMessage]>;
    child.send({ cmd: 'memory', gc } satisfies ParentMessage);
    const [msg] = await reply;
    if (msg.cmd !== 'memory') throw new Error(`expected the server's memory, got ${msg.cmd}`);
    return msg;
  };
  const answer = asking.then(ask, ask);
  asking = answer;
  return answer;
}

let stopping = false;
async function stopServer(): Promise<void> {
  stopping = true;
  const child = server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  if (child.connected) child.send({ cmd: 'stop' } satisfies ParentMessage);
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

process.on('exit', () => server?.kill('SIGTERM'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server?.kill('SIGTERM');
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------------
// HTTP

const agent = new Agent({ keepAlive: true, maxSockets: config.connections });
let baseUrl = '';

interface Answer {
  status: number;
  body: any;
}

/** Answers by status, and what was wrong (5xx, transport errors, answers a story did not expect). */
const statuses = new Map<number, number>();
const problems: string[] = [];
let requests = 0;

function fail(problem: string): void {
  if (problems.length < 20) problems.push(problem);
  else if (problems.length === 20) problems.push('… (more problems not listed)');
}

function call(clientId: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {
    authorization: `Basic ${Buffer.from(`${clientId}:soak-key`).toString('base64')}`,
    'accept-version': 'v20250224',
    accept: 'application/json',
  };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve) => {
    const req = request(new URL(path, baseUrl), { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        requests++;
        const status = res.statusCode ?? 0;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500) fail(`${method} ${path} (${clientId}) → ${status}`);
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = text;
        }
        resolve({ status, body: parsed });
      });
      res.on('error', (e) => {
        fail(`${method} ${path}: ${e.message}`);
        resolve({ status: 0, body: undefined });
      });
    });
    req.on('error', (e) => {
      fail(`${method} ${path}: ${e.message}`);
      resolve({ status: 0, body: undefined });
    });
    req.end(payload);
  });
}

/** The answer when its status is one of `ok`; otherwise a problem is noted and undefined returned. */
async function expect(ok: number[], clientId: string, method: string, path: string, body?: unknown) {
  const answer = await call(clientId, method, path, body);
  if (ok.includes(answer.status)) return answer;
  if (answer.status !== 0 && answer.status < 500) {
    fail(`${method} ${path} (${clientId}) → ${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Traffic

/** A seeded generator (mulberry32): the same mix on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ClientState {
  id: string;
  users: Array<{ guid: string; members: string[] }>;
}

/** MX Bank connects with any password it does not list; a new one per member, so none is a duplicate. */
let passwords = 0;
const credentials = () => [
  { guid: MXBANK_LOGIN_GUID, value: 'mxuser' },
  { guid: MXBANK_PASSWORD_GUID, value: `soak-${++passwords}` },
];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let readers = 0;

/** Polls a member's status until its job has ended (jobs take milliseconds under --fast). */
async function untilSettled(client: ClientState, user: string, member: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const status = await expect([200], client.id, 'GET', `/users/${user}/members/${member}/status`);
    if (!status?.body.member.is_being_aggregated) return;
    await sleep(2);
  }
  fail(`member ${member} of ${client.id} still aggregating after 50 polls`);
}

async function step(client: ClientState, draw: () => number): Promise<void> {
  const pick = <T>(items: readonly T[]) => items[Math.floor(draw() * items.length)] as T;
  const r = draw();
  if (r < 0.02) {
    await expect([200], client.id, 'POST', '/_mx-sim/reset');
    client.users = [];
    return;
  }
  if (client.users.length === 0 || (r < 0.08 && client.users.length < 5)) {
    const created = await expect([200], client.id, 'POST', '/users', { user: { metadata: 'soak' } });
    if (created) client.users.push({ guid: created.body.user.guid, members: [] });
    return;
  }
  const user = pick(client.users);
  if (user.members.length === 0 || (r < 0.14 && user.members.length < 2)) {
    const created = await expect([202], client.id, 'POST', `/users/${user.guid}/members`, {
      member: { institution_code: 'mxbank', credentials: credentials() },
    });
    if (!created) return;
    user.members.push(created.body.member.guid);
    await untilSettled(client, user.guid, created.body.member.guid);
    return;
  }
  const member = pick(user.members);
  const base = `/users/${user.guid}/members/${member}`;
  if (r < 0.24) {
    if (await expect([202], client.id, 'POST', `${base}/aggregate`)) await untilSettled(client, user.guid, member);
  } else if (r < 0.44) {
    await expect([200], client.id, 'GET', `${base}/accounts`);
  } else if (r < 0.64) {
    await expect([200], client.id, 'GET', `${base}/transactions?page=${1 + Math.floor(draw() * 3)}`);
  } else if (r < 0.74) {
    await expect([200], client.id, 'GET', `/users/${user.guid}/transactions?records_per_page=50`);
  } else if (r < 0.84) {
    await expect([200], client.id, 'GET', `${base}/status`);
  } else if (r < 0.9) {
    await expect([200], client.id, 'GET', '/institutions?name=bank&records_per_page=25');
  } else {
    // A client_id never seen before, that only reads.
    const reader = `soak-reader-${++readers}`;
    await expect([200], reader, 'GET', '/users');
    await expect([200], reader, 'GET', '/institutions/mxbank');
    await expect([200], reader, 'GET', '/_mx-sim/clock');
  }
}

/** One connection's loop over its own clients until `until` (ms since the epoch). */
async function worker(index: number, clients: ClientState[], until: number): Promise<void> {
  const draw = random(0x50a4 + index);
  while (Date.now() < until && problems.length === 0) {
    await step(clients[Math.floor(draw() * clients.length)] as ClientState, draw);
  }
}

// ---------------------------------------------------------------------------------------------------
// The run

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function line(label: string, asIs: MemoryReport, collected: MemoryReport): void {
  process.stdout.write(
    `${label.padEnd(22)} RSS ${mb(collected.rss).padStart(9)}   heap used ${mb(asIs.heapUsed).padStart(9)}` +
      `   after GC ${mb(collected.heapUsed).padStart(9)}   tenants kept ${String(collected.tenants).padStart(4)}` +
      `   requests ${requests.toLocaleString('en-US')}\n`,
  );
}

async function report(label: string): Promise<MemoryReport> {
  const asIs = await memory(false);
  const collected = await memory(true);
  line(label, asIs, collected);
  return collected;
}

baseUrl = await startServer();
process.stdout.write(
  `soak: ${config.minutes} min, ${config.clients} writing client_ids over ${config.connections} connections, ` +
    `plus read-only new client_ids; server ${baseUrl} (--fast, default tenant limit)\n`,
);
await report('cold start');
// Warm-up: one client through every kind of request, then reset, so that lazily built caches (compiled
// validators, the catalogue's encoded answers) are in the baseline rather than counted as growth.
const warm: ClientState = { id: 'soak-warm-up', users: [] };
const warmDraw = random(1);
for (let i = 0; i < 60; i++) await step(warm, warmDraw);
await expect([200], warm.id, 'POST', '/_mx-sim/reset');
const start = await report('start (after warm-up)');
requests = 0;
statuses.clear();

const pool: ClientState[] = Array.from({ length: config.clients }, (_, i) => ({ id: `soak-client-${i}`, users: [] }));
const startedAt = Date.now();
const until = startedAt + config.minutes * 60_000;
const workers = Array.from({ length: config.connections }, (_, i) =>
  worker(
    i,
    pool.filter((_, c) => c % config.connections === i),
    until,
  ),
);
// Every whole minute while the traffic runs (a forced GC each time pauses the server for some ms); the
// last minute's figures are those at the end of the traffic.
let minute = 0;
let reporting: Promise<unknown> = Promise.resolve();
const ticker = setInterval(() => {
  if (Date.now() > until - 1_000) return;
  minute++;
  reporting = report(`minute ${minute}`);
}, 60_000);
await Promise.all(workers);
clearInterval(ticker);
await reporting;
const seconds = (Date.now() - startedAt) / 1000;
await report('end of traffic');
process.stdout.write(
  `${requests.toLocaleString('en-US')} requests in ${seconds.toFixed(0)} s (${(requests / seconds).toFixed(0)}/s); ` +
    `statuses: ${[...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s} ×${n.toLocaleString('en-US')}`)
      .join(', ')}\n`,
);

// Every client's world reset: nothing should be kept, and the heap should be back near the start.
for (const client of [...pool, warm]) await expect([200], client.id, 'POST', '/_mx-sim/reset');
const end = await report('after resets + GC');
const growth = (end.heapUsed - start.heapUsed) / start.heapUsed;
process.stdout.write(
  `heap after the resets: ${mb(end.heapUsed)} against ${mb(start.heapUsed)} at the start ` +
    `(${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %; goal: within ${GOAL * 100} %): ` +
    `${growth <= GOAL ? 'PASS' : 'ABOVE GOAL'}; tenants kept: ${end.tenants}\n`,
);
agent.destroy();
await stopServer();
if (problems.length) {
  process.stdout.write(`INVALID RUN:\n  ${problems.join('\n  ')}\n`);
  process.exit(1);
}
