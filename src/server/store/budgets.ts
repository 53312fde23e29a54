// A tenant's budgets, per user in creation order and by guid. What a budget has spent is not stored:
// domain/budgets.ts derives it from the user's transactions when it is read.
import { PerUser } from './per-user.js';

export interface BudgetRecord {
  guid: string;
  user_guid: string;
  /** A default category or one of the user's custom categories. */
  category_guid: string;
  /** The user's budget on the category's top-level category, for a budget on a subcategory; else null. */
  parent_guid: string | null;
  amount: number;
  metadata: string | null;
  revision: number;
  /** Bookkeeping, shown as ISO times. */
  created_at_ms: number;
  updated_at_ms: number;
}

/** Budgets, per user in creation order and by guid. */
export class BudgetStore extends PerUser<BudgetRecord> {}
