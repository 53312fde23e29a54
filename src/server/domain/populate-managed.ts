// A scenario user's partner-managed members (docs/managed-data.md). Used by populate.ts; the inverse is
// store/snapshot-managed.ts.
import type { ScenarioUser } from '../../scenarios/schema.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';

interface Claims {
  claim(guid: string | undefined, where: string): void;
}

export function addManaged(
  tenant: Tenant,
  user: UserRecord,
  u: ScenarioUser,
  where: string,
  now: number,
  guids: Claims,
): string[] {
  const problems: string[] = [];
  (u.managed_members ?? []).forEach((m, i) => {
    const at = `${where}.managed_members[${i}]`;
    const inst = tenant.institutions.byCode(m.institution_code);
    if (!inst) {
      problems.push(`${at}.institution_code: no institution '${m.institution_code}'`);
      return;
    }
    guids.claim(m.guid, at);
    if (m.guid !== undefined && tenant.managed.members.has(m.guid)) return;
    tenant.managed.members.insert({
      guid: m.guid ?? tenant.guids.next('MBR'),
      user_guid: user.guid,
      id: m.id ?? null,
      institution_code: inst.code,
      institution_guid: inst.guid,
      name: m.name ?? inst.name,
      metadata: m.metadata ?? null,
      created_at_ms: now,
      updated_at_ms: now,
    });
  });
  return problems;
}
