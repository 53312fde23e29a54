// createSimulator(options) builds the whole simulator as a Hono app; it never listens.
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { type Logger, pino } from 'pino';
import { type Clock, systemClock } from './clock.js';
import type { RouteDeps, VersionApi } from './context.js';
import { generateInstitutions, testInstitutions } from './data/institutions.js';
import { FAST_TIMING, MX_TIMING, type Timing } from './engine/lifecycle.js';
import { errors } from './errors.js';
import { auth, type ClientCredential } from './middleware/auth.js';
import { onError } from './middleware/errors.js';
import { version } from './middleware/version.js';
import { oauthConsentRoutes } from './routes/oauth-consent.js';
import { InstitutionCatalog } from './store/institutions.js';
import { OAuthSessions } from './store/oauth.js';
import { Tenant, Tenants } from './store/tenant.js';
import { buildVersionApp, versionDocument } from './version-app.js';
import type { ApiVersion } from './versions.js';

export interface SimulatorOptions {
  /** Seeds every generated id and record; one seed gives identical responses. Default `mx-sim`. */
  seed?: string | number;
  /** The one source of time. Default: the system clock. Tests pass a ManualClock. */
  clock?: Clock;
  /** Restrict access to these client_id/api_key pairs (401 otherwise). Default: any non-empty pair. */
  clients?: readonly ClientCredential[];
  /** Require the Accept-Version header, as MX does after 2026-08-12. */
  strictVersion?: boolean;
  /** How many generated institutions join MX's test institutions. Default 300. */
  institutionCount?: number;
  /** Job durations: MX-like seconds by default; `fast` completes jobs within milliseconds. */
  fast?: boolean;
  /** Override individual durations (ms). */
  timing?: Partial<Timing>;
  /** Where logs go. Default: silent. Credentials and API keys are never logged. */
  logger?: Logger;
}

type RootEnv = { Variables: { clientId: string; version: ApiVersion; requestId: string } };

export const DEFAULT_SEED = 'mx-sim';
export const DEFAULT_FAVORITES = ['mxbank', 'mx_bank_oauth', 'mxcu_oauth', 'mxcu_credential', 'simbank'];

export function createSimulator(options: SimulatorOptions = {}) {
  const seed = String(options.seed ?? DEFAULT_SEED);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? pino({ level: 'silent' });
  const catalog = new InstitutionCatalog(
    [...testInstitutions(), ...generateInstitutions(seed, options.institutionCount ?? 300)],
    DEFAULT_FAVORITES,
  );
  const tenants = new Tenants((clientId) => new Tenant(clientId, seed, catalog));
  const timing: Timing = { ...(options.fast ? FAST_TIMING : MX_TIMING), ...options.timing };
  const oauth = new OAuthSessions();
  const deps: RouteDeps = { clock, logger, timing, oauth };
  const apis = new Map<ApiVersion, VersionApi>([['v20250224', buildVersionApp('v20250224', deps)]]);

  const app = new Hono<RootEnv>();
  app.onError(onError(logger));
  let requests = 0;
  // Deterministic request ids (a caller's own X-Request-Id is echoed back instead).
  app.use('*', requestId({ generator: () => `req-${(++requests).toString(36).padStart(6, '0')}` }));
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        reqId: c.var.requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.route('/', oauthConsentRoutes({ clock, timing, oauth, tenants }));
  app.use('*', auth(options.clients));
  app.use('*', version({ strict: options.strictVersion ?? false }));
  app.all('*', async (c) => {
    const api = apis.get(c.var.version);
    if (!api) {
      throw errors.notAcceptable(
        `API version ${c.var.version} is not served by this build of mx-sim yet; send 'Accept-Version: v20250224'`,
      );
    }
    const res = await api.fetch(c.req.raw, {
      tenant: tenants.get(c.var.clientId),
      version: c.var.version,
      requestId: c.var.requestId,
    });
    res.headers.set('X-Request-Id', c.var.requestId);
    return res;
  });

  return {
    app,
    clock,
    tenants,
    timing,
    seed,
    /** The project's OpenAPI document for one version, generated from the route definitions. */
    openapi(v: ApiVersion) {
      const api = apis.get(v);
      if (!api) throw new Error(`version ${v} is not served`);
      return versionDocument(api, v);
    },
  };
}

export type Simulator = ReturnType<typeof createSimulator>;
