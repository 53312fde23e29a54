// The e2e project's global setup: bundles the two commands (src/server/main.ts, src/client/cli.ts) once,
// with their packages, so a test that spawns one loads one file instead of tsx compiling each of our
// modules and node resolving hundreds of package files on every start (about 0.6 s a start against
// about 3 s, on a 2-core machine). Same source: each of our modules keeps its own import.meta.url,
// so built-in scenarios and the OpenAPI documents are found where they are under tsx. One test in
// cli.test.ts still starts the simulator `npm start`'s way (tsx), and client-bin.test.ts runs the bin,
// so that path stays covered.
import { mkdirSync } from 'node:fs';
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

export default async function setup(project: TestProject): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await build({
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
  });
  project.provide('commands', { server: `${OUT}/mx-sim.mjs`, client: `${OUT}/mx-sim-client.mjs` });
}
