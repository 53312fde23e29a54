// Mutation testing of the domain core and the engine: `npm run test:mutation` (not part of `npm test`).
// Each mutant is judged by the pure unit tests (vitest.mutation.config.ts). The HTML and JSON reports go
// to reports/mutation/. A run takes about ten minutes on a 2-core machine.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: ['src/server/engine/**/*.ts', 'src/server/domain/**/*.ts'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  concurrency: 2,
  timeoutMS: 10_000,
  thresholds: { high: 90, low: 75, break: null },
};
