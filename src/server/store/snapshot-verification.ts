// A client's microdeposits and ACH returns as a scenario's preset users write them (GET /_mx-sim/export),
// so that loading the export gives the same ones back (domain/microdeposits.ts, domain/ach-returns.ts).
import type { ScenarioPresetAchReturn, ScenarioPresetMicrodeposit } from '../../scenarios/microdeposits.js';
import { isoTime } from '../clock.js';
import { depositedAmounts, type MicrodepositRecord } from '../engine/microdeposits.js';
import type { AchReturnRecord } from './ach-returns.js';

/** A microdeposit as a scenario's preset writes it (an export), so that loading it gives the same one. */
export function microdepositPreset(md: MicrodepositRecord): ScenarioPresetMicrodeposit {
  const given = <T>(v: T | null) => (v === null ? undefined : v);
  const preset: ScenarioPresetMicrodeposit = {
    guid: md.guid,
    status: md.status,
    account_number: given(md.account_number),
    account_type: given(md.account_type),
    routing_number: given(md.routing_number),
    account_name: given(md.account_name),
    email: given(md.email),
    first_name: given(md.first_name),
    last_name: given(md.last_name),
    amounts: md.account_number === null ? undefined : (depositedAmounts(md) ?? undefined),
    failed_attempts: md.failed_attempts || undefined,
    error_message: given(md.error_message),
  };
  return Object.fromEntries(Object.entries(preset).filter(([, v]) => v !== undefined)) as ScenarioPresetMicrodeposit;
}

/** An ACH return as a scenario's preset writes it (an export). */
export function achReturnPreset(r: AchReturnRecord): ScenarioPresetAchReturn {
  const { guid, id, member_guid, account_guid, return_code, return_status } = r;
  const optional = {
    account_number_last_four: r.account_number_last_four,
    ach_initiated_at: r.ach_initiated_at,
    corrected_account_number: r.corrected_account_number,
    corrected_routing_number: r.corrected_routing_number,
    return_account_number: r.return_account_number,
    return_routing_number: r.return_routing_number,
    return_notes: r.return_notes,
    returned_at: r.returned_at,
    sec_code: r.sec_code,
    transaction_amount: r.transaction_amount,
  };
  return {
    guid,
    id,
    member_guid,
    account_guid,
    return_code,
    return_status,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== null)),
    created_at: isoTime(r.created_at_ms),
  };
}
