// v20250224 wire shapes for the data a member gathers: accounts, transactions, account owners,
// account numbers, statements, investment holdings and rewards (named like MX's components).
import { z } from '@hono/zod-openapi';
import { MX_ACCOUNT_TYPES, PROPERTY_TYPES } from '../../../mx/accounts.js';
import { PaginationSchema } from '../../pagination.js';

const str = () => z.string().nullable();
const num = () => z.number().nullable();
const int = () => z.number().int().nullable();
const bool = () => z.boolean().nullable();

export const ACCOUNT_TYPES = MX_ACCOUNT_TYPES;

export const AccountSchema = z
  .object({
    account_number: str().openapi({
      description: 'Masked: only the last four digits are shown.',
      example: 'XXXXXX1261',
    }),
    account_ownership: z.enum(['UNKNOWN', 'INDIVIDUAL', 'JOINT', 'MULTIPLE']).nullable(),
    annuity_policy_to_date: str(),
    annuity_provider: str(),
    annuity_term_year: int(),
    apr: num(),
    apy: num(),
    available_balance: num(),
    available_credit: num(),
    balance: num().openapi({ example: 1000 }),
    cash_balance: num(),
    cash_surrender_value: num(),
    created_at: z.string().openapi({ example: '2026-01-15T12:00:06.000Z' }),
    credit_limit: num(),
    currency_code: str().openapi({ example: 'USD' }),
    day_payment_is_due: int(),
    death_benefit: int(),
    federal_insurance_status: z.enum(['UNKNOWN_INSURED', 'INSURED', 'NOT_INSURED']).nullable(),
    guid: str().openapi({ example: 'ACT-06d7f44b-caae-0f6e-1384-01f52e75dcb1' }),
    id: str(),
    imported_at: str(),
    interest_rate: num(),
    institution_code: str().openapi({ example: 'mxbank' }),
    insured_name: str(),
    is_closed: z.boolean(),
    is_hidden: bool(),
    is_manual: bool(),
    last_payment: num(),
    last_payment_at: str(),
    loan_amount: num(),
    margin_balance: num(),
    matures_on: str(),
    member_guid: str(),
    member_id: str(),
    member_is_managed_by_user: bool(),
    metadata: str(),
    minimum_balance: num(),
    minimum_payment: num(),
    name: str().openapi({ example: 'Checking' }),
    nickname: str(),
    original_balance: num(),
    pay_out_amount: num(),
    payment_due_at: str(),
    payoff_balance: num(),
    premium_amount: num(),
    property_type: z.enum(PROPERTY_TYPES).nullable(),
    routing_number: str(),
    started_on: str(),
    statement_balance: num(),
    subtype: str(),
    today_ugl_amount: num(),
    today_ugl_percentage: num(),
    total_account_value: num(),
    total_account_value_ugl: num(),
    type: z.enum(ACCOUNT_TYPES).nullable(),
    updated_at: str(),
    user_guid: str(),
    user_id: str(),
  })
  .openapi('AccountResponse');

export const AccountBodySchema = z.object({ account: AccountSchema }).openapi('AccountResponseBody');
export const AccountsBodySchema = z
  .object({ accounts: z.array(AccountSchema), pagination: PaginationSchema })
  .openapi('AccountsResponseBody');

export const TransactionSchema = z
  .object({
    account_guid: z.string(),
    account_id: str(),
    amount: num().openapi({ example: 61.11 }),
    category: str().openapi({ example: 'Paycheck' }),
    category_guid: str(),
    check_number_string: str(),
    created_at: str(),
    currency_code: str(),
    date: str().openapi({ example: '2026-01-10' }),
    description: str(),
    extended_transaction_type: str(),
    guid: str().openapi({ example: 'TRN-429ad9fe-a1d2-4559-8590-885b2603f0e1' }),
    id: str(),
    is_bill_pay: bool(),
    is_direct_deposit: bool(),
    is_expense: bool(),
    is_fee: bool(),
    is_income: bool(),
    is_international: z.boolean(),
    is_manual: bool(),
    is_overdraft_fee: bool(),
    is_payroll_advance: bool(),
    is_recurring: bool(),
    is_subscription: bool(),
    latitude: num(),
    localized_description: str(),
    localized_memo: str(),
    longitude: num(),
    member_guid: str(),
    member_is_managed_by_user: bool(),
    memo: str(),
    merchant_category_code: int(),
    merchant_guid: str(),
    merchant_location_guid: str(),
    metadata: str(),
    original_description: str(),
    posted_at: str(),
    status: z.enum(['POSTED', 'PENDING']).nullable(),
    top_level_category: str(),
    transacted_at: str(),
    type: z.enum(['CREDIT', 'DEBIT']).nullable(),
    updated_at: str(),
    user_guid: str(),
    user_id: str(),
    // Present when asked for with `includes`.
    classification: z
      .object({
        guid: z.string(),
        parent_class: z.enum(['Payroll', 'Deposit', 'Savings', 'Transfer', 'Spend', 'Investment', 'Income', 'Fees']),
      })
      .nullable()
      .optional(),
    geolocation: z
      .object({
        city: z.string().nullable(),
        country: z.string().nullable(),
        'postal code': z.string(),
        state: z.string(),
      })
      .nullable()
      .optional(),
    merchant: z
      .object({ guid: z.string(), logo_url: z.string(), name: z.string(), website_url: z.string() })
      .nullable()
      .optional(),
    repeating_transaction: z
      .object({
        guid: z.string(),
        recurrence_type: z.enum(['EVERY_OTHER_WEEK', 'EVERY_MONTH']).optional(),
        repeating_transaction_type: z.enum(['BILL', 'SUBSCRIPTION', 'INCOME', 'UNKNOWN']),
      })
      .nullable()
      .optional(),
  })
  .openapi('TransactionIncludesResponse');

export const TransactionBodySchema = z.object({ transaction: TransactionSchema }).openapi('TransactionResponseBody');
export const TransactionsBodySchema = z
  .object({ transactions: z.array(TransactionSchema), pagination: PaginationSchema })
  .openapi('TransactionsResponseBodyIncludes');

export const AccountOwnerSchema = z
  .object({
    account_guid: z.string(),
    address: str(),
    city: str(),
    country: str(),
    email: z.string(),
    first_name: str(),
    guid: str().openapi({ example: 'ACO-63dc7714-6fc0-4aa2-a069-c06cdccd1af9' }),
    last_name: str(),
    member_guid: str(),
    owner_name: str(),
    phone: str(),
    postal_code: str(),
    state: str(),
    user_guid: str(),
  })
  .openapi('AccountOwnerResponse');

export const AccountOwnersBodySchema = z
  .object({ account_owners: z.array(AccountOwnerSchema), pagination: PaginationSchema })
  .openapi('AccountOwnersResponseBody');

export const AccountNumberSchema = z
  .object({
    account_guid: z.string(),
    account_number: str(),
    guid: str().openapi({ example: 'ACN-8899832e-e5b4-42cd-aa25-bbf1dc889a8f' }),
    institution_number: str(),
    loan_guarantor: str(),
    loan_reference_number: str(),
    member_guid: str(),
    passed_validation: bool(),
    routing_number: str().openapi({ description: 'Passes the ABA checksum.', example: '091000019' }),
    sequence_number: str(),
    transit_number: str(),
    user_guid: str(),
  })
  .openapi('AccountNumberResponse');

export const AccountNumbersBodySchema = z
  .object({ account_numbers: z.array(AccountNumberSchema), pagination: PaginationSchema })
  .openapi('AccountNumbersResponseBody');

export const StatementSchema = z
  .object({
    account_guid: z.string(),
    content_hash: str().openapi({ description: 'SHA-256 (hex) of the PDF.' }),
    created_at: str(),
    guid: str().openapi({ example: 'STA-737a344b-caae-0f6e-1384-01f52e75dcb1' }),
    member_guid: str(),
    updated_at: str(),
    uri: str().openapi({ description: 'The path of the PDF on this server.' }),
    user_guid: str(),
  })
  .openapi('StatementResponse');

export const StatementBodySchema = z.object({ statement: StatementSchema }).openapi('StatementResponseBody');
export const StatementsBodySchema = z
  .object({ statements: z.array(StatementSchema), pagination: PaginationSchema })
  .openapi('StatementsResponseBody');

export const HoldingSchema = z
  .object({
    account_guid: z.string(),
    cost_basis: num(),
    coupon_yield: str(),
    created_at: str(),
    currency_code: str(),
    current_price: num(),
    current_price_as_of: str(),
    daily_change: num(),
    description: str(),
    expiration: str(),
    face_value: num(),
    frequency: str(),
    guid: str().openapi({ example: 'HOL-d65683e8-9eab-26bb-bcfd-ced159c9abe2' }),
    holding_type: str(),
    issue_date: str(),
    market_value: num(),
    maturity_date: str(),
    percentage_change: num(),
    purchase_price: num(),
    put_or_call: str(),
    quantity: str().openapi({ example: '5000.0' }),
    rate: num(),
    strike_price: num(),
    symbol: str(),
    term: str(),
    term_unit: str(),
    today_ugl_amount: num(),
    today_ugl_percentage: num(),
    total_ugl_amount: num(),
    total_ugl_percentage: num(),
    unvested_quantity: num(),
    unvested_value: num(),
    user_guid: str(),
    vested_quantity: num(),
    vested_value: num(),
    vesting_end_date: str(),
    vesting_start_date: str(),
  })
  .openapi('InvestmentHoldingResponse');

export const HoldingBodySchema = z
  .object({ investment_holding: HoldingSchema })
  .openapi('InvestmentHoldingResponseBody');
export const HoldingsBodySchema = z
  .object({ investment_holdings: z.array(HoldingSchema), pagination: PaginationSchema })
  .openapi('InvestmentHoldingsResponseBody');

export const RewardSchema = z
  .object({
    account_guid: z.string(),
    balance: z.number(),
    balance_type: z.string().openapi({ example: 'EXPIRING_BALANCE' }),
    created_at: z.string(),
    description: z.string(),
    expires_on: z.string().openapi({ example: '2027-02-28' }),
    guid: z.string().openapi({ example: 'RWD-1234' }),
    member_guid: z.string(),
    unit_type: z.string().openapi({ example: 'POINTS' }),
    updated_at: z.string(),
    user_guid: z.string(),
  })
  .openapi('RewardResponse');

export const RewardBodySchema = z.object({ reward: RewardSchema }).openapi('RewardResponseBody');
export const RewardsBodySchema = z
  .object({ rewards: z.array(RewardSchema), pagination: PaginationSchema })
  .openapi('RewardsResponseBody');
