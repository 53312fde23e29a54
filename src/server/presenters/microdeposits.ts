// Microdeposit and ACH return records → wire JSON, the same in both versions.
import { isoTime } from '../clock.js';
import type { MicrodepositRecord } from '../engine/microdeposits.js';
import type { AchReturnRecord } from '../store/ach-returns.js';

export function microdeposit(md: MicrodepositRecord) {
  return {
    account_name: md.account_name,
    account_number: md.account_number,
    account_type: md.account_type,
    created_at: isoTime(md.created_at_ms),
    email: md.email,
    error_message: md.error_message,
    first_name: md.first_name,
    guid: md.guid,
    institution_code: md.institution_code,
    institution_name: md.institution_name,
    last_name: md.last_name,
    routing_number: md.routing_number,
    status: md.status,
    updated_at: isoTime(md.updated_at_ms),
    verified_at: md.verified_at_ms === null ? null : isoTime(md.verified_at_ms),
  };
}

/** `clientGuid`: the client's CLT- guid. What MX's product support adds later (resolution, notes) stays null. */
export function achReturn(r: AchReturnRecord, clientGuid: string) {
  return {
    account_guid: r.account_guid,
    account_number_last_four: r.account_number_last_four,
    account_type: r.account_type,
    ach_initiated_at: r.ach_initiated_at,
    client_guid: clientGuid,
    corrected_account_number: r.corrected_account_number,
    corrected_routing_number: r.corrected_routing_number,
    created_at: isoTime(r.created_at_ms),
    guid: r.guid,
    id: r.id,
    institution_guid: r.institution_guid,
    investigation_notes: null,
    member_guid: r.member_guid,
    processing_errors: null,
    resolution_code: null,
    resolution_detail: null,
    resolved_status_at: null,
    return_code: r.return_code,
    return_notes: r.return_notes,
    return_account_number: r.return_account_number,
    return_routing_number: r.return_routing_number,
    return_status: r.return_status,
    returned_at: r.returned_at,
    sec_code: r.sec_code,
    started_processing_at: null,
    submitted_at: isoTime(r.submitted_at_ms),
    transaction_amount: r.transaction_amount,
    updated_at: isoTime(r.updated_at_ms),
    user_guid: r.user_guid,
  };
}
