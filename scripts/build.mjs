#!/usr/bin/env node
// `npm run build` (npm's `prepare` runs it on `npm ci`): compiles src/ ahead of time, so `npm start` and the
// bins run plain node with no TypeScript loader. esbuild only strips types (the typecheck is tsc's job in
// `npm test`); every output has a source map, so `node --enable-source-maps` reports src/ lines.
//
// - dist/<path>.js: one module per src/<path>.ts, same layout, for in-process use (dist/server/app.js).
//   The files src/ reads at run time (built-in scenarios, the scenario JSON Schema) are copied beside
//   the code; paths that leave src/ (../../openapi/…) resolve the same from dist/, at the same depth.
// - dist/bin/mx-sim.js and dist/bin/mx-sim-client.js: the two commands (src/server/main.ts,
//   src/client/cli.ts) bundled with their packages, which `npm start` and the bins run: one file loads
//   faster than a few hundred. Modules imported on first use (the statement PDF writer, openapi-backend) stay separate
//   chunks beside them. Each of our modules' import.meta.url is rewritten to its file in the layout above,
//   so what it reads relative to itself is found as from dist/<path>.js.
// - dist/<path>.d.ts: the types of the package's entry points (src/index.ts, src/client/index.ts,
//   src/testing/index.ts, src/msw/index.ts) and of every module they reach, by tsc (tsconfig.build.json;
//   tens of seconds, as it typechecks them). `--no-types` skips them (`npm run build:js`, the e2e tests'
//   setup): the JavaScript alone takes about a second. The published package has both: npm runs
//   `prepare` (this script, types included) before `npm pack` and when it installs mx-sim from git.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const OUT = join(ROOT, 'dist');
const TYPES = !process.argv.includes('--no-types');

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
const BIN = join(OUT, 'bin');
/** Rewrites import.meta.url in our modules to the URL of the module's file in dist/, from dist/bin/. */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.ts$/ }, ({ path }) => {
      const own = relative(BIN, join(OUT, relative(SRC, path)))
        .replace(/\.ts$/, '.js')
        .split(sep)
        .join('/');
      const url = `new URL(${JSON.stringify(own)}, import.meta.url).href`;
      return { contents: readFileSync(path, 'utf8').replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};
/**
 * zod's main entry re-exports every locale's error messages (`z.locales`, about 480 KB of the bundle's
 * 1.8 MB, parsed at every start). mx-sim uses only English, zod's default, which zod registers itself:
 * the bins get a locales module that holds English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ path, importer }) =>
      importer.includes(`${sep}node_modules${sep}zod${sep}`)
        ? { path: join(dirname(importer), path), namespace: 'zod-english-only' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, ({ path }) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: dirname(path),
      loader: 'js',
    }));
  },
};
const { metafile } = await build({
  absWorkingDir: ROOT,
  entryPoints: { 'mx-sim': join(SRC, 'server/main.ts'), 'mx-sim-client': join(SRC, 'client/cli.ts') },
  outdir: BIN,
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // CommonJS packages in an ESM bundle still require Node's own modules.
  banner: {
    js: "import { createRequire as __mxSimRequire } from 'node:module'; const require = __mxSimRequire(import.meta.url);",
  },
  plugins: [ownImportMetaUrl, zodEnglishOnly],
  // Optional: found in node_modules when installed (the CLI logs JSON without it).
  external: ['pino-pretty'],
  metafile: true,
  logLevel: 'warning',
});
for (const f of assets) {
  mkdirSync(dirname(join(OUT, f)), { recursive: true });
  cpSync(join(SRC, f), join(OUT, f));
}
if (TYPES) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
}
// Files whose source is gone are removed after the build (never all of dist/ before it, so a simulator
// running from dist/ keeps finding the modules it loads on first use).
const built = new Set([
  ...sources.flatMap((f) => [f.replace(/\.ts$/, '.js'), f.replace(/\.ts$/, '.js.map'), f.replace(/\.ts$/, '.d.ts')]),
  ...assets,
  ...Object.keys(metafile.outputs).map((f) => relative(OUT, join(ROOT, f))),
]);
for (const f of existsSync(OUT) ? files(OUT) : []) if (!built.has(f)) rmSync(join(OUT, f));
