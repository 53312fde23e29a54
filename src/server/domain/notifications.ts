// Notifications: those created through the API (MX: type API_NOTIFICATION, channel PUSH, no entity),
// kept per user in creation order. mx-sim makes no notifications of its own (docs/budgets-goals.md).
import { errors } from '../errors.js';
import { DAY_MS } from '../generators/transactions.js';
import type { NotificationRecord } from '../store/notifications.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';

export interface NewNotification {
  subject?: string | undefined;
  content?: string | undefined;
}

/** A `from_date`/`to_date` bound: a Unix timestamp in seconds, or a day (UTC) taken whole. */
function bound(value: string, end: boolean): number {
  if (!value.includes('-')) return Number(value) * 1000 + (end ? 1000 : 0);
  return Date.parse(`${value}T00:00:00Z`) + (end ? DAY_MS : 0);
}

/** The user's notifications in creation order, those created in [from_date, to_date] when given. */
export function notificationsOf(
  tenant: Tenant,
  user: UserRecord,
  q: { from_date?: string | undefined; to_date?: string | undefined } = {},
): NotificationRecord[] {
  const from = q.from_date !== undefined ? bound(q.from_date, false) : Number.NEGATIVE_INFINITY;
  const to = q.to_date !== undefined ? bound(q.to_date, true) : Number.POSITIVE_INFINITY;
  if (from >= to) throw errors.validation(`from_date: ${q.from_date} is after to_date (${q.to_date})`);
  return tenant.notifications.forUser(user.guid).filter((n) => n.created_at_ms >= from && n.created_at_ms < to);
}

export function notificationOf(tenant: Tenant, user: UserRecord, guid: string): NotificationRecord {
  const n = tenant.notifications.find(user.guid, guid);
  if (!n) throw errors.notFound('notification', guid);
  return n;
}

function text(field: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') {
    throw errors.validation(`${field}: required, and must not be empty`);
  }
  return value;
}

export function createNotification(
  tenant: Tenant,
  user: UserRecord,
  input: NewNotification,
  where: string,
): NotificationRecord {
  const subject = text(`${where}subject`, input.subject);
  const content = text(`${where}content`, input.content);
  return tenant.notifications.insert({
    guid: tenant.guids.next('NTF'),
    user_guid: user.guid,
    subject,
    content,
    created_at_ms: tenant.clock.now(),
  });
}
