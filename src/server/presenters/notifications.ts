// Notification → wire body: the same in every version. A notification created through the API is MX's
// type 11 (API_NOTIFICATION) on channel PUSH, attached to no entity; mx-sim has no device to deliver to.
import { isoTime } from '../clock.js';
import type { NotificationRecord } from '../store/notifications.js';

/** MX's notification type number for API_NOTIFICATION. */
export const API_NOTIFICATION = 11;

export function notification(n: NotificationRecord) {
  return {
    channel: 'PUSH' as const,
    content: n.content,
    created_at: isoTime(n.created_at_ms),
    deep_link_guid: null,
    delivered_at: null,
    entity_guid: null,
    guid: n.guid,
    has_been_delivered: false,
    has_been_viewed: false,
    notification_type: API_NOTIFICATION,
    subject: n.subject,
    threshold: null,
  };
}
