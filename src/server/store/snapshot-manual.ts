// A user's manual accounts and transactions, account edits and merges as a scenario user's `manual`
// (the inverse of domain/populate-manual.ts).
import type { ScenarioManual } from '../../scenarios/schema.js';
import { defined } from './defined.js';
import type { Tenant } from './tenant.js';
import type { UserRecord } from './users.js';

export function manualOf(tenant: Tenant, u: UserRecord): { manual?: ScenarioManual } {
  const store = tenant.manual;
  const member = store.members.forUser(u.guid)[0];
  const accounts = store.accounts.forUser(u.guid);
  const transactions = store.transactions.forUser(u.guid);
  const edits = store.edits.forUser(u.guid);
  const merges = store.merges.forUser(u.guid);
  if (!member && !edits.length && !merges.length) return {};
  return {
    manual: {
      ...(member ? { member_guid: member.guid } : {}),
      ...(accounts.length
        ? {
            accounts: accounts.map(({ user_guid, member_guid, created_at_ms, updated_at_ms, account_type, ...a }) => ({
              ...(defined(a) as { guid: string; name: string }),
              account_type: account_type as NonNullable<ScenarioManual['accounts']>[number]['account_type'],
            })),
          }
        : {}),
      ...(transactions.length
        ? {
            transactions: transactions.map((t) => ({
              guid: t.guid,
              account_guid: t.account_guid,
              date: new Date(t.at).toISOString().slice(0, 10),
              amount: t.amount,
              type: t.type,
              description: t.description,
              ...defined({ category: t.category, memo: t.memo, metadata: t.metadata }),
            })),
          }
        : {}),
      ...(edits.length
        ? { edits: edits.map(({ guid, user_guid, updated_at_ms, ...e }) => ({ account_guid: guid, ...e })) }
        : {}),
      ...(merges.length ? { merges: merges.map((m) => ({ account_guid: m.guid, into: m.into })) } : {}),
    },
  };
}
