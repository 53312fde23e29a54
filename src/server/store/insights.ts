// A tenant's insight state: what the client set on its users' insights (displayed, dismissed). The
// insights themselves are not stored: domain/insights.ts derives them from the users' recent history,
// and keeps each user's last derivation (`cache`) until its inputs change. See docs/insights.md.
import { PerUser } from './per-user.js';

export interface InsightStateRecord {
  /** The insight's guid (BET-…), as derived. */
  guid: string;
  user_guid: string;
  has_been_displayed: boolean;
  is_dismissed: boolean;
  /** When the client last updated it. */
  updated_at_ms: number;
}

/** Users whose last derivation a tenant keeps; the least recently read go first past this many. */
export const KEPT_DERIVATIONS = 256;

export class InsightStore extends PerUser<InsightStateRecord> {
  /** Per user: the inputs' key and what was derived from them (never saved; rebuilt on demand). */
  readonly #cache = new Map<string, { key: string; value: unknown }>();

  /** The user's kept derivation when it was made from inputs with this key. */
  cached(userGuid: string, key: string): unknown {
    const kept = this.#cache.get(userGuid);
    if (!kept || kept.key !== key) return undefined;
    // Read again: the newest in the map's order.
    this.#cache.delete(userGuid);
    this.#cache.set(userGuid, kept);
    return kept.value;
  }

  /** What is kept for the user, whatever its key (for tests that check a read reuses it). */
  kept(userGuid: string): unknown {
    return this.#cache.get(userGuid)?.value;
  }

  keep(userGuid: string, key: string, value: unknown): void {
    this.#cache.delete(userGuid);
    this.#cache.set(userGuid, { key, value });
    if (this.#cache.size > KEPT_DERIVATIONS) this.#cache.delete(this.#cache.keys().next().value as string);
  }

  override deleteForUser(userGuid: string): void {
    super.deleteForUser(userGuid);
    this.#cache.delete(userGuid);
  }
}
