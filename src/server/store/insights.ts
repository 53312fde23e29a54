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

export class InsightStore extends PerUser<InsightStateRecord> {
  /** Per user: the inputs' key and what was derived from them (never saved; rebuilt on demand). */
  readonly cache = new Map<string, { key: string; value: unknown }>();

  override deleteForUser(userGuid: string): void {
    super.deleteForUser(userGuid);
    this.cache.delete(userGuid);
  }
}
