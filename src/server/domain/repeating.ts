// Repeating transactions: one series per account and recurring kind of the generator's rules (a bill,
// subscription or income kind, and its merchant), listed when the account's recent history shows it.
// The scan is bounded (the newest REPEATING_SCAN posted transactions of each account, stopping once every
// series of the account type is found), so its cost does not grow with the history. See
// docs/merchants-insight-data.md.
import { isoTime } from '../clock.js';
import { errors } from '../errors.js';
import { type Category, type Merchant, pickKind, type Repeating, TRANSACTION_KINDS } from '../generators/finance.js';
import { stableGuid } from '../generators/ids.js';
import type { AccountRecord } from '../generators/records.js';
import { transactionFacts } from '../generators/transaction-facts.js';
import { DAY_MS, draws, isPending } from '../generators/transactions.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { accountsOf } from './lookup.js';

/** How many of an account's newest transactions the detection looks at, at most. */
export const REPEATING_SCAN = 1000;

export type RecurrenceType = 'EVERY_OTHER_WEEK' | 'EVERY_MONTH';

export interface RepeatingSeries {
  guid: string;
  account_guid: string;
  member_guid: string;
  user_guid: string;
  merchant_guid: string | null;
  description: string;
  amount: number;
  last_posted_date: string;
  predicted_occurs_on: string;
  recurrence_type: RecurrenceType;
  repeating_transaction_type: NonNullable<Repeating>;
  transaction_type: 'CREDIT' | 'DEBIT';
}

/** The series a transaction of this account, category and merchant belongs to (transactions' includes too). */
export function repeatingGuid(accountGuid: string, category: Category, merchant: Merchant | null): string {
  return stableGuid('RPT', accountGuid, category.name, merchant?.name ?? '');
}

/** Paychecks come every other week; every other recurring kind monthly. */
export function recurrenceOf(category: Category, repeating: Repeating): RecurrenceType | undefined {
  if (repeating === null) return undefined;
  return category.name === 'Paycheck' ? 'EVERY_OTHER_WEEK' : 'EVERY_MONTH';
}

/** The day after `day` (YYYY-MM-DD) by one period of `type`. */
function nextDay(day: string, type: RecurrenceType): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (type === 'EVERY_OTHER_WEEK') return isoTime(d.getTime() + 14 * DAY_MS).slice(0, 10);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return isoTime(Date.UTC(y, m, Math.min(d.getUTCDate(), last))).slice(0, 10);
}

/** The first day on the series' cadence after `today`. */
export function predictedAfter(last: string, type: RecurrenceType, today: string): string {
  let day = nextDay(last, type);
  while (day <= today) day = nextDay(day, type);
  return day;
}

/** How many series an account type's rules define (the scan stops once all are found). */
function seriesCount(a: AccountRecord): number {
  return TRANSACTION_KINDS[a.type].reduce((n, k) => n + (k.repeating ? Math.max(1, k.merchants.length) : 0), 0);
}

function seriesOfAccount(a: AccountRecord, now: number): RepeatingSeries[] {
  const s = a.stream;
  // Exact (scenario) transactions carry no repeating kind.
  if (s.fixed || s.hi < s.lo) return [];
  const wanted = seriesCount(a);
  const found = new Map<string, RepeatingSeries>();
  const today = isoTime(now).slice(0, 10);
  const stop = Math.max(s.lo, s.hi - REPEATING_SCAN + 1);
  for (let k = s.hi; k >= stop && found.size < wanted; k--) {
    // The kind alone first (one draw), the whole transaction only for a recurring one.
    if (!pickKind(a.type, draws(s, k).next()).repeating || isPending(s, k)) continue;
    const t = transactionFacts(a, k);
    if (!t.repeating) continue;
    const guid = repeatingGuid(a.guid, t.category, t.merchant);
    if (found.has(guid)) continue;
    const recurrence = recurrenceOf(t.category, t.repeating) as RecurrenceType;
    const last = isoTime(t.at).slice(0, 10);
    found.set(guid, {
      guid,
      account_guid: a.guid,
      member_guid: a.member_guid,
      user_guid: a.user_guid,
      merchant_guid: t.merchant_guid,
      description: t.description,
      amount: t.amount,
      last_posted_date: last,
      predicted_occurs_on: predictedAfter(last, recurrence, today),
      recurrence_type: recurrence,
      repeating_transaction_type: t.repeating,
      transaction_type: t.type,
    });
  }
  return [...found.values()].sort(
    (x, y) => x.description.localeCompare(y.description, 'en') || x.guid.localeCompare(y.guid),
  );
}

/** The user's repeating transactions: account by account (members in creation order), by description. */
export function repeatingOf(tenant: Tenant, user: UserRecord): RepeatingSeries[] {
  const now = tenant.clock.now();
  return accountsOf(tenant, user).flatMap((a) => seriesOfAccount(a, now));
}

export function repeatingOne(tenant: Tenant, user: UserRecord, guid: string): RepeatingSeries {
  const one = repeatingOf(tenant, user).find((r) => r.guid === guid);
  if (!one) throw errors.notFound('repeating transaction', guid);
  return one;
}
