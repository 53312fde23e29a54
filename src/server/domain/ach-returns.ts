// ACH returns: the client submits one for an account of one of its members; it is SUBMITTED from then
// on (what MX's product support does with it later is not simulated). Its user, member and account must
// exist and belong together, and its `id` is the client's, unique among its returns. docs/microdeposits.md.
import type { ScenarioPresetAchReturn } from '../../scenarios/microdeposits.js';
import { errors } from '../errors.js';
import { stableGuid } from '../generators/ids.js';
import type { AchReturnRecord } from '../store/ach-returns.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';

/** What a create request gives (MX's ACHReturnCreateRequest). */
export interface NewAchReturn {
  account_guid: string;
  member_guid: string;
  user_guid: string;
  id: string;
  return_code: string;
  account_number_last_four?: string | null | undefined;
  ach_initiated_at?: string | null | undefined;
  corrected_account_number?: string | null | undefined;
  corrected_routing_number?: string | null | undefined;
  return_account_number?: string | null | undefined;
  return_notes?: string | null | undefined;
  return_routing_number?: string | null | undefined;
  returned_at?: string | null | undefined;
  sec_code?: string | null | undefined;
  transaction_amount?: number | null | undefined;
}

export function createAchReturn(tenant: Tenant, input: NewAchReturn): AchReturnRecord {
  const user = tenant.users.find(input.user_guid);
  if (!user || user.guid !== input.user_guid) throw errors.notFound('user', input.user_guid);
  const member = tenant.members.find(user.guid, input.member_guid);
  if (!member || member.guid !== input.member_guid) throw errors.notFound('member', input.member_guid);
  const account = member.data?.accounts.find((a) => a.guid === input.account_guid);
  if (!account) throw errors.notFound('account', input.account_guid);
  if (tenant.achReturns.find(input.id)) {
    throw errors.conflict(`ach_return.id: an ACH return with id '${input.id}' was already submitted`);
  }
  const now = tenant.clock.now();
  const or = <T>(v: T | null | undefined) => v ?? null;
  return tenant.achReturns.insert({
    guid: tenant.guids.next('ACH'),
    id: input.id,
    user_guid: user.guid,
    member_guid: member.guid,
    account_guid: account.guid,
    institution_guid: member.institution_guid,
    account_type: account.type,
    account_number_last_four: or(input.account_number_last_four),
    ach_initiated_at: or(input.ach_initiated_at),
    corrected_account_number: or(input.corrected_account_number),
    corrected_routing_number: or(input.corrected_routing_number),
    return_account_number: or(input.return_account_number),
    return_routing_number: or(input.return_routing_number),
    return_code: input.return_code,
    return_notes: or(input.return_notes),
    return_status: 'SUBMITTED',
    returned_at: or(input.returned_at),
    sec_code: or(input.sec_code),
    transaction_amount: or(input.transaction_amount),
    created_at_ms: now,
    updated_at_ms: now,
    submitted_at_ms: now,
  });
}

/** The list filters MX's document declares; each one given must equal the return's value (a time by prefix). */
export interface AchReturnFilter {
  institution_guid?: string | undefined;
  returned_at?: string | undefined;
  resolved_status_at?: string | undefined;
  return_code?: string | undefined;
  return_status?: string | undefined;
}

export function listAchReturns(tenant: Tenant, f: AchReturnFilter): AchReturnRecord[] {
  return tenant.achReturns.all().filter(
    (r) =>
      (f.institution_guid === undefined || r.institution_guid === f.institution_guid) &&
      (f.returned_at === undefined || (r.returned_at ?? '').startsWith(f.returned_at)) &&
      // Never resolved in the simulator: a resolved_status_at filter matches nothing.
      f.resolved_status_at === undefined &&
      (f.return_code === undefined || r.return_code === f.return_code) &&
      (f.return_status === undefined || r.return_status === f.return_status),
  );
}

/** The client's CLT- guid, as ACH returns (and initial_data_ready) show it. */
export const clientGuidOf = (tenant: Tenant) => stableGuid('CLT', tenant.clientId);

/** A scenario's preset ACH return (a loaded export); returns what is wrong with it. */
export function presetAchReturn(
  tenant: Tenant,
  user: UserRecord,
  p: ScenarioPresetAchReturn,
  now: number,
  where: string,
): string[] {
  const member = tenant.members.find(user.guid, p.member_guid);
  if (!member || member.guid !== p.member_guid)
    return [`${where}.member_guid: no member ${p.member_guid} of this user`];
  const account = member.data?.accounts.find((a) => a.guid === p.account_guid);
  if (!account) return [`${where}.account_guid: member ${member.guid} has no account ${p.account_guid}`];
  if (tenant.achReturns.find(p.id)) return [`${where}.id: ACH return id '${p.id}' is used twice`];
  const at = p.created_at === undefined ? now : Date.parse(p.created_at);
  const or = <T>(v: T | undefined) => v ?? null;
  tenant.achReturns.insert({
    guid: p.guid ?? tenant.guids.next('ACH'),
    id: p.id,
    user_guid: user.guid,
    member_guid: member.guid,
    account_guid: account.guid,
    institution_guid: member.institution_guid,
    account_type: account.type,
    account_number_last_four: or(p.account_number_last_four),
    ach_initiated_at: or(p.ach_initiated_at),
    corrected_account_number: or(p.corrected_account_number),
    corrected_routing_number: or(p.corrected_routing_number),
    return_account_number: or(p.return_account_number),
    return_routing_number: or(p.return_routing_number),
    return_code: p.return_code,
    return_notes: or(p.return_notes),
    return_status: p.return_status ?? 'SUBMITTED',
    returned_at: or(p.returned_at),
    sec_code: or(p.sec_code),
    transaction_amount: or(p.transaction_amount),
    created_at_ms: at,
    updated_at_ms: at,
    submitted_at_ms: at,
  });
  return [];
}
