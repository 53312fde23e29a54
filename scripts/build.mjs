#!/usr/bin/env node
// `npm run build` (npm's `prepare` runs it on `npm ci`): compiles src/ ahead of time, so `npm start` and the
// bins run plain node with no TypeScript loader. esbuild only strips types (the typecheck is tsc's job in
// `npm test`); every output has a source map, so `node --enable-source-maps` reports src/ lines.
//
// - dist/<path>.js: one module per src/<path>.ts, same layout (dist/server/app.js). The files src/ reads
//   at run time (built-in scenarios, the scenario JSON Schema) are copied beside the code; paths that
//   leave src/ (../../openapi/…) resolve the same from dist/, at the same depth.
// - dist/lib/{index,client,testing,msw}.js: the package's entry points (package.json `exports`), one ES
//   module bundle with shared chunks: `import 'mx-sim'` reads a few files, not a few hundred.
// - dist/bin/mx-sim.js and dist/bin/mx-sim-client.js: the two commands (src/server/main.ts,
//   src/client/cli.ts), which `npm start` and the bins run. Each is bundled with its packages into
//   dist/bin/<command>.bundle.cjs (one file loads faster than a few hundred), which the command runs
//   through src/cached-bundle.ts with V8's code cache: the build then runs each command once to write
//   that cache (about a second).
// In both bundles each of our modules' import.meta.url is rewritten to its file in the first layout, so
// what it reads relative to itself is found as from dist/<path>.js.
// - dist/<path>.d.ts: the types of the package's entry points (src/index.ts, src/client/index.ts,
//   src/testing/index.ts, src/msw/index.ts) and of every module they reach, by tsc (tsconfig.build.json;
//   tens of seconds, as it typechecks them). `--no-types` skips them (`npm run build:js`, the e2e tests'
//   setup): the JavaScript alone takes about a second. The published package has both: npm runs
//   `prepare` (this script, types included) before `npm pack` and when it installs mx-sim from git.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
const LIB = join(OUT, 'lib');
/**
 * Rewrites import.meta.url in our modules to the URL of the module's file in dist/ (what it reads relative
 * to itself is found as from dist/<path>.js), through `__mxSimOwnUrl(path from the bundle's folder)`,
 * which each bundle's banner defines.
 */
const ownImportMetaUrl = (bundleDir) => ({
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.ts$/ }, ({ path }) => {
      const own = relative(bundleDir, join(OUT, relative(SRC, path)))
        .replace(/\.ts$/, '.js')
        .split(sep)
        .join('/');
      const url = `__mxSimOwnUrl(${JSON.stringify(own)})`;
      return { contents: readFileSync(path, 'utf8').replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
});
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
const COMMANDS = { 'mx-sim': 'server/main.ts', 'mx-sim-client': 'client/cli.ts' };
const { metafile } = await build({
  absWorkingDir: ROOT,
  entryPoints: Object.fromEntries(Object.entries(COMMANDS).map(([name, src]) => [name, join(SRC, src)])),
  outdir: BIN,
  entryNames: '[name].bundle',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  // CommonJS, so that src/cached-bundle.ts can run it with V8's code cache (node:vm has it for scripts,
  // not for ES modules, on Node 20). import() becomes require(): the packages loaded on first use
  // (openapi-backend, pino-pretty) stay outside the bundle and are required from node_modules then.
  format: 'cjs',
  supported: { 'dynamic-import': false },
  target: 'node20',
  sourcemap: true,
  banner: {
    js: "var __mxSimOwnUrl = (p) => require('node:url').pathToFileURL(require('node:path').join(__dirname, p)).href;",
  },
  plugins: [ownImportMetaUrl(BIN), zodEnglishOnly],
  // Optional (the server logs JSON without it), and required on first use from node_modules.
  // ajv-formats: with openapi-backend's own Ajv, never a second copy of Ajv's code generator.
  external: ['pino-pretty', 'openapi-backend', 'ajv-formats'],
  // A package reading import.meta would get an empty object in a CommonJS bundle: fail the build instead.
  logOverride: { 'empty-import-meta': 'error' },
  metafile: true,
  logLevel: 'warning',
});
// The commands themselves: a module that runs the bundle beside it through src/cached-bundle.ts.
const commands = Object.keys(COMMANDS).map((name) => {
  const file = join(BIN, `${name}.js`);
  writeFileSync(
    file,
    "// Written by scripts/build.mjs: runs the bundled command with V8's code cache (src/cached-bundle.ts).\n" +
      "import { runBundle } from '../cached-bundle.js';\n" +
      `runBundle(new URL('./${name}.bundle.cjs', import.meta.url));\n`,
  );
  return { name, file, bundle: join(BIN, `${name}.bundle.cjs`) };
});
// The package's entry points (package.json `exports`): one ES module bundle of src/ and its packages with
// the four entries and the chunks they share (so a class is one class whichever entry it came from).
// Importing mx-sim took about 600 ms as a few hundred modules, about 300 ms as the bundle. msw is the
// user's own (a peer dependency, imported only by mx-sim/msw); modules imported on first use (the
// statement PDF writer, openapi-backend) stay chunks of their own.
const LIBRARY = { index: 'index.ts', client: 'client/index.ts', testing: 'testing/index.ts', msw: 'msw/index.ts' };
const { metafile: libraryMetafile } = await build({
  absWorkingDir: ROOT,
  entryPoints: Object.fromEntries(Object.entries(LIBRARY).map(([name, src]) => [name, join(SRC, src)])),
  outdir: LIB,
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  banner: {
    // CommonJS packages in an ES module bundle still require Node's own modules.
    js:
      "import { createRequire as __mxSimRequire } from 'node:module'; const require = __mxSimRequire(import.meta.url); " +
      'const __mxSimOwnUrl = (p) => new URL(p, import.meta.url).href;',
  },
  plugins: [ownImportMetaUrl(LIB), zodEnglishOnly],
  external: ['pino-pretty', 'msw', 'msw/*', 'openapi-backend', 'ajv-formats'],
  metafile: true,
  logLevel: 'warning',
});
for (const f of assets) {
  mkdirSync(dirname(join(OUT, f)), { recursive: true });
  cpSync(join(SRC, f), join(OUT, f));
}

/**
 * Runs a command that has no code cache, so it writes one as it exits; `drive` gets its stdout and ends it.
 * Resolves when it exited 0.
 */
function runForCache(file, args, drive) {
  // None of the settings the commands read from the environment (a shell's MX_SIM_CLIENTS or
  // MX_SIM_CONTRACT, say): the build's run is the plain start. NODE_OPTIONS stays, as the user's runs have it.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(MX_SIM_|LOG_)/.test(k) && k !== 'HOST' && k !== 'PORT'),
  ); // any client_id:api_key, so the request below is answered as usual
  const child = spawn(process.execPath, [file, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const exited = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${relative(ROOT, file)} ${args.join(' ')} exited with ${code ?? signal}`));
    });
  });
  return Promise.all([exited, drive?.(child)]);
}

/**
 * The commands' code caches (src/cached-bundle.ts): each command runs once and writes what it compiled as
 * it exits. The simulator runs until it has answered a first request in each version (the start a CI job
 * pays), the client prints its help (its modules and options).
 */
async function writeCodeCaches() {
  const { cacheFileOf } = await import(pathToFileURL(join(OUT, 'cached-bundle.js')).href);
  // The build's caches and those runs wrote for their own Node and options: all made from old bundles.
  for (const f of readdirSync(BIN)) if (f.endsWith('.v8-cache') || f.endsWith('.tmp')) rmSync(join(BIN, f));
  const server = commands.find((c) => c.name === 'mx-sim');
  await runForCache(server.file, ['--port', '0', '--host', '127.0.0.1', '--log-level', 'warn'], async (child) => {
    let out = '';
    const url = await new Promise((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/\S+?)\/?\s/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`mx-sim exited before listening:\n${out}`)));
    });
    const auth = `Basic ${Buffer.from('build:code-cache').toString('base64')}`;
    for (const accept of [{ 'Accept-Version': 'v20250224' }, { Accept: 'application/vnd.mx.api.v1+json' }]) {
      const res = await fetch(`${url}/institutions/mxbank`, { headers: { Authorization: auth, ...accept } });
      await res.arrayBuffer();
    }
    child.kill('SIGINT');
  });
  const client = commands.find((c) => c.name === 'mx-sim-client');
  await runForCache(client.file, ['--help'], (child) => child.stdout.resume());
  for (const c of commands) {
    if (!existsSync(cacheFileOf(c.bundle))) throw new Error(`${relative(ROOT, c.file)} wrote no code cache`);
  }
  return commands.map((c) => relative(OUT, cacheFileOf(c.bundle)));
}
// Without a cache the commands still run, only slower to start: a build that cannot run them here (no
// loopback port, say) warns and goes on. test/e2e (cli, package) fails when a cache goes unused.
let caches = [];
try {
  caches = await writeCodeCaches();
} catch (e) {
  console.warn(`build: no code cache for the commands (${e.message}); they start without one, compiling as usual`);
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
  ...[metafile, libraryMetafile].flatMap((m) => Object.keys(m.outputs).map((f) => relative(OUT, join(ROOT, f)))),
  ...commands.map((c) => relative(OUT, c.file)),
  ...caches,
]);
for (const f of existsSync(OUT) ? files(OUT) : []) if (!built.has(f)) rmSync(join(OUT, f));
