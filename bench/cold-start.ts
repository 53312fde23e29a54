// Cold start: from spawning a command to its first 200 on GET /institutions/mxbank, N times; then, in
// fresh processes, how long importing the package's entry (`import 'mx-sim'`, dist/lib/index.js) and one
// createSimulator() take. Issue 14's goal 1:
// at most 500 ms, from `npm start` and from the bin.
//
//   npm run bench:start                       `npm start`, node dist/bin/mx-sim.js and the installed bin
//                                             (node bin/mx-sim.js), 5 runs each
//   npm run bench:start -- --runs 9 --cmd 'npx tsx src/server/main.ts'   any command that prints the URL
//   --json FILE                               the figures and goals as JSON (default reports/start-<time>.json)
//   --instructions                            also count the bin's instructions (valgrind's callgrind), from the
//                                             spawn to the first 200 and a SIGINT exit, against `node -e 0`:
//                                             the same count on a busy or a quiet machine (±1 %), where wall
//                                             times move by a quarter; about 30 s
//
// Each run: spawn with --port 0, read the URL from its first stdout line, poll the route every 5 ms until
// it answers 200, record the wall time since the spawn, stop its process group. Prints median and min.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { defaultReportPath, type Goal, goal, goalTable, writeReport } from './goals.js';

const fmt = (n: number) => `${Math.round(n)} ms`;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '5' },
    cmd: { type: 'string', multiple: true },
    // What `import 'mx-sim'` loads (package.json exports); --app ./dist/server/app.js for the per-file modules.
    app: { type: 'string', default: './dist/lib/index.js' },
    json: { type: 'string' },
    instructions: { type: 'boolean' },
  },
});
/** Goal 1's target, ms from the spawn to the first 200. */
const TARGET_MS = 500;
// `npm start`, what it runs, and the installed `mx-sim` bin (bin/mx-sim.js, which npx and npm's bin link run).
const commands = values.cmd?.length ? values.cmd : ['npm start --', 'node dist/bin/mx-sim.js', 'node bin/mx-sim.js'];
const runs = Number(values.runs);
const AUTH = { Authorization: `Basic ${btoa('bench:key')}`, 'Accept-Version': 'v20250224' };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** The first match of `pattern` in a started command's output, or an error when it exits first. */
function outputMatch(child: ChildProcess, pattern: RegExp, exitedFirst: () => string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolve(m);
    });
    child.on('exit', (code) => reject(new Error(`${exitedFirst()} (exit code ${code})`)));
  });
}

/** The URL a started simulator prints (`listening on …`), or an error when it exits first. */
async function listeningUrl(child: ChildProcess, exitedFirst: () => string): Promise<string> {
  return (await outputMatch(child, /listening on (\S+)/, exitedFirst))[1] as string;
}

/** A command with the simulator's options added, in its own process group (`npm start`'s node child too). */
function start(command: string, options: string[]): ChildProcess {
  const [file, ...args] = command.split(' ');
  return spawn(file as string, [...args, ...options], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
}

/** Polls the cold-start route every intervalMs until it answers 200. */
async function firstOk(url: string, intervalMs: number): Promise<void> {
  for (;;) {
    const res = await fetch(`${url}/institutions/mxbank`, { headers: AUTH }).catch(() => undefined);
    await res?.arrayBuffer();
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

async function once(command: string): Promise<number> {
  const started = performance.now();
  const child = start(command, ['--port', '0', '--log-level', 'silent']);
  try {
    await firstOk(await listeningUrl(child, () => `${command} exited before listening`), 5);
    return performance.now() - started;
  } finally {
    process.kill(-(child.pid as number), 'SIGKILL');
  }
}

/**
 * How a command compiles its code (its ready log line's `code_cache`), from one start stopped with SIGINT:
 * a command whose build cache V8 turns down (other V8 options, another Node) writes its own as it exits,
 * so the timed starts after this one use it. Timed starts are killed and never write one.
 */
async function codeCacheOf(command: string): Promise<string> {
  const child = start(command, ['--port', '0', '--log-format', 'json', '--log-level', 'info']);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    // The whole line: a chunk of output may end inside it.
    const ready = await outputMatch(child, /^(.*"mx-sim ready".*)\n/m, () => `${command} exited before it was ready`);
    return String(JSON.parse(ready[1] as string).code_cache ?? 'not reported');
  } finally {
    process.kill(-(child.pid as number), 'SIGINT');
    await exited;
  }
}

/** Import time of the app module and one createSimulator(), in a fresh node process. */
async function inProcess(app: string): Promise<{ importMs: number; createMs: number }> {
  const script = `
    const t0 = performance.now();
    const m = await import(${JSON.stringify(app)});
    const t1 = performance.now();
    m.createSimulator({});
    const t2 = performance.now();
    process.stdout.write(JSON.stringify({ importMs: t1 - t0, createMs: t2 - t1 }));`;
  const loader = app.endsWith('.ts') ? ['--import', 'tsx'] : [];
  return await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...loader, '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`exit ${code}`))));
  });
}

const CALLGRIND = ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file'];
const collected = (stderr: string) => {
  const m = /Collected : (\d+)/.exec(stderr);
  if (!m) throw new Error(`valgrind printed no instruction count:\n${stderr.slice(-500)}`);
  return Number(m[1]);
};

/**
 * Instructions (callgrind's Ir, every thread) of the bin from its spawn to the first 200 and its exit on
 * SIGINT. Under valgrind the process runs about 40 times slower, so this takes about 20 s.
 */
async function instructions(command: string): Promise<number> {
  const [file, ...args] = command.split(' ');
  const child = spawn('valgrind', [...CALLGRIND, file as string, ...args, '--port', '0', '--log-level', 'silent'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await firstOk(await listeningUrl(child, () => `${command} under valgrind exited: ${err.slice(-500)}`), 50);
  child.kill('SIGINT');
  await exited;
  return collected(err);
}

const goals: Goal[] = [];
const starts: Array<{ command: string; codeCache: string; wallMs: number[] }> = [];
for (const command of commands) {
  const codeCache = await codeCacheOf(command);
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) walls.push(await once(command));
  starts.push({ command, codeCache, wallMs: walls });
  console.log(`cold start, ${runs} runs: ${command} (code cache: ${codeCache})`);
  console.log(
    `  to the first 200 on /institutions/mxbank: median ${fmt(median(walls))}, min ${fmt(Math.min(...walls))}`,
  );
  goals.push(
    goal({
      goal: '1 start',
      measure: `${command.replace(/ --$/, '')} → first 200 (median of ${runs})`,
      value: median(walls),
      unit: 'ms',
      target: `≤ ${TARGET_MS} ms`,
      pass: median(walls) <= TARGET_MS,
    }),
  );
}
/** npm's own share of `npm start`: the same npm running a start script that does nothing, to its exit. */
async function npmItself(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'mx-sim-npm-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'npm-alone', scripts: { start: 'node -e 0' } }));
    const started = performance.now();
    const child = spawn('npm', ['start', '--silent'], { cwd: dir, stdio: 'ignore' });
    await new Promise((resolve) => child.on('exit', resolve));
    return performance.now() - started;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const npmAlone: number[] = [];
for (let i = 0; i < runs; i++) npmAlone.push(await npmItself());
console.log(`npm start of a script that does nothing (node -e 0): median ${fmt(median(npmAlone))}`);
const inproc: Array<{ importMs: number; createMs: number }> = [];
for (let i = 0; i < runs; i++) inproc.push(await inProcess(values.app));
console.log(`  import ${values.app}: median ${fmt(median(inproc.map((r) => r.importMs)))}`);
console.log(`  createSimulator(): median ${fmt(median(inproc.map((r) => r.createMs)))}`);
let counted: { command: string; instructions: number; nodeAlone: number } | undefined;
if (values.instructions) {
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.log('instructions: skipped, no valgrind (apt-get install valgrind)');
  } else {
    const command = 'node dist/bin/mx-sim.js';
    const alone = spawnSync('valgrind', [...CALLGRIND, process.execPath, '-e', '0'], { encoding: 'utf8' });
    counted = { command, instructions: await instructions(command), nodeAlone: collected(alone.stderr) };
    const m = (n: number) => `${(n / 1e6).toFixed(0)} M`;
    console.log(
      `instructions, ${command} to the first 200 and exit: ${m(counted.instructions)} (node -e 0: ${m(counted.nodeAlone)})`,
    );
  }
}
console.log('');
console.log(goalTable(goals));
const path = writeReport(values.json ?? defaultReportPath('start'), {
  runs,
  starts,
  npmAloneMs: npmAlone,
  inProcess: inproc,
  instructions: counted,
  goals,
});
console.log(`figures written to ${path}`);
