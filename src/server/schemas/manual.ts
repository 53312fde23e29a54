// Request bodies of manual accounts, manual transactions, account updates and merges: alike in
// v20250224 and v20111101 (MX's two documents declare the same fields), so both versions use these.
import { z } from '@hono/zod-openapi';
import { PROPERTY_TYPES } from '../../mx/accounts.js';
import { ACCOUNT_TYPES, TransactionSchema } from './v20250224/data.js';

const num = () => z.number().nullable().optional();
const text = () => z.string().nullable().optional();

const accountFields = {
  account_subtype: text().openapi({ example: 'PERSONAL' }),
  account_type: z.enum(ACCOUNT_TYPES).openapi({ example: 'SAVINGS' }),
  apr: num().openapi({ example: 1 }),
  apy: num().openapi({ example: 1 }),
  available_balance: num().openapi({ example: 1000 }),
  balance: num().openapi({ example: 1000 }),
  cash_surrender_value: num(),
  credit_limit: num(),
  currency_code: text().openapi({ example: 'USD' }),
  death_benefit: z.number().int().nullable().optional(),
  interest_rate: num(),
  is_business: z.boolean().optional().openapi({ example: false }),
  is_closed: z.boolean().optional().openapi({ example: false }),
  is_hidden: z.boolean().optional().openapi({ example: false }),
  loan_amount: num(),
  metadata: text().openapi({ example: 'some metadata' }),
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(255, 'must be at most 255 characters')
    .openapi({ example: 'Vacation fund' }),
  nickname: text().openapi({ example: 'Rainy day' }),
  original_balance: num(),
  property_type: z.enum(PROPERTY_TYPES).nullable().optional(),
  skip_webhook: z.boolean().optional().openapi({ description: 'Accepted; these operations send no webhooks.' }),
};

export const AccountCreateRequestSchema = z.object(accountFields).openapi('AccountCreateRequest');
export const AccountCreateBodySchema = z
  .object({ account: AccountCreateRequestSchema })
  .openapi('AccountCreateRequestBody');

export const AccountUpdateRequestSchema = z
  .object({
    ...accountFields,
    account_type: accountFields.account_type.optional(),
    name: accountFields.name.optional(),
  })
  .openapi('AccountUpdateRequest');
export const AccountUpdateBodySchema = z
  .object({ account: AccountUpdateRequestSchema })
  .openapi('AccountUpdateRequestBody');

export const AccountsMergeRequestSchema = z
  .object({
    account_guids: z
      .array(z.string().min(1, 'must not be empty'))
      .min(2, 'give at least two account guids')
      .openapi({ example: ['ACT-4d4ac6ed-2ba6-4a02-b1e0-a4e4b0c2e0a1', 'ACT-a8ff09a9-b9ce-4c66-8d25-b4d4f6f4c7e9'] }),
  })
  .openapi('AccountsMergeRequest');
export const AccountsMergeBodySchema = z
  .object({ account: AccountsMergeRequestSchema })
  .openapi('AccountsMergeRequestBody');

export const TransactionCreateRequestSchema = z
  .object({
    amount: z.number().openapi({ example: 61.11 }),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}/, 'give the day as YYYY-MM-DD')
      .openapi({ example: '2016-10-06' }),
    description: z.string().trim().min(1, 'must not be empty').openapi({ example: 'Whole foods' }),
    type: z.enum(['CREDIT', 'DEBIT']).openapi({ example: 'DEBIT' }),
    category_guid: text().openapi({ example: 'CAT-b6d61a19-30a7-e852-2703-bdfb4072289e' }),
    currency_code: text().openapi({ example: 'USD' }),
    has_been_viewed: z.boolean().optional(),
    is_hidden: z.boolean().optional(),
    is_international: z.boolean().optional(),
    memo: z.string().optional().openapi({ example: 'This is a memo' }),
    metadata: z.string().optional().openapi({ example: 'some metadata' }),
    skip_webhook: z.boolean().optional().openapi({ description: 'Accepted; these operations send no webhooks.' }),
  })
  .openapi('TransactionCreateRequest');
export const TransactionCreateBodySchema = z
  .object({ transaction: TransactionCreateRequestSchema })
  .openapi('TransactionCreateRequestBody');

/** MX's documents answer a created manual transaction with its fields at the top level. */
export const TransactionCreateResponseSchema = TransactionSchema.openapi('TransactionCreateResponseBody');
