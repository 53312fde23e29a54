// `npm run bench`: institution search on the simulator against a bare node:http server that answers
// with the same bytes (the ceiling for any Node HTTP server on this machine), measured with autocannon.
//
// Each server runs in its own child process (bench/server.ts); autocannon runs here, so the load
// generator and the server under test never share an event loop. Only 127.0.0.1 is contacted.
//
// Options (flag, else environment variable, else default):
//   --duration N      BENCH_DURATION      measured seconds per server          (10)
//   --warmup N        BENCH_WARMUP        warm-up seconds per server, discarded (2)
//   --connections N   BENCH_CONNECTIONS   concurrent keep-alive connections     (10)
//   --rounds N        BENCH_ROUNDS        sim/bare pairs; the ratio uses medians (1)
//   --cpu-prof        BENCH_CPU_PROF=1    run the simulator under `node --cpu-prof` and print where the
//                                         profile went (summarise it with bench/profile-summary.ts)
//
// Exit code: 0 whatever the ratio (it is a benchmark, not a test); 1 only when the run itself is
// invalid (a server did not start, bodies differ, errors or non-2xx responses under load).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { ChildMessage, ParentMessage } from './protocol.js';

const PATH = '/institutions?name=bank&records_per_page=25';
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

  static async start(mode: 'sim' | 'bare', options: { stdin?: Buffer; nodeArgs?: string[] } = {}) {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', TSX_LOADER, SERVER_SCRIPT, mode], {
      stdio: ['pipe', 'pipe', 'inherit', 'ipc'],
    });
    children.add(child);
    child.once('exit', () => children.delete(child));
    child.stdin?.end(options.stdin);
    const lines = createInterface({ input: child.stdout! });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${mode} server did not start within 30 s`)), 30_000);
      child.once('exit', (code) => reject(new Error(`${mode} server exited (code ${code}) before listening`)));
      lines.once('line', (line) => {
        clearTimeout(timer);
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match) resolve(match[1] as string);
        else reject(new Error(`${mode} server printed '${line}' instead of its URL`));
      });
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
function get(url: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(PATH, url), { headers: HEADERS, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const framing = (f: Fetched) =>
  f.headers['content-length'] ? 'content-length' : (f.headers['transfer-encoding'] ?? '?');

function load(url: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: new URL(PATH, url).href,
    method: 'GET',
    headers: HEADERS,
    connections: config.connections,
    pipelining: 1,
    duration: seconds,
  });
}

interface Measurement {
  name: string;
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

async function measure(name: string, server: ServerProcess): Promise<Measurement> {
  if (config.warmup > 0) await load(server.url, config.warmup);
  const serverBefore = await server.cpuUsage();
  const selfBefore = process.cpuUsage();
  const started = performance.now();
  const r = await load(server.url, config.duration);
  const wallMicros = (performance.now() - started) * 1000;
  const self = process.cpuUsage(selfBefore);
  const serverAfter = await server.cpuUsage();
  const user = serverAfter.user - serverBefore.user;
  const system = serverAfter.system - serverBefore.system;
  const completed = Math.max(1, r.requests.total);
  return {
    name,
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
    m.name,
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
// Main

async function main(): Promise<number> {
  const profDir = config.cpuProf ? join(tmpdir(), `mx-sim-bench-prof-${Date.now()}`) : undefined;
  const sim = await ServerProcess.start('sim', {
    nodeArgs: profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
  });

  const first = await get(sim.url);
  const second = await get(sim.url);
  if (first.status !== 200) {
    console.error(`simulator answered ${first.status}: ${first.body.toString('utf8').slice(0, 500)}`);
    await sim.stop();
    return 1;
  }
  if (!first.body.equals(second.body)) {
    console.error('warning: two identical requests got different bodies; the bare server replays the first');
  }
  const bare = await ServerProcess.start('bare', { stdin: first.body });
  const fromBare = await get(bare.url);
  if (fromBare.status !== 200 || !fromBare.body.equals(first.body)) {
    console.error('bare server does not return the simulator body byte for byte');
    await Promise.all([sim.stop(), bare.stop()]);
    return 1;
  }

  const count = (JSON.parse(first.body.toString('utf8')) as { institutions: unknown[] }).institutions.length;
  console.log(`GET ${PATH}`);
  console.log(
    `  body ${int(first.body.length)} bytes, ${count} institutions; simulator framing: ${framing(first)}, bare: ${framing(fromBare)}`,
  );
  console.log(
    `  ${config.connections} connections, pipelining 1, ${config.warmup} s warm-up + ${config.duration} s measured per server, ` +
      `${config.rounds} round(s); Node ${process.version}, ${cpus().length} CPUs`,
  );
  console.log('');

  const rows: Measurement[] = [];
  for (let round = 1; round <= config.rounds; round++) {
    const suffix = config.rounds > 1 ? ` #${round}` : '';
    rows.push(await measure(`simulator${suffix}`, sim));
    rows.push(await measure(`bare node:http${suffix}`, bare));
  }
  await Promise.all([sim.stop(), bare.stop()]);

  const simRows = rows.filter((r) => r.name.startsWith('simulator'));
  const bareRows = rows.filter((r) => r.name.startsWith('bare'));
  console.log(table(rows));
  console.log('');

  const simRps = median(simRows.map((r) => r.reqPerSec));
  const bareRps = median(bareRows.map((r) => r.reqPerSec));
  const ratio = simRps / bareRps;
  const of = config.rounds > 1 ? ' (medians of the rounds)' : '';
  console.log(`ratio simulator/bare: ${pct(ratio)}${of}: ${int(simRps)} / ${int(bareRps)} req/s`);
  const simCost = median(simRows.map((r) => r.cpuPerRequest));
  const bareCost = median(bareRows.map((r) => r.cpuPerRequest));
  console.log(
    `server CPU per request: simulator ${simCost.toFixed(1)} µs, bare ${bareCost.toFixed(1)} µs ` +
      `(bare/simulator ${pct(bareCost / simCost)}: the throughput ratio if both were CPU-bound)`,
  );

  if (bareRows.some((r) => r.loadgenCpu >= SATURATED)) {
    console.log(
      `note: the load generator used ≥ ${pct(SATURATED)} of a core against the bare server, so the bare figure is ` +
        'a lower bound of the ceiling and the ratio an upper bound.',
    );
  }
  if (profDir) console.log(`cpu profile of the simulator: ${profDir} (npx tsx bench/profile-summary.ts ${profDir})`);

  const failures = rows.reduce((n, r) => n + r.failures, 0);
  if (failures > 0) {
    console.log(`INVALID: ${failures} errors, timeouts or non-2xx responses under load`);
    return 1;
  }
  console.log(
    ratio >= TARGET
      ? `PASS: the simulator reaches ${pct(ratio)} of the bare server's throughput (target ≥ ${pct(TARGET)})`
      : `BELOW TARGET: the simulator reaches ${pct(ratio)} of the bare server's throughput (target ≥ ${pct(TARGET)})`,
  );
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
