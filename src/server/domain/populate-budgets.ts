// A scenario user's budgets, put in after its custom categories. Used by populate.ts; the inverse is in
// store/snapshot-budgets.ts.
import { defaultCategory, defaultCategoryNamed } from '../generators/categories.js';
import { claimNew, type UserPreset } from './preset.js';

export function addBudgets({ tenant, user, u, where, now, guids }: UserPreset): string[] {
  const problems: string[] = [];
  (u.budgets ?? []).forEach((b, i) => {
    const at = `${where}.budgets[${i}]`;
    const d = defaultCategory(b.category) ?? defaultCategoryNamed(b.category);
    const custom = d ? undefined : tenant.categories.find(user.guid, b.category);
    if (!d && !custom) {
      problems.push(`${at}.category: '${b.category}' is neither a default category nor one of the user's categories`);
      return;
    }
    const categoryGuid = d?.guid ?? (custom?.guid as string);
    const top = d ? d.parent_guid : (custom?.parent_guid ?? null);
    const mine = tenant.budgets.forUser(user.guid);
    if (mine.some((x) => x.category_guid === categoryGuid && x.guid !== b.guid)) {
      problems.push(`${at}.category: the user has a budget on ${categoryGuid} already`);
      return;
    }
    let parent: string | null = null;
    if (top !== null) {
      const p = mine.find((x) => x.category_guid === top);
      if (!p) {
        problems.push(`${at}.category: list the budget on its top-level category ${top} before it`);
        return;
      }
      parent = p.guid;
    }
    if (!claimNew(guids, tenant.budgets, b.guid, at)) return;
    tenant.budgets.insert({
      guid: b.guid ?? tenant.guids.next('BGT'),
      user_guid: user.guid,
      category_guid: categoryGuid,
      parent_guid: parent,
      amount: b.amount ?? 0,
      metadata: b.metadata ?? null,
      revision: 1,
      created_at_ms: now,
      updated_at_ms: now,
    });
  });
  return problems;
}
