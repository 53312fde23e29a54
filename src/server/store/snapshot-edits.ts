// A user's transaction rules, transaction edits and splits as a scenario user's `transaction_rules`,
// `transaction_edits` and `transaction_splits` (the inverse of domain/populate-edits.ts).
import type { ScenarioSplit, ScenarioTransactionEdit, ScenarioTransactionRule } from '../../scenarios/schema.js';
import type { Tenant } from './tenant.js';
import type { UserRecord } from './users.js';

export function editsOf(
  tenant: Tenant,
  u: UserRecord,
): {
  transaction_rules?: ScenarioTransactionRule[];
  transaction_edits?: ScenarioTransactionEdit[];
  transaction_splits?: ScenarioSplit[];
} {
  const store = tenant.transactionEdits;
  const rules = [...store.rules.forUser(u.guid)]
    .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
    .map((r) => ({
      guid: r.guid,
      match_description: r.match_description,
      category_guid: r.category_guid,
      ...(r.description !== null ? { description: r.description } : {}),
    }));
  const edits = store.edits.forUser(u.guid).map((e) => ({
    transaction_guid: e.guid,
    ...(e.description !== undefined ? { description: e.description } : {}),
    ...(e.memo !== undefined ? { memo: e.memo } : {}),
    ...(e.category_guid !== undefined ? { category_guid: e.category_guid } : {}),
  }));
  const splits = store.splits.forUser(u.guid).map((s) => ({
    transaction_guid: s.guid,
    children: s.children.map((c) => ({ ...c })),
  }));
  return {
    ...(rules.length ? { transaction_rules: rules } : {}),
    ...(edits.length ? { transaction_edits: edits } : {}),
    ...(splits.length ? { transaction_splits: splits } : {}),
  };
}
