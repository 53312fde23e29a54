// Where the flow runs: the simulator in-process (default), any base URL, or MX's integration environment.
// Only the base URL, the credentials, the transport and the sleep differ; the flow is the same code.
import { createSimulator, type SimulatorOptions } from '../server/app.js';
import { ManualClock } from '../server/clock.js';
import { MX_INTEGRATION_URL } from './client.js';
import { type Fetch, realSleep, type Sleep } from './transport.js';

export interface Target {
  kind: 'simulator' | 'url' | 'mx';
  /** For messages: never includes credentials. */
  label: string;
  baseUrl: string;
  clientId: string;
  apiKey: string;
  /** The transport; undefined means real HTTP. */
  fetch?: Fetch;
  /** How polling and retries wait. In-process, it moves the simulator's manual clock: instant. */
  sleep: Sleep;
  /** The in-process simulator, when there is one. */
  simulator?: ReturnType<typeof createSimulator>;
}

export const MX_ENV_HINT =
  'set MX_CLIENT_ID and MX_API_KEY (MX integration credentials) to run against https://int-api.mx.com';

/**
 * An in-process simulator on a manual clock: waiting advances simulated time instead of real time, so the
 * flow polls every 3 s as against MX and still finishes at once.
 */
export function simulatorTarget(options: SimulatorOptions = {}, clientId = 'mx-sim-flow'): Target {
  const clock = options.clock instanceof ManualClock ? options.clock : new ManualClock(Date.now());
  const baseUrl = 'http://mx-sim.local';
  const simulator = createSimulator({
    ...options,
    clock,
    sleep: options.sleep ?? (async () => {}),
    publicUrl: options.publicUrl ?? baseUrl,
  });
  return {
    kind: 'simulator',
    label: 'the in-process simulator',
    baseUrl,
    clientId,
    apiKey: 'mx-sim-flow-key',
    fetch: (req) => Promise.resolve(simulator.app.fetch(req)),
    sleep: async (ms) => {
      clock.advance(ms);
    },
    simulator,
  };
}

export function urlTarget(baseUrl: string, clientId: string, apiKey: string, sleep: Sleep = realSleep): Target {
  return { kind: 'url', label: new URL(baseUrl).origin, baseUrl, clientId, apiKey, sleep };
}

/** MX's integration environment, when MX_CLIENT_ID and MX_API_KEY are set; undefined otherwise. */
export function mxTarget(env: NodeJS.ProcessEnv = process.env, sleep: Sleep = realSleep): Target | undefined {
  const clientId = env.MX_CLIENT_ID;
  const apiKey = env.MX_API_KEY;
  if (!clientId || !apiKey) return undefined;
  return {
    kind: 'mx',
    label: `MX integration (${MX_INTEGRATION_URL})`,
    baseUrl: MX_INTEGRATION_URL,
    clientId,
    apiKey,
    sleep,
  };
}
