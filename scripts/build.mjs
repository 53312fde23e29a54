#!/usr/bin/env node
// `npm run build` (npm's `prepare` runs it on `npm ci`): compiles src/ to dist/ ahead of time, one .js file
// per .ts file with the same layout (dist/server/main.js beside src/server/main.ts), so `npm start` and the
// bins run plain node with no TypeScript loader. esbuild only strips types (the typecheck is tsc's job in
// `npm test`); each file gets a source map, so `node --enable-source-maps` reports src/ lines. The files
// src/ reads at run time (built-in scenarios, the scenario JSON Schema) are copied beside the code; paths
// that leave src/ (../../openapi/…) resolve the same from dist/, which sits at the same depth.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const OUT = join(ROOT, 'dist');

/** Every file under dir, relative to base. */
function files(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), base) : [relative(base, join(dir, e.name))],
  );
}

const all = files(SRC);
const sources = all.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
const assets = all.filter((f) => !f.endsWith('.ts') && !f.endsWith('.md'));
await build({
  absWorkingDir: ROOT,
  entryPoints: sources.map((f) => join(SRC, f)),
  outdir: OUT,
  outbase: SRC,
  bundle: false,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
for (const f of assets) {
  mkdirSync(dirname(join(OUT, f)), { recursive: true });
  cpSync(join(SRC, f), join(OUT, f));
}
// Files whose source is gone are removed after the build (never all of dist/ before it, so a simulator
// running from dist/ keeps finding the modules it loads on first use).
const built = new Set([
  ...sources.flatMap((f) => [f.replace(/\.ts$/, '.js'), f.replace(/\.ts$/, '.js.map')]),
  ...assets,
]);
for (const f of existsSync(OUT) ? files(OUT) : []) if (!built.has(f)) rmSync(join(OUT, f));
