// Spending plans and their iteration items in the `--state` file (store/state.ts): what users made and
// changed; iterations and plan accounts are derived again from the calendar and the user's accounts.
import { z } from 'zod';
import type { SpendingPlanItemRecord, SpendingPlanRecord } from './spending-plans.js';
import type { Tenant } from './tenant.js';

const int = z.number().int();
const str = z.string();

const Plan: z.ZodType<SpendingPlanRecord> = z.object({
  guid: str,
  user_guid: str,
  created_at_ms: int,
  updated_at_ms: int,
  removed_account_guids: z.array(str),
  started_iterations: z.array(int),
});

const Item: z.ZodType<SpendingPlanItemRecord> = z.object({
  guid: str,
  user_guid: str,
  spending_plan_guid: str,
  iteration_number: int.min(1),
  item_type: int.min(0).max(3),
  planned_amount: z.number(),
  category_guid: str.nullable(),
  top_level_category_guid: str.nullable(),
  scheduled_payment_guid: str.nullable(),
  created_at_ms: int,
  updated_at_ms: int,
});

export const SpendingPlansState = z.object({ plans: z.array(Plan), items: z.array(Item) });
export type SpendingPlansState = z.infer<typeof SpendingPlansState>;

/** The tenant's spending plans, only when there are some (a world without them saves as before). */
export function saveSpendingPlans(tenant: Tenant): { spending_plans?: SpendingPlansState } {
  const plans = tenant.spendingPlans.plans.all();
  if (!plans.length) return {};
  return {
    spending_plans: {
      plans: plans.map((p) => structuredClone(p)),
      items: tenant.spendingPlans.items.all().map((i) => ({ ...i })),
    },
  };
}

export function restoreSpendingPlans(tenant: Tenant, saved: SpendingPlansState | undefined, problems: string[]): void {
  const store = tenant.spendingPlans;
  (saved?.plans ?? []).forEach((p, i) => {
    if (!tenant.users.find(p.user_guid)) problems.push(`spending_plans.plans[${i}].user_guid: no user ${p.user_guid}`);
    else if (store.plans.has(p.guid)) problems.push(`spending_plans.plans[${i}].guid: ${p.guid} is there twice`);
    else store.plans.insert(structuredClone(p));
  });
  (saved?.items ?? []).forEach((item, i) => {
    const where = `spending_plans.items[${i}]`;
    if (!store.plans.find(item.user_guid, item.spending_plan_guid)) {
      problems.push(
        `${where}.spending_plan_guid: no spending plan ${item.spending_plan_guid} of user ${item.user_guid}`,
      );
    } else if (store.items.has(item.guid)) problems.push(`${where}.guid: ${item.guid} is there twice`);
    else store.items.insert({ ...item });
  });
}
