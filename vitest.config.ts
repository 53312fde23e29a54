import { defineConfig, type Plugin } from 'vitest/config';

/**
 * The unit project's rule, checked as its modules load: a unit test reaches the server app, its routes
 * and middleware, or an HTTP stack by no import path. (Sockets and child processes are refused at run
 * time by test/helpers/no-sockets.ts.)
 */
function noServerImports(): Plugin {
  const forbidden = [
    /\/src\/server\/(app|version-app|main)\.ts$/,
    /\/src\/server\/(routes|middleware)\//,
    /\/test\/helpers\/(server|members|flow)\.ts$/,
  ];
  const forbiddenPackages = /^(@hono\/node-server|supertest|mx-platform-node)(\/|$)/;
  return {
    name: 'unit-tests-import-no-server',
    enforce: 'pre',
    resolveId(source, importer) {
      if (forbiddenPackages.test(source)) {
        this.error(`unit tests import no HTTP stack: ${source} (from ${importer}); move the test to test/http or test/e2e`);
      }
      return null;
    },
    transform(_code, id) {
      if (forbidden.some((p) => p.test(id))) {
        this.error(`unit tests import no server app, route or HTTP helper: ${id}; move the test to test/http`);
      }
      return null;
    },
  };
}

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Vitest defaults to one worker on a 2-core machine; e2e tests mostly wait on child processes and sockets.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        plugins: [noServerImports()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/helpers/no-sockets.ts'],
          pool: 'threads',
          // Pure modules: one module graph for all files.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'http',
          // Room for a busy machine (npm test runs the typecheck beside the tests): a hung test still fails.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          include: ['test/http/**/*.test.ts'],
          setupFiles: ['test/helpers/no-sockets.ts'],
          pool: 'threads',
          // Files share the loaded modules and the compiled contract validators (test/helpers/contract.ts);
          // each file still starts its own simulator.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/setup.ts'],
          pool: 'threads',
          // Files share the loaded modules; each starts its own servers and processes.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          // Real Chromium (Debian's package, driven by playwright-core): skipped with one line where absent.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          include: ['test/browser/**/*.test.ts'],
          pool: 'forks',
        },
      },
    ],
  },
});
