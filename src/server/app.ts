// createSimulator(options) builds the whole simulator as a Hono app; it never listens.
import { Hono } from 'hono';
import { type Logger, pino } from 'pino';
import type { ApiVersion } from '../mx/versions.js';
import { type LoadedScenario, ScenarioError } from '../scenarios/load.js';
import { type Clock, systemClock } from './clock.js';
import { populate } from './domain/populate.js';
import { settleTenant } from './domain/settle.js';
import { FAST_TIMING, MX_TIMING, type Timing } from './engine/lifecycle.js';
import { generateInstitutions, testInstitutions } from './generators/institutions.js';
import { LAYERS } from './layers/index.js';
import { accessLog } from './middleware/access-log.js';
import { auth, authenticator, type ClientCredential } from './middleware/auth.js';
import { contractWatch } from './middleware/contract-watch.js';
import type { RootEnv } from './middleware/env.js';
import { onError } from './middleware/errors.js';
import { faults } from './middleware/faults.js';
import { requestId } from './middleware/request-id.js';
import { settle } from './middleware/settle.js';
import { version } from './middleware/version.js';
import { adminDocument, buildAdminApp } from './routes/admin/app.js';
import { ADMIN_PREFIX } from './routes/admin/common.js';
import type { RouteDeps, VersionApi } from './routes/context.js';
import { OAUTH_CONSENT_PATH, oauthConsentPage } from './routes/oauth-consent.js';
import { InstitutionCatalog } from './store/institutions.js';
import { OAuthSessions } from './store/oauth.js';
import { Tenant, Tenants } from './store/tenant.js';
import { buildWorld } from './store/world.js';
import { buildVersionApp, versionDocument } from './version-app.js';
import { type ContractWatch, ContractWatcher } from './watch/contract-watch.js';
import { Deliverer, type DeliveryOptions } from './webhooks/delivery.js';
import { recordWebhooks } from './webhooks/payloads.js';

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
}

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
  const builtInCodes = new Set(catalog.codes());
  const deliverer = new Deliverer({ logger, ...options.webhookDelivery });
  const catalogs = new Map<string, InstitutionCatalog>([[seed, catalog]]);
  /** A client's world from a stack of scenarios; throws ScenarioError when they do not fit together. */
  function worldTenant(clientId: string, stack: readonly LoadedScenario[]): Tenant {
    const { world, problems } = buildWorld(stack, builtInCodes);
    if (problems.length) throw new ScenarioError(world.names.join(' + ') || 'scenarios', problems);
    const tenantSeed = world.seed ?? seed;
    let base = catalogs.get(tenantSeed);
    if (!base) {
      base = new InstitutionCatalog(
        [...testInstitutions(), ...generateInstitutions(tenantSeed, options.institutionCount ?? 300)],
        DEFAULT_FAVORITES,
      );
      catalogs.set(tenantSeed, base);
    }
    const institutions = world.institutions.length ? base.with(world.institutions) : base;
    const tenantTiming: Timing = {
      ...(options.fast || world.fast ? FAST_TIMING : MX_TIMING),
      ...options.timing,
      ...world.timing,
    };
    const tenant = new Tenant(clientId, tenantSeed, institutions, tenantTiming, world, clock);
    recordWebhooks(tenant);
    const hooks = world.webhooks;
    if (hooks?.url) tenant.webhooks.onEntry = (entry) => deliverer.enqueue(tenant.webhooks, entry, hooks);
    // A snapshot's dates are absolute: its world never starts before the time it was taken.
    if (world.startsAt !== undefined && world.startsAt > tenant.clock.now()) {
      tenant.clock.advance(world.startsAt - tenant.clock.now());
    }
    const presetProblems = populate(tenant, world.users, tenant.clock.now());
    if (presetProblems.length) throw new ScenarioError(world.names.join(' + ') || 'scenarios', presetProblems);
    return tenant;
  }
  const startup = options.scenarios ?? [];
  worldTenant('(startup check)', startup);
  /** Scenario stacks loaded at run time, per client_id. */
  const stacks = new Map<string, LoadedScenario[]>();
  const tenants = new Tenants((clientId) => worldTenant(clientId, stacks.get(clientId) ?? startup));
  const timing: Timing = { ...(options.fast ? FAST_TIMING : MX_TIMING), ...options.timing };
  const oauth = new OAuthSessions();
  const deps: RouteDeps = { logger, oauth };
  const apis = new Map<ApiVersion, VersionApi>(LAYERS.map((layer) => [layer.version, buildVersionApp(layer, deps)]));

  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const authenticate = authenticator(options.clients);
  const watcher = options.contract ? new ContractWatcher(options.contract) : undefined;
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
  });

  // The request chain, top to bottom. Errors thrown anywhere become MX's error JSON (onError).
  const app = new Hono<RootEnv>();
  app.onError(onError(logger));
  app.use(requestId());
  app.use(accessLog(logger));
  app.get(OAUTH_CONSENT_PATH, oauthConsentPage({ oauth, tenants }));
  app.all(`${ADMIN_PREFIX}/*`, (c) => admin.fetch(c.req.raw, { requestId: c.var.requestId }));
  app.use(auth(authenticate, tenants));
  app.use(version(options.strictVersion ?? false));
  app.use(faults(sleep));
  app.use(contractWatch(watcher));
  app.use(settle());
  // The version's route table answers (routing, validation, handlers, its own errors).
  app.all('*', (c) => {
    const { tenant, version, requestId } = c.var;
    return (apis.get(version) as VersionApi).fetch(c.req.raw, { tenant, version, requestId });
  });

  return {
    app,
    clock,
    tenants,
    timing,
    seed,
    /**
     * Applies every client's lifecycle steps that are due now, so webhooks go out although nobody polls.
     * main.ts calls it on an interval (the server itself owns no timer); tests call it after moving a clock.
     */
    tick() {
      for (const clientId of tenants.clientIds()) {
        const tenant = tenants.get(clientId);
        settleTenant(tenant, tenant.clock.now());
      }
    },
    /** True when any client's world has a `webhooks:` section (main.ts ticks only then). */
    hasWebhooks() {
      return (
        startup.some((s) => s.scenario.webhooks) ||
        tenants.clientIds().some((id) => tenants.get(id).world.webhooks !== undefined)
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
      const api = apis.get(v);
      if (!api) throw new Error(`version ${v} is not served`);
      return versionDocument(api, v);
    },
  };
}

export type Simulator = ReturnType<typeof createSimulator>;
