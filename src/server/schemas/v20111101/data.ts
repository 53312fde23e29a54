// v20111101 wire shapes for member data that differ from v20250224: accounts carry the institution
// guid, the holdings value, `calculated_apr`, and per field the feed's value (`feed_*`) and who set it
// (`*_set_by`); a reward's balance is an integer.
import { z } from '@hono/zod-openapi';
import { PaginationSchema } from '../../pagination.js';
import { AccountSchema as V25AccountSchema, RewardSchema as V25RewardSchema } from '../v20250224/data.js';

/** Fields with a `*_set_by` companion (an integer code of the source that set the value). */
export const SET_BY_FIELDS = [
  'account_number',
  'apr',
  'apy',
  'available_balance',
  'available_credit',
  'balance',
  'cash_balance',
  'cash_surrender_value',
  'credit_limit',
  'currency_code',
  'day_payment_is_due',
  'death_benefit',
  'holdings_value',
  'interest_rate',
  'is_closed',
  'last_payment',
  'last_payment_at',
  'loan_amount',
  'matures_on',
  'minimum_balance',
  'minimum_payment',
  'name',
  'nickname',
  'original_balance',
  'payment_due_at',
  'payoff_balance',
  'started_on',
  'statement_balance',
  'subtype',
  'total_account_value',
  'type',
] as const;

/** The institution feed's value of each field, by type (`feed_account_type`/`subtype` are integer codes). */
export const FEED_FIELDS = {
  account_number: 'string',
  account_subtype: 'integer',
  account_type: 'integer',
  apr: 'number',
  apy: 'number',
  available_balance: 'number',
  balance: 'number',
  cash_balance: 'number',
  cash_surrender_value: 'number',
  credit_limit: 'number',
  currency_code: 'string',
  day_payment_is_due: 'integer',
  death_benefit: 'integer',
  holdings_value: 'number',
  interest_rate: 'number',
  is_closed: 'boolean',
  last_payment: 'number',
  last_payment_at: 'string',
  loan_amount: 'number',
  matures_on: 'string',
  minimum_balance: 'number',
  minimum_payment: 'number',
  name: 'string',
  nickname: 'string',
  original_balance: 'number',
  payment_due_at: 'string',
  payoff_balance: 'number',
  routing_number: 'string',
  started_on: 'string',
  statement_balance: 'number',
  total_account_value: 'number',
} as const;

const ZOD = {
  string: () => z.string().nullable(),
  number: () => z.number().nullable(),
  integer: () => z.number().int().nullable(),
  boolean: () => z.boolean().nullable(),
};

const extras: Record<string, z.ZodType> = {
  calculated_apr: z.number().nullable(),
  holdings_value: z.number().nullable(),
  institution_guid: z.string().nullable(),
};
for (const f of SET_BY_FIELDS) extras[`${f}_set_by`] = z.number().int().nullable();
for (const [f, type] of Object.entries(FEED_FIELDS)) extras[`feed_${f}`] = ZOD[type]();

// A new object (not `.extend`), so the document has one AccountResponse rather than an allOf of itself.
export const AccountSchema = z.object({ ...V25AccountSchema.shape, ...extras }).openapi('AccountResponse');
export const AccountBodySchema = z.object({ account: AccountSchema }).openapi('AccountResponseBody');
export const AccountsBodySchema = z
  .object({ accounts: z.array(AccountSchema), pagination: PaginationSchema })
  .openapi('AccountsResponseBody');

export const RewardSchema = z.object({ ...V25RewardSchema.shape, balance: z.number().int() }).openapi('RewardResponse');
export const RewardBodySchema = z.object({ reward: RewardSchema }).openapi('RewardResponseBody');
export const RewardsBodySchema = z
  .object({ rewards: z.array(RewardSchema), pagination: PaginationSchema })
  .openapi('RewardsResponseBody');
