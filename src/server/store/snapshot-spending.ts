// A user's spending plans as a scenario user's `spending_plans` (the inverse of domain/populate-spending.ts).
import type { PresetSpendingPlan } from '../../scenarios/spending-plans.js';
import { isoTime } from '../clock.js';
import type { Tenant } from './tenant.js';
import type { UserRecord } from './users.js';

export function spendingPlansOf(tenant: Tenant, u: UserRecord): { spending_plans?: PresetSpendingPlan[] } {
  const plans = tenant.spendingPlans.plans.forUser(u.guid);
  if (!plans.length) return {};
  const items = tenant.spendingPlans.items.forUser(u.guid);
  return {
    spending_plans: plans.map((p) => {
      const mine = items.filter((i) => i.spending_plan_guid === p.guid);
      return {
        guid: p.guid,
        created_at: isoTime(p.created_at_ms),
        ...(p.removed_account_guids.length ? { accounts_removed: [...p.removed_account_guids] } : {}),
        started_iterations: [...p.started_iterations],
        ...(mine.length
          ? {
              items: mine.map((i) => ({
                guid: i.guid,
                iteration: i.iteration_number,
                item_type: i.item_type,
                planned_amount: i.planned_amount,
                ...(i.category_guid !== null ? { category_guid: i.category_guid } : {}),
                ...(i.top_level_category_guid !== null ? { top_level_category_guid: i.top_level_category_guid } : {}),
                ...(i.scheduled_payment_guid !== null ? { scheduled_payment_guid: i.scheduled_payment_guid } : {}),
              })),
            }
          : {}),
      };
    }),
  };
}
