// A scenario user's partner-managed members, their accounts and transactions (docs/managed-data.md),
// checked as the managed operations check them. Used by populate.ts; the inverse is store/snapshot-managed.ts.
import type { ScenarioManagedAccount } from '../../scenarios/schema.js';
import { MxError } from '../errors.js';
import type { ManagedMemberRecord } from '../store/managed.js';
import type { Tenant } from '../store/tenant.js';
import { createManagedAccount, createManagedTransaction } from './managed.js';
import { type Claims, claimNew, type UserPreset } from './preset.js';

export function addManaged({ tenant, user, u, where, now, guids }: UserPreset): string[] {
  const problems: string[] = [];
  (u.managed_members ?? []).forEach((m, i) => {
    const at = `${where}.managed_members[${i}]`;
    const inst = tenant.institutions.byCode(m.institution_code);
    if (!inst) {
      problems.push(`${at}.institution_code: no institution '${m.institution_code}'`);
      return;
    }
    if (!claimNew(guids, tenant.managed.members, m.guid, at)) return;
    const member = tenant.managed.members.insert({
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
    (m.accounts ?? []).forEach((a, j) => {
      problems.push(...addAccount(tenant, member, a, `${at}.accounts[${j}]`, guids));
    });
  });
  return problems;
}

/** A managed account and its transactions; what the managed operations would refuse is a problem. */
function addAccount(
  tenant: Tenant,
  member: ManagedMemberRecord,
  a: ScenarioManagedAccount,
  at: string,
  guids: Claims,
): string[] {
  const { guid, transactions, ...input } = a;
  if (!claimNew(guids, tenant.managed.accounts, guid, at)) return [];
  const problems: string[] = [];
  const attempt = <T>(where: string, make: () => T): T | undefined => {
    try {
      return make();
    } catch (e) {
      if (!(e instanceof MxError)) throw e;
      problems.push(`${where}: ${e.message}`);
      return undefined;
    }
  };
  // A balance an update cleared (null) is kept as such; creating one takes a number.
  const account = attempt(at, () =>
    createManagedAccount(tenant, member, { ...input, balance: input.balance ?? 0 }, guid),
  );
  if (!account) return problems;
  account.balance = input.balance;
  (transactions ?? []).forEach((t, i) => {
    const { guid: tGuid, ...tInput } = t;
    const tAt = `${at}.transactions[${i}]`;
    if (!claimNew(guids, tenant.managed.transactions, tGuid, tAt)) return;
    attempt(tAt, () => createManagedTransaction(tenant, account, tInput, tGuid));
  });
  return problems;
}
