// Wire shapes for merchants, merchant locations, enhanced transactions, repeating transactions and the
// monthly cash-flow profile: alike in MX's v20250224 and v20111101 documents (v20111101 lacks the
// enhanced transaction's top_level_category_guid and user_guid), so both versions use these.
import { z } from '@hono/zod-openapi';
import { PaginationSchema } from '../../pagination.js';

const str = () => z.string().nullable();

export const MerchantSchema = z
  .object({
    created_at: str().openapi({ example: '2020-01-15T12:00:00Z' }),
    guid: str().openapi({ example: 'MCH-7ed79542-884d-2b1b-dd74-501c5cc9d25b' }),
    logo_url: str().openapi({ example: 'https://content.mx.com/logos/merchants/MCH-7ed79542.png' }),
    name: str().openapi({ example: 'Fresh Fields Market' }),
    updated_at: str().openapi({ example: '2024-06-01T12:00:00Z' }),
    website_url: str().openapi({ example: 'https://www.freshfields.example' }),
  })
  .openapi('MerchantResponse');
export const MerchantBodySchema = z.object({ merchant: MerchantSchema }).openapi('MerchantResponseBody');
export const MerchantsBodySchema = z
  .object({ merchants: z.array(MerchantSchema), pagination: PaginationSchema })
  .openapi('MerchantsResponseBody');

export const MerchantLocationSchema = z
  .object({
    city: str().openapi({ example: 'Lehi' }),
    country: str().openapi({ example: 'US' }),
    created_at: str().openapi({ example: '2020-01-15T12:00:00Z' }),
    guid: str().openapi({ example: 'MCL-00024e59-18b5-4d79-b879-2a7896726fea' }),
    latitude: z.number().nullable().openapi({ example: 40.3916 }),
    longitude: z.number().nullable().openapi({ example: -111.8508 }),
    merchant_guid: str().openapi({ example: 'MCH-09466f0a-fb58-9d1a-bae2-2af0afbea621' }),
    phone_number: str().openapi({ example: '(555) 689-0728' }),
    postal_code: str().openapi({ example: '84043' }),
    state: str().openapi({ example: 'UT' }),
    street_address: str().openapi({ example: '8547 Main St' }),
    updated_at: str().openapi({ example: '2024-06-01T12:00:00Z' }),
  })
  .openapi('MerchantLocationResponse');
export const MerchantLocationBodySchema = z
  .object({ merchant_location: MerchantLocationSchema })
  .openapi('MerchantLocationResponseBody');

export const MAX_ENHANCE = 100;

export const EnhanceRequestSchema = z
  .object({
    amount: z.number().nullable().optional().openapi({ example: 61.11 }),
    description: z.string().trim().min(1, 'must not be empty').max(1000).openapi({ example: 'ubr* pending.ride.com' }),
    extended_transaction_type: z.string().optional().openapi({ example: 'partner_transaction_type' }),
    id: z.string().min(1, 'must not be empty').max(255).openapi({ example: 'ID-123' }),
    memo: z.string().optional().openapi({ example: 'Additional-information*on_transaction' }),
    merchant_category_code: z.number().int('must be a whole number').optional().openapi({ example: 4121 }),
    type: z.enum(['CREDIT', 'DEBIT']).optional().openapi({ example: 'DEBIT' }),
  })
  .openapi('EnhanceTransactionsRequest');
export const EnhanceRequestBodySchema = z
  .object({
    transactions: z
      .array(EnhanceRequestSchema)
      .min(1, 'must hold at least one transaction')
      .max(MAX_ENHANCE, `must hold at most ${MAX_ENHANCE} transactions`),
  })
  .openapi('EnhanceTransactionsRequestBody');

const bool = () => z.boolean().nullable();

export const EnhancedSchema = z
  .object({
    amount: z.number().nullable().openapi({ example: 61.11 }),
    categorized_by: z.number().int().nullable().openapi({ example: 1 }),
    category: str().openapi({ example: 'Rental Car & Taxi' }),
    category_guid: str().openapi({ example: 'CAT-e6682ebe-f239-c654-8233-0970b94cc162' }),
    described_by: z.number().int().nullable().openapi({ example: 1 }),
    description: str().openapi({ example: 'Hopride' }),
    extended_transaction_type: str().openapi({ example: 'partner_transaction_type' }),
    id: str().openapi({ example: 'ID-123' }),
    is_bill_pay: bool(),
    is_direct_deposit: bool(),
    is_expense: bool(),
    is_fee: bool(),
    is_income: bool(),
    is_international: z.boolean(),
    is_overdraft_fee: bool(),
    is_payroll_advance: bool(),
    is_subscription: bool(),
    memo: str(),
    merchant_category_code: z.number().int().nullable().openapi({ example: 4121 }),
    merchant_guid: str().openapi({ example: 'MCH-14f25b63-ef47-a38e-b2b6-d02b280b6e4e' }),
    merchant_location_guid: str().openapi({ example: 'MCL-00024e59-18b5-4d79-b879-2a7896726fea' }),
    original_description: str().openapi({ example: 'HOPRIDE* TRIP 1234' }),
    top_level_category_guid: str().openapi({ example: 'CAT-7829f71c-2e8c-afa5-2f55-fa3634b89874' }),
    type: z.enum(['CREDIT', 'DEBIT']),
    user_guid: str(),
  })
  .openapi('EnhanceTransactionResponse');
export const EnhancedBodySchema = z
  .object({ transactions: z.array(EnhancedSchema) })
  .openapi('EnhanceTransactionsResponseBody');

export const RepeatingSchema = z
  .object({
    account_guid: z.string().openapi({ example: 'ACT-06d7f44b-caae-0f6e-1384-01f52e75dcb1' }),
    amount: z.number().openapi({ example: 65 }),
    description: z.string().openapi({ example: 'Fiberline Internet' }),
    guid: z.string().openapi({ example: 'RPT-a2264e1a-d2e6-41d9-88d2-2cfdf1143959' }),
    member_guid: z.string().openapi({ example: 'MBR-7c6f361b-e582-15b6-60c0-358f12466b4b' }),
    merchant_guid: z.string().optional().openapi({ example: 'MCH-1b5d7e4d-fa29-95d1-fd0f-540b6f17d986' }),
    last_posted_date: z.string().openapi({ example: '2024-12-09' }),
    predicted_occurs_on: z.string().openapi({ example: '2025-01-09' }),
    recurrence_type: z.enum(['EVERY_OTHER_WEEK', 'EVERY_MONTH']).openapi({ example: 'EVERY_MONTH' }),
    user_guid: z.string().openapi({ example: 'USR-fa7537f3-48aa-a683-a02a-b18940482f54' }),
    repeating_transaction_type: z.enum(['BILL', 'SUBSCRIPTION', 'INCOME', 'UNKNOWN']),
    transaction_type: z.enum(['DEBIT', 'CREDIT']),
  })
  .openapi('RepeatingTransactionResponse');
export const RepeatingBodySchema = z
  .object({ repeating_transactions: z.array(RepeatingSchema) })
  .openapi('RepeatingTransactionsResponseBody');

export const CashFlowSchema = z
  .object({
    guid: z.string().openapi({ example: 'MCF-4e431124-4a29-abf9-f059-ab232ac14dbf' }),
    user_guid: z.string().openapi({ example: 'USR-6c83f63c-efcc-0189-3f14-100f0bad378a' }),
    budgeted_income: z.number().openapi({ example: 5000 }),
    budgeted_expenses: z.number().openapi({ example: 3500 }),
    goals_contribution: z.number().openapi({ example: 500 }),
    estimated_goals_contribution: z.number().nullable().openapi({ example: 1500 }),
    uses_estimated_goals_contribution: z.boolean().openapi({ example: false }),
  })
  .openapi('MonthlyCashFlowResponse');
export const CashFlowBodySchema = z
  .object({ monthly_cash_flow_profile: CashFlowSchema })
  .openapi('MonthlyCashFlowResponseBody');

export const CashFlowRequestSchema = z
  .object({
    goals_contribution: z
      .number()
      .nonnegative('must be zero or more')
      .max(1e12, 'must be at most 1000000000000')
      .optional()
      .openapi({ example: 500 }),
    uses_estimated_goals_contribution: z.boolean().optional().openapi({ example: false }),
  })
  .refine(
    (o) => o.goals_contribution !== undefined || o.uses_estimated_goals_contribution !== undefined,
    'must set at least one of goals_contribution, uses_estimated_goals_contribution',
  )
  .openapi('MonthlyCashFlowProfileRequest');
/**
 * MX's v20111101 document (and MX's Node SDK built from it) wraps the changes in `institution`; v20250224's
 * in `monthly_cash_flow_profile`. Either is accepted in both versions; exactly one must be there.
 */
export const CashFlowRequestBodySchema = z
  .object({
    monthly_cash_flow_profile: CashFlowRequestSchema.optional(),
    institution: CashFlowRequestSchema.optional().openapi({
      description: "The same, under the name MX's v20111101 document gives it.",
    }),
  })
  .refine((o) => (o.monthly_cash_flow_profile === undefined) !== (o.institution === undefined), {
    path: ['monthly_cash_flow_profile'],
    message:
      "is required (the changes, as an object; v20111101's document names it 'institution': send one of the two)",
  })
  .openapi('MonthlyCashFlowProfileRequestBody');
