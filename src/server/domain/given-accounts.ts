// What manual accounts (domain/manual.ts) and partner-managed accounts (domain/managed-records.ts) share:
// an ordinary AccountRecord built from the fields someone gave, whose stream holds exactly the
// transactions they gave (a `fixed` stream), so every account and transaction list, page, filter and
// read treats it as any other account; and the wire fields that show what was given instead of what the
// presenter derives for an aggregated account.
import { ACCOUNT_TYPES as GENERATED_TYPES } from '../../mx/accounts.js';
import type { AccountRecord } from '../generators/records.js';
import { DAY_MS, type FixedTransaction, type Stream } from '../generators/transactions.js';

/** 16 hex digits from a guid: the key a transaction guid would carry (never a generated account's). */
export function keyOf(guid: string): string {
  let h = 0x811c9dc5;
  let g = 0x01000193;
  for (let i = 0; i < guid.length; i++) {
    h = Math.imul(h ^ guid.charCodeAt(i), 0x01000193) >>> 0;
    g = Math.imul(g ^ guid.charCodeAt(i), 0x811c9dc5) >>> 0;
  }
  return h.toString(16).padStart(8, '0') + g.toString(16).padStart(8, '0');
}

/** A transaction given exactly, and when it was written (its created_at). */
export interface GivenTransaction {
  fixed: FixedTransaction;
  created_at_ms: number;
}

/** A stream holding exactly these transactions, oldest first (ties: the order they were made). */
export function givenStream(txs: readonly GivenTransaction[], t0: number): Stream {
  const sorted = [...txs].sort((a, b) => a.fixed.at - b.fixed.at || a.created_at_ms - b.created_at_ms);
  return {
    key: 0,
    t0,
    interval: DAY_MS,
    lo: 1,
    hi: sorted.length,
    batches: sorted.map((t, i) => ({ lo: i + 1, hi: i + 1, at: t.created_at_ms })),
    syncs: [],
    pendingMs: 0,
    fixed: sorted.map((t) => t.fixed),
  };
}

/** The fields of a given account that its AccountRecord carries. */
export interface GivenAccount {
  guid: string;
  id: string;
  member_guid: string;
  user_guid: string;
  institution_code: string;
  /** Any of MX's types; the record carries a generated one (the wire shows the given one). */
  type: string;
  subtype: string | null;
  name: string;
  currency_code: string | null;
  credit_limit: number | null;
  apr: number | null;
  apy: number | null;
  interest_rate: number | null;
  original_balance: number | null;
  day_payment_is_due: number | null;
  balance: number | null;
  account_number: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

export function givenAccountRecord(a: GivenAccount, txs: readonly GivenTransaction[]): AccountRecord {
  const type = ((GENERATED_TYPES as readonly string[]).includes(a.type) ? a.type : 'CHECKING') as AccountRecord['type'];
  return {
    guid: a.guid,
    id: a.id,
    key: keyOf(a.guid),
    index: 0,
    member_guid: a.member_guid,
    user_guid: a.user_guid,
    institution_code: a.institution_code,
    type,
    subtype: a.subtype,
    name: a.name,
    account_number: a.account_number ?? '',
    currency_code: (a.currency_code === 'CAD' ? 'CAD' : 'USD') as AccountRecord['currency_code'],
    credit_limit: a.credit_limit,
    apr: a.apr,
    apy: a.apy,
    interest_rate: a.interest_rate,
    original_balance: a.original_balance,
    day_payment_is_due: a.day_payment_is_due,
    balance: a.balance ?? 0,
    balance_k: 0,
    balance_at: a.updated_at_ms,
    holdings_at: a.created_at_ms,
    created_at: a.created_at_ms,
    updated_at: a.updated_at_ms,
    stream: givenStream(txs, a.created_at_ms),
    holdings: [],
  };
}

/** Derived for an aggregated account, unknown for a given one. */
const DERIVED = [
  'account_ownership',
  'cash_balance',
  'statement_balance',
  'total_account_value',
  'holdings_value',
  'calculated_apr',
] as const;

/**
 * The wire account showing what was given: each of `values` the version's body has, `null` for what the
 * presenter derives for aggregated accounts, and no feed or set-by values (v20111101).
 */
export function showGiven(wire: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  for (const key of DERIVED) if (key in wire) wire[key] = null;
  // MX's enum has no null: an account someone gave has no known insurance.
  if ('federal_insurance_status' in wire) wire.federal_insurance_status = 'UNKNOWN_INSURED';
  for (const [key, value] of Object.entries(values)) if (key in wire) wire[key] = value;
  for (const key of Object.keys(wire)) if (key.startsWith('feed_') || key.endsWith('_set_by')) wire[key] = null;
  return wire;
}
