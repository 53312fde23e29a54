// Builds one API version's app: its route table, validation, errors and OpenAPI document.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiVersion } from '../mx/versions.js';
import type { VersionLayer } from './layers/layer.js';
import { notFound, onError } from './middleware/errors.js';
import { registerAccountRoutes } from './routes/accounts.js';
import { registerAchReturnRoutes } from './routes/ach-returns.js';
import { registerBudgetRoutes } from './routes/budgets.js';
import { registerCardProductRoutes } from './routes/card-products.js';
import { registerCashFlowRoutes } from './routes/cash-flow.js';
import { registerCategoryRoutes } from './routes/categories.js';
import type { RouteDeps, VersionApi, VersionEnv } from './routes/context.js';
import { registerCredentialRoutes } from './routes/credentials.js';
import { registerGoalRoutes } from './routes/goals.js';
import { registerInsightRoutes } from './routes/insights.js';
import { registerInstitutionRoutes } from './routes/institutions.js';
import { registerManagedRoutes } from './routes/managed.js';
import { registerManualRoutes } from './routes/manual.js';
import { registerMemberDataRoutes } from './routes/member-data.js';
import { registerMemberJobRoutes } from './routes/member-jobs.js';
import { registerMemberRoutes } from './routes/members.js';
import { registerMerchantRoutes } from './routes/merchants.js';
import { registerMicrodepositRoutes } from './routes/microdeposits.js';
import { registerNotificationRoutes } from './routes/notifications.js';
import { registerProcessorRoutes } from './routes/processor.js';
import { MemoRouter } from './routes/router.js';
import { registerSpendingPlanRoutes } from './routes/spending-plans.js';
import { registerTagRoutes } from './routes/tags.js';
import { registerTransactionEditRoutes } from './routes/transaction-edits.js';
import { registerTransactionRoutes } from './routes/transactions.js';
import { registerUserRoutes } from './routes/users.js';
import { validationHook } from './routes/validation.js';
import { registerWidgetUrlRoutes } from './routes/widget-urls.js';
import { nullableBranches } from './schemas/common.js';

/**
 * Every answer echoes the request id the root chose. Hono's `c.json` and `c.body` keep their headers in a
 * plain object only when there is one; with two (the content type and the id), or after any `c.header()`,
 * they build a `Headers` object, which @hono/node-server then converts back to write it. So this request's
 * `c.json` and `c.body` make the answer with one plain header object; after a `c.header()` call, or given
 * a ResponseInit, they leave it to Hono with the id added. Answers already encoded (kept pages) go out
 * through the same `c.body`.
 *
 * `c.json` answers bytes, not the JSON text: Node's http writes a text body by appending it to the header
 * text, and that copy outlived the young generation, so every answer was copied again into the old one and
 * collected there (about 10 KB per 8.5 KB accounts list; `--trace-gc-nvp` under `npm run bench:http`). As
 * bytes the body goes to the socket as is, beside the headers: the accounts list's collector time per
 * request fell from about 30 µs to 9.
 */
const JSON_TYPE = { 'content-type': 'application/json' };

const withRequestId: MiddlewareHandler<VersionEnv> = (c, next) => {
  const id = c.env.requestId;
  const { json, body, header } = c;
  let prepared = false;
  c.header = ((...args: Parameters<typeof header>) => {
    prepared = true;
    return header(...args);
  }) as typeof header;
  const plain = (arg: unknown) => !prepared && (arg === undefined || typeof arg === 'number');
  c.json = ((object: unknown, arg?: number | ResponseInit, headers?: Record<string, string>) => {
    if (!plain(arg) || headers !== undefined) {
      header('X-Request-Id', id);
      return json(object as never, arg as never, headers);
    }
    return c.body(Buffer.from(JSON.stringify(object)), arg as ContentfulStatusCode | undefined, JSON_TYPE);
  }) as typeof json;
  c.body = ((data: BodyInit | null, arg?: number | ResponseInit, headers?: Record<string, string>) => {
    if (!plain(arg)) {
      header('X-Request-Id', id);
      return body(data as never, arg as never, headers);
    }
    return new Response(data, {
      status: (arg as number | undefined) ?? 200,
      headers: { ...headers, 'x-request-id': id },
    });
  }) as typeof body;
  return next();
};

/**
 * MX's v20111101 document declares some request bodies as `application/vnd.mx.api.v1+json`, and MX's Node
 * SDK sends them so (budgets, among others): a body in MX's v1 media type is read as the JSON it is. Only
 * requests with a body look at the header.
 */
const V1_BODY = 'application/vnd.mx.api.v1+json';
const v1Body: MiddlewareHandler<VersionEnv> = (c, next) => {
  const method = c.req.method;
  if (method !== 'GET' && method !== 'HEAD' && c.req.header('content-type')?.toLowerCase().startsWith(V1_BODY)) {
    const headers = new Headers(c.req.raw.headers);
    headers.set('content-type', 'application/json');
    c.req.raw = new Request(c.req.raw, { headers, duplex: 'half' } as RequestInit);
  }
  return next();
};

export function buildVersionApp(layer: VersionLayer, deps: RouteDeps): VersionApi {
  const api = new OpenAPIHono<VersionEnv>({ defaultHook: validationHook, router: new MemoRouter() });
  api.onError(onError(deps.logger));
  api.use('*', withRequestId);
  api.use('*', v1Body);
  api.openAPIRegistry.registerComponent('securitySchemes', 'basicAuth', {
    type: 'http',
    scheme: 'basic',
    description: 'HTTP Basic with `client_id:api_key`. Each client_id is an isolated simulated world.',
  });
  api.openAPIRegistry.registerComponent('parameters', 'Version', layer.versionHeader);
  /** Requests of operations whose success body MX declares as plain application/json in this version. */
  const plainJson = new WeakSet<Request>();
  if (layer.mediaType !== 'application/json') {
    // JSON success bodies go out in the version's media type, as MX's document declares them.
    api.use('*', async (c, next) => {
      await next();
      if (
        c.res.status < 400 &&
        c.res.headers.get('content-type')?.startsWith('application/json') &&
        !plainJson.has(c.req.raw)
      ) {
        c.res.headers.set('content-type', layer.mediaType);
      }
    });
  }
  // Route modules register every operation; the ones this version does not have (layer.omits) are left out.
  const register = api.openapi.bind(api);
  api.openapi = ((route, handler, ...rest) => {
    if (layer.omits.has(route.operationId ?? '')) return api;
    const declared = Object.keys((route.responses[200] as { content?: object } | undefined)?.content ?? {});
    if (layer.mediaType === 'application/json' || !declared.includes('application/json')) {
      return register(route, handler, ...rest);
    }
    const plain: typeof handler = (c, next) => {
      plainJson.add(c.req.raw);
      return handler(c, next);
    };
    return register(route, plain, ...rest);
  }) as VersionApi['openapi'];
  registerInstitutionRoutes(api, layer);
  registerUserRoutes(api, layer);
  registerMemberRoutes(api, deps, layer);
  registerMemberJobRoutes(api, deps, layer);
  registerAccountRoutes(api, layer);
  registerTransactionRoutes(api, layer);
  registerMemberDataRoutes(api, layer);
  registerProcessorRoutes(api, layer);
  registerCardProductRoutes(api, layer);
  registerCredentialRoutes(api, deps, layer);
  registerMicrodepositRoutes(api, layer);
  registerAchReturnRoutes(api, layer);
  registerCategoryRoutes(api, layer);
  registerTagRoutes(api, layer);
  registerManualRoutes(api, layer);
  registerManagedRoutes(api, layer);
  registerTransactionEditRoutes(api, layer);
  registerMerchantRoutes(api, layer);
  registerCashFlowRoutes(api, layer);
  registerBudgetRoutes(api, layer);
  registerGoalRoutes(api, layer);
  registerNotificationRoutes(api, layer);
  registerSpendingPlanRoutes(api, layer);
  registerInsightRoutes(api, layer);
  registerWidgetUrlRoutes(api, deps, layer);
  api.notFound(notFound(api));
  return api;
}

export function versionDocument(api: VersionApi, version: ApiVersion) {
  const number = version.slice(1);
  return nullableBranches(
    api.getOpenAPIDocument({
      openapi: '3.0.3',
      info: {
        title: `mx-sim: MX Platform API ${version}`,
        version: number,
        description: `The routes mx-sim serves for MX Platform API ${version}. Generated from the route definitions; do not edit.`,
      },
      servers: [{ url: 'http://localhost:8080', description: 'mx-sim (npm start)' }],
      security: [{ basicAuth: [] }],
    }),
  );
}
