// Records of one kind that each belong to a user (custom categories, tags, taggings): per user in
// creation order, and by guid.

/** Records of one kind, per user in creation order and by guid. */
export class PerUser<R extends { guid: string; user_guid: string }> {
  readonly #byUser = new Map<string, R[]>();
  readonly #byGuid = new Map<string, R>();

  find(userGuid: string, guid: string): R | undefined {
    const r = this.#byGuid.get(guid);
    return r?.user_guid === userGuid ? r : undefined;
  }

  has(guid: string): boolean {
    return this.#byGuid.has(guid);
  }

  forUser(userGuid: string): readonly R[] {
    return this.#byUser.get(userGuid) ?? [];
  }

  hasUser(userGuid: string): boolean {
    return this.#byUser.has(userGuid);
  }

  /** Starts the user's list (empty), so that `hasUser` holds from now on. */
  start(userGuid: string): void {
    if (!this.#byUser.has(userGuid)) this.#byUser.set(userGuid, []);
  }

  /** The users whose list was started, in that order. */
  users(): string[] {
    return [...this.#byUser.keys()];
  }

  insert(r: R): R {
    if (this.#byGuid.has(r.guid)) throw new Error(`${r.guid} is there twice`);
    this.#byGuid.set(r.guid, r);
    const list = this.#byUser.get(r.user_guid);
    if (list) list.push(r);
    else this.#byUser.set(r.user_guid, [r]);
    return r;
  }

  delete(r: R): void {
    this.#byGuid.delete(r.guid);
    const list = this.#byUser.get(r.user_guid) ?? [];
    const at = list.indexOf(r);
    if (at >= 0) list.splice(at, 1);
  }

  deleteForUser(userGuid: string): void {
    for (const r of this.#byUser.get(userGuid) ?? []) this.#byGuid.delete(r.guid);
    this.#byUser.delete(userGuid);
  }

  all(): R[] {
    return [...this.#byUser.values()].flat();
  }
}
