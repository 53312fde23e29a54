// Finding a user's members, accounts and records from path parameters, with MX's identifier rules:
// a `{…_identifier}` path takes the MX guid or the partner `id`; a `{…_guid}` path takes the guid only.
import { errors } from '../errors.js';
import type { AccountRecord } from '../generators/records.js';
import type { MemberRecord } from '../store/members.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { managedAccountsOf } from './managed-records.js';
import { manualAccountsOf, withoutMerged } from './manual.js';

export function userOf(tenant: Tenant, p: { user_guid?: string; user_identifier?: string }): UserRecord {
  if (p.user_identifier !== undefined) return tenant.users.get(p.user_identifier);
  const guid = p.user_guid as string;
  const user = tenant.users.find(guid);
  if (!user || user.guid !== guid) throw errors.notFound('user', guid);
  return user;
}

export function memberOf(
  tenant: Tenant,
  user: UserRecord,
  p: { member_guid?: string; member_identifier?: string },
): MemberRecord {
  if (p.member_identifier !== undefined) return tenant.members.get(user.guid, p.member_identifier);
  const guid = p.member_guid as string;
  const member = tenant.members.find(user.guid, guid);
  if (!member || member.guid !== guid) throw errors.notFound('member', guid);
  return member;
}

/** The user and member a member route names (`{user_…}/members/{member_…}`). */
export function memberAt(
  tenant: Tenant,
  p: { user_guid?: string; user_identifier?: string; member_guid?: string; member_identifier?: string },
): { user: UserRecord; member: MemberRecord } {
  const user = userOf(tenant, p);
  return { user, member: memberOf(tenant, user, p) };
}

/** A user's members in creation order; with `useCase`, only those with that use case. */
export function membersOf(tenant: Tenant, user: UserRecord, useCase?: 'PFM' | 'MONEY_MOVEMENT'): MemberRecord[] {
  const members = tenant.members.forUser(user.guid);
  return useCase === undefined ? members : members.filter((m) => m.use_cases.includes(useCase));
}

/** Every account of a user (of its members with `useCase`), member by member in creation order. */
export function accountsOf(tenant: Tenant, user: UserRecord, useCase?: 'PFM' | 'MONEY_MOVEMENT'): AccountRecord[] {
  const aggregated = membersOf(tenant, user, useCase).flatMap((m) => m.data?.accounts ?? []);
  // Partner-managed accounts, then manual ones follow (PFM: they never move money); accounts merged into
  // another are gone.
  if (useCase === 'MONEY_MOVEMENT') return withoutMerged(tenant, user.guid, aggregated);
  const given = [...managedAccountsOf(tenant, user.guid), ...manualAccountsOf(tenant, user)];
  return [...withoutMerged(tenant, user.guid, aggregated), ...given];
}

export function accountOf(
  accounts: readonly AccountRecord[],
  p: { account_guid?: string; account_identifier?: string },
): AccountRecord {
  const wanted = (p.account_identifier ?? p.account_guid) as string;
  const byId = p.account_identifier !== undefined;
  const account = accounts.find((a) => a.guid === wanted) ?? (byId ? accounts.find((a) => a.id === wanted) : undefined);
  if (!account) throw errors.notFound('account', wanted);
  return account;
}
