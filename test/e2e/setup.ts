// The e2e project's global setup: runs the build without types (`npm run build:js`, scripts/build.mjs: src/ to dist/, under a
// second), so the tests that spawn a command run exactly what `npm start` and the bins run, compiled from
// the source as it is now: dist/ is never stale here.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The installed commands' entry points: node runs them directly. */
    commands: { server: string; client: string };
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default function setup(project: TestProject): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--no-types'], { cwd: ROOT, stdio: 'inherit' });
  project.provide('commands', { server: `${ROOT}bin/mx-sim.js`, client: `${ROOT}bin/mx-sim-client.js` });
}
