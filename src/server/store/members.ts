// Members of one tenant, indexed by guid and by user; a member identifier is its guid or its `id`.
import type { Product } from '../../mx/products.js';
import type { ApiVersion } from '../../mx/versions.js';
import type { Lifecycle } from '../engine/lifecycle.js';
import { errors } from '../errors.js';
import type { DataProfile, MemberData } from '../generators/records.js';

export interface MemberCredential {
  guid: string;
  /** Never empty as given; empty for a member restored from a state file, which never holds values. */
  value: string;
}

export interface OAuthRequest {
  client_redirect_url: string | null;
  referral_source: string | null;
  skip_aggregation: boolean;
}

export interface MemberRecord {
  guid: string;
  id: string | null;
  user_guid: string;
  institution_code: string;
  institution_guid: string;
  name: string;
  metadata: string | null;
  is_oauth: boolean;
  background_aggregation_is_disabled: boolean;
  use_cases: Array<'MONEY_MOVEMENT' | 'PFM'>;
  /** The products asked for in `data_request` (MX's defaults when none were given). */
  products: Product[];
  /** Never on the wire and never logged. */
  credentials: MemberCredential[];
  oauth: OAuthRequest | null;
  /** The current single-use OAuth window URI (OAuth members only). */
  oauth_window_uri: string | null;
  state: Lifecycle;
  /** What successful jobs gathered; null until the first one. Goes away with the member. */
  data: MemberData | null;
  /**
   * The data volumes its first successful job gathers, kept when its credentials can no longer say (a
   * member restored from a state file, until new credentials are given). Absent otherwise.
   */
  data_profile?: DataProfile;
  next_background_at: number | null;
  created_at_ms: number;
  /** The API version of the request that created it (none for a scenario's preset member). */
  created_version?: ApiVersion;
}

/** The fields settling reads to know when a member next has something due; assigning one re-indexes it. */
type Watched = 'state' | 'next_background_at' | 'background_aggregation_is_disabled';

/**
 * A stored member's watched values, and the store's set of members to re-index. Kept under a symbol,
 * not enumerable: a spread or JSON of the member gives its fields as ever, without it.
 */
interface Slot extends Pick<MemberRecord, Watched> {
  dirty: Set<MemberRecord>;
}
const SLOT = Symbol('member slot');
type StoredMember = MemberRecord & { [SLOT]: Slot };

function accessor<K extends Watched>(key: K): PropertyDescriptor {
  // One getter and setter for every member (not closures per member): stored members share their shape.
  return {
    enumerable: true,
    configurable: true,
    get(this: StoredMember) {
      return this[SLOT][key];
    },
    set(this: StoredMember, value: MemberRecord[K]) {
      const slot = this[SLOT];
      (slot as Pick<MemberRecord, Watched>)[key] = value;
      slot.dirty.add(this);
    },
  };
}

const ACCESSORS: Record<Watched, PropertyDescriptor> = {
  state: accessor('state'),
  next_background_at: accessor('next_background_at'),
  background_aggregation_is_disabled: accessor('background_aggregation_is_disabled'),
};

interface DueEntry {
  member: MemberRecord;
  /** When it next has something due: its job's next step, else its background aggregation. */
  at: number;
  /** Its place in insertion order: members due together settle in this order. */
  seq: number;
}

/**
 * When a member next has something for settling to do, or Infinity: its job's next step while it has a
 * job, else its next background aggregation when one may run (not turned off, credentials usable, its
 * user not disabled). Settling a member whose time has come does exactly what is due by then; one whose
 * time has not come has nothing to do (settle.ts: settleMember).
 */
export function memberDueAt(member: MemberRecord, userDisabled: boolean): number {
  const job = member.state.job;
  if (job) return job.due_at;
  if (member.next_background_at === null || member.background_aggregation_is_disabled) return Infinity;
  if (member.state.needs_updated_credentials || userDisabled) return Infinity;
  return member.next_background_at;
}

export class MemberStore {
  readonly #byGuid = new Map<string, MemberRecord>();
  readonly #byUser = new Map<string, Map<string, MemberRecord>>();
  /** Whether a user is disabled or gone (its members get no background aggregation). */
  readonly #userDisabled: (userGuid: string) => boolean;
  // The due index: a min-heap by time over each member's current entry (`#entries`). An entry that is no
  // longer a member's current one is left in the heap and skipped when it comes up. Members whose watched
  // fields were assigned since the index last looked (`#dirty`) get a fresh entry before it answers.
  #heap: DueEntry[] = [];
  readonly #entries = new Map<MemberRecord, DueEntry>();
  readonly #seq = new Map<MemberRecord, number>();
  #nextSeq = 0;
  readonly #dirty = new Set<MemberRecord>();

  constructor(userDisabled: (userGuid: string) => boolean = () => false) {
    this.#userDisabled = userDisabled;
  }

  get size(): number {
    return this.#byGuid.size;
  }

  all(): IterableIterator<MemberRecord> {
    return this.#byGuid.values();
  }

  byGuid(guid: string): MemberRecord | undefined {
    return this.#byGuid.get(guid);
  }

  forUser(userGuid: string): MemberRecord[] {
    return [...(this.#byUser.get(userGuid)?.values() ?? [])];
  }

  find(userGuid: string, identifier: string): MemberRecord | undefined {
    const mine = this.#byUser.get(userGuid);
    if (!mine) return undefined;
    return mine.get(identifier) ?? [...mine.values()].find((m) => m.id === identifier);
  }

  get(userGuid: string, identifier: string): MemberRecord {
    const member = this.find(userGuid, identifier);
    if (!member) throw errors.notFound('member', identifier);
    return member;
  }

  /** 409 when another member of this user already has this `id`. */
  assertIdFree(userGuid: string, id: string | null, except?: MemberRecord): void {
    if (id === null) return;
    const clash = this.forUser(userGuid).find((m) => m.id === id && m !== except);
    if (clash) {
      throw errors.conflict(
        `member id '${id}' is already used by member ${clash.guid} of this user`,
        'duplicate_member_id',
      );
    }
  }

  /**
   * Stores the member and answers the stored record, the one to use from then on: a copy of the one
   * given (the same when it was stored before), whose `state`, `next_background_at` and
   * `background_aggregation_is_disabled` are accessors, so assigning one re-indexes the member for
   * settling (`dueBy`): no caller has to remember.
   */
  insert(given: MemberRecord): MemberRecord {
    const member = this.#stored(given);
    if (!this.#seq.has(member)) this.#seq.set(member, this.#nextSeq++);
    this.#byGuid.set(member.guid, member);
    let mine = this.#byUser.get(member.user_guid);
    if (!mine) {
      mine = new Map();
      this.#byUser.set(member.user_guid, mine);
    }
    mine.set(member.guid, member);
    this.#dirty.add(member);
    return member;
  }

  delete(member: MemberRecord): void {
    this.#byGuid.delete(member.guid);
    this.#byUser.get(member.user_guid)?.delete(member.guid);
    this.#forget(member);
  }

  deleteForUser(userGuid: string): void {
    for (const m of this.forUser(userGuid)) {
      this.#byGuid.delete(m.guid);
      this.#forget(m);
    }
    this.#byUser.delete(userGuid);
  }

  /** A user came, went, or was disabled or enabled: whether its members' background aggregations may run changed. */
  userChanged(userGuid: string): void {
    for (const m of this.#byUser.get(userGuid)?.values() ?? []) this.#dirty.add(m);
  }

  /**
   * The members that have something due by `now`, in insertion order (the order `all()` gives), and
   * only those: every other member has nothing to settle. Each one given is looked at afresh next time,
   * whatever settling does to it.
   */
  dueBy(now: number): MemberRecord[] {
    this.#flush();
    const due: DueEntry[] = [];
    const heap = this.#heap;
    while (heap.length > 0 && (heap[0] as DueEntry).at <= now) {
      const top = popHeap(heap);
      if (this.#entries.get(top.member) !== top) continue;
      this.#entries.delete(top.member);
      this.#dirty.add(top.member);
      due.push(top);
    }
    due.sort((a, b) => a.seq - b.seq);
    return due.map((e) => e.member);
  }

  #flush(): void {
    if (this.#dirty.size === 0) return;
    for (const member of this.#dirty) {
      const at = memberDueAt(member, this.#userDisabled(member.user_guid));
      const current = this.#entries.get(member);
      if (current?.at === at) continue;
      if (at === Infinity) {
        this.#entries.delete(member);
        continue;
      }
      const entry: DueEntry = { member, at, seq: this.#seq.get(member) as number };
      this.#entries.set(member, entry);
      pushHeap(this.#heap, entry);
    }
    this.#dirty.clear();
    // Entries no longer current pile up as members change: rebuild when they outnumber the current ones.
    if (this.#heap.length > 64 && this.#heap.length > 2 * this.#entries.size) {
      this.#heap = [];
      for (const entry of this.#entries.values()) pushHeap(this.#heap, entry);
    }
  }

  #forget(member: MemberRecord): void {
    this.#entries.delete(member);
    this.#dirty.delete(member);
    this.#seq.delete(member);
  }

  /**
   * The record this store keeps for `member`: the member itself when a store made it (its assignments
   * now mark it here), else a copy with the same fields in the same order, the watched ones as accessors.
   * Made by adding properties to a new object, never by turning a field into an accessor, which would put
   * the object in V8's slow dictionary mode.
   */
  #stored(member: MemberRecord): MemberRecord {
    const known = (member as Partial<StoredMember>)[SLOT];
    if (known) {
      known.dirty = this.#dirty;
      return member;
    }
    const slot: Slot = {
      dirty: this.#dirty,
      state: member.state,
      next_background_at: member.next_background_at,
      background_aggregation_is_disabled: member.background_aggregation_is_disabled,
    };
    const record = {} as Record<string | symbol, unknown>;
    Object.defineProperty(record, SLOT, { value: slot });
    for (const key of Object.keys(member)) {
      const watched = ACCESSORS[key as Watched];
      if (watched) Object.defineProperty(record, key, watched);
      else record[key] = member[key as keyof MemberRecord];
    }
    return record as unknown as MemberRecord;
  }
}

function before(a: DueEntry, b: DueEntry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

function pushHeap(heap: DueEntry[], entry: DueEntry): void {
  heap.push(entry);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(entry, heap[parent] as DueEntry)) break;
    heap[i] = heap[parent] as DueEntry;
    i = parent;
  }
  heap[i] = entry;
}

function popHeap(heap: DueEntry[]): DueEntry {
  const top = heap[0] as DueEntry;
  const last = heap.pop() as DueEntry;
  if (heap.length === 0) return top;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= heap.length) break;
    const r = l + 1;
    const child = r < heap.length && before(heap[r] as DueEntry, heap[l] as DueEntry) ? r : l;
    if (!before(heap[child] as DueEntry, last)) break;
    heap[i] = heap[child] as DueEntry;
    i = child;
  }
  heap[i] = last;
  return top;
}
