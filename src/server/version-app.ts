// Builds one API version's app: its route table, validation, errors and OpenAPI document.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiVersion } from '../mx/versions.js';
import type { VersionLayer } from './layers/layer.js';
import { notFound, onError } from './middleware/errors.js';
import { registerAccountRoutes } from './routes/accounts.js';
import type { RouteDeps, VersionApi, VersionEnv } from './routes/context.js';
import { registerInstitutionRoutes } from './routes/institutions.js';
import { registerMemberDataRoutes } from './routes/member-data.js';
import { registerMemberJobRoutes } from './routes/member-jobs.js';
import { registerMemberRoutes } from './routes/members.js';
import { MemoRouter } from './routes/router.js';
import { registerTransactionRoutes } from './routes/transactions.js';
import { registerUserRoutes } from './routes/users.js';
import { validationHook } from './routes/validation.js';

export function buildVersionApp(layer: VersionLayer, deps: RouteDeps): VersionApi {
  const api = new OpenAPIHono<VersionEnv>({ defaultHook: validationHook, router: new MemoRouter() });
  api.onError(onError(deps.logger));
  // Every answer echoes the request id the root chose; set before the handler, so errors carry it too.
  api.use('*', (c, next) => {
    c.header('X-Request-Id', c.env.requestId);
    return next();
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'basicAuth', {
    type: 'http',
    scheme: 'basic',
    description: 'HTTP Basic with `client_id:api_key`. Each client_id is an isolated simulated world.',
  });
  api.openAPIRegistry.registerComponent('parameters', 'Version', layer.versionHeader);
  if (layer.mediaType !== 'application/json') {
    // JSON success bodies go out in the version's media type, as MX's document declares them.
    api.use('*', async (c, next) => {
      await next();
      if (c.res.status < 400 && c.res.headers.get('content-type')?.startsWith('application/json')) {
        c.res.headers.set('content-type', layer.mediaType);
      }
    });
  }
  // Route modules register every operation; the ones this version does not have (layer.omits) are left out.
  const register = api.openapi.bind(api);
  api.openapi = ((route, ...rest) =>
    layer.omits.has(route.operationId ?? '') ? api : register(route, ...rest)) as VersionApi['openapi'];
  registerInstitutionRoutes(api, layer);
  registerUserRoutes(api, layer);
  registerMemberRoutes(api, deps, layer);
  registerMemberJobRoutes(api, deps, layer);
  registerAccountRoutes(api, layer);
  registerTransactionRoutes(api, layer);
  registerMemberDataRoutes(api, layer);
  api.notFound(notFound(api));
  return api;
}

export function versionDocument(api: VersionApi, version: ApiVersion) {
  const number = version.slice(1);
  return api.getOpenAPIDocument({
    openapi: '3.0.3',
    info: {
      title: `mx-sim: MX Platform API ${version}`,
      version: number,
      description: `The routes mx-sim serves for MX Platform API ${version}. Generated from the route definitions; do not edit.`,
    },
    servers: [{ url: 'http://localhost:8080', description: 'mx-sim (npm start)' }],
    security: [{ basicAuth: [] }],
  });
}
