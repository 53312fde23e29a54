// `npm run bench`: every benchmark of issue 14's goals in one command, one after the other, each in its
// own process (so none inherits another's heap or JIT state), then one table of the goals and one JSON
// file with every part's figures, so two runs can be compared.
//
//   start   bench/cold-start.ts    goal 1: `npm start` and the bin to the first 200
//   http    bench/http.bench.ts    goal 2: the flow's reads against a bare node:http server (autocannon)
//   data    bench/data.bench.ts    goal 3: a page of a 500,000-transaction member against a small one
//   scale   bench/scale.bench.ts   goal 3: 100,000 users, 10,000 members, 10,000 tenants
//   flow    bench/flow.bench.ts    goal 4: the integration flow in process
//
// Options:
//   --parts a,b       run only these parts (default: all of them)
//   --json FILE       the combined figures (default reports/all-<time>.json)
//   --duration, --warmup, --connections, --rounds, --only, --cpu-prof, --calibrate, --src   passed to http
//                     (see its header)
//   --runs N          passed to start and flow;  --iterations N  passed to data; --instructions to start
//
// Exit code 0 whatever the goals say (a benchmark, not a test); 1 when a part could not run.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultReportPath, type Goal, goalTable, writeReport } from './goals.js';

const PARTS = {
  start: { script: 'cold-start.ts', pass: ['runs', 'instructions'] },
  http: {
    script: 'http.bench.ts',
    pass: ['duration', 'warmup', 'connections', 'rounds', 'only', 'cpu-prof', 'calibrate', 'src'],
  },
  data: { script: 'data.bench.ts', pass: ['iterations'] },
  scale: { script: 'scale.bench.ts', pass: [] },
  flow: { script: 'flow.bench.ts', pass: ['runs'] },
} as const;
type Part = keyof typeof PARTS;

const { values } = parseArgs({
  options: {
    parts: { type: 'string' },
    json: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    rounds: { type: 'string' },
    only: { type: 'string' },
    'cpu-prof': { type: 'boolean' },
    calibrate: { type: 'boolean' },
    src: { type: 'boolean' },
    runs: { type: 'string' },
    instructions: { type: 'boolean' },
    iterations: { type: 'string' },
  },
});
const chosen = (values.parts?.split(',').map((p) => p.trim()) ?? Object.keys(PARTS)) as Part[];
for (const p of chosen) {
  if (!(p in PARTS)) throw new Error(`--parts: '${p}' is not a part; use ${Object.keys(PARTS).join(', ')}`);
}

const HERE = fileURLToPath(new URL('.', import.meta.url));
const TSX = import.meta.resolve('tsx');

function run(part: Part, json: string): Promise<number> {
  const { script, pass } = PARTS[part];
  const args: string[] = [];
  for (const name of pass) {
    const v = values[name as keyof typeof values];
    if (v === true) args.push(`--${name}`);
    else if (typeof v === 'string') args.push(`--${name}`, v);
  }
  const child = spawn(process.execPath, ['--expose-gc', '--import', TSX, join(HERE, script), ...args, '--json', json], {
    stdio: 'inherit',
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

const reports: Record<string, unknown> = {};
const goals: Goal[] = [];
const missing: string[] = [];
let failed = 0;
for (const part of chosen) {
  const script = join(HERE, PARTS[part].script);
  if (!existsSync(script)) {
    missing.push(part);
    continue;
  }
  console.log(`\n━━ ${part}: bench/${PARTS[part].script}\n`);
  const json = join(tmpdir(), `mx-sim-bench-${process.pid}-${part}.json`);
  const code = await run(part, json);
  if (code !== 0 || !existsSync(json)) {
    console.log(`${part}: exited with ${code}`);
    failed++;
    continue;
  }
  const report = JSON.parse(readFileSync(json, 'utf8')) as { goals?: Goal[] };
  rmSync(json);
  reports[part] = report;
  goals.push(...(report.goals ?? []));
}

console.log('\n━━ issue 14 goals\n');
console.log(goalTable(goals));
if (missing.length) console.log(`not run (no script): ${missing.join(', ')}`);
const file = writeReport(values.json ?? defaultReportPath('all'), { parts: chosen, goals, reports });
console.log(`figures written to ${file}`);
process.exitCode = failed ? 1 : 0;
