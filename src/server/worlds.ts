// Client worlds from scenario stacks: merges the stack (store/world.ts), picks the institution catalogue
// for the world's seed (shared, built once per seed), the timing, the clock start, subscribes the
// webhook log and its delivery to the world's events, then puts the preset users in (domain/populate.ts).

import type { LoadedScenario } from '../scenarios/load.js';
import { ScenarioError } from '../scenarios/load.js';
import type { Clock } from './clock.js';
import { populate } from './domain/populate.js';
import { FAST_TIMING, MX_TIMING, type Timing } from './engine/lifecycle.js';
import { generateInstitutions, testInstitutions } from './generators/institutions.js';
import { InstitutionCatalog } from './store/institutions.js';
import { Tenant } from './store/tenant.js';
import { buildWorld } from './store/world.js';
import type { Deliverer } from './webhooks/delivery.js';
import { recordWebhooks } from './webhooks/payloads.js';

export const DEFAULT_SEED = 'mx-sim';
export const DEFAULT_FAVORITES = ['mxbank', 'mx_bank_oauth', 'mxcu_oauth', 'mxcu_credential', 'simbank'];

export interface WorldOptions {
  seed: string;
  clock: Clock;
  deliverer: Deliverer;
  institutionCount?: number | undefined;
  fast?: boolean | undefined;
  timing?: Partial<Timing> | undefined;
}

export class Worlds {
  readonly #options: WorldOptions;
  readonly #catalogs = new Map<string, InstitutionCatalog>();
  /** The codes of the built-in catalogue, so a scenario cannot replace one by accident. */
  readonly #builtIn: ReadonlySet<string>;

  constructor(options: WorldOptions) {
    this.#options = options;
    this.#builtIn = new Set(this.catalog(options.seed).codes());
  }

  /** MX's test institutions and the seeded generated ones, once per seed. */
  catalog(seed: string): InstitutionCatalog {
    let catalog = this.#catalogs.get(seed);
    if (!catalog) {
      catalog = new InstitutionCatalog(
        [...testInstitutions(), ...generateInstitutions(seed, this.#options.institutionCount ?? 300)],
        DEFAULT_FAVORITES,
      );
      this.#catalogs.set(seed, catalog);
    }
    return catalog;
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
    const { world, problems } = buildWorld(stack, this.#builtIn);
    const name = world.names.join(' + ') || 'scenarios';
    if (problems.length) throw new ScenarioError(name, problems);
    const worldSeed = seed ?? world.seed ?? o.seed;
    const base = this.catalog(worldSeed);
    const institutions = world.institutions.length ? base.with(world.institutions) : base;
    const timing: Timing = { ...(o.fast || world.fast ? FAST_TIMING : MX_TIMING), ...o.timing, ...world.timing };
    const tenant = new Tenant(clientId, worldSeed, institutions, timing, world, o.clock);
    recordWebhooks(tenant);
    const hooks = world.webhooks;
    if (hooks?.url) tenant.webhooks.onEntry = (entry) => o.deliverer.enqueue(tenant.webhooks, entry, hooks);
    return { tenant, name };
  }
}
