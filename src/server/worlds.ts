// Client worlds from scenario stacks: merges the stack (store/world.ts, once per stack, shared by the
// clients that run it), picks the institution catalogue for the world's seed (shared, built once per
// seed), the timing, the clock start, subscribes the webhook log and its delivery to the world's events,
// then puts the preset users in (domain/populate.ts). `empty` is the same world without its presets, for
// a state file to fill in (state-file.ts).

import type { LoadedScenario } from '../scenarios/load.js';
import { ScenarioError } from '../scenarios/load.js';
import type { Clock } from './clock.js';
import { populate } from './domain/populate.js';
import { FAST_TIMING, MX_TIMING, type Timing } from './engine/lifecycle.js';
import { generateInstitutions, testInstitutions } from './generators/institutions.js';
import { InstitutionCatalog } from './store/institutions.js';
import { Tenant } from './store/tenant.js';
import { buildWorld, type ScenarioWorld } from './store/world.js';
import type { Deliverer } from './webhooks/delivery.js';
import { recordWebhooks } from './webhooks/payloads.js';
import type { WebhookAllowList } from './webhooks/targets.js';

export const DEFAULT_SEED = 'mx-sim';
export const DEFAULT_FAVORITES = ['mxbank', 'mx_bank_oauth', 'mxcu_oauth', 'mxcu_credential', 'simbank'];

export interface WorldOptions {
  seed: string;
  clock: Clock;
  deliverer: Deliverer;
  institutionCount?: number | undefined;
  fast?: boolean | undefined;
  timing?: Partial<Timing> | undefined;
  /** Where webhooks may go (`--webhook-allow`); any http(s) URL when undefined. */
  webhookTargets?: WebhookAllowList | undefined;
}

/** What every client running one stack shares, read-only: the merged world, its catalogue, its timing. */
interface MergedStack {
  name: string;
  world: ScenarioWorld;
  seed: string;
  institutions: InstitutionCatalog;
  timing: Timing;
  /** The catalogues of worlds restored under another seed (the one they ran with), once per seed. */
  otherSeeds: Map<string, InstitutionCatalog>;
}

export class Worlds {
  readonly #options: WorldOptions;
  readonly #catalogs = new Map<string, InstitutionCatalog>();
  /**
   * Per stack (the startup one, or one a client loaded), merged once: every client on the startup stack
   * shares its world and catalogue (a scenario's institutions do not copy the catalogue per client).
   */
  readonly #merged = new WeakMap<readonly LoadedScenario[], MergedStack>();
  /** The built-in catalogue's codes, so a scenario cannot replace one by accident (asked only when one has institutions). */
  readonly #builtIn: Pick<ReadonlySet<string>, 'has'>;

  constructor(options: WorldOptions) {
    this.#options = options;
    this.#builtIn = { has: (code) => this.catalog(options.seed).has(code) };
  }

  /** MX's test institutions and the seeded generated ones, once per seed. */
  catalog(seed: string): InstitutionCatalog {
    let catalog = this.#catalogs.get(seed);
    if (!catalog) {
      const count = this.#options.institutionCount ?? 300;
      catalog = new InstitutionCatalog(testInstitutions(), DEFAULT_FAVORITES, () => generateInstitutions(seed, count));
      this.#catalogs.set(seed, catalog);
    }
    return catalog;
  }

  /** A stack merged, once per stack; throws ScenarioError when its scenarios do not fit together. */
  #merge(stack: readonly LoadedScenario[]): MergedStack {
    let merged = this.#merged.get(stack);
    if (merged) return merged;
    const o = this.#options;
    const { world, problems } = buildWorld(stack, this.#builtIn);
    const name = world.names.join(' + ') || 'scenarios';
    if (problems.length) throw new ScenarioError(name, problems);
    checkWebhookTarget(stack, o.webhookTargets);
    const seed = world.seed ?? o.seed;
    const institutions = this.#institutions(seed, world);
    const timing: Timing = { ...(o.fast || world.fast ? FAST_TIMING : MX_TIMING), ...o.timing, ...world.timing };
    merged = { name, world, seed, institutions, timing, otherSeeds: new Map() };
    this.#merged.set(stack, merged);
    return merged;
  }

  /** The catalogue of a seed, with the world's own institutions when it has any. */
  #institutions(seed: string, world: ScenarioWorld): InstitutionCatalog {
    const base = this.catalog(seed);
    return world.institutions.length ? base.with(world.institutions) : base;
  }

  /** A client's world from a stack of scenarios; throws ScenarioError when they do not fit together. */
  build(clientId: string, stack: readonly LoadedScenario[]): Tenant {
    const { tenant, name } = this.#empty(clientId, stack);
    const world = tenant.world;
    // A snapshot's dates are absolute: its world never starts before the time it was taken.
    if (world.startsAt !== undefined && world.startsAt > tenant.clock.now()) {
      tenant.clock.advance(world.startsAt - tenant.clock.now());
    }
    const presetProblems = populate(tenant, world.users, tenant.clock.now());
    if (presetProblems.length) throw new ScenarioError(name, presetProblems);
    return tenant;
  }

  /**
   * The world of this stack without its preset users, clock start or anything in it, under `seed` (the
   * one it ran with): for a state file to fill in. Throws ScenarioError as build does.
   */
  empty(clientId: string, stack: readonly LoadedScenario[], seed: string): Tenant {
    return this.#empty(clientId, stack, seed).tenant;
  }

  #empty(clientId: string, stack: readonly LoadedScenario[], seed?: string) {
    const o = this.#options;
    const merged = this.#merge(stack);
    // A restored world keeps the seed it ran with, even when this run's differs.
    const worldSeed = seed ?? merged.seed;
    let institutions = worldSeed === merged.seed ? merged.institutions : merged.otherSeeds.get(worldSeed);
    if (!institutions) {
      institutions = this.#institutions(worldSeed, merged.world);
      merged.otherSeeds.set(worldSeed, institutions);
    }
    const tenant = new Tenant(clientId, worldSeed, institutions, merged.timing, merged.world, o.clock);
    recordWebhooks(tenant);
    tenant.timelines.record(tenant.events);
    const hooks = merged.world.webhooks;
    if (hooks?.url) {
      const now = () => tenant.clock.now();
      tenant.webhooks.onEntry = (entry) => o.deliverer.enqueue(tenant.webhooks, entry, hooks, now);
      // Failed deliveries are retried on the client's clock, when its due steps are applied.
      tenant.events.subscribe((e) => {
        if (e.kind === 'time_reached') o.deliverer.due(tenant.webhooks);
      });
    }
    return { tenant, name: merged.name };
  }
}

/** A world whose webhooks.url is outside the allow list is refused before it exists (nothing is sent). */
function checkWebhookTarget(stack: readonly LoadedScenario[], allowed: WebhookAllowList | undefined): void {
  const from = [...stack].reverse().find((s) => s.scenario.webhooks !== undefined);
  const url = from?.scenario.webhooks?.url;
  if (!from || !url || !allowed || allowed.allows(url)) return;
  throw new ScenarioError(from.source, [
    `webhooks.url: ${new URL(url).host} is not a webhook target this simulator allows ` +
      `(--webhook-allow ${allowed.entries.join(',') || '(none)'}); send webhooks to an allowed host, ` +
      'or leave url out to only log them (GET /_mx-sim/webhooks)',
  ]);
}
