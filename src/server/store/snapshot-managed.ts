// A user's partner-managed members, with their accounts and transactions, as a scenario user's
// `managed_members` (the inverse of domain/populate-managed.ts).
import type { ScenarioManagedAccount, ScenarioUser } from '../../scenarios/schema.js';
import { defined } from './defined.js';
import type { ManagedAccountRecord } from './managed.js';
import type { Tenant } from './tenant.js';
import type { UserRecord } from './users.js';

function accountOf(tenant: Tenant, a: ManagedAccountRecord): ScenarioManagedAccount {
  const { user_guid: _u, member_guid: _m, created_at_ms: _c, updated_at_ms: _up, ...fields } = a;
  const transactions = tenant.managed.transactions
    .forUser(a.user_guid)
    .filter((t) => t.account_guid === a.guid)
    .map(({ user_guid: _tu, account_guid: _ta, created_at_ms: _tc, updated_at_ms: _tup, ...t }) => ({
      ...defined(t),
      transacted_at: new Date(t.transacted_at).toISOString(),
      posted_at: new Date(t.posted_at).toISOString(),
    }));
  return {
    ...(defined(fields) as ScenarioManagedAccount),
    balance: fields.balance,
    ...(transactions.length ? { transactions: transactions as ScenarioManagedAccount['transactions'] } : {}),
  };
}

export function managedOf(tenant: Tenant, u: UserRecord): Pick<ScenarioUser, 'managed_members'> {
  const members = tenant.managed.members.forUser(u.guid);
  if (!members.length) return {};
  const accounts = tenant.managed.accounts.forUser(u.guid);
  return {
    managed_members: members.map((m) => {
      const mine = accounts.filter((a) => a.member_guid === m.guid).map((a) => accountOf(tenant, a));
      return {
        guid: m.guid,
        institution_code: m.institution_code,
        name: m.name,
        ...(defined({ id: m.id, metadata: m.metadata }) as { id?: string; metadata?: string }),
        ...(mine.length ? { accounts: mine } : {}),
      };
    }),
  };
}
