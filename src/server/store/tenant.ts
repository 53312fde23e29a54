// One client's isolated world: its users (and everything under them), ids and catalogue.

import { type Clock, systemClock, TenantClock } from '../clock.js';
import { FAST_TIMING, type Timing } from '../engine/lifecycle.js';
import { errors } from '../errors.js';
import { GuidSequence } from '../generators/ids.js';
import { AchReturnStore } from './ach-returns.js';
import { BudgetStore } from './budgets.js';
import { CashFlowStore } from './cash-flow.js';
import { CategoryStore } from './categories.js';
import { TenantEvents } from './events.js';
import { GoalStore } from './goals.js';
import { InsightStore } from './insights.js';
import type { InstitutionCatalog } from './institutions.js';
import { ManagedStore } from './managed.js';
import { ManualStore } from './manual.js';
import { MemberStore } from './members.js';
import { MicrodepositStore } from './microdeposits.js';
import { NotificationStore } from './notifications.js';
import { ProcessorStore } from './processor.js';
import { SpendingPlanStore } from './spending-plans.js';
import { TagStore } from './tags.js';
import { Timelines } from './timeline.js';
import { TransactionEditStore } from './transaction-edits.js';
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
  readonly users: UserStore = new UserStore((user) => this.members.userChanged(user.guid));
  readonly members: MemberStore = new MemberStore((guid) => this.users.find(guid)?.is_disabled !== false);
  /** Microdeposit verifications of the client's users (docs/microdeposits.md). */
  readonly microdeposits = new MicrodepositStore();
  /** ACH returns the client submitted. */
  readonly achReturns = new AchReturnStore();
  /** Users' custom categories; their tags and taggings. */
  readonly categories = new CategoryStore();
  readonly tags = new TagStore();
  /** Manual accounts and transactions, users' edits of accounts, merged accounts (docs/manual-accounts.md). */
  readonly manual = new ManualStore();
  /** Partner-managed members (docs/managed-data.md). */
  readonly managed = new ManagedStore();
  /** Users' changes to their transactions and their transaction rules (docs/transaction-edits.md). */
  readonly transactionEdits = new TransactionEditStore();
  /** Users' monthly cash-flow profile settings (docs/merchants-insight-data.md). */
  readonly cashFlow = new CashFlowStore();
  /** Users' budgets (docs/budgets-goals.md). */
  readonly budgets = new BudgetStore();
  /** What the client set on its users' insights, and their last derivation (docs/insights.md). */
  readonly insights = new InsightStore();
  /** Users' goals (docs/budgets-goals.md). */
  readonly goals = new GoalStore();
  /** Notifications created through the API (docs/budgets-goals.md). */
  readonly notifications = new NotificationStore();
  /** Users' spending plans and their iteration items (docs/spending-plans.md). */
  readonly spendingPlans = new SpendingPlanStore();
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
  /** Each member's timeline (the inspector page), recorded from `events`. */
  readonly timelines = new Timelines();
  /** Processor authorization codes and access tokens (their hashes). */
  readonly processor = new ProcessorStore();
  /** Users deactivated from investment holdings billing (GET …/investment_holdings_deactivate). */
  readonly holdingsDeactivated = new Set<string>();

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

  /**
   * True while building this world again would give exactly the same one, so it need not be kept: no
   * user or member, no guid drawn (of users, members, jobs, OAuth links or webhooks: the next one is
   * still the first of the sequence), the clock not moved on (by the client, or by a `starts_at`
   * ahead of the simulator's time), and no scenario fault matched yet. The scenarios a client loaded
   * and its contract-watch report are kept outside the tenant (see Tenants).
   */
  holdsNothing(): boolean {
    return (
      this.users.size === 0 &&
      this.members.size === 0 &&
      this.guids.position === 0 &&
      this.webhooks.position === 0 &&
      this.clock.offsetMs === 0 &&
      this.faults.matched.length === 0 &&
      this.faults.fired.length === 0
    );
  }
}

/** Built-in default for `maxTenants` (see docs/shared-instance.md#tenants-and-memory). */
export const DEFAULT_MAX_TENANTS = 1000;

export interface TenantsOptions {
  /** How many client_ids may hold a world at once; a new one past that is refused (503). */
  maxTenants?: number | undefined;
  /** What a client holds outside its tenant (scenarios it loaded, its contract-watch report). */
  holdsOutside?: ((clientId: string) => boolean) | undefined;
  /**
   * Every new world holds something from the start (the startup scenarios preset users): at the limit a
   * new client is then refused before its world is built, which may take long.
   */
  newWorldsHoldSomething?: boolean | undefined;
}

interface Entry {
  tenant: Tenant;
  /** Requests of this client under way. */
  inUse: number;
  /** Takes one of the `maxTenants` slots. */
  counted: boolean;
}

/**
 * Tenants by client_id. A client's world is built when a request needs it and kept only while it holds
 * something (`Tenant.holdsNothing`, `holdsOutside`): a world that holds nothing is dropped when its last
 * request ends, since building it again gives the same world. At most `maxTenants` client_ids hold a world
 * at once; a new one that would keep something past that is refused, and nobody's data is ever evicted.
 *
 * A request brackets its use with `enter` and `leave`, and calls `claim` before it changes anything. A
 * state file's worlds come in at start through `restore`, each taking a slot as a claimed one does.
 */
export class Tenants {
  readonly #entries = new Map<string, Entry>();
  readonly #create: (clientId: string) => Tenant;
  readonly #holdsOutside: (clientId: string) => boolean;
  readonly #newWorldsHoldSomething: boolean;
  readonly maxTenants: number;
  #counted = 0;

  constructor(create: (clientId: string) => Tenant, options: TenantsOptions = {}) {
    this.#create = create;
    this.maxTenants = options.maxTenants ?? DEFAULT_MAX_TENANTS;
    this.#holdsOutside = options.holdsOutside ?? (() => false);
    this.#newWorldsHoldSomething = options.newWorldsHoldSomething ?? false;
  }

  /** The client's world: the one kept or in use, else a fresh one that is not kept. */
  get(clientId: string): Tenant {
    return this.#entries.get(clientId)?.tenant ?? this.#create(clientId);
  }

  /** The client's world when one is kept or in use. */
  find(clientId: string): Tenant | undefined {
    return this.#entries.get(clientId)?.tenant;
  }

  /**
   * A request of this client starts: its world, kept until the matching `leave`. A new world that
   * already holds something (a startup scenario's preset users, a clock started ahead) takes a slot
   * at once: 503 when none is free.
   */
  enter(clientId: string): Tenant {
    let entry = this.#entries.get(clientId);
    if (!entry) {
      if (this.#newWorldsHoldSomething && this.#counted >= this.maxTenants) throw errors.tenantLimit(this.maxTenants);
      const tenant = this.get(clientId);
      entry = { tenant, inUse: 0, counted: false };
      if (this.#holds(clientId, tenant)) this.#count(entry);
      this.#entries.set(clientId, entry);
    }
    entry.inUse++;
    return entry.tenant;
  }

  /** The request is about to change the client's world: it takes a slot unless it has one (503 when none is free). */
  claim(clientId: string): void {
    const entry = this.#entries.get(clientId);
    if (!entry) throw new Error(`claim: client ${clientId} has no request under way`);
    this.#count(entry);
  }

  /** A request of this client ended: when it was the last one and the world holds nothing, it goes. */
  leave(clientId: string): void {
    const entry = this.#entries.get(clientId);
    if (!entry) return;
    entry.inUse = Math.max(0, entry.inUse - 1);
    if (entry.inUse > 0) return;
    if (this.#holds(clientId, entry.tenant)) {
      // Something changed without a claim: it is kept all the same (past the limit if need be), never lost.
      if (!entry.counted) {
        entry.counted = true;
        this.#counted++;
      }
      return;
    }
    this.#entries.delete(clientId);
    if (entry.counted) this.#counted--;
  }

  /** Replaces a client's world with one built elsewhere (a scenario loaded, a reset), during its request. */
  replace(clientId: string, tenant: Tenant): Tenant {
    const entry = this.#entries.get(clientId);
    if (!entry) throw new Error(`replace: client ${clientId} has no request under way`);
    entry.tenant = tenant;
    return tenant;
  }

  /**
   * Puts in a world restored from a state file, outside any request, for a client that has no world kept
   * or in use. A world that holds something (`holdsNothing`, `holdsOutside`: set the client's scenarios
   * first) is kept and takes a slot; one that holds nothing is not kept (building it gives the same), and
   * the answer is false. The caller checks the slots first (`free`): past the limit this throws.
   */
  restore(clientId: string, tenant: Tenant): boolean {
    if (this.#entries.has(clientId)) throw new Error(`restore: client ${clientId} already has a world`);
    if (!this.#holds(clientId, tenant)) return false;
    if (this.#counted >= this.maxTenants) {
      throw new RangeError(`restore: all ${this.maxTenants} tenant slots are taken (client ${clientId})`);
    }
    this.#entries.set(clientId, { tenant, inUse: 0, counted: true });
    this.#counted++;
    return true;
  }

  /** How many more client_ids may hold a world before the limit. */
  get free(): number {
    return Math.max(0, this.maxTenants - this.#counted);
  }

  /** The client_ids whose world is kept or in use. */
  clientIds(): string[] {
    return [...this.#entries.keys()];
  }

  /** How many client_ids hold a world (each takes one of `maxTenants` slots). */
  get size(): number {
    return this.#counted;
  }

  #holds(clientId: string, tenant: Tenant): boolean {
    return !tenant.holdsNothing() || this.#holdsOutside(clientId);
  }

  #count(entry: Entry): void {
    if (entry.counted) return;
    if (this.#counted >= this.maxTenants) throw errors.tenantLimit(this.maxTenants);
    entry.counted = true;
    this.#counted++;
  }
}
