// Widget URLs: requestWidgetURL (both versions) and v20111101's deprecated requestConnectWidgetURL. The URL is
// the simulator's own Connect widget page (routes/widget/), single use, good for ten minutes of the client's
// clock. The rules are in domain/widgets.ts; docs/connect-widget.md.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { userOf } from '../domain/lookup.js';
import { requestWidgetUrl, type WidgetRequest, widgetConfig } from '../domain/widgets.js';
import { type VersionLayer, versionJson, versionParams, versionRoute } from '../layers/layer.js';
import { errorResponses, jsonBody } from '../schemas/common.js';
import { callbackHeaders } from '../schemas/params.js';
import {
  ConnectWidgetRequestBodySchema,
  ConnectWidgetResponseBodySchema,
  WIDGET_REQUEST_BODIES,
  WIDGET_RESPONSE_BODIES,
  WIDGET_TYPES_BY_VERSION,
} from '../schemas/widgets.js';
import type { RouteDeps, VersionApi, VersionEnv } from './context.js';

const widgetHeaders = callbackHeaders.extend({
  'accept-language': z
    .string()
    .optional()
    .openapi({
      param: { in: 'header' },
      description: "The widget's language (`locale` in the body wins), e.g. en-US or fr-CA.",
    }),
});

const URL_RULES =
  "The URL opens the simulated Connect widget (other widget types: a page that says they are not simulated); it works once, for ten minutes of the client's clock.";

function routesFor(v: VersionLayer) {
  const route = <const R extends Parameters<typeof versionRoute>[2]>(r: R) => versionRoute(v, 'widgets', r);
  const params = versionParams(v, 'user_guid');
  return {
    widgetUrl: route({
      method: 'post',
      path: '/users/{user_guid}/widget_urls',
      operationId: 'requestWidgetURL',
      summary: 'Request widget URL',
      description: `${URL_RULES} 404 for an unknown user, current_member_guid or current institution; 400 naming the option otherwise.`,
      request: { params, headers: widgetHeaders, body: jsonBody(WIDGET_REQUEST_BODIES[v.version]) },
      responses: { 200: versionJson(v, WIDGET_RESPONSE_BODIES[v.version]), ...errorResponses(400, 404, 415) },
    }),
    connectWidgetUrl: route({
      method: 'post',
      path: '/users/{user_guid}/connect_widget_url',
      operationId: 'requestConnectWidgetURL',
      summary: '(Deprecated) Request connect widget URL',
      description: `The Connect widget's URL, as requestWidgetURL with widget_type connect_widget. ${URL_RULES}`,
      deprecated: true,
      request: { params, headers: widgetHeaders, body: jsonBody(ConnectWidgetRequestBodySchema) },
      responses: { 200: versionJson(v, ConnectWidgetResponseBodySchema), ...errorResponses(400, 404, 415) },
    }),
  };
}

export function registerWidgetUrlRoutes(api: VersionApi, deps: RouteDeps, v: VersionLayer): void {
  const routes = routesFor(v);
  const issue = (
    c: Context<VersionEnv>,
    userGuid: string,
    request: WidgetRequest,
    headers: { 'accept-language'?: string | undefined; 'x-callback-payload'?: string | undefined },
  ) => {
    const tenant = c.env.tenant;
    const user = userOf(tenant, { user_guid: userGuid });
    const config = widgetConfig(
      tenant,
      user,
      request,
      {
        acceptLanguage: headers['accept-language'],
        callbackPayload: headers['x-callback-payload'],
        version: v.version,
      },
      WIDGET_TYPES_BY_VERSION[v.version],
    );
    return { user, config, url: requestWidgetUrl(tenant, deps.widgets, deps.publicBase(c.req.url), user, config) };
  };

  api.openapi(routes.widgetUrl, (c) => {
    const request = c.req.valid('json').widget_url;
    const { user, config, url } = issue(
      c,
      (c.req.valid('param') as { user_guid: string }).user_guid,
      request,
      c.req.valid('header'),
    );
    return c.json({ widget_url: { type: config.widget_type, url, user_id: user.id } }, 200);
  });

  api.openapi(routes.connectWidgetUrl, (c) => {
    const config = c.req.valid('json').config ?? {};
    const request = { ...config, widget_type: 'connect_widget' };
    const { user, url } = issue(
      c,
      (c.req.valid('param') as { user_guid: string }).user_guid,
      request,
      c.req.valid('header'),
    );
    return c.json({ user: { connect_widget_url: url, guid: user.guid } }, 200);
  });
}
