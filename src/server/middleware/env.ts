// The typed context variables the root app's middleware chain sets, one each, in the order they run.
import type { ApiVersion } from '../../mx/versions.js';
import type { Tenant } from '../store/tenant.js';

export interface RootVariables {
  /** request-id.ts: the caller's X-Request-Id when acceptable, else a deterministic one. */
  requestId: string;
  /** auth.ts: the world of the authenticated client_id. */
  tenant: Tenant;
  /** version.ts: the API version the headers ask for. */
  version: ApiVersion;
  /** faults.ts: a scenario fault fired for this request (the contract watch then looks away). */
  faulted: boolean;
  /** contract-watch.ts: how many problems the contract watch found in this request and its answer. */
  contractViolations: number;
}

export type RootEnv = { Variables: RootVariables };
