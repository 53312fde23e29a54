// Cold start: from spawning a command to its first 200 on GET /institutions/mxbank, N times; then, in
// fresh processes, how long importing the app module and one createSimulator() take.
//
//   npm run bench:start                       npm start's command (node dist/bin/mx-sim.js), 5 runs
//   npm run bench:start -- --runs 9 --cmd 'npx tsx src/server/main.ts'   any command that prints the URL
//
// Each run: spawn with --port 0, read the URL from its first stdout line, poll the route every 5 ms until
// it answers 200, record the wall time since the spawn, stop its process group. Prints median and min.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '5' },
    cmd: { type: 'string', default: 'node dist/bin/mx-sim.js' },
    app: { type: 'string', default: './dist/server/app.js' },
  },
});
const runs = Number(values.runs);
const AUTH = { Authorization: `Basic ${btoa('bench:key')}`, 'Accept-Version': 'v20250224' };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

async function once(command: string): Promise<number> {
  const started = performance.now();
  const [file, ...args] = command.split(' ');
  const child = spawn(file as string, [...args, '--port', '0', '--log-level', 'silent'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // Its own process group, so `npm start`'s node child is stopped with it.
    detached: true,
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (\S+)/.exec(out);
        if (m) resolve(m[1] as string);
      });
      child.on('exit', (code) => reject(new Error(`${command} exited with ${code} before listening`)));
    });
    for (;;) {
      try {
        const res = await fetch(`${url}/institutions/mxbank`, { headers: AUTH });
        await res.arrayBuffer();
        if (res.status === 200) return performance.now() - started;
      } catch {
        // not answering yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    process.kill(-(child.pid as number), 'SIGKILL');
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

const walls: number[] = [];
for (let i = 0; i < runs; i++) walls.push(await once(values.cmd));
const inproc: Array<{ importMs: number; createMs: number }> = [];
for (let i = 0; i < runs; i++) inproc.push(await inProcess(values.app));

const fmt = (n: number) => `${Math.round(n)} ms`;
console.log(`cold start, ${runs} runs: ${values.cmd}`);
console.log(`  to the first 200 on /institutions/mxbank: median ${fmt(median(walls))}, min ${fmt(Math.min(...walls))}`);
console.log(`  import ${values.app}: median ${fmt(median(inproc.map((r) => r.importMs)))}`);
console.log(`  createSimulator(): median ${fmt(median(inproc.map((r) => r.createMs)))}`);
console.log(JSON.stringify({ command: values.cmd, runs, wallMs: walls, inProcess: inproc }));
