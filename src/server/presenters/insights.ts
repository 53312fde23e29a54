// Insight and scheduled payment → wire body: the same in every version.
import { isoTime } from '../clock.js';
import type { Insight, ScheduledPayment } from '../domain/insights.js';
import type { UserRecord } from '../store/users.js';

export function insight(i: Insight, user: UserRecord, clientGuid: string) {
  const created = isoTime(i.created_at_ms);
  return {
    active_at: created,
    client_guid: clientGuid,
    created_at: created,
    cta_clicked_at: null,
    description: i.description,
    guid: i.guid,
    has_associated_accounts: i.account_guids.length > 0,
    has_associated_categories: i.category_guids.length > 0,
    has_associated_merchants: i.merchant_guids.length > 0,
    has_associated_scheduled_payments: i.scheduled_payments.length > 0,
    has_associated_transactions: i.transactions.length > 0,
    has_been_displayed: i.has_been_displayed,
    is_dismissed: i.is_dismissed,
    micro_call_to_action: i.micro_call_to_action,
    micro_description: i.micro_description,
    micro_title: i.micro_title,
    template: i.template,
    title: i.title,
    updated_at: isoTime(i.updated_at_ms),
    user_guid: i.user_guid,
    // MX's v20250224 document types user_id as a plain string: a user without one shows none.
    ...(user.id !== null ? { user_id: user.id } : {}),
  };
}

export function scheduledPayment(p: ScheduledPayment) {
  const at = isoTime(p.created_at_ms);
  return {
    amount: p.amount,
    created_at: at,
    description: p.description,
    guid: p.guid,
    is_completed: false,
    is_recurring: true,
    merchant_guid: p.merchant_guid,
    occurs_on: p.occurs_on,
    recurrence_day: p.recurrence_day,
    recurrence_type: p.recurrence_type,
    transaction_type: p.transaction_type,
    updated_at: at,
    user_guid: p.user_guid,
  };
}
