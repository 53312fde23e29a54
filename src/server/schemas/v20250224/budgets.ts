// Wire shapes for budgets: the same in v20250224 and v20111101 (MX's two documents declare them alike).
import { z } from '@hono/zod-openapi';
import { PaginationSchema } from '../../pagination.js';

const amount = z.number().int('must be a whole number').min(0, 'must not be negative').openapi({ example: 1000 });

export const BudgetCreateRequestSchema = z
  .object({
    amount: amount.optional(),
    category_guid: z
      .string()
      .min(1, 'must not be empty')
      .openapi({ example: 'CAT-b6d61a19-30a7-e852-2703-bdfb4072289e' }),
    metadata: z.string().optional().openapi({ example: 'Additional information' }),
    // Only a budget on a subcategory needs its parent budget; for a top-level category it is ignored.
    parent_guid: z.string().nullable().optional().openapi({ example: 'BGT-6be44a91-e105-f68a-4770-8c7c0a5c9778' }),
    skip_webhook: z.boolean().optional().openapi({ example: true }),
  })
  .openapi('BudgetCreateRequest');
export const BudgetCreateBodySchema = z
  .object({ budget: BudgetCreateRequestSchema })
  .openapi('BudgetCreateRequestBody');

export const BudgetUpdateRequestSchema = z
  .object({
    amount: amount.optional(),
    // null clears the metadata.
    metadata: z.string().nullable().optional().openapi({ example: 'Additional information' }),
    skip_webhook: z.boolean().optional().openapi({ example: true }),
  })
  .openapi('BudgetUpdateRequest');
export const BudgetUpdateBodySchema = z
  .object({ budget: BudgetUpdateRequestSchema })
  .openapi('BudgetUpdateRequestBody');

export const BudgetSchema = z
  .object({
    amount: z.number().openapi({ example: 153 }),
    category_guid: z.string().openapi({ example: 'CAT-b6d61a19-30a7-e852-2703-bdfb4072289e' }),
    created_at: z.string().openapi({ example: '2025-02-13T18:08:00+00:00' }),
    guid: z.string().openapi({ example: 'BGT-6ca0e3ef-c65e-4655-8b5a-275a3c19c21d' }),
    is_exceeded: z.boolean().openapi({ example: true }),
    is_off_track: z.boolean().openapi({ example: true }),
    metadata: z.string().nullable().openapi({ example: 'some metadata' }),
    name: z.string().nullable().openapi({ example: 'Food & Dining' }),
    off_track_percentage: z.number().nullable().openapi({ example: null }),
    parent_guid: z.string().nullable().openapi({ example: null }),
    percent_spent: z.number().nullable().openapi({ example: 1276.34 }),
    projected_spending: z.number().openapi({ example: 3562.4 }),
    revision: z.number().int().openapi({ example: 561 }),
    transaction_total: z.number().openapi({ example: 1952.8 }),
    updated_at: z.string().openapi({ example: '2022-06-14T21:17:11+00:00' }),
    user_guid: z.string().openapi({ example: 'USR-11141024-90b3-1bce-cac9-c06ced52ab4c' }),
  })
  .openapi('BudgetResponse');
export const BudgetBodySchema = z.object({ budget: BudgetSchema }).openapi('BudgetResponseBody');
export const BudgetsBodySchema = z
  .object({ budgets: z.array(BudgetSchema), pagination: PaginationSchema })
  .openapi('BudgetsResponseBody');
