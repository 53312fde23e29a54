// Wire shapes for transaction updates and transaction rules. Transaction rules are alike in MX's two
// documents; a transaction update is not: v20250224 changes the description only, v20111101 also takes
// memo, category_guid (and date, which mx-sim refuses: a pulled transaction's date is its institution's).
import { z } from '@hono/zod-openapi';
import type { ApiVersion } from '../../../mx/versions.js';
import { PaginationSchema } from '../../pagination.js';

const text = z.string().max(255, 'must be at most 255 characters');
const categoryGuid = z
  .string()
  .min(1, 'must not be empty')
  .openapi({ example: 'CAT-b6d61a19-30a7-e852-2703-bdfb4072289e' });

const Update20250224 = z
  .object({ description: text.openapi({ example: 'new description' }) })
  .strict()
  .openapi('TransactionUpdateRequest');
const Update20111101 = z
  .object({
    category_guid: categoryGuid.optional(),
    date: z.string().optional(),
    description: text.optional().openapi({ example: 'new description' }),
    memo: text.optional().openapi({ example: 'Chips and Soda' }),
  })
  .openapi('TransactionUpdateRequest');

/** The update body each version takes (handlers read the v20111101 form, a superset). */
export const TransactionUpdateBodies: Record<
  ApiVersion,
  z.ZodType<{ transaction: z.output<typeof Update20111101> }>
> = {
  v20250224: z.object({ transaction: Update20250224 }).openapi('TransactionUpdateRequestBody'),
  v20111101: z.object({ transaction: Update20111101 }).openapi('TransactionUpdateRequestBody'),
};

const ruleFields = {
  category_guid: categoryGuid.nullable().openapi({
    description:
      "The category matching transactions get (a default category or one of the user's own); null keeps theirs.",
  }),
  description: text.nullable().optional().openapi({
    description: 'The description matching transactions get; absent or null keeps theirs.',
    example: 'Wal-mart food storage',
  }),
  match_description: text.min(1, 'must not be empty').openapi({
    description: "Text a transaction's own description must contain (ignoring case) for the rule to apply.",
    example: 'Wal-mart',
  }),
};

export const TransactionRuleCreateBodySchema = z
  .object({ transaction_rule: z.object(ruleFields).openapi('TransactionRuleCreateRequest') })
  .openapi('TransactionRuleCreateRequestBody');
export const TransactionRuleUpdateBodySchema = z
  .object({
    transaction_rule: z
      .object({
        category_guid: ruleFields.category_guid.optional(),
        description: ruleFields.description,
        match_description: ruleFields.match_description.optional(),
      })
      .openapi('TransactionRuleUpdateRequest'),
  })
  .openapi('TransactionRuleUpdateRequestBody');

export const TransactionRuleSchema = z
  .object({
    category_guid: z.string().nullable().openapi({ example: 'CAT-b6d61a19-30a7-e852-2703-bdfb4072289e' }),
    created_at: z.string().nullable().openapi({ example: '2025-02-13T18:08:00Z' }),
    description: z.string().nullable().openapi({ example: 'Wal-mart food storage' }),
    guid: z.string().nullable().openapi({ example: 'TXR-a080e0f9-a2d4-4d6f-9e03-672cc357a4d3' }),
    match_description: z.string().nullable().openapi({ example: 'Wal-mart' }),
    updated_at: z.string().nullable().openapi({ example: '2025-02-13T18:09:00Z' }),
    user_guid: z.string().nullable().openapi({ example: 'USR-fa7537f3-48aa-a683-a02a-b18940482f54' }),
  })
  .openapi('TransactionRuleResponse');
export const TransactionRuleBodySchema = z
  .object({ transaction_rule: TransactionRuleSchema })
  .openapi('TransactionRuleResponseBody');
export const TransactionRulesBodySchema = z
  .object({ transaction_rules: z.array(TransactionRuleSchema), pagination: PaginationSchema })
  .openapi('TransactionRulesResponseBody');

export const SplitTransactionRequestSchema = z
  .object({
    amount: z
      .number()
      .openapi({ description: 'The amount of this part (positive, at most two decimals).', example: 61.11 }),
    description: text
      .optional()
      .openapi({ description: "This part's description (else the parent's).", example: 'Chevron Gas' }),
    category_guid: categoryGuid.nullable().optional().openapi({
      description: "This part's category: a default category or one of the user's own (else the parent's).",
    }),
    memo: text.optional().openapi({ description: "This part's memo (else the parent's).", example: 'Chips and Soda' }),
  })
  .openapi('SplitTransactionRequest');
export const SplitTransactionBodySchema = z
  .object({
    transactions: z.union([SplitTransactionRequestSchema, z.array(SplitTransactionRequestSchema)]).openapi({
      description:
        "Every part (two or more, adding up to the parent's amount), or one part to recategorize: the rest of " +
        "the parent's amount then becomes a second part with the parent's description and category.",
    }),
  })
  .openapi('SplitTransactionRequestBody');
