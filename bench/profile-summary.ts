// Summarise a V8 .cpuprofile (from `npm run bench -- --cpu-prof`): self time by area, by file and by function.
//
//   npx tsx bench/profile-summary.ts <file.cpuprofile | directory of them> [top=25]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const target = process.argv[2];
const top = Number(process.argv[3] ?? 25);
if (!target) {
  console.error('usage: tsx bench/profile-summary.ts <file.cpuprofile | dir> [top]');
  process.exit(2);
}
const files = statSync(target).isDirectory()
  ? readdirSync(target)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(target, f))
  : [target];

/** Which part of the stack a frame belongs to: a project file, a package, Node itself or V8. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native/V8)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.startsWith('node:')) return 'node internals';
  const src = /\/(src|bench)\/(.+)$/.exec(url);
  if (src) return `${src[1]}/${src[2]}`;
  return url;
}

function short(url: string): string {
  const pkg = /node_modules\/(.+)$/.exec(url);
  if (pkg) return pkg[1] as string;
  const src = /\/((?:src|bench)\/.+)$/.exec(url);
  return src ? (src[1] as string) : url;
}

function add<K>(map: Map<K, number>, key: K, v: number) {
  map.set(key, (map.get(key) ?? 0) + v);
}

function print(title: string, map: Map<string, number>, total: number) {
  console.log(`\n${title}`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${((v / total) * 100).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  }
}

for (const file of files) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i] as number;
    add(self, id, p.timeDeltas[i] ?? 0);
  }
  const all = [...self.values()].reduce((a, b) => a + b, 0);
  // Idle samples are left out: percentages are of the time the process was busy.
  for (const [id] of self) if (byId.get(id)?.callFrame.functionName === '(idle)') self.delete(id);
  const total = [...self.values()].reduce((a, b) => a + b, 0);

  const byArea = new Map<string, number>();
  const byFile = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (const [id, t] of self) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    add(byArea, area(f.url, f.functionName), t);
    add(byFile, f.url ? short(f.url) : f.functionName || '(anonymous)', t);
    add(byFn, `${f.functionName || '(anonymous)'}  ${f.url ? `${short(f.url)}:${f.lineNumber + 1}` : ''}`, t);
  }
  console.log(`${file}`);
  console.log(
    `  ${(all / 1e6).toFixed(1)} s sampled, ${(total / 1e6).toFixed(1)} s busy; percentages are of busy time`,
  );
  print('self time by area', byArea, total);
  print('self time by file', byFile, total);
  print('self time by function', byFn, total);

  // Inclusive time: a function's self time plus that of everything it called.
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  const inclusiveSrc = new Map<string, number>();
  for (const [id, t] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)?.callFrame;
      if (!f?.url) continue;
      const key = `${f.functionName || '(anonymous)'}  ${short(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      add(inclusive, key, t);
      if (/\/src\//.test(f.url)) add(inclusiveSrc, key, t);
    }
  }
  print('inclusive time by function', inclusive, total);
  print('inclusive time of project functions (src/)', inclusiveSrc, total);
}
