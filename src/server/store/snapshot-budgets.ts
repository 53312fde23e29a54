// A user's budgets as a scenario user's `budgets` (the inverse of domain/populate-budgets.ts). A budget's
// parent is not written: loading puts a subcategory's budget under the budget on its top-level category.
import type { ScenarioBudget } from '../../scenarios/schema.js';
import type { Tenant } from './tenant.js';
import type { UserRecord } from './users.js';

export function budgetsPreset(tenant: Tenant, u: UserRecord): { budgets?: ScenarioBudget[] } {
  const budgets = tenant.budgets.forUser(u.guid).map((b) => ({
    guid: b.guid,
    category: b.category_guid,
    amount: b.amount,
    ...(b.metadata !== null ? { metadata: b.metadata } : {}),
  }));
  return budgets.length ? { budgets } : {};
}
