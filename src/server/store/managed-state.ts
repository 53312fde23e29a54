// Partner-managed members in the state file (optional: files written before they existed load without them).
import { z } from 'zod';
import type { Tenant } from './tenant.js';

const ManagedMember = z.object({
  guid: z.string(),
  user_guid: z.string(),
  id: z.string().nullable(),
  institution_code: z.string(),
  institution_guid: z.string(),
  name: z.string(),
  metadata: z.string().nullable(),
  created_at_ms: z.number().int(),
  updated_at_ms: z.number().int(),
});

export const ManagedState = z.object({ members: z.array(ManagedMember) });
export type ManagedState = z.infer<typeof ManagedState>;

/** The tenant's managed data as the state file's `managed` (nothing when there is none). */
export function saveManaged(tenant: Tenant): { managed?: ManagedState } {
  const members = tenant.managed.members.all();
  return members.length ? { managed: { members: members.map((m) => ({ ...m })) } } : {};
}

export function restoreManaged(tenant: Tenant, saved: ManagedState | undefined, problems: string[]): void {
  (saved?.members ?? []).forEach((m, i) => {
    if (!tenant.users.find(m.user_guid)) problems.push(`managed.members[${i}].user_guid: no user ${m.user_guid}`);
    else if (tenant.managed.members.has(m.guid) || tenant.members.find(m.user_guid, m.guid)) {
      problems.push(`managed.members[${i}]: ${m.guid} is there twice`);
    } else tenant.managed.members.insert({ ...m });
  });
}
