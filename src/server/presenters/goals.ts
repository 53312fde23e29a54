// Goal → wire body: the same in every version. MX's documents type the times and metadata as strings that
// cannot be null, so a goal without one leaves the field out.
import { isoTime } from '../clock.js';
import type { Goal } from '../domain/goals.js';

export function goal(g: Goal) {
  return {
    account_guid: g.account_guid,
    amount: g.amount,
    ...(g.completed_at_ms !== null ? { completed_at: isoTime(g.completed_at_ms) } : {}),
    current_amount: g.current_amount,
    goal_type_name: g.goal_type_name,
    guid: g.guid,
    has_been_spent: g.has_been_spent,
    is_complete: g.is_complete,
    ...(g.metadata !== null ? { metadata: g.metadata } : {}),
    meta_type_name: g.meta_type_name,
    name: g.name,
    position: g.position,
    ...(g.projected_to_complete_at_ms !== null
      ? { projected_to_complete_at: isoTime(g.projected_to_complete_at_ms) }
      : {}),
    ...(g.targeted_to_complete_at_ms !== null
      ? { targeted_to_complete_at: isoTime(g.targeted_to_complete_at_ms) }
      : {}),
    track_type_name: g.track_type_name,
    user_guid: g.user_guid,
  };
}
