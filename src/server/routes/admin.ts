// The simulator's own admin API, per client_id (HTTP Basic, like the API; no version header): the handlers
// of the routes defined in admin-routes.ts, and the admin document generated from them.
// A scenario that fails validation changes nothing and answers 400 with every problem.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import { API_VERSIONS } from '../../mx/versions.js';
import { type LoadedScenario, parseScenario, ScenarioError } from '../../scenarios/load.js';
import { WEBHOOK_TYPES } from '../../scenarios/schema.js';
import { isoTime } from '../clock.js';
import { settleTenant } from '../domain/settle.js';
import { errors, MxError } from '../errors.js';
import { notFound, onError } from '../middleware/errors.js';
import { ClockChangeSchema, scenarioOpenApiSchema, type WebhookPayloadWire } from '../schemas/admin.js';
import { SnapshotTooLarge, snapshotScenario, snapshotYaml } from '../store/snapshot.js';
import type { Tenant, Tenants } from '../store/tenant.js';
import type { WebhookEntry } from '../store/webhook-log.js';
import { type ContractWatcher, contractJUnit, contractReport } from '../watch/contract-watch.js';
import {
  ADMIN_PREFIX,
  clockRoutes,
  contractRoutes,
  exportRoute,
  healthRoute,
  scenariosRoutes,
  webhookRoutes,
} from './admin-routes.js';
import { validationHook } from './validation.js';

export interface AdminDeps {
  startup: readonly LoadedScenario[];
  stacks: Map<string, LoadedScenario[]>;
  build: (clientId: string, stack: readonly LoadedScenario[]) => Tenant;
  tenants: Tenants;
  authenticate: (header: string | undefined) => string;
  logger: Logger;
  /** The contract watch, when the simulator runs with one, and each client's log. */
  contract?: ContractWatcher | undefined;
}

/** The outer app passes the request id it chose; auth sets the client. */
export type AdminEnv = { Bindings: { requestId: string }; Variables: { clientId: string } };
export type AdminApi = OpenAPIHono<AdminEnv>;

export { ADMIN_PREFIX };

function describe(clientId: string, stack: readonly LoadedScenario[], tenant: Tenant) {
  return {
    client_id: clientId,
    seed: tenant.seed,
    scenarios: stack.map((s) => ({ name: s.scenario.name ?? null, source: s.source })),
  };
}

function clockState(clientId: string, tenant: Tenant) {
  return { client_id: clientId, now: isoTime(tenant.clock.now()), offset_ms: tenant.clock.offsetMs };
}

/** A webhook entry on the wire: ISO due time, one flat delivery object. */
function presentWebhook(e: WebhookEntry) {
  const d = e.delivery;
  return {
    guid: e.guid,
    type: e.type,
    due_at: isoTime(e.due_at),
    // The builders in webhooks/events.ts write only the fields WebhookPayloadSchema lists.
    payload: e.payload as WebhookPayloadWire,
    delivery: {
      state: d.state,
      attempts: d.state === 'logged' ? 0 : d.attempts,
      status: d.state === 'delivered' ? d.status : null,
      last_error: d.state === 'failed' || d.state === 'pending' ? d.last_error : null,
    },
  };
}

function webhookLog(clientId: string, tenant: Tenant, type?: WebhookEntry['type']) {
  const config = tenant.webhooks.config;
  let url: string | null = null;
  if (config?.url) {
    // Userinfo in the url is a credential: never shown.
    const u = new URL(config.url);
    u.username = '';
    u.password = '';
    url = u.toString();
  }
  return {
    client_id: clientId,
    url,
    types: [...(config?.types ?? WEBHOOK_TYPES)],
    webhooks: tenant.webhooks.entries(type).map(presentWebhook),
  };
}

/** A scenario problem is the caller's to fix: 400 with every problem. */
function asInvalidScenario(e: unknown): never {
  if (e instanceof ScenarioError) throw new MxError(400, e.message, 'invalid_scenario');
  throw e;
}

export function buildAdminApp(deps: AdminDeps): AdminApi {
  const api = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });
  api.onError(onError(deps.logger));
  // Before the auth middleware: a readiness check carries no credentials.
  api.openapi(healthRoute, (c) => {
    c.header('X-Request-Id', c.env.requestId);
    return c.json({ status: 'ok' as const, versions: [...API_VERSIONS] }, 200);
  });
  api.use('*', async (c, next) => {
    c.header('X-Request-Id', c.env.requestId);
    c.set('clientId', deps.authenticate(c.req.header('authorization')));
    await next();
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'basicAuth', {
    type: 'http',
    scheme: 'basic',
    description: "HTTP Basic with `client_id:api_key`: the admin API acts on that client_id's world only.",
  });
  api.openAPIRegistry.register('ClockChange', ClockChangeSchema);
  api.openAPIRegistry.registerComponent('schemas', 'Scenario', scenarioOpenApiSchema() as never);

  const stackOf = (clientId: string) => deps.stacks.get(clientId) ?? deps.startup;
  const fresh = (clientId: string, stack: readonly LoadedScenario[]) => {
    let tenant: Tenant;
    try {
      tenant = deps.build(clientId, stack);
    } catch (e) {
      asInvalidScenario(e);
    }
    if (stack === deps.startup) deps.stacks.delete(clientId);
    else deps.stacks.set(clientId, [...stack]);
    deps.tenants.replace(clientId, tenant);
    return tenant;
  };

  api.openapi(scenariosRoutes.list, (c) => {
    const clientId = c.var.clientId;
    return c.json(describe(clientId, stackOf(clientId), deps.tenants.get(clientId)), 200);
  });
  api.openapi(scenariosRoutes.load, async (c) => {
    const clientId = c.var.clientId;
    // Any Content-Type: the body is read as text and parsed as YAML (JSON is YAML).
    const text = await c.req.text();
    if (!text.trim())
      throw errors.badRequest('send the scenario (YAML or JSON) as the request body', 'invalid_scenario');
    const source = c.req.valid('query').source ?? 'request body';
    let loaded: LoadedScenario;
    try {
      loaded = { scenario: parseScenario(text, source), source };
    } catch (e) {
      asInvalidScenario(e);
    }
    const next = [...stackOf(clientId), loaded];
    return c.json(describe(clientId, next, fresh(clientId, next)), 201);
  });
  api.openapi(scenariosRoutes.remove, (c) => {
    const clientId = c.var.clientId;
    return c.json(describe(clientId, deps.startup, fresh(clientId, deps.startup)), 200);
  });
  api.openapi(scenariosRoutes.reset, (c) => {
    const clientId = c.var.clientId;
    const stack = stackOf(clientId);
    return c.json(describe(clientId, stack, fresh(clientId, stack)), 200);
  });

  api.openapi(clockRoutes.read, (c) => c.json(clockState(c.var.clientId, deps.tenants.get(c.var.clientId)), 200));
  api.openapi(clockRoutes.move, async (c) => {
    const tenant = deps.tenants.get(c.var.clientId);
    // Parsed here rather than by the route's validator, so that any Content-Type is taken (curl -d sends a form type).
    let raw: unknown;
    try {
      raw = JSON.parse(await c.req.text());
    } catch {
      throw errors.badRequest(
        'send a JSON body: {"advance_ms": 10800000} or {"to": "2026-02-01T00:00:00Z"}',
        'invalid_json',
      );
    }
    const parsed = ClockChangeSchema.safeParse(raw);
    if (!parsed.success) throw errors.validation(z.prettifyError(parsed.error).replace(/\n\s*/g, ' '));
    const { advance_ms, to } = parsed.data;
    if (advance_ms !== undefined) {
      tenant.clock.advance(advance_ms);
    } else {
      const target = Date.parse(to as string);
      const now = tenant.clock.now();
      if (target < now) {
        throw errors.badRequest(
          `to: ${to} is before this client's now (${isoTime(now)}); time only moves forward (reset to start over)`,
          'clock_backwards',
        );
      }
      tenant.clock.advance(target - now);
    }
    return c.json(clockState(c.var.clientId, tenant), 200);
  });

  api.openapi(exportRoute, (c) => {
    const clientId = c.var.clientId;
    const tenant = deps.tenants.get(clientId);
    // What is due by this client's time is part of its world, as for an API request.
    settleTenant(tenant, tenant.clock.now());
    const { format = 'yaml', user } = c.req.valid('query');
    const users = user === undefined ? undefined : [tenant.users.get(user)];
    let scenario: ReturnType<typeof snapshotScenario>;
    try {
      scenario = snapshotScenario(tenant, stackOf(clientId), users);
    } catch (e) {
      if (!(e instanceof SnapshotTooLarge)) throw e;
      throw errors.badRequest(
        `${e.message}: export one user at a time (GET /_mx-sim/export?user=ID), or delete members you do not need`,
        'export_too_large',
      );
    }
    if (format === 'json') {
      // Compact: JSON is for programs (the YAML has a line per transaction, for people and diffs).
      return c.body(`${JSON.stringify(scenario)}\n`, 200, { 'Content-Type': 'application/json' });
    }
    return c.body(snapshotYaml(scenario), 200, { 'Content-Type': 'application/yaml; charset=utf-8' });
  });

  /** The client's log and the watch it is checked against; 400 when the simulator runs without one. */
  const watched = (clientId: string) => {
    if (!deps.contract) {
      throw errors.badRequest(
        "contract watch is off: start mx-sim with --contract mx (MX's documents) or --contract own",
        'contract_watch_off',
      );
    }
    return { watch: deps.contract.watch, log: deps.contract.logFor(clientId) };
  };
  api.openapi(contractRoutes.read, (c) => {
    const { watch, log } = watched(c.var.clientId);
    if (c.req.valid('query').format === 'junit') {
      return c.body(contractJUnit(watch, log), 200, { 'Content-Type': 'application/xml; charset=utf-8' });
    }
    return c.json(contractReport(c.var.clientId, watch, log), 200);
  });
  api.openapi(contractRoutes.clear, (c) => {
    const { watch, log } = watched(c.var.clientId);
    log.clear();
    return c.json(contractReport(c.var.clientId, watch, log), 200);
  });

  api.openapi(webhookRoutes.read, (c) => {
    const tenant = deps.tenants.get(c.var.clientId);
    settleTenant(tenant, tenant.clock.now());
    return c.json(webhookLog(c.var.clientId, tenant, c.req.valid('query').type), 200);
  });
  api.openapi(webhookRoutes.clear, (c) => {
    const tenant = deps.tenants.get(c.var.clientId);
    tenant.webhooks.clear();
    return c.json(webhookLog(c.var.clientId, tenant), 200);
  });

  // Unknown admin paths keep their own message; a known path with another method is 405 with Allow.
  api.notFound(notFound(api, (method, path) => errors.notFound('admin route', `${method} ${path}`)));
  return api;
}

/** openapi/admin.json: the admin API, generated from the route definitions above. */
export function adminDocument(api: AdminApi) {
  return api.getOpenAPIDocument({
    openapi: '3.0.3',
    info: {
      title: 'mx-sim admin API',
      version: '1',
      description:
        "The simulator's own API under /_mx-sim (scenarios, reset, clock, export, contract watch, webhooks), per client_id. " +
        'Generated from the route definitions; do not edit.',
    },
    servers: [{ url: 'http://localhost:8080', description: 'mx-sim (npm start)' }],
    security: [{ basicAuth: [] }],
  });
}
