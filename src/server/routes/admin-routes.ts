// The admin API's route table (/_mx-sim): each operation defined once, with its schemas and errors. The
// admin app (admin.ts) serves these definitions and openapi/admin.json is generated from them.
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { MxError } from '../errors.js';
import {
  ClockStateSchema,
  ContractReportSchema,
  HealthSchema,
  ScenariosStateSchema,
  ScenarioTextSchema,
  scenarioRef,
  WebhookLogSchema,
} from '../schemas/admin.js';
import { ErrorResponseSchema, json } from '../schemas/common.js';
import { MAX_EXPORT_TRANSACTIONS } from '../store/snapshot.js';

export const ADMIN_PREFIX = '/_mx-sim';

/**
 * A scenario body may be far larger than an API body: an export of the largest world the export allows
 * (100,000 transactions, about 30 MB of YAML) must load back. Parsing that takes about 10 s.
 */
export const MAX_SCENARIO_BYTES = 64 * 1024 * 1024;

const scenarioLimit = bodyLimit({
  maxSize: MAX_SCENARIO_BYTES,
  onError: () => {
    throw new MxError(413, 'Request body too large: a scenario may be up to 64 MiB', 'payload_too_large');
  },
});

const ERRORS: Record<number, string> = {
  400: 'Bad request: the message says what to fix.',
  401: 'Unauthorized: missing or invalid HTTP Basic credentials (client_id:api_key).',
  404: 'Not found.',
  413: 'Too large: the message says the limit.',
};

function adminErrors(...statuses: number[]) {
  return Object.fromEntries(
    [401, ...statuses].map((s) => [
      String(s),
      { description: ERRORS[s] ?? 'Error', content: { 'application/json': { schema: ErrorResponseSchema } } },
    ]),
  );
}

const route = <const R extends Parameters<typeof createRoute>[0]>(tag: string, r: R) =>
  createRoute({ ...r, path: `${ADMIN_PREFIX}${r.path}`, tags: [tag] }) as R;

export const scenariosRoutes = {
  list: route('scenarios', {
    method: 'get',
    path: '/scenarios',
    operationId: 'listScenarios',
    summary: "The scenarios this client's world runs, and its seed",
    responses: { 200: json(ScenariosStateSchema), ...adminErrors() },
  }),
  load: route('scenarios', {
    method: 'post',
    path: '/scenarios',
    operationId: 'loadScenario',
    middleware: [scenarioLimit] as const,
    summary: 'Load one more scenario: the world starts afresh with it',
    description:
      'Adds the scenario on top of the current ones; users, members and data are cleared. The body is YAML or ' +
      'JSON whatever its Content-Type (up to 64 MiB). A scenario that fails validation answers 400 ' +
      '(`invalid_scenario`, every problem with its line) and changes nothing.',
    request: {
      query: z.object({
        source: z
          .string()
          .optional()
          .openapi({ param: { name: 'source', in: 'query' }, description: 'Names the scenario in error messages.' }),
      }),
      body: {
        required: true,
        content: {
          'application/yaml': { schema: ScenarioTextSchema },
          'application/json': { schema: scenarioRef() },
        },
      },
    },
    responses: { 201: json(ScenariosStateSchema, 'Created'), ...adminErrors(400, 413) },
  }),
  remove: route('scenarios', {
    method: 'delete',
    path: '/scenarios',
    operationId: 'deleteScenarios',
    summary: 'Back to the scenarios given at start, afresh',
    responses: { 200: json(ScenariosStateSchema), ...adminErrors() },
  }),
  reset: route('scenarios', {
    method: 'post',
    path: '/reset',
    operationId: 'resetWorld',
    summary: 'The same scenarios, afresh (users, members and data cleared)',
    responses: { 200: json(ScenariosStateSchema), ...adminErrors() },
  }),
};

export const clockRoutes = {
  read: route('clock', {
    method: 'get',
    path: '/clock',
    operationId: 'readClock',
    summary: "This client's time",
    responses: { 200: json(ClockStateSchema), ...adminErrors() },
  }),
  move: route('clock', {
    method: 'post',
    path: '/clock',
    operationId: 'moveClock',
    summary: "Move this client's time on",
    description:
      'The lifecycle steps that fall due (a challenge that expires, a job that finishes, a background ' +
      "aggregation) run before the client's next API request. Time only moves forward.",
    request: {
      body: {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ClockChange' } } },
      },
    },
    responses: { 200: json(ClockStateSchema), ...adminErrors(400) },
  }),
};

export const healthRoute = route('health', {
  method: 'get',
  path: '/health',
  operationId: 'readHealth',
  summary: 'Is the simulator up (no credentials needed)',
  description:
    'For readiness checks in CI (`curl --retry-connrefused`, wait-on, …): answers 200 as soon as the simulator ' +
    'serves requests. It needs no Authorization header and touches no client world.',
  security: [],
  responses: { 200: json(HealthSchema) },
});

export const exportRoute = route('export', {
  method: 'get',
  path: '/export',
  operationId: 'exportWorld',
  summary: "This client's world as a scenario document (a snapshot)",
  description:
    'Its users and members, with exactly the accounts and transactions they show now, and the institutions ' +
    'its scenarios added. Loading it (`--scenario` or POST /_mx-sim/scenarios) into any simulator, whatever its seed, ' +
    'reproduces them. A member shows its connection_status when that is a status a job ends in, else CONNECTED; ' +
    'a member no job has succeeded for comes back without accounts. Credentials, outcome rules, faults and timing ' +
    `are not exported. Up to ${MAX_EXPORT_TRANSACTIONS.toLocaleString('en-US')} transactions (400 beyond: export one user at a time).`,
  request: {
    query: z.object({
      format: z
        .enum(['yaml', 'json'], { error: 'must be yaml or json' })
        .optional()
        .openapi({ param: { name: 'format', in: 'query' }, description: 'Default yaml.' }),
      user: z
        .string()
        .optional()
        .openapi({ param: { name: 'user', in: 'query' }, description: 'Only this user (guid or id).' }),
    }),
  },
  responses: {
    200: {
      description: 'The scenario document',
      content: {
        'application/yaml': { schema: { type: 'string' as const, description: 'The scenario as YAML.' } },
        'application/json': { schema: scenarioRef() },
      },
    },
    ...adminErrors(400, 404),
  },
});

export const contractRoutes = {
  read: route('contract', {
    method: 'get',
    path: '/contract',
    operationId: 'readContractReport',
    summary: "This client's traffic checked against the API documents (contract watch)",
    description:
      "Every MX API request this client sent, and the answer it got, checked against MX's official OpenAPI " +
      "documents (`--contract mx`) or the project's own (`--contract own`), grouped per operation. `?format=junit` " +
      'answers JUnit XML (one testcase per operation). 400 when the simulator runs without `--contract`.',
    request: {
      query: z.object({
        format: z
          .enum(['json', 'junit'], { error: 'must be json or junit' })
          .optional()
          .openapi({ param: { name: 'format', in: 'query' }, description: 'Default json.' }),
      }),
    },
    responses: {
      200: {
        description: 'The report',
        content: {
          'application/json': { schema: ContractReportSchema },
          'application/xml': { schema: { type: 'string' as const, description: 'JUnit XML.' } },
        },
      },
      ...adminErrors(400),
    },
  }),
  clear: route('contract', {
    method: 'delete',
    path: '/contract',
    operationId: 'clearContractReport',
    summary: "Forget this client's checked traffic",
    responses: { 200: json(ContractReportSchema), ...adminErrors(400) },
  }),
};

export const webhookRoutes = {
  read: route('webhooks', {
    method: 'get',
    path: '/webhooks',
    operationId: 'readWebhooks',
    summary: 'The webhooks MX would have sent this client, and how their delivery went',
    description:
      "Always kept, with or without a url in the scenario's `webhooks:` section: each webhook's type, JSON body, " +
      "the simulated time it fell due, and its delivery state. Lifecycle steps due by the client's time are " +
      'applied first, as for an API request. At most 10,000 are kept (the oldest go first).',
    request: {
      query: z.object({
        type: z
          .enum(['CONNECTION_STATUS', 'AGGREGATION', 'HISTORY', 'STATEMENT', 'BALANCE', 'VERIFICATION', 'REWARD'], {
            error: 'must be one of CONNECTION_STATUS, AGGREGATION, HISTORY, STATEMENT, BALANCE, VERIFICATION, REWARD',
          })
          .optional()
          .openapi({ param: { name: 'type', in: 'query' }, description: 'Only webhooks of this type.' }),
      }),
    },
    responses: { 200: json(WebhookLogSchema), ...adminErrors(400) },
  }),
  clear: route('webhooks', {
    method: 'delete',
    path: '/webhooks',
    operationId: 'clearWebhooks',
    summary: "Forget this client's logged webhooks",
    description: 'Deliveries under way still finish; they are no longer listed.',
    responses: { 200: json(WebhookLogSchema), ...adminErrors() },
  }),
};
