// `mx-sim/client`: the typed reference client for MX's Platform API (v20250224), the integration flow it
// runs (against the simulator in-process, any URL, or MX), recording and replay, and the contract checks
// against OpenAPI documents. The same code as the `mx-sim-client` command.

export {
  type ClientExchange,
  ContractRecorder,
  checkExchange,
  type LoadedContract,
  loadContract,
  type OperationReport,
  reportLines,
  toJUnit,
} from '../contract/report.js';
export { ContractValidator, type Exchange, formatViolations, type Violation } from '../contract/validator.js';
export { type ContractWatch, loadContractWatch } from '../server/watch/contract-watch.js';
export {
  type Answer,
  type Challenge,
  type ChallengeAnswerer,
  type CredentialField,
  type CredentialSource,
  type OAuthHandler,
  printOAuth,
  scriptedAnswerer,
  scriptedCredentials,
  simulatorOAuth,
} from './answerers.js';
export {
  API_VERSION,
  createMxClient,
  MX_INTEGRATION_URL,
  type MxApi,
  type MxClient,
  type MxClientOptions,
  ok,
  type Schemas,
} from './client.js';
export { MxApiError, MxTimeoutError } from './errors.js';
export {
  FlowError,
  type FlowOptions,
  type FlowResult,
  PRODUCTS,
  type Product,
  type ProductData,
  runFlow,
  summarize,
  summaryLines,
} from './flow.js';
export { eachItem, listAll, type Pagination } from './paginate.js';
export { type RecordedExchange, Recorder, readRecording, redactExchange } from './record.js';
export { type RunIo, type RunOptions, type RunOutcome, runCommand } from './run.js';
export { MX_ENV_HINT, mxTarget, simulatorTarget, type Target, urlTarget } from './targets.js';
export { type Conversion, type ConversionOptions, recordingToScenario, scenarioYaml } from './to-scenario.js';
export {
  createTransport,
  DEFAULT_RETRY,
  type Fetch,
  type RetryEvent,
  type RetryPolicy,
  realSleep,
  type Sleep,
  type TransportOptions,
  type WireExchange,
} from './transport.js';
