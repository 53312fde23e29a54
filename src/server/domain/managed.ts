// Partner-managed members (MX's deprecated "managed data"): members the partner writes itself, of an
// institution from the managed institution list, that never aggregate (docs/managed-data.md).
import { initialLifecycle } from '../engine/lifecycle.js';
import { errors } from '../errors.js';
import type { ManagedMemberRecord } from '../store/managed.js';
import type { MemberRecord } from '../store/members.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { userOf } from './lookup.js';
import { institutionOf } from './members.js';

export interface ManagedMemberInput {
  id?: string | undefined;
  institution_code: string;
  metadata?: string | undefined;
  name?: string | undefined;
}

export type ManagedMemberChanges = Partial<Pick<ManagedMemberInput, 'id' | 'metadata' | 'name'>>;

/** The user's managed members in creation order. */
export function managedMembersOf(tenant: Tenant, user: UserRecord): readonly ManagedMemberRecord[] {
  return tenant.managed.members.forUser(user.guid);
}

/** The user's managed member with this guid (404 otherwise, also for an ordinary member's guid). */
export function managedMemberOf(tenant: Tenant, user: UserRecord, guid: string): ManagedMemberRecord {
  const m = tenant.managed.members.find(user.guid, guid);
  if (!m || m.user_guid !== user.guid) throw errors.notFound('member', guid);
  return m;
}

/** A partner `id` is the user's one member's: no other member (managed or not) of the user may have it. */
function checkId(tenant: Tenant, user: UserRecord, id: string | undefined, self?: string): void {
  if (id === undefined) return;
  const taken =
    tenant.members.forUser(user.guid).some((m) => m.id === id) ||
    managedMembersOf(tenant, user).some((m) => m.id === id && m.guid !== self);
  if (taken) throw errors.conflict(`A member with id '${id}' already exists for this user.`);
}

export function createManagedMember(tenant: Tenant, user: UserRecord, input: ManagedMemberInput): ManagedMemberRecord {
  const inst = institutionOf(tenant, input.institution_code);
  checkId(tenant, user, input.id);
  const now = tenant.clock.now();
  return tenant.managed.members.insert({
    guid: tenant.guids.next('MBR'),
    user_guid: user.guid,
    id: input.id ?? null,
    institution_code: inst.code,
    institution_guid: inst.guid,
    name: input.name ?? inst.name,
    metadata: input.metadata ?? null,
    created_at_ms: now,
    updated_at_ms: now,
  });
}

export function updateManagedMember(
  tenant: Tenant,
  user: UserRecord,
  m: ManagedMemberRecord,
  changes: ManagedMemberChanges,
): ManagedMemberRecord {
  if (changes.id === undefined && changes.metadata === undefined && changes.name === undefined) {
    throw errors.validation('member: give at least one of id, metadata, name');
  }
  checkId(tenant, user, changes.id, m.guid);
  if (changes.id !== undefined) m.id = changes.id;
  if (changes.metadata !== undefined) m.metadata = changes.metadata;
  if (changes.name !== undefined) m.name = changes.name;
  m.updated_at_ms = tenant.clock.now();
  return m;
}

export function deleteManagedMember(tenant: Tenant, m: ManagedMemberRecord): void {
  tenant.managed.members.delete(m);
}

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

/** A member route's user and managed member, when it names one (ordinary member reads show them too). */
export function managedMemberAt(
  tenant: Tenant,
  p: { user_guid?: string; user_identifier?: string; member_guid?: string; member_identifier?: string },
): { user: UserRecord; member: MemberRecord } | undefined {
  const user = userOf(tenant, p);
  const wanted = (p.member_identifier ?? p.member_guid) as string;
  const byId = p.member_identifier !== undefined;
  const mine = managedMembersOf(tenant, user);
  const found = mine.find((m) => m.guid === wanted) ?? (byId ? mine.find((m) => m.id === wanted) : undefined);
  return found ? { user, member: managedMemberRecord(found) } : undefined;
}
