// `npm run bench`: the flow's real reads on the simulator against a bare node:http server that answers
// with the same bytes (the ceiling for any Node HTTP server on this machine), measured with autocannon:
// a member status poll, the accounts of a user, 100 transactions of an account (page 2), 100 transactions
// of a user in a one-month window of a 2-year history, and the institution search.
//
// The world: client_id `bench` creates a user and an MX Bank member (`mxuser`), waits for the
// aggregation, then runs extend_history (24 months of transactions) and waits again, all over HTTP on
// the simulator started with --fast (job timing only; reads do the same work at any timing).
//
// Each server runs in its own child process (bench/server.ts); autocannon runs here, so the load
// generator and the server under test never share an event loop. Only 127.0.0.1 is contacted.
//
// Options (flag, else environment variable, else default):
//   --duration N      BENCH_DURATION      measured seconds per server          (10)
//   --warmup N        BENCH_WARMUP        warm-up seconds per server, discarded (2)
//   --connections N   BENCH_CONNECTIONS   concurrent keep-alive connections     (10)
//   --rounds N        BENCH_ROUNDS        sim/bare pairs; the ratio uses medians (1)
//   --only a,b        BENCH_ONLY          measure only these targets (status, accounts, account-txns,
//                                         user-txns, institutions)
//   --json FILE       BENCH_JSON          write the figures as JSON there (default reports/bench-<time>.json)
//   --cpu-prof        BENCH_CPU_PROF=1    run the simulator under `node --cpu-prof` and print where the
//                                         profile went (summarise it with bench/profile-summary.ts)
//   --calibrate       BENCH_CALIBRATE=1   also measure the bare server made busy for 10, 20 and 40 µs of CPU
//                                         per request: the ratio a fixed added cost alone reaches
//   --src                                 run the simulator from src/ through tsx; by default it runs the
//                                         compiled dist/ that `npm start` runs, rebuilt first (build:js, ~2 s)
//   --node-arg A      (repeatable)        pass a Node option to the simulator's process, e.g. --trace-gc
//                                         (its output is printed with a [sim] prefix)
//
// Exit code: 0 whatever the ratio (it is a benchmark, not a test); 1 only when the run itself is
// invalid (a server did not start, bodies differ, errors or non-2xx responses under load).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../src/server/generators/institutions.js';
import { goal } from './goals.js';
import type { ChildMessage, ParentMessage } from './protocol.js';

const HEADERS: Record<string, string> = {
  authorization: `Basic ${Buffer.from('bench:key').toString('base64')}`,
  'accept-version': 'v20250224',
  accept: 'application/json',
};
/** The simulator should reach at least this share of the bare server's throughput. */
const TARGET = 0.5;
/** Above this CPU share the load generator, not the server, is probably the bottleneck. */
const SATURATED = 0.9;

// ---------------------------------------------------------------------------------------------------
// Options

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    rounds: { type: 'string' },
    'cpu-prof': { type: 'boolean' },
    'node-arg': { type: 'string', multiple: true },
    calibrate: { type: 'boolean' },
    src: { type: 'boolean' },
    only: { type: 'string' },
    json: { type: 'string' },
  },
});

function wholeNumber(name: string, flag: string | undefined, env: string | undefined, fallback: number): number {
  const raw = flag ?? env;
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name}: expected a whole number ≥ 0, got '${raw}'`);
  return n;
}

const config = {
  duration: Math.max(1, wholeNumber('duration', flags.duration, process.env.BENCH_DURATION, 10)),
  warmup: wholeNumber('warmup', flags.warmup, process.env.BENCH_WARMUP, 2),
  connections: Math.max(1, wholeNumber('connections', flags.connections, process.env.BENCH_CONNECTIONS, 10)),
  rounds: Math.max(1, wholeNumber('rounds', flags.rounds, process.env.BENCH_ROUNDS, 1)),
  cpuProf: flags['cpu-prof'] ?? ['1', 'true'].includes(process.env.BENCH_CPU_PROF ?? ''),
  calibrate: flags.calibrate ?? ['1', 'true'].includes(process.env.BENCH_CALIBRATE ?? ''),
  src: flags.src ?? false,
  only: (flags.only ?? process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  json: flags.json ?? process.env.BENCH_JSON ?? `reports/bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
};

// ---------------------------------------------------------------------------------------------------
// Child processes

const SERVER_SCRIPT = fileURLToPath(new URL('./server.ts', import.meta.url));
const TSX_LOADER = import.meta.resolve('tsx');

class ServerProcess {
  readonly #child: ChildProcess;
  readonly url: string;

  private constructor(child: ChildProcess, url: string) {
    this.#child = child;
    this.url = url;
  }

  static async start(mode: 'sim' | 'bare', options: { stdin?: Buffer; nodeArgs?: string[]; args?: string[] } = {}) {
    const args = [...(options.nodeArgs ?? []), '--import', TSX_LOADER, SERVER_SCRIPT, mode, ...(options.args ?? [])];
    const child = spawn(process.execPath, args, {
      stdio: ['pipe', 'pipe', 'inherit', 'ipc'],
    });
    children.add(child);
    child.once('exit', () => children.delete(child));
    child.stdin?.end(options.stdin);
    const lines = createInterface({ input: child.stdout! });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${mode} server did not start within 30 s`)), 30_000);
      child.once('exit', (code) => reject(new Error(`${mode} server exited (code ${code}) before listening`)));
      // Lines before the URL (a --node-arg such as --trace-gc prints some) are passed through.
      const onLine = (line: string) => {
        const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (!match) {
          process.stdout.write(`[${mode}] ${line}\n`);
          return;
        }
        clearTimeout(timer);
        lines.off('line', onLine);
        resolve(match[1] as string);
      };
      lines.on('line', onLine);
    });
    // Keep draining stdout so the child never blocks on a full pipe.
    lines.on('line', (line) => process.stdout.write(`[${mode}] ${line}\n`));
    return new ServerProcess(child, url);
  }

  /** The child's own CPU time so far (µs, as process.cpuUsage()). */
  async cpuUsage(): Promise<NodeJS.CpuUsage> {
    const reply = once(this.#child, 'message') as Promise<[ChildMessage]>;
    this.#child.send({ cmd: 'cpu' } satisfies ParentMessage);
    const [msg] = await reply;
    if (msg.cmd !== 'cpu') throw new Error(`expected the server's CPU usage, got ${msg.cmd}`);
    return msg.usage;
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    if (child.connected) child.send({ cmd: 'stop' } satisfies ParentMessage);
    else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

const children = new Set<ChildProcess>();
function killChildren(): void {
  for (const child of children) child.kill('SIGTERM');
}
process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killChildren();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------------
// HTTP helpers

interface Fetched {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request on a fresh connection (no agent), so nothing stays open against the server. */
function get(url: string, path: string, method = 'GET', body?: unknown): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? HEADERS : { ...HEADERS, 'content-type': 'application/json' };
    const req = request(new URL(path, url), { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** A JSON call that must succeed (the world's setup). */
async function call(url: string, method: string, path: string, body?: unknown): Promise<any> {
  const r = await get(url, path, method, body);
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status}: ${r.body.toString('utf8').slice(0, 300)}`);
  return JSON.parse(r.body.toString('utf8'));
}

const framing = (f: Fetched) =>
  f.headers['content-length'] ? 'content-length' : (f.headers['transfer-encoding'] ?? '?');

function load(url: string, path: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: new URL(path, url).href,
    method: 'GET',
    headers: HEADERS,
    connections: config.connections,
    pipelining: 1,
    duration: seconds,
  });
}

interface Measurement {
  target: string;
  server: 'simulator' | 'bare';
  round: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  serverCpu: number;
  loadgenCpu: number;
  /** Server CPU time (user + system) per completed request, µs: less sensitive to a busy machine than req/s. */
  cpuPerRequest: number;
  /** The kernel's share of it (system time: mostly loopback TCP, wake-ups, GC page management). */
  sysPerRequest: number;
}

async function measure(
  target: Target,
  which: Measurement['server'],
  round: number,
  server: ServerProcess,
): Promise<Measurement> {
  if (config.warmup > 0) await load(server.url, target.path, config.warmup);
  const serverBefore = await server.cpuUsage();
  const selfBefore = process.cpuUsage();
  const started = performance.now();
  const r = await load(server.url, target.path, config.duration);
  const wallMicros = (performance.now() - started) * 1000;
  const self = process.cpuUsage(selfBefore);
  const serverAfter = await server.cpuUsage();
  const user = serverAfter.user - serverBefore.user;
  const system = serverAfter.system - serverBefore.system;
  const completed = Math.max(1, r.requests.total);
  return {
    target: target.name,
    server: which,
    round,
    reqPerSec: r.requests.mean,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    failures: r.errors + r.timeouts + r.non2xx,
    serverCpu: (user + system) / wallMicros,
    loadgenCpu: (self.user + self.system) / wallMicros,
    cpuPerRequest: (user + system) / completed,
    sysPerRequest: system / completed,
  };
}

// ---------------------------------------------------------------------------------------------------
// Report

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

function table(rows: Measurement[]): string {
  const head = [
    '',
    'req/s (mean)',
    'p50 ms',
    'p99 ms',
    'requests',
    'failed',
    'server CPU',
    'µs CPU/req',
    '(sys)',
    'loadgen CPU',
  ];
  const body = rows.map((m) => [
    `${m.target} ${m.server}${config.rounds > 1 ? ` #${m.round}` : ''}`,
    int(m.reqPerSec),
    String(m.p50),
    String(m.p99),
    int(m.requests),
    int(m.failures),
    pct(m.serverCpu),
    m.cpuPerRequest.toFixed(1),
    m.sysPerRequest.toFixed(1),
    pct(m.loadgenCpu),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('   ');
  return [line(head), ...body.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------------
// The world and the targets

interface Target {
  name: string;
  label: string;
  path: string;
}

async function waitForJob(url: string, member: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const m = (await call(url, 'GET', `${member}/status`)).member;
    if (!m.is_being_aggregated) {
      if (m.connection_status !== 'CONNECTED') throw new Error(`member ended ${m.connection_status}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the job did not end within 10 s');
}

/** A user with an MX Bank member aggregated and its history extended to 24 months; the targets' paths. */
async function setUp(url: string): Promise<Target[]> {
  const user = (await call(url, 'POST', '/users', { user: { id: 'bench-user' } })).user.guid as string;
  const credentials = [
    { guid: MXBANK_LOGIN_GUID, value: 'mxuser' },
    { guid: MXBANK_PASSWORD_GUID, value: 'password' },
  ];
  const created = await call(url, 'POST', `/users/${user}/members`, {
    member: { institution_code: 'mxbank', credentials },
  });
  const member = `/users/${user}/members/${created.member.guid}`;
  await waitForJob(url, member);
  await call(url, 'POST', `${member}/extend_history`);
  await waitForJob(url, member);
  const accounts = (await call(url, 'GET', `/users/${user}/accounts?records_per_page=100`)).accounts as Array<{
    guid: string;
  }>;
  // The account with the most transactions in the default window, for a page 2 of 100.
  let best = { guid: '', total: -1 };
  for (const a of accounts) {
    const total = (await call(url, 'GET', `/users/${user}/accounts/${a.guid}/transactions?records_per_page=1`))
      .pagination.total_entries as number;
    if (total > best.total) best = { guid: a.guid, total };
  }
  // A calendar month well inside the 24 months: the one that ended about three months ago.
  const d = new Date();
  const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 3, 1));
  const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 2, 0));
  const day = (x: Date) => x.toISOString().slice(0, 10);
  return [
    { name: 'status', label: 'member status poll', path: `${member}/status` },
    { name: 'accounts', label: 'accounts of a user', path: `/users/${user}/accounts` },
    {
      name: 'account-txns',
      label: '100 transactions of an account, page 2',
      path: `/users/${user}/accounts/${best.guid}/transactions?page=2&records_per_page=100`,
    },
    {
      name: 'user-txns',
      label: '100 transactions of a user, one month of a 2-year history',
      path: `/users/${user}/transactions?from_date=${day(start)}&to_date=${day(end)}&records_per_page=100`,
    },
    {
      name: 'institutions',
      label: 'institution search',
      path: '/institutions?name=bank&records_per_page=25',
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Main

interface Summary {
  target: string;
  label: string;
  path: string;
  bytes: number;
  simReqPerSec: number;
  bareReqPerSec: number;
  ratio: number;
  simCpuPerRequest: number;
  bareCpuPerRequest: number;
  cpuRatio: number;
  /** Simulator minus bare CPU µs per request: what the simulator's own work costs over sockets. */
  addedCpuPerRequest: number;
}

/** µs of CPU added per request to the bare server (--calibrate); 0 is the reference, measured again. */
const SPIN_US = [0, 10, 20, 40];

interface Calibration {
  target: string;
  spinMicros: number;
  reqPerSec: number;
  /** Of the unchanged bare server's req/s measured in the same pass (spin 0). */
  ratio: number;
  cpuPerRequest: number;
}

/**
 * How far a fixed cost moves the ratio: the bare server busy for 10, 20 and 40 µs per request, against
 * the same bare server not busy, measured in the same pass. Over loopback a slower server also pays more in the kernel (its answers
 * wake a load generator that is now waiting for them), so the ratio falls faster than the added CPU says.
 */
async function calibrate(targets: Target[], bodies: Record<string, string>): Promise<Calibration[]> {
  const out: Calibration[] = [];
  for (const spinMicros of SPIN_US) {
    const busy = await ServerProcess.start('bare', {
      stdin: Buffer.from(JSON.stringify({ bodies })),
      args: ['--spin-us', String(spinMicros)],
    });
    for (const t of targets) {
      const m = await measure(t, 'bare', 1, busy);
      const reference = out.find((x) => x.target === t.name && x.spinMicros === 0)?.reqPerSec ?? m.reqPerSec;
      out.push({
        target: t.name,
        spinMicros,
        reqPerSec: m.reqPerSec,
        ratio: m.reqPerSec / reference,
        cpuPerRequest: m.cpuPerRequest,
      });
    }
    await busy.stop();
  }
  console.log('calibration: the bare server made busy for N µs of CPU per request, as a share of the bare req/s');
  const head = ['target', ...SPIN_US.map((n) => (n ? `+${n} µs` : 'bare'))];
  const body = targets.map((t) => [
    t.name,
    ...SPIN_US.map((n) => {
      const c = out.find((x) => x.target === t.name && x.spinMicros === n);
      return c ? `${pct(c.ratio)} (${c.cpuPerRequest.toFixed(0)} µs)` : '–';
    }),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('   ');
  console.log(`${[line(head), ...body.map(line)].join('\n')}\n`);
  return out;
}

async function main(): Promise<number> {
  if (!config.src) {
    // What `npm start` runs, from the sources as they are now.
    execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url)), '--no-types'], {
      stdio: 'inherit',
    });
  }
  const profDir = config.cpuProf ? join(tmpdir(), `mx-sim-bench-prof-${Date.now()}`) : undefined;
  const sim = await ServerProcess.start('sim', {
    nodeArgs: [...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), ...(flags['node-arg'] ?? [])],
    args: ['--fast', ...(config.src ? [] : ['--dist'])],
  });
  let targets = await setUp(sim.url);
  if (config.only.length > 0) {
    const unknown = config.only.filter((n) => !targets.some((t) => t.name === n));
    if (unknown.length) throw new Error(`--only: unknown target(s) ${unknown.join(', ')}`);
    targets = targets.filter((t) => config.only.includes(t.name));
  }

  const bodies: Record<string, string> = {};
  const sizes = new Map<string, number>();
  for (const t of targets) {
    const first = await get(sim.url, t.path);
    const second = await get(sim.url, t.path);
    if (first.status !== 200) {
      console.error(`simulator answered ${first.status} to ${t.path}: ${first.body.toString('utf8').slice(0, 500)}`);
      await sim.stop();
      return 1;
    }
    if (!first.body.equals(second.body)) {
      console.error(
        `warning: two identical requests to ${t.path} got different bodies; the bare server replays the first`,
      );
    }
    bodies[t.path] = first.body.toString('base64');
    sizes.set(t.name, first.body.length);
    console.log(`${t.name.padEnd(13)} GET ${t.path}`);
    console.log(`${''.padEnd(13)} ${t.label}: ${int(first.body.length)} bytes, framing ${framing(first)}`);
  }
  const bare = await ServerProcess.start('bare', { stdin: Buffer.from(JSON.stringify({ bodies })) });
  for (const t of targets) {
    const fromBare = await get(bare.url, t.path);
    if (fromBare.status !== 200 || fromBare.body.toString('base64') !== bodies[t.path]) {
      console.error(`bare server does not return the simulator body for ${t.path} byte for byte`);
      await Promise.all([sim.stop(), bare.stop()]);
      return 1;
    }
  }
  console.log(
    `\n${config.connections} connections, pipelining 1, ${config.warmup} s warm-up + ${config.duration} s measured per server and target, ` +
      `${config.rounds} round(s); Node ${process.version}, ${cpus().length} CPUs\n`,
  );

  const rows: Measurement[] = [];
  for (let round = 1; round <= config.rounds; round++) {
    for (const t of targets) {
      rows.push(await measure(t, 'simulator', round, sim));
      rows.push(await measure(t, 'bare', round, bare));
    }
  }
  await Promise.all([sim.stop(), bare.stop()]);

  console.log(table(rows));
  console.log('');
  const calibration = config.calibrate ? await calibrate(targets, bodies) : [];

  const summaries: Summary[] = targets.map((t) => {
    const simRows = rows.filter((r) => r.target === t.name && r.server === 'simulator');
    const bareRows = rows.filter((r) => r.target === t.name && r.server === 'bare');
    const simRps = median(simRows.map((r) => r.reqPerSec));
    const bareRps = median(bareRows.map((r) => r.reqPerSec));
    const simCost = median(simRows.map((r) => r.cpuPerRequest));
    const bareCost = median(bareRows.map((r) => r.cpuPerRequest));
    return {
      target: t.name,
      label: t.label,
      path: t.path,
      bytes: sizes.get(t.name) ?? 0,
      simReqPerSec: simRps,
      bareReqPerSec: bareRps,
      ratio: simRps / bareRps,
      simCpuPerRequest: simCost,
      bareCpuPerRequest: bareCost,
      cpuRatio: bareCost / simCost,
      addedCpuPerRequest: simCost - bareCost,
    };
  });
  const of = config.rounds > 1 ? ' (medians of the rounds)' : '';
  console.log(
    `summary${of}; "added µs" = simulator µs − bare µs per request (the simulator's own work over sockets); ` +
      '"CPU ratio" = bare µs / simulator µs, the throughput ratio if both were CPU-bound',
  );
  const head = [
    'target',
    'body',
    'sim req/s',
    'bare req/s',
    'ratio',
    'sim µs/req',
    'bare µs/req',
    'added µs',
    'CPU ratio',
    '',
  ];
  const body = summaries.map((s) => [
    s.target,
    `${(s.bytes / 1024).toFixed(1)} KB`,
    int(s.simReqPerSec),
    int(s.bareReqPerSec),
    pct(s.ratio),
    s.simCpuPerRequest.toFixed(1),
    s.bareCpuPerRequest.toFixed(1),
    s.addedCpuPerRequest.toFixed(1),
    pct(s.cpuRatio),
    s.ratio >= TARGET ? 'PASS' : 'BELOW TARGET',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 9 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('   ');
  console.log([line(head), ...body.map(line)].join('\n'));
  console.log(`target: simulator ≥ ${pct(TARGET)} of the bare server's throughput`);

  const bareRows = rows.filter((r) => r.server === 'bare');
  if (bareRows.some((r) => r.loadgenCpu >= SATURATED)) {
    console.log(
      `note: the load generator used ≥ ${pct(SATURATED)} of a core against the bare server in some runs, so those bare ` +
        'figures are lower bounds of the ceiling and their ratios upper bounds.',
    );
  }
  if (profDir) console.log(`cpu profile of the simulator: ${profDir} (npx tsx bench/profile-summary.ts ${profDir})`);

  const failures = rows.reduce((n, r) => n + r.failures, 0);
  const goals = summaries.map((s) =>
    goal({
      goal: '2 http',
      measure: `${s.target}: req/s simulator / bare (${s.simCpuPerRequest.toFixed(0)} vs ${s.bareCpuPerRequest.toFixed(0)} µs CPU/req)`,
      value: s.ratio * 100,
      unit: '%',
      target: `≥ ${pct(TARGET)}`,
      pass: s.ratio >= TARGET,
    }),
  );
  const report = {
    goals,
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    config: { ...config, json: undefined },
    summary: summaries,
    calibration,
    runs: rows,
    valid: failures === 0,
  };
  mkdirSync(dirname(config.json), { recursive: true });
  writeFileSync(config.json, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`figures written to ${config.json}`);
  if (failures > 0) {
    console.log(`INVALID: ${failures} errors, timeouts or non-2xx responses under load`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    killChildren();
    process.exitCode = 1;
  },
);
