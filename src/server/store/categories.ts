// A tenant's custom categories (MX's default ones are fixed data: generators/categories.ts), per user
// in creation order and by guid.

export interface CategoryRecord {
  guid: string;
  user_guid: string;
  name: string;
  /** Always a top-level default category. */
  parent_guid: string;
  metadata: string | null;
  /** Bookkeeping, shown as ISO times. */
  created_at_ms: number;
  updated_at_ms: number;
}

export class CategoryStore {
  readonly #byUser = new Map<string, CategoryRecord[]>();
  readonly #byGuid = new Map<string, CategoryRecord>();

  /** The user's custom category with this guid. */
  find(userGuid: string, guid: string): CategoryRecord | undefined {
    const c = this.#byGuid.get(guid);
    return c?.user_guid === userGuid ? c : undefined;
  }

  has(guid: string): boolean {
    return this.#byGuid.has(guid);
  }

  forUser(userGuid: string): readonly CategoryRecord[] {
    return this.#byUser.get(userGuid) ?? [];
  }

  insert(c: CategoryRecord): CategoryRecord {
    if (this.#byGuid.has(c.guid)) throw new Error(`category ${c.guid} is there twice`);
    this.#byGuid.set(c.guid, c);
    const list = this.#byUser.get(c.user_guid);
    if (list) list.push(c);
    else this.#byUser.set(c.user_guid, [c]);
    return c;
  }

  delete(c: CategoryRecord): void {
    this.#byGuid.delete(c.guid);
    const list = this.#byUser.get(c.user_guid) ?? [];
    const at = list.indexOf(c);
    if (at >= 0) list.splice(at, 1);
    if (!list.length) this.#byUser.delete(c.user_guid);
  }

  deleteForUser(userGuid: string): void {
    for (const c of this.#byUser.get(userGuid) ?? []) this.#byGuid.delete(c.guid);
    this.#byUser.delete(userGuid);
  }

  /** Every custom category, users in the order they first made one. */
  all(): CategoryRecord[] {
    return [...this.#byUser.values()].flat();
  }
}
