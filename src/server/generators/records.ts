// The records a member's jobs gather (accounts with their transaction streams, owners, account numbers,
// statements, holdings, rewards), what a job is asked for, and the small helpers they share.
import type { AccountType } from '../../mx/accounts.js';
import type { Product } from '../../mx/products.js';
import type { InstitutionRecord } from './institution.js';
import type { FixedTransaction, Stream } from './transactions.js';

/** History a first aggregation pulls, and what extend_history reaches (MX: up to 24 months). */
export const HISTORY_DAYS = 90;
export const EXTENDED_HISTORY_DAYS = 730;

/** Volumes a member is asked for (simbank login tokens; scenarios later). */
export interface DataProfile {
  /** How many accounts; the default set has six, one of each kind. */
  accounts?: number;
  /** Transactions per account in the first 90-day window (default: per account kind). */
  transactions?: number;
}

export const MAX_ACCOUNTS = 500;
export const MAX_TRANSACTIONS = 100_000;

export interface HoldingRecord {
  guid: string;
  account_guid: string;
  member_guid: string;
  user_guid: string;
  symbol: string;
  description: string;
  holding_type: string;
  quantity: number;
  cost_basis: number;
  purchase_price: number;
  base_price: number;
  created_at: number;
}

export interface AccountRecord {
  guid: string;
  id: string;
  /** 16 hex digits that identify the account inside transaction guids. */
  key: string;
  index: number;
  member_guid: string;
  user_guid: string;
  institution_code: string;
  type: AccountType;
  subtype: string | null;
  name: string;
  account_number: string;
  currency_code: 'USD' | 'CAD';
  credit_limit: number | null;
  apr: number | null;
  apy: number | null;
  interest_rate: number | null;
  original_balance: number | null;
  day_payment_is_due: number | null;
  /** Balance (investments: cash) once transactions up to `balance_k` are counted. */
  balance: number;
  balance_k: number;
  balance_at: number;
  /** When the holdings were last valued (a job asked not to gather holdings leaves it). */
  holdings_at: number;
  created_at: number;
  updated_at: number;
  stream: Stream;
  holdings: HoldingRecord[];
  /** A routing number given by a scenario (default: the institution's). */
  routing_number?: string;
}

export interface OwnerRecord {
  guid: string;
  account_guid: string;
  member_guid: string;
  user_guid: string;
  owner_name: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  address: string;
  city: string;
  state: string;
  postal_code: string;
  country: string;
}

export interface NumberRecord {
  guid: string;
  account_guid: string;
  member_guid: string;
  user_guid: string;
  account_number: string;
  routing_number: string | null;
  institution_number: string | null;
  transit_number: string | null;
  passed_validation: boolean;
}

export interface StatementRecord {
  guid: string;
  account_guid: string;
  member_guid: string;
  user_guid: string;
  /** The statement period, first and last day (YYYY-MM-DD). */
  period_start: string;
  period_end: string;
  created_at: number;
  updated_at: number;
  /** Rendered on first use; content_hash is the SHA-256 of these bytes. */
  pdf?: { bytes: Uint8Array; sha256: string };
}

export interface RewardRecord {
  guid: string;
  account_guid: string;
  member_guid: string;
  user_guid: string;
  balance: number;
  balance_type: 'BALANCE' | 'EXPIRING_BALANCE';
  unit_type: 'POINTS' | 'MILES' | 'CASH';
  description: string;
  expires_on: string;
  created_at: number;
  updated_at: number;
}

export interface MemberData {
  accounts: AccountRecord[];
  owners: OwnerRecord[] | null;
  numbers: NumberRecord[] | null;
  statements: StatementRecord[] | null;
  rewards: RewardRecord[] | null;
}

/** An account given exactly (by a scenario); what it leaves out is generated as usual. */
export interface AccountSpec {
  guid?: string | undefined;
  id?: string | undefined;
  name?: string | undefined;
  type: AccountType;
  subtype?: string | undefined;
  /** The balance now (for investments: the total, holdings included). */
  balance?: number | undefined;
  account_number?: string | undefined;
  routing_number?: string | undefined;
  credit_limit?: number | undefined;
  apr?: number | undefined;
  apy?: number | undefined;
  interest_rate?: number | undefined;
  original_balance?: number | undefined;
  /** Exactly these transactions, in any order; undefined: generated ones. */
  transactions?: FixedTransaction[] | undefined;
}

export interface JobContext {
  seed: string;
  member: {
    guid: string;
    user_guid: string;
    institution_code: string;
    products: readonly Product[];
  };
  institution: InstitutionRecord;
  profile: DataProfile;
  /** The member's data so far (null before the first successful job). */
  data: MemberData | null;
  /** Exact accounts for the first job (a scenario's preset member) instead of generated ones. */
  accounts?: readonly AccountSpec[];
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
