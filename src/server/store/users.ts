// Users of one tenant, indexed by guid and by the partner-defined `id`.
import { errors } from '../errors.js';

export interface UserRecord {
  guid: string;
  id: string | null;
  email: string | null;
  is_disabled: boolean;
  metadata: string | null;
  /** Bookkeeping, not on the wire. */
  created_at_ms: number;
}

export interface UserFilter {
  id?: string | undefined;
  email?: string | undefined;
  is_disabled?: boolean | undefined;
}

export type UserChanges = Partial<Pick<UserRecord, 'id' | 'email' | 'is_disabled' | 'metadata'>>;

/** What a page of users takes: how many match in all, and those from `start` on (at most `count`). */
export interface UserSlice {
  total: number;
  items: UserRecord[];
}

export class UserStore {
  readonly #byGuid = new Map<string, UserRecord>();
  readonly #byId = new Map<string, UserRecord>();
  // For pages of `GET /users` at a cost that does not grow with the number of users: every user in
  // creation order, each one's place in that order, users by lower-case email, and the disabled ones.
  // Kept by insert, update and delete, the only ways a user changes.
  readonly #ordered: UserRecord[] = [];
  readonly #seq = new Map<UserRecord, number>();
  #nextSeq = 0;
  readonly #byEmail = new Map<string, Set<UserRecord>>();
  readonly #disabled = new Set<UserRecord>();
  /**
   * Told when a user comes, goes, or is disabled or enabled: whether its members' background
   * aggregations may run depends on it.
   */
  readonly #onChange: (user: UserRecord) => void;

  constructor(onChange: (user: UserRecord) => void = () => {}) {
    this.#onChange = onChange;
  }

  get size(): number {
    return this.#byGuid.size;
  }

  /** A user by MX guid or by the partner `id` (guid wins when both could match). */
  find(identifier: string): UserRecord | undefined {
    return this.#byGuid.get(identifier) ?? this.#byId.get(identifier);
  }

  get(identifier: string): UserRecord {
    const user = this.find(identifier);
    if (!user) throw errors.notFound('user', identifier);
    return user;
  }

  insert(user: UserRecord): UserRecord {
    this.assertIdFree(user.id);
    const known = this.#byGuid.get(user.guid);
    if (known) this.#unindex(known);
    this.#byGuid.set(user.guid, user);
    if (user.id !== null) this.#byId.set(user.id, user);
    if (known) this.#ordered[this.#ordered.indexOf(known)] = user;
    else this.#ordered.push(user);
    const seq = known ? (this.#seq.get(known) as number) : this.#nextSeq++;
    if (known) this.#seq.delete(known);
    this.#seq.set(user, seq);
    this.#index(user);
    this.#onChange(user);
    return user;
  }

  update(user: UserRecord, changes: UserChanges): UserRecord {
    if (changes.id !== undefined && changes.id !== user.id) {
      this.assertIdFree(changes.id);
      if (user.id !== null) this.#byId.delete(user.id);
      if (changes.id !== null) this.#byId.set(changes.id, user);
    }
    const wasDisabled = user.is_disabled;
    this.#unindex(user);
    Object.assign(user, changes);
    this.#index(user);
    if (user.is_disabled !== wasDisabled) this.#onChange(user);
    return user;
  }

  delete(user: UserRecord): void {
    if (this.#byGuid.get(user.guid) !== user) return;
    this.#byGuid.delete(user.guid);
    if (user.id !== null) this.#byId.delete(user.id);
    this.#unindex(user);
    this.#ordered.splice(this.#ordered.indexOf(user), 1);
    this.#seq.delete(user);
    this.#onChange(user);
  }

  /** In creation order, filtered as `GET /users` documents (exact matches). */
  list(filter: UserFilter = {}): UserRecord[] {
    const out: UserRecord[] = [];
    for (const user of this.#byGuid.values()) {
      if (filter.id !== undefined && user.id !== filter.id) continue;
      if (filter.email !== undefined && user.email?.toLowerCase() !== filter.email.toLowerCase()) continue;
      if (filter.is_disabled !== undefined && user.is_disabled !== filter.is_disabled) continue;
      out.push(user);
    }
    return out;
  }

  /**
   * The users `list(filter)` gives, from `start` on (at most `count` of them), and how many there are in
   * all; without a filter, or by `id`, at a cost that does not grow with the number of users (by `email`
   * or `is_disabled`, with the number of users that have it).
   */
  slice(filter: UserFilter, start: number, count: number): UserSlice {
    const keep = (u: UserRecord) =>
      (filter.id === undefined || u.id === filter.id) &&
      (filter.email === undefined || u.email?.toLowerCase() === filter.email.toLowerCase()) &&
      (filter.is_disabled === undefined || u.is_disabled === filter.is_disabled);
    if (filter.id !== undefined || filter.email !== undefined || filter.is_disabled === true) {
      const few =
        filter.id !== undefined
          ? [this.#byId.get(filter.id)].filter((u) => u !== undefined)
          : filter.email !== undefined
            ? [...(this.#byEmail.get(filter.email.toLowerCase()) ?? [])]
            : [...this.#disabled];
      const found = few.filter(keep).sort((a, b) => (this.#seq.get(a) as number) - (this.#seq.get(b) as number));
      return { total: found.length, items: found.slice(start, start + count) };
    }
    if (filter.is_disabled === false) {
      // The enabled users: all of them but the disabled ones, counted without a pass over every user.
      const items: UserRecord[] = [];
      let skipped = 0;
      for (let i = 0; i < this.#ordered.length && items.length < count; i++) {
        const user = this.#ordered[i] as UserRecord;
        if (user.is_disabled) continue;
        if (skipped < start) skipped++;
        else items.push(user);
      }
      return { total: this.#ordered.length - this.#disabled.size, items };
    }
    return { total: this.#ordered.length, items: this.#ordered.slice(start, start + count) };
  }

  #index(user: UserRecord): void {
    if (user.is_disabled) this.#disabled.add(user);
    if (user.email === null || user.email === undefined) return;
    const key = user.email.toLowerCase();
    let same = this.#byEmail.get(key);
    if (!same) {
      same = new Set();
      this.#byEmail.set(key, same);
    }
    same.add(user);
  }

  #unindex(user: UserRecord): void {
    this.#disabled.delete(user);
    if (user.email === null || user.email === undefined) return;
    const key = user.email.toLowerCase();
    const same = this.#byEmail.get(key);
    same?.delete(user);
    if (same?.size === 0) this.#byEmail.delete(key);
  }

  /** Throws 409 when another user of this client already has this partner `id`. */
  assertIdFree(id: string | null): void {
    if (id !== null && this.#byId.has(id)) {
      throw errors.conflict(`user id '${id}' is already in use by another user of this client`, 'duplicate_user_id');
    }
  }
}
