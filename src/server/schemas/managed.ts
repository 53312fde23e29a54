// Request bodies of managed members (MX's deprecated managed data): alike in v20250224 and v20111101.
import { z } from '@hono/zod-openapi';
import { ACCOUNT_TYPES } from './v20250224/data.js';

const text = (example: string) => z.string().optional().openapi({ example });

export const ManagedMemberCreateBodySchema = z
  .object({
    member: z
      .object({
        id: text('member123'),
        institution_code: z.string().min(1, 'must not be empty').openapi({ example: 'mxbank' }),
        metadata: text('some metadata'),
        name: text('MX Bank'),
      })
      .openapi('ManagedMemberCreateRequest'),
  })
  .openapi('ManagedMemberCreateRequestBody');

export const ManagedMemberUpdateBodySchema = z
  .object({
    member: z
      .object({ id: text('member123'), metadata: text('some metadata'), name: text('MX Bank') })
      .openapi('ManagedMemberUpdateRequest'),
  })
  .openapi('ManagedMemberUpdateRequestBody');

// ---- Managed accounts and transactions ----------------------------------------------------------
// MX's two documents declare the same fields (v20250224 marks a few nullable, and enums on the
// transaction's status and type); both versions take these, `null` clearing an optional field.

const num = (example?: number) => z.number().nullable().optional().openapi({ example });
const str = (example?: string) => z.string().nullable().optional().openapi({ example });
const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'give an ISO 8601 time, e.g. 2016-10-06T13:00:00.000Z');
const time = (example: string) => isoTime.nullable().optional().openapi({ example });

const managedAccountFields = {
  account_number: str('68899990000000'),
  apr: num(1),
  apy: num(1),
  available_balance: num(1000),
  available_credit: num(1000),
  balance: num(1000),
  cash_surrender_value: num(1000),
  credit_limit: num(5000),
  currency_code: str('USD'),
  day_payment_is_due: z.number().int().min(1).max(31).nullable().optional().openapi({ example: 14 }),
  death_benefit: z.number().int().nullable().optional().openapi({ example: 1000 }),
  id: str('1040434698'),
  interest_rate: num(3.25),
  is_closed: z.boolean().nullable().optional().openapi({ example: false }),
  is_hidden: z.boolean().nullable().optional().openapi({ example: false }),
  last_payment: num(100),
  last_payment_at: time('2015-10-13T17:57:37.000Z'),
  loan_amount: num(1000),
  matures_on: time('2015-10-13T17:57:37.000Z'),
  metadata: str('some metadata'),
  minimum_balance: num(100),
  minimum_payment: num(10),
  name: z.string().trim().min(1, 'must not be empty').nullable().optional().openapi({ example: 'Test account 2' }),
  nickname: str('Swiss Account'),
  original_balance: num(10),
  payment_due_at: time('2015-10-13T17:57:37.000Z'),
  payoff_balance: num(10),
  routing_number: str('68899990000000'),
  started_on: time('2015-10-13T17:57:37.000Z'),
  subtype: str('NONE'),
  type: z.enum(ACCOUNT_TYPES).nullable().optional().openapi({ example: 'SAVINGS' }),
  skip_webhook: z.boolean().optional().openapi({ description: 'Accepted; these operations send no webhooks.' }),
};

export const ManagedAccountCreateBodySchema = z
  .object({
    account: z
      .object({
        ...managedAccountFields,
        balance: z.number().openapi({ example: 1000 }),
        id: z.string().min(1, 'must not be empty').openapi({ example: '1040434698' }),
        name: z.string().trim().min(1, 'must not be empty').openapi({ example: 'Test account 2' }),
        type: z.enum(ACCOUNT_TYPES).openapi({ example: 'SAVINGS' }),
      })
      .openapi('ManagedAccountCreateRequest'),
  })
  .openapi('ManagedAccountCreateRequestBody');

export const ManagedAccountUpdateBodySchema = z
  .object({ account: z.object(managedAccountFields).openapi('ManagedAccountUpdateRequest') })
  .openapi('ManagedAccountUpdateRequestBody');

const managedTransactionFields = {
  amount: z
    .union([z.string(), z.number()])
    .nullable()
    .optional()
    .openapi({ example: '61.11', description: 'A decimal amount (MX: as text).' }),
  category: str('Groceries').openapi({ description: "One of MX's default categories, by name." }),
  check_number_string: str('6812'),
  currency_code: str('USD'),
  description: z.string().trim().min(1, 'must not be empty').nullable().optional().openapi({ example: 'Whole foods' }),
  id: str('transaction-265abee9-889b-af6a-c69b-25157db2bdd9'),
  is_international: z.boolean().nullable().optional().openapi({ example: false }),
  latitude: num(-43.2075),
  localized_description: str('This is a localized_description'),
  localized_memo: str('This is a localized_memo'),
  longitude: num(139.691706),
  memo: str('This is a memo'),
  merchant_category_code: z.number().int().nullable().optional().openapi({ example: 5411 }),
  merchant_guid: str('MCH-7ed79542-884d-2b1b-dd74-501c5cc9d25b'),
  merchant_location_guid: str('MCL-00024e59-18b5-4d79-b879-2a7896726fea'),
  metadata: str('some metadata'),
  posted_at: time('2016-10-07T06:00:00.000Z'),
  status: z.enum(['POSTED', 'PENDING']).nullable().optional().openapi({ example: 'POSTED' }),
  transacted_at: time('2016-10-06T13:00:00.000Z'),
  type: z.enum(['CREDIT', 'DEBIT']).nullable().optional().openapi({ example: 'DEBIT' }),
  skip_webhook: z.boolean().optional().openapi({ description: 'Accepted; these operations send no webhooks.' }),
};

export const ManagedTransactionCreateBodySchema = z
  .object({
    transaction: z
      .object({
        ...managedTransactionFields,
        amount: z
          .union([z.string(), z.number()])
          .openapi({ example: '61.11', description: 'A decimal amount (MX: as text).' }),
        description: z.string().trim().min(1, 'must not be empty').openapi({ example: 'Whole foods' }),
        posted_at: isoTime.openapi({ example: '2016-10-07T06:00:00.000Z' }),
        status: z.enum(['POSTED', 'PENDING']).openapi({ example: 'POSTED' }),
        transacted_at: isoTime.openapi({ example: '2016-10-06T13:00:00.000Z' }),
        type: z.enum(['CREDIT', 'DEBIT']).openapi({ example: 'DEBIT' }),
      })
      .openapi('ManagedTransactionCreateRequest'),
  })
  .openapi('ManagedTransactionCreateRequestBody');

export const ManagedTransactionUpdateBodySchema = z
  .object({ transaction: z.object(managedTransactionFields).openapi('ManagedTransactionUpdateRequest') })
  .openapi('ManagedTransactionUpdateRequestBody');
