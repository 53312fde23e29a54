// Insights: what MX's insight feed would tell a user, derived from the user's recent history when it is
// read (a subscription found, a bill higher or lower than usual, a bill coming up, a large purchase, a low
// balance, spending up in a category). Each insight cites the accounts, categories, merchants,
// scheduled payments and transactions it is about, by the guids the ordinary endpoints answer. Its guid
// comes from the world's seed, the template and what it is about, so it stays while the pattern does.
// The scan is bounded (since the first day of the month before last, at most INSIGHT_SCAN transactions
// per account) and its result is kept per user until an input changes (an aggregation, an edit, the day).
// What the client sets (displayed, dismissed) is kept per insight guid. See docs/insights.md.
import { isoTime } from '../clock.js';
import { errors } from '../errors.js';
import { balances } from '../generators/accounts.js';
import { defaultCategory } from '../generators/categories.js';
import { stableGuid } from '../generators/ids.js';
import { type AccountRecord, round2 } from '../generators/records.js';
import { findTransaction, type TransactionFacts, transactionFacts } from '../generators/transaction-facts.js';
import { DAY_MS, firstAtOrAfter } from '../generators/transactions.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { accountsOf } from './lookup.js';
import { transactionSources } from './manual.js';
import { predictedAfter, type RecurrenceType, recurrenceOf, repeatingGuid } from './repeating.js';
import { overlayOf } from './transaction-edits.js';
import { childIn } from './transaction-splits.js';

/** Transactions of the last this many days are read (and the two previous calendar months whole)… */
export const WINDOW_DAYS = 90;
/** …at most this many of each account's newest. */
export const INSIGHT_SCAN = 1000;
/** A debit at least this large (and LARGE_FACTOR times the account's average debit) is a large one. */
export const LARGE_MIN = 100;
const LARGE_FACTOR = 3;
/** Large purchases are looked for in the last this many days. */
const LARGE_DAYS = 30;
/** A checking or savings balance below this is low. */
export const LOW_BALANCE = 100;
/** A bill differs from usual when it is this far (a fraction) from the average of the series' earlier ones. */
const BILL_CHANGE = 0.2;
/** An upcoming bill is one expected within this many days. */
const UPCOMING_DAYS = 7;
/** Spending in a category is up when last month is this much (a fraction) above the month before… */
const SPENDING_UP = 0.25;
/** …and the month before was at least this much. */
const SPENDING_FLOOR = 50;
/** Top-level categories whose debits move money rather than spend it. */
const NOT_SPENDING = new Set(['Transfer', 'Investments', 'Income']);

export type Template =
  | 'SubscriptionDetected'
  | 'BillAmountNotStandard'
  | 'UpcomingBillPayment'
  | 'LargeTransactions'
  | 'LowAccountBalances'
  | 'CategorySpending';

export interface ScheduledPayment {
  guid: string;
  user_guid: string;
  merchant_guid: string;
  description: string;
  amount: number;
  occurs_on: string;
  recurrence_day: number;
  recurrence_type: RecurrenceType;
  transaction_type: 'CREDIT' | 'DEBIT';
  created_at_ms: number;
}

/** A transaction an insight cites: the source record that holds it and its position. */
export interface CitedTransaction {
  account: AccountRecord;
  k: number;
  guid: string;
}

export interface Insight {
  guid: string;
  user_guid: string;
  template: Template;
  title: string;
  micro_title: string;
  description: string;
  micro_description: string;
  micro_call_to_action: string;
  created_at_ms: number;
  updated_at_ms: number;
  has_been_displayed: boolean;
  is_dismissed: boolean;
  account_guids: string[];
  category_guids: string[];
  merchant_guids: string[];
  scheduled_payments: ScheduledPayment[];
  transactions: CitedTransaction[];
}

type Derived = Omit<Insight, 'has_been_displayed' | 'is_dismissed' | 'updated_at_ms'>;

interface Row {
  account: AccountRecord;
  k: number;
  t: TransactionFacts;
  /** The category the user sees (their edits and rules count). */
  category: { guid: string; top_guid: string };
}

const money = (n: number) => `$${n.toFixed(2)}`;
const dayOf = (ms: number) => isoTime(ms).slice(0, 10);

/** Start of the UTC calendar month `offset` months from the one holding `ms`. */
function monthStart(ms: number, offset = 0): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
}

function uniq(xs: Iterable<string>): string[] {
  return [...new Set(xs)];
}

/** The posted transactions of the window, newest first per source, at most INSIGHT_SCAN per source. */
function windowRows(tenant: Tenant, user: UserRecord, sources: readonly AccountRecord[], from: number, now: number) {
  const overlay = overlayOf(tenant, user);
  const rows: Row[] = [];
  for (const a of sources) {
    const s = a.stream;
    if (s.hi < s.lo) continue;
    const lo = Math.max(s.lo, firstAtOrAfter(s, from));
    let scanned = 0;
    for (let k = s.hi; k >= lo && scanned < INSIGHT_SCAN; k--) {
      const t = transactionFacts(a, k);
      if (t.at > now || t.at < from) continue;
      scanned++;
      if (t.pending) continue;
      const category = overlay ? overlay.category(a, k) : { guid: t.category.guid, top_guid: t.category.top_guid };
      rows.push({ account: a, k, t, category });
    }
  }
  return rows;
}

/** Whether a category guid is one the category endpoints answer (a default one or the user's own). */
function knownCategory(tenant: Tenant, user: UserRecord, guid: string): boolean {
  return defaultCategory(guid) !== undefined || tenant.categories.find(user.guid, guid) !== undefined;
}

function categoryName(tenant: Tenant, user: UserRecord, guid: string): string {
  return defaultCategory(guid)?.name ?? tenant.categories.find(user.guid, guid)?.name ?? 'Uncategorized';
}

/** Everything derivable for the user now (without the client's state), newest first. */
function derive(tenant: Tenant, user: UserRecord, sources: readonly AccountRecord[], now: number): Derived[] {
  // The last 90 days, and the two previous calendar months whole (for spending by category).
  const from = Math.min(monthStart(now, -2), now - WINDOW_DAYS * DAY_MS);
  const rows = windowRows(tenant, user, sources, from, now);
  const today = dayOf(now);
  const out: Derived[] = [];
  const guidOf = (template: Template, ...about: string[]) =>
    stableGuid('BET', tenant.seed, user.guid, template, ...about);
  const cite = (rs: readonly Row[]) => rs.map((r) => ({ account: r.account, k: r.k, guid: r.t.guid }));
  const categoriesOf = (rs: readonly Row[]) =>
    uniq(rs.map((r) => r.category.guid)).filter((g) => knownCategory(tenant, user, g));
  const newest = (rs: readonly Row[]) => Math.max(...rs.map((r) => r.t.created_at));

  // Repeating series (a recurring kind with a merchant), newest first within each.
  const series = new Map<string, Row[]>();
  for (const r of rows) {
    if (!r.t.repeating || !r.t.merchant) continue;
    const guid = repeatingGuid(r.account.guid, r.t.category, r.t.merchant);
    const list = series.get(guid);
    if (list) list.push(r);
    else series.set(guid, [r]);
  }
  for (const [seriesGuid, rs] of series) {
    rs.sort((x, y) => y.t.at - x.t.at);
    const last = rs[0] as Row;
    const merchant = last.t.merchant as NonNullable<TransactionFacts['merchant']>;
    const recurrence = recurrenceOf(last.t.category, last.t.repeating) as RecurrenceType;
    const occursOn = predictedAfter(dayOf(last.t.at), recurrence, today);
    const payment: ScheduledPayment = {
      guid: stableGuid('SCP', tenant.seed, seriesGuid),
      user_guid: user.guid,
      merchant_guid: merchant.guid,
      description: merchant.name,
      amount: last.t.amount,
      occurs_on: occursOn,
      recurrence_day: Number(occursOn.slice(8, 10)),
      recurrence_type: recurrence,
      transaction_type: last.t.type,
      created_at_ms: last.t.created_at,
    };
    const base = {
      user_guid: user.guid,
      created_at_ms: newest(rs),
      account_guids: [last.account.guid],
      category_guids: categoriesOf([last]),
      merchant_guids: [merchant.guid],
    };
    if (last.t.repeating === 'SUBSCRIPTION') {
      out.push({
        ...base,
        guid: guidOf('SubscriptionDetected', seriesGuid),
        template: 'SubscriptionDetected',
        title: 'Subscription detected',
        micro_title: 'Subscription',
        description: `${merchant.name} charges you ${money(last.t.amount)} ${recurrence === 'EVERY_MONTH' ? 'every month' : 'every other week'}. The next charge is expected around ${occursOn}.`,
        micro_description: `${merchant.name}: ${money(last.t.amount)}, next around ${occursOn}.`,
        micro_call_to_action: 'View subscription',
        scheduled_payments: [payment],
        transactions: cite(rs),
      });
      continue;
    }
    if (last.t.repeating !== 'BILL') continue;
    const daysAhead = (Date.parse(`${occursOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS;
    if (daysAhead <= UPCOMING_DAYS) {
      out.push({
        ...base,
        guid: guidOf('UpcomingBillPayment', seriesGuid, occursOn),
        template: 'UpcomingBillPayment',
        title: 'Projected bill payment',
        micro_title: 'Upcoming bill',
        description: `Your ${merchant.name} bill should come around ${occursOn}; your last one was ${money(last.t.amount)}.`,
        micro_description: `${merchant.name} bill due around ${occursOn}.`,
        micro_call_to_action: 'View bill history',
        scheduled_payments: [payment],
        transactions: cite(rs),
      });
    }
    const earlier = rs.slice(1);
    if (earlier.length < 2) continue;
    const average = earlier.reduce((n, r) => n + r.t.amount, 0) / earlier.length;
    const change = (last.t.amount - average) / average;
    if (Math.abs(change) < BILL_CHANGE) continue;
    const way = change > 0 ? 'higher' : 'lower';
    out.push({
      ...base,
      created_at_ms: last.t.created_at,
      guid: guidOf('BillAmountNotStandard', last.t.guid),
      template: 'BillAmountNotStandard',
      title: `Bill ${way} than usual`,
      micro_title: `Bill ${way} than usual`,
      description: `Your latest ${merchant.name} bill was ${money(last.t.amount)}, ${Math.round(Math.abs(change) * 100)}% ${way} than your recent average of ${money(round2(average))}.`,
      micro_description: `${merchant.name}: ${money(last.t.amount)}, usually ${money(round2(average))}.`,
      micro_call_to_action: 'View transactions',
      scheduled_payments: [],
      transactions: cite(rs),
    });
  }

  // Large purchases of the last LARGE_DAYS days: well above the account's average debit.
  const debitTotals = new Map<string, { n: number; sum: number }>();
  for (const r of rows) {
    if (r.t.type !== 'DEBIT') continue;
    const d = debitTotals.get(r.account.guid) ?? { n: 0, sum: 0 };
    d.n++;
    d.sum += r.t.amount;
    debitTotals.set(r.account.guid, d);
  }
  for (const r of rows) {
    if (r.t.type !== 'DEBIT' || r.t.repeating || r.t.at < now - LARGE_DAYS * DAY_MS) continue;
    if (NOT_SPENDING.has(defaultCategory(r.category.top_guid)?.name ?? '')) continue;
    const d = debitTotals.get(r.account.guid) as { n: number; sum: number };
    const average = d.sum / d.n;
    if (r.t.amount < LARGE_MIN || r.t.amount < LARGE_FACTOR * average) continue;
    out.push({
      guid: guidOf('LargeTransactions', r.t.guid),
      user_guid: user.guid,
      template: 'LargeTransactions',
      title: 'Large purchase',
      micro_title: 'Large purchase',
      description: `You spent ${money(r.t.amount)} at ${r.t.description} on ${dayOf(r.t.at)}, about ${Math.round(r.t.amount / average)} times your usual purchase on this account.`,
      micro_description: `${money(r.t.amount)} at ${r.t.description}.`,
      micro_call_to_action: 'View transaction',
      created_at_ms: r.t.created_at,
      account_guids: [r.account.guid],
      category_guids: categoriesOf([r]),
      merchant_guids: r.t.merchant_guid ? [r.t.merchant_guid] : [],
      scheduled_payments: [],
      transactions: cite([r]),
    });
  }

  // Low balances of checking and savings accounts.
  for (const a of accountsOf(tenant, user)) {
    // A manual account reads with the type and balance the user gave it.
    const manual = tenant.manual.accounts.find(user.guid, a.guid);
    const type = manual ? manual.account_type : a.type;
    const balance = manual ? manual.balance : balances(a).balance;
    if ((type !== 'CHECKING' && type !== 'SAVINGS') || manual?.is_closed || balance === null) continue;
    if (balance >= LOW_BALANCE) continue;
    out.push({
      guid: guidOf('LowAccountBalances', a.guid),
      user_guid: user.guid,
      template: 'LowAccountBalances',
      title: 'Low balance',
      micro_title: 'Low balance',
      description: `Your ${manual?.name ?? a.name} balance is down to ${money(balance)}.`,
      micro_description: `${manual?.name ?? a.name}: ${money(balance)}.`,
      micro_call_to_action: 'View account',
      created_at_ms: a.balance_at,
      account_guids: [a.guid],
      category_guids: [],
      merchant_guids: [],
      scheduled_payments: [],
      transactions: [],
    });
  }

  // Spending up in a top-level category: last calendar month against the month before.
  const lastMonth = monthStart(now, -1);
  const thisMonth = monthStart(now);
  const byTop = new Map<string, { before: number; last: number; rows: Row[] }>();
  for (const r of rows) {
    if (r.t.type !== 'DEBIT' || r.t.at >= thisMonth) continue;
    const top = r.category.top_guid;
    if (NOT_SPENDING.has(defaultCategory(top)?.name ?? '') || !knownCategory(tenant, user, top)) continue;
    const s = byTop.get(top) ?? { before: 0, last: 0, rows: [] };
    if (r.t.at >= lastMonth) {
      s.last += r.t.amount;
      s.rows.push(r);
    } else s.before += r.t.amount;
    byTop.set(top, s);
  }
  const month = isoTime(lastMonth).slice(0, 7);
  for (const [top, s] of byTop) {
    if (s.before < SPENDING_FLOOR || s.last < s.before * (1 + SPENDING_UP)) continue;
    const name = categoryName(tenant, user, top);
    const percent = Math.round((s.last / s.before - 1) * 100);
    s.rows.sort((x, y) => y.t.at - x.t.at);
    out.push({
      guid: guidOf('CategorySpending', top, month),
      user_guid: user.guid,
      template: 'CategorySpending',
      title: `${name} spending is up`,
      micro_title: 'Spending up',
      description: `You spent ${money(round2(s.last))} on ${name} in ${month}, ${percent}% more than the ${money(round2(s.before))} of the month before. A budget could help.`,
      micro_description: `${name}: ${money(round2(s.last))}, up ${percent}%.`,
      micro_call_to_action: 'Create a budget',
      created_at_ms: newest(s.rows),
      account_guids: uniq(s.rows.map((r) => r.account.guid)),
      category_guids: [top],
      merchant_guids: [],
      scheduled_payments: [],
      transactions: cite(s.rows),
    });
  }
  return out.sort((x, y) => y.created_at_ms - x.created_at_ms || x.guid.localeCompare(y.guid));
}

/** What the derivation depends on besides the clock's day: each source's history and balance, the user's edits. */
function inputsKey(tenant: Tenant, user: UserRecord, sources: readonly AccountRecord[], now: number): string {
  const parts = [dayOf(now), overlayOf(tenant, user)?.stamp ?? ''];
  for (const m of tenant.manual.accounts.forUser(user.guid)) {
    parts.push(`${m.guid}:${m.account_type}:${m.balance}:${m.is_closed}:${m.name}`);
  }
  for (const a of sources) {
    const s = a.stream;
    parts.push(
      `${a.guid}:${a.key}:${s.lo}:${s.hi}:${s.syncs.length}:${s.fixed?.length ?? -1}:${a.balance}:${a.balance_at}:${a.type}`,
    );
  }
  return parts.join('|');
}

function sourcesOf(tenant: Tenant, user: UserRecord): AccountRecord[] {
  return transactionSources(tenant, user, accountsOf(tenant, user));
}

/** The user's insights as read now, newest first, with what the client set on them. */
export function insightsOf(tenant: Tenant, user: UserRecord): Insight[] {
  const now = tenant.clock.now();
  const sources = sourcesOf(tenant, user);
  const key = inputsKey(tenant, user, sources, now);
  let derived = tenant.insights.cached(user.guid, key) as Derived[] | undefined;
  if (!derived) {
    derived = derive(tenant, user, sources, now);
    tenant.insights.keep(user.guid, key, derived);
  }
  return derived.map((d) => {
    const state = tenant.insights.find(user.guid, d.guid);
    return {
      ...d,
      has_been_displayed: state?.has_been_displayed ?? false,
      is_dismissed: state?.is_dismissed ?? false,
      updated_at_ms: Math.max(d.created_at_ms, state?.updated_at_ms ?? 0),
    };
  });
}

export function insightOf(tenant: Tenant, user: UserRecord, guid: string): Insight {
  const one = insightsOf(tenant, user).find((i) => i.guid === guid);
  if (!one) throw errors.notFound('insight', guid);
  return one;
}

/** The insights citing an account of the user (404 for an account the user does not have). */
export function insightsByAccount(tenant: Tenant, user: UserRecord, accountGuid: string): Insight[] {
  if (!accountsOf(tenant, user).some((a) => a.guid === accountGuid)) throw errors.notFound('account', accountGuid);
  return insightsOf(tenant, user).filter((i) => i.account_guids.includes(accountGuid));
}

/** The insights citing a transaction of the user (404 for a transaction the user does not have). */
export function insightsByTransaction(tenant: Tenant, user: UserRecord, transactionGuid: string): Insight[] {
  const sources = sourcesOf(tenant, user);
  if (!findTransaction(sources, transactionGuid, false) && !childIn(tenant, user, sources, transactionGuid)) {
    throw errors.notFound('transaction', transactionGuid);
  }
  return insightsOf(tenant, user).filter((i) => i.transactions.some((t) => t.guid === transactionGuid));
}

export interface InsightChanges {
  has_been_displayed?: boolean | undefined;
  is_dismissed?: boolean | undefined;
}

/** Sets what the client marks on an insight; it stays with the insight's guid. */
export function updateInsight(tenant: Tenant, user: UserRecord, guid: string, changes: InsightChanges): Insight {
  const insight = insightOf(tenant, user, guid);
  const now = tenant.clock.now();
  let state = tenant.insights.find(user.guid, guid);
  if (!state) {
    state = tenant.insights.insert({
      guid,
      user_guid: user.guid,
      has_been_displayed: insight.has_been_displayed,
      is_dismissed: insight.is_dismissed,
      updated_at_ms: now,
    });
  }
  if (changes.has_been_displayed !== undefined) state.has_been_displayed = changes.has_been_displayed;
  if (changes.is_dismissed !== undefined) state.is_dismissed = changes.is_dismissed;
  state.updated_at_ms = now;
  return insightOf(tenant, user, guid);
}
