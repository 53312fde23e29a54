// The tests StrykerJS runs against each mutant (`npm run test:mutation`): the pure unit tests only,
// no HTTP and no sockets. Kept apart from vitest.config.ts.
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Test files whose imports are cheap (the engine alone) run first: a mutant they kill stops the run
 * (Stryker bails on the first failure) before the files that import the whole store are loaded.
 */
const LIGHT_FIRST = ['lifecycle-table', 'outcomes', 'lifecycle'];

class LightFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const name = f.moduleId.split('/').pop()?.replace(/\.test\.ts$/, '') ?? '';
      const i = LIGHT_FIRST.indexOf(name);
      return i === -1 ? LIGHT_FIRST.length : i;
    };
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

export default defineConfig({
  test: {
    // The unit project's files (vitest.config.ts): pure, no HTTP and no sockets.
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 20_000,
    // One module graph for all files of a run.
    isolate: false,
    sequence: { sequencer: LightFirst },
  },
});
