// `npm run bench:flow`: the reference client's integration flow (src/client/flow.ts, the code `npm run flow`
// runs) against an in-process simulator with fast job timing, timed end to end. No sockets: the client's
// transport calls the simulator's `app.fetch`, and its sleep moves the simulator's manual clock (as
// `npm run flow` does), so polling every 3 s costs no real time while jobs still complete in simulated time.
//
// The flow: search MX Bank → its credentials → create a user → create a member asking for every product →
// poll until CONNECTED → read accounts and every product (all pages) → refresh → poll → read again →
// delete the user. The client speaks v20250224 only (it is typed from that document).
//
// Measured: the first flow in this process (cold: compiling code paths, first data generation, first
// use of every cache), then N more flows (warm), each with its own client_id (its own empty tenant).
// The goal (issue 14, goal 4): a flow in ≤ 100 ms. Contract checks of `npm run flow` (validating every
// exchange against the OpenAPI document) are client-side work; `--contract` adds a row with them.
//
//   --runs N       BENCH_RUNS       warm flows after the cold one (default 30)
//   --contract     BENCH_CONTRACT=1 also time the flow as `npm run flow` runs it (runCommand: contract checks)
//   --json FILE    BENCH_JSON       write the figures and goal rows there (default reports/flow-bench-<time>.json)
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { scriptedAnswerer, scriptedCredentials, simulatorOAuth } from '../src/client/answerers.js';
import { createMxClient } from '../src/client/client.js';
import { type FlowResult, PRODUCTS, runFlow } from '../src/client/flow.js';
import { runCommand } from '../src/client/run.js';
import { simulatorTarget, type Target } from '../src/client/targets.js';
import { goal, writeReport } from './goals.js';

/** Milliseconds per flow, in process. */
const TARGET_MS = 100;

const { values: flags } = parseArgs({
  options: { runs: { type: 'string' }, json: { type: 'string' }, contract: { type: 'boolean' } },
});

function wholeNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: expected a whole number ≥ 1, got '${raw}'`);
  return n;
}

const config = {
  runs: wholeNumber('runs', flags.runs ?? process.env.BENCH_RUNS, 30),
  contract: flags.contract ?? ['1', 'true'].includes(process.env.BENCH_CONTRACT ?? ''),
  json:
    flags.json ?? process.env.BENCH_JSON ?? `reports/flow-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
};

interface Run {
  ms: number;
  cpuMs: number;
  requests: number;
}

/** One flow on a fresh client_id; every request the transport sends is counted (retries included). */
async function flowOnce(t: Target, clientId: string): Promise<Run & { result: FlowResult }> {
  let requests = 0;
  const inner = t.fetch!;
  const mx = createMxClient({
    ...t,
    clientId,
    fetch: (req) => {
      requests++;
      return inner(req);
    },
  });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await runFlow(mx, {
    products: PRODUCTS,
    credentials: scriptedCredentials({ PASSWORD: 'password' }),
    answerer: scriptedAnswerer(),
    oauth: simulatorOAuth(mx.fetch),
    sleep: t.sleep,
  });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (!result.ok) throw new Error(`the flow failed: ${result.failure ?? result.status}`);
  return { ms, cpuMs: (used.user + used.system) / 1000, requests, result };
}

/** The same flow through runCommand, as `npm run flow` runs it (contract checks of every exchange). */
async function commandOnce(t: Target, clientId: string): Promise<Run> {
  let requests = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const outcome = await runCommand(
    { products: [...PRODUCTS], clientId },
    { print: () => {}, target: { ...t, clientId }, onExchange: () => requests++ },
  );
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (outcome.exitCode !== 0) throw new Error(`npm run flow's command failed: ${outcome.error?.message ?? ''}`);
  return { ms, cpuMs: (used.user + used.system) / 1000, requests };
}

const strip = ({ ms, cpuMs, requests }: Run): Run => ({ ms, cpuMs, requests });

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

interface Row {
  label: string;
  runs: number;
  minMs: number;
  medianMs: number;
  p95Ms: number;
  cpuMs: number;
  requests: number;
  usPerRequest: number;
  pass: boolean;
}

function row(label: string, runs: Run[]): Row {
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const medianMs = quantile(ms, 0.5);
  const requests = quantile(
    runs.map((r) => r.requests).sort((a, b) => a - b),
    0.5,
  );
  return {
    label,
    runs: runs.length,
    minMs: ms[0] as number,
    medianMs,
    p95Ms: quantile(ms, 0.95),
    cpuMs: quantile(
      runs.map((r) => r.cpuMs).sort((a, b) => a - b),
      0.5,
    ),
    requests,
    usPerRequest: (medianMs * 1000) / requests,
    pass: medianMs <= TARGET_MS,
  };
}

async function main(): Promise<number> {
  const startup = performance.now();
  const created = performance.now();
  const t = simulatorTarget({ fast: true, seed: 'bench-flow' }, 'bench-flow');
  const createMs = performance.now() - created;

  const cold = await flowOnce(t, 'bench-flow-cold');
  const data = cold.result.data;
  console.log(
    `flow: MX Bank, products ${PRODUCTS.join(', ')}; read ${Object.entries(data ?? {})
      .map(([k, v]) => `${k} ${(v as unknown[]).length}`)
      .join(', ')}`,
  );
  console.log(
    `in process (app.fetch, no sockets), fast timing, manual clock; Node ${process.version}, ${cpus().length} CPUs; ` +
      `process start to first flow ${startup.toFixed(0)} ms (tsx compiling included), createSimulator ${createMs.toFixed(1)} ms\n`,
  );

  const warm: Run[] = [];
  for (let i = 0; i < config.runs; i++) warm.push(await flowOnce(t, `bench-flow-${i}`));
  const rows = [row('cold (first flow in the process)', [cold]), row(`warm (${config.runs} flows)`, warm)];
  if (config.contract) {
    const coldCommand = await commandOnce(t, 'bench-command-cold');
    const command: Run[] = [];
    for (let i = 0; i < config.runs; i++) command.push(await commandOnce(t, `bench-command-${i}`));
    rows.push(row('as npm run flow, first (contract checks)', [coldCommand]));
    rows.push(row(`as npm run flow, warm (${config.runs})`, command));
  }

  const head = ['flow', 'runs', 'min ms', 'median ms', 'p95 ms', 'CPU ms', 'requests', 'µs/request', ''];
  const body = rows.map((r) => [
    r.label,
    String(r.runs),
    r.minMs.toFixed(1),
    r.medianMs.toFixed(1),
    r.p95Ms.toFixed(1),
    r.cpuMs.toFixed(1),
    String(r.requests),
    r.usPerRequest.toFixed(0),
    r.pass ? 'PASS' : 'BELOW TARGET',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        i === 0 || i === head.length - 1 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number),
      )
      .join('   ');
  console.log([line(head), ...body.map(line)].join('\n'));
  console.log(`target: a flow in ≤ ${TARGET_MS} ms (median; the cold row is one run)`);

  const file = writeReport(config.json, {
    config: { ...config, json: undefined },
    processStartToFirstFlowMs: startup,
    createSimulatorMs: createMs,
    targetMs: TARGET_MS,
    // Issue 14's goal 4, one row per flow kind, in the shape the other benches report goals in.
    goals: rows.map((r) =>
      goal({
        goal: '4 flow',
        measure: `${r.label}: ${r.runs > 1 ? 'median wall' : 'wall'}, ${r.requests} requests`,
        value: r.medianMs,
        unit: 'ms',
        target: `≤ ${TARGET_MS} ms`,
        pass: r.pass,
      }),
    ),
    summary: rows,
    runs: { cold: strip(cold), warm: warm.map(strip) },
  });
  console.log(`figures written to ${file}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
