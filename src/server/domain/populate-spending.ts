// A scenario user's spending plans, put in after its members and categories (items name categories).
// Used by populate.ts; the inverse is store/snapshot-spending.ts.
import { defaultCategory } from '../generators/categories.js';
import { claimNew, type UserPreset } from './preset.js';

export function addSpendingPlans({ tenant, user, u, where, now, guids }: UserPreset): string[] {
  const problems: string[] = [];
  const known = (guid: string) => defaultCategory(guid) !== undefined || tenant.categories.find(user.guid, guid);
  (u.spending_plans ?? []).forEach((p, i) => {
    const at = `${where}.spending_plans[${i}]`;
    if (!claimNew(guids, tenant.spendingPlans.plans, p.guid, at)) return;
    const created = p.created_at !== undefined ? Date.parse(p.created_at) : now;
    const items = p.items ?? [];
    const plan = tenant.spendingPlans.plans.insert({
      guid: p.guid ?? tenant.guids.next('SPL'),
      user_guid: user.guid,
      created_at_ms: created,
      updated_at_ms: created,
      removed_account_guids: [...(p.accounts_removed ?? [])],
      started_iterations: [...new Set([1, ...(p.started_iterations ?? []), ...items.map((x) => x.iteration ?? 1)])],
    });
    items.forEach((x, j) => {
      const itemAt = `${at}.items[${j}]`;
      for (const field of ['category_guid', 'top_level_category_guid'] as const) {
        const guid = x[field];
        if (guid !== undefined && !known(guid)) problems.push(`${itemAt}.${field}: no category ${guid} for this user`);
      }
      if (!claimNew(guids, tenant.spendingPlans.items, x.guid, itemAt)) return;
      const parent = x.category_guid !== undefined ? defaultCategory(x.category_guid)?.parent_guid : undefined;
      tenant.spendingPlans.items.insert({
        guid: x.guid ?? tenant.guids.next('SII'),
        user_guid: user.guid,
        spending_plan_guid: plan.guid,
        iteration_number: x.iteration ?? 1,
        item_type: x.item_type ?? 1,
        planned_amount: x.planned_amount,
        category_guid: x.category_guid ?? null,
        top_level_category_guid: x.top_level_category_guid ?? parent ?? x.category_guid ?? null,
        scheduled_payment_guid: x.scheduled_payment_guid ?? null,
        created_at_ms: created,
        updated_at_ms: created,
      });
    });
  });
  return problems;
}
