// Helpers for the reference client's tests: an in-process simulator target with scenarios, a sleep
// that records every wait (and moves the simulator's manual clock instead of waiting), the flow run
// with scripted inputs, and its traffic checked against the documents.

import { expect } from 'vitest';
import { scriptedAnswerer, scriptedCredentials, simulatorOAuth } from '../../src/client/answerers.js';
import { createMxClient } from '../../src/client/client.js';
import { type FlowOptions, runFlow } from '../../src/client/flow.js';
import { simulatorTarget, type Target } from '../../src/client/targets.js';
import type { WireExchange } from '../../src/client/transport.js';
import { ContractRecorder } from '../../src/contract/report.js';
import type { ContractValidator } from '../../src/contract/validator.js';
import { parseScenario } from '../../src/scenarios/load.js';
import { mxSpecPath, mxValidator, ownValidator } from './contract.js';

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

/** Runs the flow on a target with scripted inputs; every exchange is kept and checked against the documents. */
export async function flow(t: Target, password: string, options: Partial<FlowOptions> = {}) {
  const { sleep, delays } = recordingSleep(t);
  const exchanges: WireExchange[] = [];
  const retries: number[] = [];
  const lines: string[] = [];
  const mx = createMxClient({
    ...t,
    sleep,
    onExchange: (e) => exchanges.push(e),
    onRetry: (e) => retries.push(e.delayMs),
  });
  const result = await runFlow(mx, {
    credentials: scriptedCredentials({ PASSWORD: password }),
    answerer: scriptedAnswerer(),
    oauth: simulatorOAuth(mx.fetch),
    sleep,
    log: (l) => lines.push(l),
    ...options,
  });
  return { result, exchanges, delays, retries, lines };
}

/** No violation against the project's document, nor MX's where it is on this machine. */
export async function expectWireConformant(exchanges: readonly WireExchange[]) {
  // The validators the HTTP tests share (loaded once per worker), for the documents loadContract(spec) loads.
  for (const validator of [await ownValidator('v20250224'), ...(mxSpecPath ? [await mxValidator('v20250224')] : [])]) {
    const checks = new ContractRecorder(validator as ContractValidator);
    for (const e of exchanges) checks.record(e);
    expect(checks.operations().flatMap((op) => op.violations)).toEqual([]);
  }
}
