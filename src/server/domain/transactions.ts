// Transaction queries: MX's date window (120 days back to 5 days ahead by default), created/updated
// ranges, category filters and `includes`, over the streams of the accounts asked for, newest first,
// one page at a time. Dates are Unix seconds or YYYY-MM-DD. See docs/member-data.md#transactions.
import { errors } from '../errors.js';
import type { AccountRecord } from '../generators/records.js';
import { findTransaction, transactionFacts } from '../generators/transaction-facts.js';
import {
  DAY_MS,
  type Source,
  type StreamFilter,
  select,
  selectPage,
  type TimeRange,
} from '../generators/transactions.js';
import { type PageRequest, resolvePage } from '../pagination.js';
import type { Overlay } from './transaction-edits.js';

export const INCLUDES = ['repeating_transactions', 'merchants', 'classifications', 'geolocations'] as const;
export type Include = (typeof INCLUDES)[number];

/** A transaction list's filters, as the query gives them (bounds as Unix seconds or YYYY-MM-DD). */
export interface TransactionQuery extends PageRequest {
  from_date?: string | undefined;
  to_date?: string | undefined;
  from_created_at?: string | undefined;
  to_created_at?: string | undefined;
  from_updated_at?: string | undefined;
  to_updated_at?: string | undefined;
  /** v20250224's by-member list: the created range under its other names. */
  from_timestamp?: string | undefined;
  to_timestamp?: string | undefined;
  /** v20111101: the transaction's category guid is one of these. */
  categories?: string[] | undefined;
  /** v20111101: the transaction's top-level category guid is one of these. */
  topCategories?: string[] | undefined;
}

/** `includes=merchants,classifications`: the enhancements asked for; 400 for an unknown one. */
export function parseIncludes(value: string | undefined): Set<Include> {
  const out = new Set<Include>();
  if (!value) return out;
  for (const part of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!(INCLUDES as readonly string[]).includes(part)) {
      throw errors.validation(`includes: '${part}' is not an enhancement; use any of ${INCLUDES.join(', ')}`);
    }
    out.add(part as Include);
  }
  return out;
}

const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** A day bound (YYYY-MM-DD, or the day of a Unix timestamp) as the start of that UTC day. */
function day(value: string): number {
  return value.includes('-') ? Date.parse(`${value}T00:00:00Z`) : dayStart(Number(value) * 1000);
}

/** An instant bound: a Unix timestamp exactly, or a date as a whole day. */
function instant(value: string, end: boolean): number {
  if (!value.includes('-')) return Number(value) * 1000 + (end ? 1000 : 0);
  return day(value) + (end ? DAY_MS : 0);
}

function range(from: string | undefined, to: string | undefined, names: string): TimeRange | undefined {
  if (from === undefined && to === undefined) return undefined;
  const r: TimeRange = {};
  if (from !== undefined) r.from = instant(from, false);
  if (to !== undefined) r.to = instant(to, true);
  if (r.from !== undefined && r.to !== undefined && r.from >= r.to) {
    throw errors.validation(`${names}: the start (${from}) is after the end (${to})`);
  }
  return r;
}

/** The stream filter a query means at `now`: the date window (MX's defaults) and the optional ranges. */
export function filterOf(q: TransactionQuery, now: number): StreamFilter {
  const from = q.from_date !== undefined ? day(q.from_date) : dayStart(now) - 120 * DAY_MS;
  const to = (q.to_date !== undefined ? day(q.to_date) : dayStart(now) + 5 * DAY_MS) + DAY_MS;
  if (from >= to)
    throw errors.validation(
      `from_date: ${q.from_date ?? 'the default'} is after to_date (${q.to_date ?? 'the default'})`,
    );
  const filter: StreamFilter = { date: { from, to } };
  const created = range(
    q.from_created_at ?? q.from_timestamp,
    q.to_created_at ?? q.to_timestamp,
    'from_created_at/to_created_at',
  );
  if (created) filter.created = created;
  const updated = range(q.from_updated_at, q.to_updated_at, 'from_updated_at/to_updated_at');
  if (updated) filter.updated = updated;
  return filter;
}

/** v20111101's category filters: the transaction's category (or its top-level category) is one of those given. */
export function categoryTest(
  a: AccountRecord,
  q: TransactionQuery,
  overlay?: Pick<Overlay, 'category'>,
): ((k: number) => boolean) | undefined {
  const { categories, topCategories: tops } = q;
  if (!categories && !tops) return undefined;
  return (k) => {
    // As presented: the user's edits and transaction rules decide it when they have any.
    const category = overlay ? overlay.category(a, k) : transactionFacts(a, k).category;
    return (!categories || categories.includes(category.guid)) && (!tops || tops.includes(category.top_guid));
  };
}

/** One page of the accounts' transactions that match the query, newest first, with MX's pagination. */
export function transactionPage(
  accounts: readonly AccountRecord[],
  q: TransactionQuery,
  now: number,
  filter: StreamFilter = filterOf(q, now),
  overlay?: Pick<Overlay, 'category'>,
) {
  const sources: Array<Source<AccountRecord>> = accounts.map((a) => {
    const keep = categoryTest(a, q, overlay);
    return { owner: a, stream: a.stream, set: select(a.stream, keep ? { ...filter, keep } : filter) };
  });
  return sourcesPage(sources, q);
}

/** The page `q` asks for of the transactions the sources select, newest first, with MX's pagination. */
export function sourcesPage(sources: Array<Source<AccountRecord>>, q: PageRequest) {
  const { page: current, perPage } = resolvePage(q, 1000);
  const { total, rows } = selectPage(sources, (current - 1) * perPage, perPage);
  return {
    rows: rows.map((r) => ({ account: r.owner, k: r.k })),
    pagination: {
      current_page: current,
      per_page: perPage,
      total_entries: total,
      total_pages: Math.ceil(total / perPage),
    },
  };
}

/** A pulled transaction of these accounts by guid (or, when `byId`, its id); 404 otherwise. */
export function transactionIn(accounts: readonly AccountRecord[], identifier: string, byId: boolean) {
  const hit = findTransaction(accounts, identifier, byId);
  if (!hit) throw errors.notFound('transaction', identifier);
  return hit;
}
