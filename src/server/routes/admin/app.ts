// The admin API (/_mx-sim): its chain (errors, health, auth, components), each module's routes, and its document.
import { OpenAPIHono } from '@hono/zod-openapi';
import { errors } from '../../errors.js';
import { notFound, onError } from '../../middleware/errors.js';
import { ClockChangeSchema, scenarioOpenApiSchema } from '../../schemas/admin.js';
import { nullableBranches } from '../../schemas/common.js';
import { validationHook } from '../validation.js';
import { registerClockRoutes } from './clock.js';
import type { AdminApi, AdminDeps, AdminEnv } from './common.js';
import { registerContractRoutes } from './contract.js';
import { registerDocumentRoutes } from './documents.js';
import { registerExportRoutes } from './export.js';
import { registerHealthRoutes } from './health.js';
import { registerJournalRoutes } from './journal.js';
import { registerMicrodepositAdminRoutes } from './microdeposits.js';
import { registerScenarioRoutes } from './scenarios.js';
import { registerUiRoutes } from './ui.js';
import { registerWebhookRoutes } from './webhooks.js';

export function buildAdminApp(deps: AdminDeps): AdminApi {
  const api = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });
  api.onError(onError(deps.logger));
  // Before the auth middleware: a readiness check carries no credentials.
  registerHealthRoutes(api, deps);
  registerDocumentRoutes(api, deps);
  // The client's world for the rest of the request, as on the API (store/tenant.ts): a route that changes
  // it claims a slot first; a world that still holds nothing when the request ends is dropped.
  api.use('*', async (c, next) => {
    c.header('X-Request-Id', c.env.requestId);
    const clientId = deps.authenticate(c.req.header('authorization'));
    c.set('clientId', clientId);
    deps.tenants.enter(clientId);
    try {
      await next();
    } finally {
      deps.tenants.leave(clientId);
    }
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'basicAuth', {
    type: 'http',
    scheme: 'basic',
    description: "HTTP Basic with `client_id:api_key`: the admin API acts on that client_id's world only.",
  });
  api.openAPIRegistry.register('ClockChange', ClockChangeSchema);
  // The Scenario schema (JSON Schema from zod, tens of ms) joins when the document is first asked for.

  // In this order: openapi/admin.json lists the operations as they are registered.
  registerScenarioRoutes(api, deps);
  registerClockRoutes(api, deps);
  registerExportRoutes(api, deps);
  registerContractRoutes(api, deps);
  registerWebhookRoutes(api, deps);
  registerJournalRoutes(api, deps);
  registerMicrodepositAdminRoutes(api, deps);
  // The inspector page: HTML for people, not part of the admin API's document.
  registerUiRoutes(api, deps);

  // Unknown admin paths keep their own message; a known path with another method is 405 with Allow.
  api.notFound(notFound(api, (method, path) => errors.notFound('admin route', `${method} ${path}`)));
  return api;
}

/** Admin apps whose registry has the Scenario schema. */
const withScenarioSchema = new WeakSet<AdminApi>();

/** openapi/admin.json: the admin API, generated from the modules' route definitions. */
export function adminDocument(api: AdminApi) {
  if (!withScenarioSchema.has(api)) {
    api.openAPIRegistry.registerComponent('schemas', 'Scenario', scenarioOpenApiSchema() as never);
    withScenarioSchema.add(api);
  }
  return nullableBranches(
    api.getOpenAPIDocument({
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
    }),
  );
}
