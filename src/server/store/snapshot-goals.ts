// A user's goals and notifications as a scenario user's `goals` and `notifications` (the inverse of
// domain/populate-goals.ts). Goals are written in position order; what a goal has reached is derived from
// its account, so only the user's mark of completion is written.
import type { ScenarioGoal, ScenarioNotification } from '../../scenarios/schema.js';
import { isoTime } from '../clock.js';
import type { Tenant } from './tenant.js';
import type { UserRecord } from './users.js';

export function goalsPreset(
  tenant: Tenant,
  u: UserRecord,
): { goals?: ScenarioGoal[]; notifications?: ScenarioNotification[] } {
  const goals = [...tenant.goals.forUser(u.guid)]
    .sort((a, b) => a.position - b.position)
    .map((g) => ({
      guid: g.guid,
      account: g.account_guid,
      name: g.name,
      amount: g.amount,
      goal_type_name: g.goal_type_name,
      meta_type_name: g.meta_type_name as ScenarioGoal['meta_type_name'],
      ...(g.metadata !== null ? { metadata: g.metadata } : {}),
      ...(g.targeted_to_complete_at_ms !== null
        ? { targeted_to_complete_at: isoTime(g.targeted_to_complete_at_ms) }
        : {}),
      ...(g.has_been_spent ? { has_been_spent: true } : {}),
      ...(g.marked_complete_at_ms !== null ? { marked_complete_at: isoTime(g.marked_complete_at_ms) } : {}),
    }));
  const notifications = tenant.notifications
    .forUser(u.guid)
    .map((n) => ({ guid: n.guid, subject: n.subject, content: n.content }));
  return {
    ...(goals.length ? { goals } : {}),
    ...(notifications.length ? { notifications } : {}),
  };
}
