// A tenant's notifications (those created through the API), per user in creation order and by guid.
import { PerUser } from './per-user.js';

export interface NotificationRecord {
  guid: string;
  user_guid: string;
  subject: string;
  content: string;
  created_at_ms: number;
}

/** Notifications, per user in creation order and by guid. */
export class NotificationStore extends PerUser<NotificationRecord> {}
