// Helpers for the reference client's tests: an in-process simulator target with scenarios, and a sleep
// that records every wait (and moves the simulator's manual clock instead of waiting).

import { simulatorTarget, type Target } from '../../src/client/targets.js';
import { parseScenario } from '../../src/scenarios/load.js';

export function target(yaml?: string, clientId = 'flow-test'): Target {
  const scenarios = yaml ? [{ scenario: parseScenario(yaml, 'test.yaml'), source: 'test.yaml' }] : [];
  return simulatorTarget({ scenarios, seed: 'flow-tests' }, clientId);
}

/** The target's sleep, recording each delay. */
export function recordingSleep(t: Target): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms) => {
      delays.push(ms);
      await t.sleep(ms);
    },
  };
}
