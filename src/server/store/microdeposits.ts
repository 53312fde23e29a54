// A tenant's microdeposits: by guid, per user in creation order, and the ones with a step to come (so
// settling looks only at those).
import type { MicrodepositRecord } from '../engine/microdeposits.js';
import { errors } from '../errors.js';

export class MicrodepositStore {
  readonly #byGuid = new Map<string, MicrodepositRecord>();

  get size(): number {
    return this.#byGuid.size;
  }

  insert(md: MicrodepositRecord): MicrodepositRecord {
    this.#byGuid.set(md.guid, md);
    return md;
  }

  find(guid: string): MicrodepositRecord | undefined {
    return this.#byGuid.get(guid);
  }

  /** The microdeposit, or MX's 404. */
  get(guid: string): MicrodepositRecord {
    const md = this.#byGuid.get(guid);
    if (!md) throw errors.notFound('micro_deposit', guid);
    return md;
  }

  /** The user's microdeposits, oldest first. */
  forUser(userGuid: string): MicrodepositRecord[] {
    return this.all().filter((md) => md.user_guid === userGuid);
  }

  all(): MicrodepositRecord[] {
    return [...this.#byGuid.values()];
  }

  /** The ones with a step due by `now`, earliest first (creation order among equal times). */
  dueBy(now: number): MicrodepositRecord[] {
    const due: MicrodepositRecord[] = [];
    for (const md of this.#byGuid.values()) if (md.due_at !== null && md.due_at <= now) due.push(md);
    return due.sort((a, b) => (a.due_at as number) - (b.due_at as number));
  }

  delete(md: MicrodepositRecord): void {
    this.#byGuid.delete(md.guid);
  }

  deleteForUser(userGuid: string): void {
    for (const md of this.forUser(userGuid)) this.#byGuid.delete(md.guid);
  }
}
