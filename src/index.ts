// `mx-sim`, the package's main entry point: the simulator in-process (createSimulator), its clocks, scenario
// loading and the contract watch, and `listen` to serve it on a port. The reference client is
// `mx-sim/client`, the test helpers `mx-sim/testing`, the MSW handlers `mx-sim/msw` (docs/package.md).

export { API_VERSIONS, type ApiVersion } from './mx/versions.js';
export {
  BUILTINS_DIR,
  builtinScenarioNames,
  type LoadedScenario,
  loadScenario,
  loadScenarioFile,
  parseScenario,
  resolveScenarioPath,
  ScenarioError,
} from './scenarios/load.js';
export type { Scenario } from './scenarios/schema.js';
export { createSimulator, type Simulator, type SimulatorOptions } from './server/app.js';
export { type Clock, isoTime, ManualClock, systemClock } from './server/clock.js';
export { type Listening, type ListenOptions, listen } from './server/http-server.js';
export { type ContractWatch, loadContractWatch } from './server/watch/contract-watch.js';
