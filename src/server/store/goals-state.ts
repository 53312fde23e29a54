// Users' goals and notifications in the state file (optional: files written before they existed load
// without them).
import { z } from 'zod';
import type { GoalRecord } from './goals.js';
import type { NotificationRecord } from './notifications.js';
import type { Tenant } from './tenant.js';

const str = z.string();
const time = z.number().int();

const Goal: z.ZodType<GoalRecord> = z.object({
  guid: str,
  user_guid: str,
  account_guid: str,
  name: str,
  amount: z.number(),
  goal_type_name: z.enum(['SAVE_AMOUNT', 'PAYOFF']),
  meta_type_name: str,
  metadata: str.nullable(),
  position: z.number().int(),
  has_been_spent: z.boolean(),
  marked_complete_at_ms: time.nullable(),
  targeted_to_complete_at_ms: time.nullable(),
  created_at_ms: time,
  updated_at_ms: time,
});

const Notification: z.ZodType<NotificationRecord> = z.object({
  guid: str,
  user_guid: str,
  subject: str,
  content: str,
  created_at_ms: time,
});

export const GoalsState = z.array(Goal);
export const NotificationsState = z.array(Notification);

/** The tenant's goals and notifications, each left out when there are none. */
export function saveGoals(tenant: Tenant): { goals?: GoalRecord[]; notifications?: NotificationRecord[] } {
  const goals = tenant.goals.all();
  const notifications = tenant.notifications.all();
  return {
    ...(goals.length ? { goals: goals.map((g) => ({ ...g })) } : {}),
    ...(notifications.length ? { notifications: notifications.map((n) => ({ ...n })) } : {}),
  };
}

export function restoreGoals(
  tenant: Tenant,
  saved: { goals?: GoalRecord[] | undefined; notifications?: NotificationRecord[] | undefined },
  problems: string[],
): void {
  (saved.goals ?? []).forEach((g, i) => {
    if (!tenant.users.find(g.user_guid)) problems.push(`goals[${i}].user_guid: no user ${g.user_guid}`);
    else if (tenant.goals.has(g.guid)) problems.push(`goals[${i}].guid: ${g.guid} is there twice`);
    else tenant.goals.insert({ ...g });
  });
  (saved.notifications ?? []).forEach((n, i) => {
    if (!tenant.users.find(n.user_guid)) problems.push(`notifications[${i}].user_guid: no user ${n.user_guid}`);
    else if (tenant.notifications.has(n.guid)) problems.push(`notifications[${i}].guid: ${n.guid} is there twice`);
    else tenant.notifications.insert({ ...n });
  });
}
