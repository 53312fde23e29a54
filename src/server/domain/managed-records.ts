// The records a partner-managed member, its accounts and their transactions list and present as
// (docs/managed-data.md): an ordinary MemberRecord, and AccountRecords whose streams hold exactly the
// managed transactions (domain/given-accounts.ts), so the ordinary account and transaction operations
// show them. Every change builds the account's record anew (ManagedStore.touch), which is what tells
// transaction-json.ts's kept texts and pages that they are stale.
import { isoTime } from '../clock.js';
import { initialLifecycle } from '../engine/lifecycle.js';
import type { AccountRecord } from '../generators/records.js';
import type { ManagedAccountRecord, ManagedMemberRecord, ManagedTransactionRecord } from '../store/managed.js';
import type { MemberRecord } from '../store/members.js';
import type { Tenant } from '../store/tenant.js';
import { type GivenTransaction, givenAccountRecord } from './given-accounts.js';

/**
 * The MemberRecord the presenters read for a managed member: CONNECTED, never aggregating, without
 * credentials or jobs. MX: a managed member is not `is_managed_by_user` (the partner manages it).
 */
export function managedMemberRecord(m: ManagedMemberRecord): MemberRecord {
  const state = { ...initialLifecycle(), connection_status: 'CONNECTED' as const, is_authenticated: true };
  return {
    guid: m.guid,
    id: m.id,
    user_guid: m.user_guid,
    institution_code: m.institution_code,
    institution_guid: m.institution_guid,
    name: m.name,
    metadata: m.metadata,
    is_oauth: false,
    background_aggregation_is_disabled: true,
    use_cases: ['PFM'],
    products: [],
    credentials: [],
    oauth: null,
    oauth_window_uri: null,
    state,
    data: null,
    next_background_at: null,
    created_at_ms: m.created_at_ms,
  };
}

/** The user's managed member with this guid, if it is one. */
export function managedMemberNamed(tenant: Tenant, userGuid: string, guid: string): ManagedMemberRecord | undefined {
  return tenant.managed.members.find(userGuid, guid);
}

/** The user's managed member a member path names (a `{member_identifier}` takes its `id` too), if any. */
export function managedMemberIn(
  tenant: Tenant,
  userGuid: string,
  p: { member_guid?: string; member_identifier?: string },
): ManagedMemberRecord | undefined {
  const wanted = (p.member_identifier ?? p.member_guid) as string;
  const found = managedMemberNamed(tenant, userGuid, wanted);
  if (found || p.member_identifier === undefined) return found;
  return tenant.managed.members.forUser(userGuid).find((m) => m.id === wanted);
}

/** What a stream of these managed transactions holds (a transaction's currency is its account's unless given). */
function givenOf(txs: readonly ManagedTransactionRecord[], a: ManagedAccountRecord): GivenTransaction[] {
  return txs.map((t) => ({
    created_at_ms: t.created_at_ms,
    fixed: {
      at: t.transacted_at,
      amount: t.amount,
      type: t.type,
      description: t.description,
      pending: t.status === 'PENDING',
      posted_at: t.posted_at,
      updated_at: t.updated_at_ms,
      guid: t.guid,
      id: t.id ?? t.guid,
      ...(t.category !== null ? { category: t.category } : {}),
      ...(t.memo !== null ? { memo: t.memo } : {}),
      ...(t.merchant_guid !== null ? { merchant_guid: t.merchant_guid } : {}),
      ...(t.check_number_string !== null ? { check_number_string: t.check_number_string } : {}),
      metadata: t.metadata,
      given: {
        currency_code: t.currency_code ?? a.currency_code,
        is_international: t.is_international,
        latitude: t.latitude,
        longitude: t.longitude,
        localized_description: t.localized_description,
        localized_memo: t.localized_memo,
        merchant_category_code: t.merchant_category_code,
        merchant_location_guid: t.merchant_location_guid,
      },
    },
  }));
}

/** The managed transactions on this account, in the order they were written. */
export function managedTransactionsOn(tenant: Tenant, a: ManagedAccountRecord): ManagedTransactionRecord[] {
  return tenant.managed.transactions.forUser(a.user_guid).filter((t) => t.account_guid === a.guid);
}

/** The record a managed account lists and presents as (built again after each change to it). */
export function managedAccountRecord(tenant: Tenant, a: ManagedAccountRecord): AccountRecord {
  const built = tenant.managed.built.get(a.guid);
  if (built) return built;
  const member = tenant.managed.members.find(a.user_guid, a.member_guid);
  const record = givenAccountRecord(
    { ...a, institution_code: member?.institution_code ?? '' },
    givenOf(managedTransactionsOn(tenant, a), a),
  );
  tenant.managed.built.set(a.guid, record);
  return record;
}

/** The user's managed accounts' records (of one managed member, when given), in creation order. */
export function managedAccountsOf(tenant: Tenant, userGuid: string, memberGuid?: string): AccountRecord[] {
  return tenant.managed.accounts
    .forUser(userGuid)
    .filter((a) => memberGuid === undefined || a.member_guid === memberGuid)
    .map((a) => managedAccountRecord(tenant, a));
}

/** What a managed account shows on the wire: what the partner wrote, null where it wrote nothing. */
export function managedAccountValues(tenant: Tenant, a: AccountRecord): Record<string, unknown> | undefined {
  const m = tenant.managed.accounts.find(a.user_guid, a.guid);
  if (!m || a.member_guid !== m.member_guid) return undefined;
  const { guid: _g, user_guid: _u, member_guid: _m, created_at_ms: _c, updated_at_ms, ...given } = m;
  return {
    ...given,
    is_manual: false,
    member_is_managed_by_user: false,
    property_type: null,
    updated_at: isoTime(updated_at_ms),
  };
}
