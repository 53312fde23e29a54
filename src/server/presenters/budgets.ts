// Budget → wire body: the same in every version.
import { isoTime } from '../clock.js';
import type { Budget } from '../domain/budgets.js';

export function budget(b: Budget) {
  return {
    amount: b.amount,
    category_guid: b.category_guid,
    created_at: isoTime(b.created_at_ms),
    guid: b.guid,
    is_exceeded: b.is_exceeded,
    is_off_track: b.is_off_track,
    metadata: b.metadata,
    name: b.name,
    off_track_percentage: null,
    parent_guid: b.parent_guid,
    percent_spent: b.percent_spent,
    projected_spending: b.projected_spending,
    revision: b.revision,
    transaction_total: b.transaction_total,
    updated_at: isoTime(b.updated_at_ms),
    user_guid: b.user_guid,
  };
}
