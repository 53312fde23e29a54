// One client's isolated world: its users (and everything under them), ids and catalogue.

import { type Clock, systemClock, TenantClock } from '../clock.js';
import { FAST_TIMING, type Timing } from '../engine/lifecycle.js';
import { GuidSequence } from '../generators/ids.js';
import { TenantEvents } from './events.js';
import type { InstitutionCatalog } from './institutions.js';
import { MemberStore } from './members.js';
import { UserStore } from './users.js';
import { WebhookLog } from './webhook-log.js';
import { EMPTY_WORLD, type ScenarioWorld } from './world.js';

/** How often each of a world's faults matched a request and fired (by the fault's index). */
export class FaultCounters {
  readonly matched: number[] = [];
  readonly fired: number[] = [];
}

export class Tenant {
  readonly clientId: string;
  readonly seed: string;
  readonly guids: GuidSequence;
  readonly users = new UserStore();
  readonly members = new MemberStore();
  institutions: InstitutionCatalog;
  /** Job durations for this client's world. */
  readonly timing: Timing;
  /** The scenarios this client's world runs (outcome rules, volumes). */
  readonly world: ScenarioWorld;
  /** How often each of the world's faults matched and fired. */
  readonly faults = new FaultCounters();
  /** This client's time: the simulator's clock, moved on as far as the client asked. */
  readonly clock: TenantClock;
  /** The webhooks MX would have sent this client, and how their delivery went. */
  readonly webhooks: WebhookLog;
  /** What happens in this world, for subscribers (webhooks). */
  readonly events = new TenantEvents();

  constructor(
    clientId: string,
    seed: string,
    institutions: InstitutionCatalog,
    timing: Timing = FAST_TIMING,
    world: ScenarioWorld = EMPTY_WORLD,
    clock: Clock = systemClock,
  ) {
    this.clock = new TenantClock(clock);
    this.clientId = clientId;
    this.seed = seed;
    this.guids = new GuidSequence(seed, clientId);
    this.institutions = institutions;
    this.timing = timing;
    this.world = world;
    this.webhooks = new WebhookLog(world.webhooks, seed, clientId);
  }
}

/** Tenants by client_id, created on first use; each is reset independently. */
export class Tenants {
  readonly #byClient = new Map<string, Tenant>();
  readonly #create: (clientId: string) => Tenant;

  constructor(create: (clientId: string) => Tenant) {
    this.#create = create;
  }

  get(clientId: string): Tenant {
    let tenant = this.#byClient.get(clientId);
    if (!tenant) {
      tenant = this.#create(clientId);
      this.#byClient.set(clientId, tenant);
    }
    return tenant;
  }

  reset(clientId: string): Tenant {
    this.#byClient.delete(clientId);
    return this.get(clientId);
  }

  /** Replaces a client's world with one built elsewhere (a scenario loaded at run time). */
  replace(clientId: string, tenant: Tenant): Tenant {
    this.#byClient.set(clientId, tenant);
    return tenant;
  }

  clientIds(): string[] {
    return [...this.#byClient.keys()];
  }
}
