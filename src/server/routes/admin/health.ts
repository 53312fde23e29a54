// GET /_mx-sim/health: the readiness check, answered without credentials.
import { API_VERSIONS } from '../../../mx/versions.js';
import { HealthSchema } from '../../schemas/admin.js';
import { json } from '../../schemas/common.js';
import { type AdminApi, type AdminDeps, route } from './common.js';

const healthRoute = route('health', {
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

/** Registered before the auth middleware (app.ts): a readiness check carries no credentials. */
export function registerHealthRoutes(api: AdminApi, _deps: AdminDeps): void {
  api.openapi(healthRoute, (c) => {
    c.header('X-Request-Id', c.env.requestId);
    return c.json({ status: 'ok' as const, versions: [...API_VERSIONS] }, 200);
  });
}
