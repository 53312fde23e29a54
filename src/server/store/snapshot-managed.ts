// A user's partner-managed members as a scenario user's `managed_members` (the inverse of
// domain/populate-managed.ts).
import type { ScenarioUser } from '../../scenarios/schema.js';
import { defined } from './defined.js';
import type { Tenant } from './tenant.js';
import type { UserRecord } from './users.js';

export function managedOf(tenant: Tenant, u: UserRecord): Pick<ScenarioUser, 'managed_members'> {
  const members = tenant.managed.members.forUser(u.guid);
  if (!members.length) return {};
  return {
    managed_members: members.map((m) => ({
      guid: m.guid,
      institution_code: m.institution_code,
      name: m.name,
      ...(defined({ id: m.id, metadata: m.metadata }) as { id?: string; metadata?: string }),
    })),
  };
}
