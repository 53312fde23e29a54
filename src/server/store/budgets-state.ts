// Users' budgets in the state file (optional: files written before they existed load without them).
import { z } from 'zod';
import type { BudgetRecord } from './budgets.js';
import type { Tenant } from './tenant.js';

const str = z.string();
const time = z.number().int();

const Budget: z.ZodType<BudgetRecord> = z.object({
  guid: str,
  user_guid: str,
  category_guid: str,
  parent_guid: str.nullable(),
  amount: z.number(),
  metadata: str.nullable(),
  revision: z.number().int(),
  created_at_ms: time,
  updated_at_ms: time,
});

export const BudgetsState = z.array(Budget);

/** The tenant's budgets, or nothing when there are none (a world without them saves as before). */
export function saveBudgets(tenant: Tenant): { budgets?: BudgetRecord[] } {
  const all = tenant.budgets.all();
  return all.length ? { budgets: all.map((b) => ({ ...b })) } : {};
}

export function restoreBudgets(tenant: Tenant, saved: BudgetRecord[] | undefined, problems: string[]): void {
  (saved ?? []).forEach((b, i) => {
    if (!tenant.users.find(b.user_guid)) problems.push(`budgets[${i}].user_guid: no user ${b.user_guid}`);
    else if (tenant.budgets.has(b.guid)) problems.push(`budgets[${i}].guid: ${b.guid} is there twice`);
    else tenant.budgets.insert({ ...b });
  });
}
