// createSimulator(options) builds the whole simulator as a Hono app; it never listens.
import { Hono } from 'hono';
import { type Logger, pino } from 'pino';
import type { ApiVersion } from '../mx/versions.js';
import type { LoadedScenario } from '../scenarios/load.js';
import { type Clock, systemClock } from './clock.js';
import { settleTenant } from './domain/settle.js';
import { FAST_TIMING, MX_TIMING, type Timing } from './engine/lifecycle.js';
import { LAYERS } from './layers/index.js';
import { accessLog } from './middleware/access-log.js';
import { auth, authenticator, type ClientCredential } from './middleware/auth.js';
import { API_BODY_LIMIT, bodyLimit } from './middleware/body-limit.js';
import { contractWatch } from './middleware/contract-watch.js';
import { crossSiteWrites } from './middleware/cross-site.js';
import type { RootEnv } from './middleware/env.js';
import { onError } from './middleware/errors.js';
import { faults } from './middleware/faults.js';
import { journal } from './middleware/journal.js';
import { processorClient } from './middleware/processor-auth.js';
import { requestId } from './middleware/request-id.js';
import { settle } from './middleware/settle.js';
import { version } from './middleware/version.js';
import { adminDocument, buildAdminApp } from './routes/admin/app.js';
import { ADMIN_PREFIX, SCENARIO_BODY_LIMIT, SCENARIO_UPLOAD } from './routes/admin/common.js';
import type { RouteDeps, VersionApi } from './routes/context.js';
import {
  consentBodyLimit,
  OAUTH_CONSENT_PATH,
  oauthConsentPage,
  parsePublicUrl,
  publicBaseOf,
} from './routes/oauth-consent.js';
import { widgetPage } from './routes/widget/page.js';
import { SimulatorState } from './state-file.js';
import { DEFAULT_JOURNAL_SIZE, Journals } from './store/journal.js';
import { OAuthSessions } from './store/oauth.js';
import { DEFAULT_MAX_TENANTS, Tenants } from './store/tenant.js';
import { WIDGET_PREFIX, WidgetSessions } from './store/widget-sessions.js';
import { buildVersionApp, versionDocument } from './version-app.js';
import { type ContractWatch, ContractWatcher } from './watch/contract-watch.js';
import { Deliverer, type DeliveryOptions } from './webhooks/delivery.js';
import { WebhookAllowList } from './webhooks/targets.js';
import { DEFAULT_FAVORITES, DEFAULT_SEED, Worlds } from './worlds.js';

export interface SimulatorOptions {
  /** Seeds every generated id and record; one seed gives identical responses. Default `mx-sim`. */
  seed?: string | number;
  /** The one source of time. Default: the system clock. Tests pass a ManualClock. */
  clock?: Clock;
  /** Restrict access to these client_id/api_key pairs (401 otherwise). Default: any non-empty pair. */
  clients?: readonly ClientCredential[];
  /**
   * Let the v1 `Accept: application/vnd.mx.api.v1+json` header alone select v20111101, as MX did
   * before 2026-08-12. Default false: every MX API request must send `Accept-Version` (406 otherwise).
   */
  lenientVersion?: boolean;
  /**
   * @deprecated Requiring `Accept-Version` is the default now; accepted and ignored. Contradicts
   * `lenientVersion: true` (createSimulator throws).
   */
  strictVersion?: boolean;
  /** How many generated institutions join MX's test institutions. Default 300. */
  institutionCount?: number;
  /** Job durations: MX-like seconds by default; `fast` completes jobs within milliseconds. */
  fast?: boolean;
  /** Override individual durations (ms). */
  timing?: Partial<Timing>;
  /** Where logs go. Default: silent. Credentials and API keys are never logged. */
  logger?: Logger;
  /** Scenarios every client's world starts with, merged in order (see src/scenarios). */
  scenarios?: readonly LoadedScenario[];
  /**
   * Contract watch: check every MX API request and answer against these documents, per client_id
   * (`loadContractWatch('mx' | 'own')`; read the report at GET /_mx-sim/contract).
   */
  contract?: ContractWatch;
  /** How injected latency waits (real time by default; it delays the HTTP answer, not simulated time). */
  sleep?: (ms: number) => Promise<void>;
  /** How webhooks are delivered to a scenario's `webhooks.url`: attempts, backoff, timeout, sleep, fetch. */
  webhookDelivery?: DeliveryOptions;
  /**
   * The URL browsers reach the simulator at (`--public-url`): oauth_window_uri points under it. Default:
   * where main.ts listens (`listeningOn`), else the request's origin when it is a loopback host, else
   * `http://localhost`; never another machine named by a request's Host header.
   */
  publicUrl?: string;
  /**
   * Where a scenario's `webhooks.url` may point (`--webhook-allow`): host names (as written, not
   * resolved), IP addresses and CIDRs; a scenario pointing elsewhere is refused when it loads. Default:
   * any http(s) URL.
   */
  webhookAllow?: readonly string[];
  /**
   * How many client_ids may hold a world at once (default 1000); past that a new client_id whose request
   * would keep something gets 503 `tenant_limit_reached`. See docs/shared-instance.md.
   */
  maxTenants?: number;
  /**
   * Requests kept per client in the request journal (GET /_mx-sim/journal, the inspector page; default 200);
   * 0 keeps none.
   */
  journalSize?: number;
  /**
   * A state file (`--state`): every client's world is loaded from it now (a missing file loads nothing;
   * one that does not load, or holds more clients than `maxTenants`, throws StateFileError) and written
   * by `state.save()`.
   */
  stateFile?: string;
}

export { DEFAULT_FAVORITES, DEFAULT_MAX_TENANTS, DEFAULT_SEED };

export function createSimulator(options: SimulatorOptions = {}) {
  if (options.strictVersion && options.lenientVersion) {
    throw new TypeError(
      'strictVersion and lenientVersion contradict each other: leave out strictVersion (the default now)',
    );
  }
  const seed = String(options.seed ?? DEFAULT_SEED);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? pino({ level: 'silent' });
  const deliverer = new Deliverer({ logger, ...options.webhookDelivery });
  const webhookTargets = options.webhookAllow?.length ? new WebhookAllowList(options.webhookAllow) : undefined;
  const worlds = new Worlds({ ...options, seed, clock, deliverer, webhookTargets });
  const worldTenant = (clientId: string, stack: readonly LoadedScenario[]) => worlds.build(clientId, stack);
  const startup = options.scenarios ?? [];
  const startupWorld = worldTenant('(startup check)', startup);
  /** Scenario stacks loaded at run time, per client_id. */
  const stacks = new Map<string, LoadedScenario[]>();
  const watcher = options.contract ? new ContractWatcher(options.contract) : undefined;
  const maxTenants = options.maxTenants ?? DEFAULT_MAX_TENANTS;
  if (!Number.isInteger(maxTenants) || maxTenants < 1) {
    throw new RangeError(`maxTenants: expected a whole number of at least 1, got ${maxTenants}`);
  }
  const tenants = new Tenants((clientId) => worldTenant(clientId, stacks.get(clientId) ?? startup), {
    maxTenants,
    // Kept outside the tenant: the scenarios a client loaded, its contract-watch report.
    holdsOutside: (clientId) => stacks.has(clientId) || (watcher?.has(clientId) ?? false),
    newWorldsHoldSomething: startupWorld.users.size > 0,
  });
  const timing: Timing = { ...(options.fast ? FAST_TIMING : MX_TIMING), ...options.timing };
  const state = new SimulatorState({ worlds, tenants, stacks, startup, logger, file: options.stateFile });
  if (options.stateFile) state.loadFile();
  const oauth = new OAuthSessions();
  const journals = new Journals(options.journalSize ?? DEFAULT_JOURNAL_SIZE);
  if (!Number.isInteger(journals.size) || journals.size < 0) {
    throw new RangeError(`journalSize: expected a whole number of at least 0, got ${journals.size}`);
  }
  const configuredUrl = options.publicUrl === undefined ? undefined : parsePublicUrl(options.publicUrl);
  let listenUrl: string | undefined;
  const widgets = new WidgetSessions();
  const deps: RouteDeps = { logger, oauth, widgets, publicBase: publicBaseOf(() => configuredUrl ?? listenUrl) };
  // Each version's route table is built on its first request (or document): a client of one version never
  // pays for the other's at start.
  const apis = new Map<ApiVersion, VersionApi>();
  const apiOf = (v: ApiVersion): VersionApi | undefined => {
    let api = apis.get(v);
    if (!api) {
      const layer = LAYERS.find((l) => l.version === v);
      if (!layer) return undefined;
      api = buildVersionApp(layer, deps);
      apis.set(v, api);
    }
    return api;
  };

  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const authenticate = authenticator(options.clients);
  // The admin API (scenarios, reset, clock, export, webhooks, contract report per client_id): its own
  // auth, no version header.
  const admin = buildAdminApp({
    startup,
    stacks,
    build: worldTenant,
    tenants,
    authenticate,
    logger,
    contract: watcher,
    journals,
    document: (name) => {
      if (name === 'admin.json') return adminDocument(admin);
      const v = name.slice(0, -'.json'.length) as ApiVersion;
      return versionDocument(apiOf(v) as VersionApi, v);
    },
  });

  // The request chain, top to bottom. Errors thrown anywhere become MX's error JSON (onError).
  const app = new Hono<RootEnv>();
  app.onError(onError(logger));
  app.use(requestId());
  // Without a state file nothing is saved, so nothing needs to know which client's world changed.
  if (options.stateFile) app.use(state.watch());
  // A silent logger writes no line: no step to time and describe each request for it.
  if (logger.isLevelEnabled('info')) app.use(accessLog(logger));
  // Before anything reads a body (the contract watch, the admin API, the route tables).
  app.use(
    bodyLimit((method, path) =>
      method === SCENARIO_UPLOAD.method && path === SCENARIO_UPLOAD.path ? SCENARIO_BODY_LIMIT : API_BODY_LIMIT,
    ),
  );
  // Before the consent page, the admin API and the MX API: no write from another site's page.
  app.use(crossSiteWrites());
  const consent = oauthConsentPage({ oauth, tenants });
  app.get(OAUTH_CONSENT_PATH, consent);
  app.post(OAUTH_CONSENT_PATH, consentBodyLimit, consent);
  // The simulated Connect widget (a widget URL's page and its session API): the URL's session, not MX auth.
  app.route(WIDGET_PREFIX, widgetPage({ widgets, oauth, tenants, publicBase: deps.publicBase }));
  app.all(`${ADMIN_PREFIX}/*`, (c) => admin.fetch(c.req.raw, { requestId: c.get('requestId') }));
  app.use(
    auth(authenticate, tenants, {
      contractWatch: watcher !== undefined,
      processorClient: processorClient(tenants, authenticate),
    }),
  );
  // The journal of each client's requests (GET /_mx-sim/journal, the inspector page); --journal-size 0: none.
  if (journals.size > 0) app.use(journal(journals));
  app.use(version(options.lenientVersion ?? false));
  app.use(faults(sleep));
  // Without --contract there is nothing to check: no step.
  if (watcher) app.use(contractWatch(watcher));
  app.use(settle());
  // The version's route table answers (routing, validation, handlers, its own errors).
  app.all('*', (c) => {
    // c.get, not c.var: Hono builds a new object of every variable on each c.var.
    const tenant = c.get('tenant');
    const version = c.get('version');
    const requestId = c.get('requestId');
    return (apiOf(version) as VersionApi).fetch(c.req.raw, { tenant, version, requestId });
  });

  return {
    app,
    clock,
    tenants,
    timing,
    seed,
    /**
     * Where the server listens (main.ts calls it once listening): the default base of oauth_window_uri
     * when no `publicUrl` was given.
     */
    listeningOn(url: string) {
      listenUrl = parsePublicUrl(url);
    },
    /**
     * Applies every client's lifecycle steps that are due now, so webhooks go out although nobody polls.
     * main.ts calls it on an interval (the server itself owns no timer); tests call it after moving a clock.
     */
    tick() {
      state.markChanged();
      for (const clientId of tenants.clientIds()) {
        const tenant = tenants.find(clientId);
        if (tenant) settleTenant(tenant, tenant.clock.now());
      }
    },
    /** Every client's world to a state file and back: save(), saveIfChanged(), close(), loadFile(), restore(). */
    state,
    /** True when any client's world has a `webhooks:` section (main.ts ticks only then). */
    hasWebhooks() {
      return (
        startup.some((s) => s.scenario.webhooks) ||
        tenants.clientIds().some((id) => tenants.find(id)?.world.webhooks !== undefined)
      );
    },
    /** Resolves when every webhook delivery started so far has been delivered or has failed. */
    webhookDeliveries() {
      return deliverer.idle();
    },
    /** The admin API's OpenAPI document (openapi/admin.json), generated from its route definitions. */
    adminOpenapi() {
      return adminDocument(admin);
    },
    /** The project's OpenAPI document for one version, generated from the route definitions. */
    openapi(v: ApiVersion) {
      const api = apiOf(v);
      if (!api) throw new Error(`version ${v} is not served`);
      return versionDocument(api, v);
    },
  };
}

export type Simulator = ReturnType<typeof createSimulator>;
