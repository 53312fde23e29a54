// A tenant's spending plans and their iteration items, per user in creation order and by guid. Iterations
// and plan accounts are derived (the calendar, the user's accounts); what is stored is what users change.
import { PerUser } from './per-user.js';

export interface SpendingPlanRecord {
  guid: string;
  user_guid: string;
  created_at_ms: number;
  updated_at_ms: number;
  /** Accounts the user took off the plan (delete spending plan account), by account guid. */
  removed_account_guids: string[];
  /** Iterations whose items were started (carried over or made), so a deleted item stays deleted. */
  started_iterations: number[];
}

export interface SpendingPlanItemRecord {
  guid: string;
  user_guid: string;
  spending_plan_guid: string;
  iteration_number: number;
  item_type: number;
  planned_amount: number;
  category_guid: string | null;
  top_level_category_guid: string | null;
  scheduled_payment_guid: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

export class SpendingPlanStore {
  readonly plans = new PerUser<SpendingPlanRecord>();
  readonly items = new PerUser<SpendingPlanItemRecord>();

  deleteForUser(userGuid: string): void {
    this.plans.deleteForUser(userGuid);
    this.items.deleteForUser(userGuid);
  }
}
