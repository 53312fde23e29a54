// Mutation testing of the rules: `npm run test:mutation` (not part of `npm test`). It mutates the engine (the
// lifecycle table, outcomes and answers, challenges) and the domain modules that hold the job rules (jobs:
// throttle and challenges; settle: step order and background aggregation; faults; populate; lookup), about
// 970 mutants, each judged by the pure unit tests (vitest.mutation.config.ts). For the whole domain core:
//   npm run test:mutation -- --mutate 'src/server/engine/**/*.ts,src/server/domain/**/*.ts'
// Reports: reports/mutation/mutation.html and .json. (`-- --incremental` reuses the last run's results, but
// Stryker 9.4 with vitest then re-tests no survivor that a new test would kill: use it only for source edits.)
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/server/engine/**/*.ts',
    'src/server/domain/jobs.ts',
    'src/server/domain/settle.ts',
    'src/server/domain/faults.ts',
    'src/server/domain/populate.ts',
    'src/server/domain/lookup.ts',
  ],
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  concurrency: 2,
  timeoutMS: 5_000,
  thresholds: { high: 90, low: 75, break: null },
};
