// The e2e project's global setup: bundles the two commands (src/server/main.ts, src/client/cli.ts) once,
// with their packages, so a test that spawns one loads one file instead of tsx compiling each of our
// modules and node resolving hundreds of package files on every start (about 0.6 s a start against
// about 3 s, on a 2-core machine). Same source: each of our modules keeps its own import.meta.url,
// so built-in scenarios and the OpenAPI documents are found where they are under tsx. One test in
// cli.test.ts still starts the simulator `npm start`'s way (tsx), and client-bin.test.ts runs the bin,
// so that path stays covered. The bundles are kept in node_modules/.cache/mx-sim-e2e and built again
// only when one of their inputs changed.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Bundled entry points: node runs them directly. */
    commands: { server: string; client: string };
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = `${ROOT}node_modules/.cache/mx-sim-e2e`;

/** Keeps each of our modules' own import.meta.url in the bundle. */
const ownImportMetaUrl: Plugin = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.ts$/ }, async ({ path }) => ({
      contents: (await readFile(path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
      loader: 'ts',
    }));
  },
};

/** The bundles' inputs (our modules and the packages') with their size and time, from the last build. */
const MANIFEST = `${OUT}/inputs.json`;

function stamp(path: string): string | undefined {
  try {
    const { size, mtimeMs } = statSync(path);
    return `${size}:${mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** True when the last build's bundles exist and none of its inputs changed. */
function fresh(): boolean {
  try {
    const inputs = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
    return (
      [`${OUT}/mx-sim.mjs`, `${OUT}/mx-sim-client.mjs`].every((f) => stamp(f) !== undefined) &&
      Object.entries(inputs).every(([path, was]) => stamp(`${ROOT}${path}`) === was)
    );
  } catch {
    return false;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide('commands', { server: `${OUT}/mx-sim.mjs`, client: `${OUT}/mx-sim-client.mjs` });
  if (fresh()) return;
  mkdirSync(OUT, { recursive: true });
  const { metafile } = await build({
    absWorkingDir: ROOT,
    entryPoints: { 'mx-sim': 'src/server/main.ts', 'mx-sim-client': 'src/client/cli.ts' },
    outdir: OUT,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // CommonJS packages in an ESM bundle still require Node's own modules.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
    plugins: [ownImportMetaUrl],
    metafile: true,
  });
  // This file too: a change to how the bundles are built builds them again.
  const paths = [...Object.keys(metafile.inputs), 'test/e2e/setup.ts'];
  const inputs = Object.fromEntries(paths.map((path) => [path, stamp(`${ROOT}${path}`)]));
  writeFileSync(MANIFEST, JSON.stringify(inputs));
}
