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

export class UserStore {
  readonly #byGuid = new Map<string, UserRecord>();
  readonly #byId = new Map<string, UserRecord>();

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
    this.#byGuid.set(user.guid, user);
    if (user.id !== null) this.#byId.set(user.id, user);
    return user;
  }

  update(user: UserRecord, changes: UserChanges): UserRecord {
    if (changes.id !== undefined && changes.id !== user.id) {
      this.assertIdFree(changes.id);
      if (user.id !== null) this.#byId.delete(user.id);
      if (changes.id !== null) this.#byId.set(changes.id, user);
    }
    Object.assign(user, changes);
    return user;
  }

  delete(user: UserRecord): void {
    this.#byGuid.delete(user.guid);
    if (user.id !== null) this.#byId.delete(user.id);
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

  /** Throws 409 when another user of this client already has this partner `id`. */
  assertIdFree(id: string | null): void {
    if (id !== null && this.#byId.has(id)) {
      throw errors.conflict(`user id '${id}' is already in use by another user of this client`, 'duplicate_user_id');
    }
  }
}
