// Shared by the admin modules: ADMIN_PREFIX, route(), adminErrors, the scenario body limit, the types.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { ApiVersion } from '../../../mx/versions.js';
import { type LoadedScenario, SCENARIO_LIMITS } from '../../../scenarios/load.js';
import type { BodyLimit } from '../../middleware/body-limit.js';
import { ErrorResponseSchema } from '../../schemas/common.js';
import type { Journals } from '../../store/journal.js';
import type { Tenant, Tenants } from '../../store/tenant.js';
import type { ContractWatcher } from '../../watch/contract-watch.js';

export const ADMIN_PREFIX = '/_mx-sim';

export interface AdminDeps {
  startup: readonly LoadedScenario[];
  stacks: Map<string, LoadedScenario[]>;
  build: (clientId: string, stack: readonly LoadedScenario[]) => Tenant;
  tenants: Tenants;
  authenticate: (header: string | undefined) => string;
  logger: Logger;
  /** The contract watch, when the simulator runs with one, and each client's log. */
  contract?: ContractWatcher | undefined;
  /** Each client's request journal (GET /_mx-sim/journal, the inspector page). */
  journals: Journals;
  /** One of the simulator's OpenAPI documents, generated (GET /_mx-sim/openapi/{document}). */
  document: (name: 'admin.json' | `${ApiVersion}.json`) => object;
}

/** The outer app passes the request id it chose; auth sets the client. */
export type AdminEnv = { Bindings: { requestId: string }; Variables: { clientId: string } };
export type AdminApi = OpenAPIHono<AdminEnv>;

/** The scenarios a client's world runs: those it loaded, else those given at start. */
export const stackOf = (deps: AdminDeps, clientId: string) => deps.stacks.get(clientId) ?? deps.startup;

/** The one admin request whose body may pass the API's body limit (app.ts applies both). */
export const SCENARIO_UPLOAD = { method: 'POST', path: `${ADMIN_PREFIX}/scenarios` } as const;

/**
 * A scenario body may be far larger than an API body: an export of the largest world the export allows
 * (100,000 transactions, about 30 MB of YAML) must load back. Parsing that takes about 10 s. The parser
 * applies the other limits (nesting, tokens, aliases) as it reads.
 */
export const SCENARIO_BODY_LIMIT: BodyLimit = {
  bytes: SCENARIO_LIMITS.bytes,
  says: `a scenario may be up to ${SCENARIO_LIMITS.bytes / 1024 / 1024} MiB`,
};

const ERRORS: Record<number, string> = {
  400: 'Bad request: the message says what to fix.',
  401: 'Unauthorized: missing or invalid HTTP Basic credentials (client_id:api_key).',
  404: 'Not found.',
  413: 'Too large: the message says the limit.',
  503:
    'tenant_limit_reached: this client_id has no world yet, this request needs one, and the simulator already ' +
    'keeps as many as --max-tenants allows.',
};

/** The error responses of an admin operation: 401 and 503 (the tenant limit) always, then the given statuses. */
export function adminErrors(...statuses: number[]) {
  return Object.fromEntries(
    [401, ...statuses, 503].map((s) => [
      String(s),
      { description: ERRORS[s] ?? 'Error', content: { 'application/json': { schema: ErrorResponseSchema } } },
    ]),
  );
}

/** An admin operation: its path under ADMIN_PREFIX, tagged with its resource. */
export const route = <const R extends Parameters<typeof createRoute>[0]>(tag: string, r: R) =>
  createRoute({ ...r, path: `${ADMIN_PREFIX}${r.path}`, tags: [tag] }) as R;
