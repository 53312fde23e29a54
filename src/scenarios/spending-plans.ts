// A scenario user's spending plans: what an export writes and a scenario may give (docs/spending-plans.md).
import { z } from 'zod';
import { onFirstUse } from '../first-use.js';

function build() {
  const SpendingPlanItem = z
    .object({
      guid: z.string().min(1).optional(),
      iteration: z.number().int().min(1).optional().describe('The iteration the item belongs to (default: 1).'),
      item_type: z
        .number()
        .int()
        .min(0)
        .max(3)
        .optional()
        .describe('0 recurring, 1 planned (default), 2 other, 3 income.'),
      planned_amount: z.number().nonnegative(),
      category_guid: z.string().min(1).optional(),
      top_level_category_guid: z.string().min(1).optional(),
      scheduled_payment_guid: z.string().min(1).optional(),
    })
    .strict();

  const PresetSpendingPlan = z
    .object({
      guid: z.string().min(1).optional(),
      created_at: z.iso
        .datetime({ offset: true, error: 'must be an ISO 8601 time such as 2026-02-01T00:00:00Z' })
        .optional()
        .describe('When the plan was made: its first iteration is that month (default: when the scenario loads).'),
      accounts_removed: z.array(z.string().min(1)).optional().describe('Account guids taken off the plan.'),
      started_iterations: z
        .array(z.number().int().min(1))
        .optional()
        .describe('Iterations whose items were started (default: 1 and those of the items).'),
      items: z.array(SpendingPlanItem).optional(),
    })
    .strict();

  return { PresetSpendingPlan };
}

type Schemas = ReturnType<typeof build>;

/** These schemas, made the first time they are asked for (by the scenario schema's own, schema.ts). */
export const spendingPlanSchemas = onFirstUse(build);

export type PresetSpendingPlan = z.infer<Schemas['PresetSpendingPlan']>;
