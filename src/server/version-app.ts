// Builds one API version's app: its route table, validation, errors and OpenAPI document.
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { ApiVersion } from '../mx/versions.js';
import { settleTenant } from './domain/settle.js';
import { MxError } from './errors.js';
import type { VersionLayer } from './layers/layer.js';
import { notFound, onError } from './middleware/errors.js';
import { registerAccountRoutes } from './routes/accounts.js';
import type { RouteDeps, VersionApi, VersionEnv } from './routes/context.js';
import { registerInstitutionRoutes } from './routes/institutions.js';
import { registerMemberDataRoutes } from './routes/member-data.js';
import { registerMemberJobRoutes } from './routes/member-jobs.js';
import { registerMemberRoutes } from './routes/members.js';
import { registerTransactionRoutes } from './routes/transactions.js';
import { registerUserRoutes } from './routes/users.js';
import { validationHook } from './routes/validation.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export function buildVersionApp(layer: VersionLayer, deps: RouteDeps): VersionApi {
  const api = new OpenAPIHono<VersionEnv>({ defaultHook: validationHook });
  api.onError(onError(deps.logger));
  // Every response echoes the request id the outer app chose; set first, so that errors carry it too.
  // (Routes that build their own `Response` put it in their headers themselves.)
  api.use('*', (c, next) => {
    c.header('X-Request-Id', c.env.requestId);
    return next();
  });
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new MxError(413, 'Request body too large: the simulator accepts bodies up to 1 MiB', 'payload_too_large');
    },
  });
  // GET and HEAD carry no body, and asking for one makes @hono/node-server build a full WHATWG Request.
  api.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limit(c, next)));
  api.openAPIRegistry.registerComponent('securitySchemes', 'basicAuth', {
    type: 'http',
    scheme: 'basic',
    description: 'HTTP Basic with `client_id:api_key`. Each client_id is an isolated simulated world.',
  });
  api.openAPIRegistry.registerComponent('parameters', 'Version', layer.versionHeader);
  // Before any handler reads state, apply the lifecycle steps that are due by the clock.
  api.use('*', async (c, next) => {
    settleTenant(c.env.tenant, c.env.tenant.clock.now());
    await next();
  });
  if (layer.mediaType !== 'application/json') {
    // JSON success bodies go out in the version's media type, as MX's document declares them.
    api.use('*', async (c, next) => {
      await next();
      if (c.res.status < 400 && c.res.headers.get('content-type')?.startsWith('application/json')) {
        c.res.headers.set('content-type', layer.mediaType);
      }
    });
  }
  // Route modules register every operation; the ones this version does not have are left out here.
  const table = new Proxy(api, {
    get(target, key, receiver) {
      if (key !== 'openapi') return Reflect.get(target, key, receiver);
      return ((route, ...rest) =>
        layer.omits.has(route.operationId ?? '') ? target : target.openapi(route, ...rest)) as VersionApi['openapi'];
    },
  });
  registerInstitutionRoutes(table, layer);
  registerUserRoutes(table, layer);
  registerMemberRoutes(table, deps, layer);
  registerMemberJobRoutes(table, deps, layer);
  registerAccountRoutes(table, layer);
  registerTransactionRoutes(table, layer);
  registerMemberDataRoutes(table, layer);
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
