// What every route handler receives about its request, and the shared pieces it may use.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { ApiVersion } from '../../mx/versions.js';
import type { OAuthSessions } from '../store/oauth.js';
import type { Tenant } from '../store/tenant.js';
import type { WidgetSessions } from '../store/widget-sessions.js';

/** Passed from the outer app to a version's app as its bindings (`c.env`). */
export interface RequestContext {
  tenant: Tenant;
  version: ApiVersion;
  requestId: string;
}

export type VersionEnv = { Bindings: RequestContext };
export type VersionApi = OpenAPIHono<VersionEnv>;

/** Shared by every route module of a version app. */
export interface RouteDeps {
  logger: Logger;
  oauth: OAuthSessions;
  /** Where oauth_window_uri points (the simulator's public URL, never the request's Host), without a trailing slash. */
  publicBase: (requestUrl: string) => string;
  /** Widget URLs and the Connect widget sessions they open. */
  widgets: WidgetSessions;
}
