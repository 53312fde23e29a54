// Users: create, update and delete (with everything under them). A user's partner `id` is unique per client.
import type { Tenant } from '../store/tenant.js';
import type { UserChanges, UserRecord } from '../store/users.js';

export interface NewUser {
  id?: string | undefined;
  email?: string | undefined;
  is_disabled?: boolean | undefined;
  metadata?: string | undefined;
  /** Given by scenario presets; the API always makes one. */
  guid?: string | undefined;
}

export function createUser(tenant: Tenant, input: NewUser): UserRecord {
  tenant.users.assertIdFree(input.id ?? null);
  return tenant.users.insert({
    guid: input.guid ?? tenant.guids.next('USR'),
    id: input.id ?? null,
    email: input.email ?? null,
    is_disabled: input.is_disabled ?? false,
    metadata: input.metadata ?? null,
    created_at_ms: tenant.clock.now(),
  });
}

export function updateUser(tenant: Tenant, user: UserRecord, changes: UserChanges): UserRecord {
  return tenant.users.update(user, changes);
}

/**
 * Deleting a user deletes its members and all their data, its microdeposits and ACH returns (MX: permanent). Each member goes as a member
 * deleted by itself would: a MEMBER `deleted` webhook shows it as it was (its user still known).
 */
export function deleteUser(tenant: Tenant, user: UserRecord): void {
  const members = tenant.members.forUser(user.guid);
  tenant.members.deleteForUser(user.guid);
  tenant.microdeposits.deleteForUser(user.guid);
  tenant.achReturns.deleteForUser(user.guid);
  tenant.transactionEdits.deleteForUser(user.guid);
  const at = tenant.clock.now();
  for (const member of members) tenant.events.emit({ kind: 'member_changed', action: 'deleted', member, at });
  tenant.categories.deleteForUser(user.guid);
  tenant.budgets.deleteForUser(user.guid);
  tenant.goals.deleteForUser(user.guid);
  tenant.notifications.deleteForUser(user.guid);
  tenant.tags.deleteForUser(user.guid);
  tenant.spendingPlans.deleteForUser(user.guid);
  tenant.insights.deleteForUser(user.guid);
  tenant.manual.deleteForUser(user.guid);
  tenant.managed.deleteForUser(user.guid);
  tenant.cashFlow.deleteForUser(user.guid);
  tenant.users.delete(user);
}
