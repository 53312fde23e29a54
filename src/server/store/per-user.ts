// Records of one kind that each belong to a user (custom categories, tags, taggings): per user in
// creation order, and by guid.

/**
 * Records of one kind, per user in creation order and by guid. The maps are made on the first write: a
 * client's world holds a score of these, most of them never written (10,000 client_ids each pay for
 * every empty map otherwise; bench/README.md, goal 3).
 */
export class PerUser<R extends { guid: string; user_guid: string }> {
  #byUser: Map<string, R[]> | undefined;
  #byGuid: Map<string, R> | undefined;

  #userMap(): Map<string, R[]> {
    this.#byUser ??= new Map();
    return this.#byUser;
  }

  find(userGuid: string, guid: string): R | undefined {
    const r = this.#byGuid?.get(guid);
    return r?.user_guid === userGuid ? r : undefined;
  }

  has(guid: string): boolean {
    return this.#byGuid?.has(guid) ?? false;
  }

  forUser(userGuid: string): readonly R[] {
    return this.#byUser?.get(userGuid) ?? [];
  }

  hasUser(userGuid: string): boolean {
    return this.#byUser?.has(userGuid) ?? false;
  }

  /** Starts the user's list (empty), so that `hasUser` holds from now on. */
  start(userGuid: string): void {
    const byUser = this.#userMap();
    if (!byUser.has(userGuid)) byUser.set(userGuid, []);
  }

  /** The users whose list was started, in that order. */
  users(): string[] {
    return this.#byUser ? [...this.#byUser.keys()] : [];
  }

  insert(r: R): R {
    this.#byGuid ??= new Map();
    const byGuid = this.#byGuid;
    if (byGuid.has(r.guid)) throw new Error(`${r.guid} is there twice`);
    byGuid.set(r.guid, r);
    const byUser = this.#userMap();
    const list = byUser.get(r.user_guid);
    if (list) list.push(r);
    else byUser.set(r.user_guid, [r]);
    return r;
  }

  delete(r: R): void {
    this.#byGuid?.delete(r.guid);
    const list = this.#byUser?.get(r.user_guid) ?? [];
    const at = list.indexOf(r);
    if (at >= 0) list.splice(at, 1);
  }

  deleteForUser(userGuid: string): void {
    for (const r of this.#byUser?.get(userGuid) ?? []) this.#byGuid?.delete(r.guid);
    this.#byUser?.delete(userGuid);
  }

  all(): R[] {
    return this.#byUser ? [...this.#byUser.values()].flat() : [];
  }
}
