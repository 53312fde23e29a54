// Mutation testing of the domain core and the engine: `npm run test:mutation` (not part of `npm test`). It
// mutates src/server/engine (the lifecycle table, outcomes and answers, challenges) and src/server/domain (the
// rules: users, members, jobs, throttle, OAuth, transaction queries, faults, settling, presets), about 1,400
// mutants, each judged by the pure unit tests (vitest.mutation.config.ts): 47 minutes measured on 2 cores
// under a load of 12; expect a third of that on a quiet machine.
// One module or a few: `npm run test:mutation -- --mutate src/server/domain/settle.ts`.
// Reports: reports/mutation/mutation.html and .json. (`-- --incremental` reuses the last run's results, but
// Stryker 9.4 with vitest then re-tests no survivor that a new test would kill: use it only for source edits.)
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: ['src/server/engine/**/*.ts', 'src/server/domain/**/*.ts'],
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  concurrency: 2,
  timeoutMS: 5_000,
  thresholds: { high: 90, low: 75, break: null },
};
