// The tests StrykerJS runs against each mutant (`npm run test:mutation`): the pure unit tests only,
// no HTTP and no sockets, so a mutant is judged in milliseconds. Kept apart from vitest.config.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // test/lifecycle.test.ts is the state machine's own pure test (until it moves under test/unit/).
    include: ['test/unit/**/*.test.ts', 'test/lifecycle.test.ts'],
    testTimeout: 20_000,
  },
});
