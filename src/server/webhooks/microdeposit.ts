// MICRODEPOSIT: a microdeposit was created or its status changed, as MX's microdeposit webhook page
// describes it: `action`, `version: 1` and the `micro_deposit` with MX's numeric status and account type.
// Unlike MX's other webhooks, its page gives the times as ISO 8601 strings. docs/webhooks.md#microdeposit.
import { MICRODEPOSIT_ACCOUNT_TYPE_IDS, MICRODEPOSIT_STATUS_IDS } from '../../mx/microdeposits.js';
import { isoTime } from '../clock.js';
import type { MicrodepositRecord } from '../engine/microdeposits.js';
import type { Tenant } from '../store/tenant.js';
import type { WebhookEvent } from '../store/webhook-log.js';

const iso = (ms: number | null) => (ms === null ? null : isoTime(ms));

export function microdepositEvent(
  tenant: Tenant,
  md: MicrodepositRecord,
  action: 'created' | 'updated',
  at: number,
): WebhookEvent {
  return {
    type: 'MICRODEPOSIT',
    at,
    payload: {
      action,
      version: 1,
      micro_deposit: {
        account_number: md.account_number,
        account_type: md.account_type === null ? null : MICRODEPOSIT_ACCOUNT_TYPE_IDS[md.account_type],
        created_at: iso(md.created_at_ms),
        guid: md.guid,
        institution_guid: md.institution_guid,
        routing_number: md.routing_number,
        status: MICRODEPOSIT_STATUS_IDS[md.status],
        status_name: md.status,
        updated_at: iso(at),
        user_guid: md.user_guid,
        user_id: tenant.users.find(md.user_guid)?.id ?? null,
        verified_at: iso(md.verified_at_ms),
      },
    },
  };
}
