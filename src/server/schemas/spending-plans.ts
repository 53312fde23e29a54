// Wire shapes for spending plans, their accounts, iterations and iteration items. MX's two documents
// declare them alike but for the item's `item_type`: an integer in v20250224, a string in v20111101.
import { z } from '@hono/zod-openapi';
import { PaginationSchema } from '../pagination.js';

const str = (example: string) => z.string().nullable().openapi({ example });
const time = str('2025-02-13T18:08:00Z');

export const SpendingPlanSchema = z
  .object({
    created_at: time,
    current_iteration_number: z.number().int().nullable().openapi({ example: 1 }),
    guid: str('SPL-e5f9a5bd-c5b3-4901-bdc0-62119b9db262'),
    updated_at: time,
    user_guid: str('USR-fa7537f3-48aa-a683-a02a-b18940482f54'),
  })
  .openapi('SpendingPlanResponse');
export const SpendingPlansBodySchema = z
  .object({ spending_plans: z.array(SpendingPlanSchema), pagination: PaginationSchema })
  .openapi('SpendingPlansResponseBody');

export const SpendingPlanAccountSchema = z
  .object({
    account_guid: z.string().openapi({ example: 'ACT-06d7f44b-caae-0f6e-1384-01f52e75dcb1' }),
    client_guid: z.string().openapi({ example: 'CLT-abcd-1234' }),
    created_at: z.string().openapi({ example: '2025-02-13T18:08:00Z' }),
    guid: z.string().openapi({ example: 'SPA-c76e4a85-b2c4-4335-82b7-8f8b8f28c35a' }),
    spending_plan_guid: z.string().openapi({ example: 'SPL-dbfe201d-c341-4bff-93c0-62a918d0b600' }),
    updated_at: z.string().openapi({ example: '2025-02-13T18:09:00Z' }),
    user_guid: z.string().openapi({ example: 'USR-fa7537f3-48aa-a683-a02a-b18940482f54' }),
  })
  .openapi('SpendingPlanAccountResponse');
export const SpendingPlanAccountsBodySchema = z
  .object({ spending_plan_accounts: z.array(SpendingPlanAccountSchema), pagination: PaginationSchema })
  .openapi('SpendingPlanAccountsResponse');

export const SpendingPlanIterationSchema = z
  .object({
    created_at: time,
    end_on: str('2023-05-31'),
    guid: str('SPI-848e6648-3fa3-4632-ac8f-e65f03167102'),
    iteration_number: z.number().int().nullable().openapi({ example: 1 }),
    spending_plan_guid: str('SPL-dbfe201d-c341-4bff-93c0-62a918d0b600'),
    start_on: str('2023-05-01'),
    updated_at: time,
    user_guid: str('USR-fa7537f3-48aa-a683-a02a-b18940482f54'),
  })
  .openapi('SpendingPlanIterationResponse');
export const SpendingPlanIterationsBodySchema = z
  .object({ iterations: z.array(SpendingPlanIterationSchema), pagination: PaginationSchema })
  .openapi('SpendingPlanIterationsResponse');

const itemFields = {
  actual_amount: z.number().nullable().openapi({ example: 345 }),
  category_guid: str('CAT-b6d61a19-30a7-e852-2703-bdfb4072289e'),
  created_at: time,
  guid: str('SII-a4dc1549-da28-1245-9c9c-53eee4cdfbe3'),
  planned_amount: z.number().nullable().openapi({ example: 110 }),
  scheduled_payment_guid: str('SCP-c731988a-712f-4f83-9b3b-0aa5b3d5208b'),
  spending_plan_iteration_guid: str('SPI-848e6648-3fa3-4632-ac8f-e65f03167102'),
  top_level_category_guid: str('CAT-9588eaad-90a4-bb5c-66c8-1812503d0db8'),
  transaction_guids: z.array(z.string().nullable().openapi({ example: 'TRN-265abee9-889b-af6a-c69b-25157db2bdd9' })),
  updated_at: time,
  user_guid: str('USR-fa7537f3-48aa-a683-a02a-b18940482f54'),
};

/** The item schemas of a version: `item_type` an integer (v20250224) or a string (v20111101). */
export function itemSchemas(stringType: boolean) {
  const item_type = stringType
    ? z.string().nullable().openapi({ example: '1' })
    : z
        .number()
        .int()
        .nullable()
        .openapi({ example: 1, enum: [0, 1, 2, 3] } as never);
  const item = z.object({ ...itemFields, item_type }).openapi('SpendingPlanIterationItemResponse');
  return {
    item,
    items: z
      .object({ iteration_items: z.array(item), pagination: PaginationSchema })
      .openapi('SpendingPlanIterationItemsResponseBody'),
  };
}

const guid = (example: string) => z.string().min(1, 'must not be empty').optional().openapi({ example });
export const SpendingPlanItemRequestSchema = z
  .object({
    category_guid: guid('CAT-b6d61a19-30a7-e852-2703-bdfb4072289e'),
    item_type: z
      .number({ error: 'must be 0, 1, 2 or 3' })
      .int('must be 0, 1, 2 or 3')
      .min(0, 'must be 0, 1, 2 or 3')
      .max(3, 'must be 0, 1, 2 or 3')
      .optional()
      .openapi({ example: 1 }),
    planned_amount: z
      .number({ error: 'is required and must be a number' })
      .min(0, 'must be 0 or more')
      .openapi({ example: 61.11 }),
    scheduled_payment_guid: guid('SCP-c731988a-712f-4f83-9b3b-0aa5b3d5208b'),
    top_level_category_guid: guid('CAT-9588eaad-90a4-bb5c-66c8-1812503d0db8'),
  })
  .openapi('SpendingPlanIterationItemCreateRequestBody');
