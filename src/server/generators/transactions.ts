// An account's transactions as a procedural stream. Transaction k (an integer; 0 is the newest at the
// first sync) happens at a time inside [t0 + (k-1)·interval, t0 + k·interval), so times increase with
// k and the k for any time is a division away. Everything about a transaction is a pure function of
// (stream key, k): nothing is stored per transaction, and a page of a million-row history costs the
// same as a page of ten. What the member has pulled is a set of k ranges, each tagged with the sync
// that pulled it (its created_at).
import { Draws, unit } from './rng.js';

export const DAY_MS = 86_400_000;

export interface Batch {
  lo: number;
  hi: number;
  /** When the sync that pulled these transactions finished (their created_at). */
  at: number;
}

export interface Stream {
  key: number;
  t0: number;
  interval: number;
  /** The range pulled so far (empty when hi < lo). */
  lo: number;
  hi: number;
  batches: Batch[];
  /** Forward syncs (times), ascending: a pending transaction posts at the first sync after its window. */
  syncs: number[];
  /** How long a new transaction stays PENDING; 0 for accounts without pending transactions. */
  pendingMs: number;
  /**
   * Exact transactions (a scenario's, or a recording's) instead of generated ones: transaction k is
   * `fixed[k - 1]`, in time order. Such a stream never grows.
   */
  fixed?: FixedTransaction[];
}

/** A transaction given exactly. Fields left out are filled in by the presenter. */
export interface FixedTransaction {
  at: number;
  amount: number;
  type: 'CREDIT' | 'DEBIT';
  description: string;
  pending: boolean;
  guid?: string | undefined;
  id?: string | undefined;
  original_description?: string | undefined;
  category?: string | undefined;
  memo?: string | undefined;
  merchant_guid?: string | undefined;
  check_number_string?: string | undefined;
  /** A manual transaction (made by the user through the API). */
  manual?: boolean | undefined;
  metadata?: string | null | undefined;
  /** When it posted, as given (default: when it happened, unless pending). */
  posted_at?: number | undefined;
  /** When it was last changed (default: when it was pulled). */
  updated_at?: number | undefined;
  /** Wire fields given as they are (a partner-managed transaction's). */
  given?: GivenWireFields | undefined;
}

/** A transaction's wire fields a partner writes that generated ones never have; null: not given. */
export interface GivenWireFields {
  currency_code: string | null;
  is_international: boolean | null;
  latitude: number | null;
  longitude: number | null;
  localized_description: string | null;
  localized_memo: string | null;
  merchant_category_code: number | null;
  merchant_location_guid: string | null;
}

/** Outside the given ones, a fixed stream's times run on a day apart, so time stays increasing in k. */
function fixedTime(f: FixedTransaction[], t0: number, k: number): number {
  const n = f.length;
  if (n === 0) return t0 + (k - 1) * DAY_MS;
  if (k < 1) return (f[0] as FixedTransaction).at - (1 - k) * DAY_MS;
  if (k > n) return (f[n - 1] as FixedTransaction).at + (k - n) * DAY_MS;
  return (f[k - 1] as FixedTransaction).at;
}

/** Inclusive k intervals, ascending and disjoint. */
export type IndexSet = Array<[number, number]>;

export function timeOf(s: Stream, k: number): number {
  if (s.fixed) return fixedTime(s.fixed, s.t0, k);
  return Math.floor(s.t0 + (k - 1 + unit(s.key, k, 0)) * s.interval);
}

/** The smallest k whose time is at or after `at`. */
export function firstAtOrAfter(s: Stream, at: number): number {
  if (s.fixed) {
    // Binary search over 1..n+1 (n+1: none of the given ones is that late).
    let lo = 1;
    let hi = s.fixed.length + 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((s.fixed[mid - 1] as FixedTransaction).at >= at) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  let k = Math.floor((at - s.t0) / s.interval) + 1;
  while (timeOf(s, k - 1) >= at) k--;
  while (timeOf(s, k) < at) k++;
  return k;
}

/** The largest k whose time is at or before `at`. */
export function lastAtOrBefore(s: Stream, at: number): number {
  return firstAtOrAfter(s, at + 1) - 1;
}

export function draws(s: Stream, k: number): Draws {
  const d = new Draws(s.key, k);
  d.next(); // draw 0 is the time jitter
  return d;
}

export function size(set: IndexSet): number {
  let n = 0;
  for (const [lo, hi] of set) n += hi - lo + 1;
  return n;
}

export function intersect(set: IndexSet, lo: number, hi: number): IndexSet {
  const out: IndexSet = [];
  for (const [a, b] of set) {
    const x = Math.max(a, lo);
    const y = Math.min(b, hi);
    if (x <= y) out.push([x, y]);
  }
  return out;
}

export function pulled(s: Stream): IndexSet {
  return s.hi < s.lo ? [] : [[s.lo, s.hi]];
}

/** The sync that first pulled k (its created_at). */
export function createdAt(s: Stream, k: number): number {
  for (const b of s.batches) if (k >= b.lo && k <= b.hi) return b.at;
  return s.t0;
}

export function isPending(s: Stream, k: number): boolean {
  if (s.fixed) return s.fixed[k - 1]?.pending ?? false;
  const last = s.syncs[s.syncs.length - 1] ?? s.t0;
  return s.pendingMs > 0 && timeOf(s, k) > last - s.pendingMs;
}

/** created_at, or the later sync at which a pending transaction posted. */
export function updatedAt(s: Stream, k: number): number {
  const created = createdAt(s, k);
  if (s.pendingMs === 0 || s.fixed) return created;
  const postsAt = timeOf(s, k) + s.pendingMs;
  if (postsAt <= created) return created;
  for (const sync of s.syncs) if (sync > created && sync >= postsAt) return sync;
  return created;
}

export interface TimeRange {
  from?: number;
  /** Exclusive. */
  to?: number;
}

const within = (t: number, r: TimeRange) => (r.from === undefined || t >= r.from) && (r.to === undefined || t < r.to);

export interface StreamFilter {
  date: TimeRange;
  created?: TimeRange;
  updated?: TimeRange;
  /** Any other test on a transaction (v20111101's category filters). */
  keep?: (k: number) => boolean;
}

/** The pulled transactions that pass the filter, as k intervals. Only `updated` and `keep` need a scan. */
export function select(s: Stream, f: StreamFilter): IndexSet {
  let lo = s.lo;
  let hi = s.hi;
  if (f.date.from !== undefined) lo = Math.max(lo, firstAtOrAfter(s, f.date.from));
  if (f.date.to !== undefined) hi = Math.min(hi, firstAtOrAfter(s, f.date.to) - 1);
  if (hi < lo) return [];
  let set: IndexSet = [[lo, hi]];
  if (f.created) {
    const range = f.created;
    const parts = s.batches.filter((b) => within(b.at, range)).sort((a, b) => a.lo - b.lo);
    set = parts.flatMap((b) => intersect(set, b.lo, b.hi));
  }
  if (f.updated || f.keep) {
    const { updated, keep } = f;
    const out: IndexSet = [];
    for (const [a, b] of set) {
      for (let k = a; k <= b; k++) {
        if (updated && !within(updatedAt(s, k), updated)) continue;
        if (keep && !keep(k)) continue;
        const last = out[out.length - 1];
        if (last && last[1] === k - 1) last[1] = k;
        else out.push([k, k]);
      }
    }
    set = out;
  }
  return set;
}

function countFrom(set: IndexSet, k: number): number {
  let n = 0;
  for (const [lo, hi] of set) if (hi >= k) n += hi - Math.max(lo, k) + 1;
  return n;
}

/** The largest k in `set` that is ≤ k, or undefined. */
function floorIn(set: IndexSet, k: number): number | undefined {
  for (let i = set.length - 1; i >= 0; i--) {
    const [lo, hi] = set[i] as [number, number];
    if (lo <= k) return Math.min(hi, k);
  }
  return undefined;
}

export interface Source<A> {
  owner: A;
  stream: Stream;
  set: IndexSet;
}

/**
 * One page of the union of several streams, newest first (ties: source order, then k descending).
 * Finds the time of the page's first row by binary search over counts, then merges `limit` rows.
 * Cost: O(sources · log(time span) + limit · sources), whatever the volume.
 */
export function selectPage<A>(
  sources: Array<Source<A>>,
  offset: number,
  limit: number,
): { total: number; rows: Array<{ owner: A; k: number }> } {
  const live = sources.filter((s) => s.set.length > 0);
  const total = live.reduce((n, s) => n + size(s.set), 0);
  if (offset >= total || limit <= 0) return { total, rows: [] };
  const atOrAfter = (t: number) => live.reduce((n, s) => n + countFrom(s.set, firstAtOrAfter(s.stream, t)), 0);
  let lo = Math.min(...live.map((s) => timeOf(s.stream, (s.set[0] as [number, number])[0])));
  let hi = Math.max(...live.map((s) => timeOf(s.stream, (s.set[s.set.length - 1] as [number, number])[1])));
  // Largest time t with at least offset+1 rows at or after it: the time of row `offset`.
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2);
    if (atOrAfter(mid) >= offset + 1) lo = mid;
    else hi = mid - 1;
  }
  const first = lo;
  let skip = offset - atOrAfter(first + 1);
  const cursors = live.map((s) => ({ s, k: floorIn(s.set, lastAtOrBefore(s.stream, first)) }));
  const rows: Array<{ owner: A; k: number }> = [];
  while (rows.length < limit) {
    let best = -1;
    let bestTime = Number.NEGATIVE_INFINITY;
    cursors.forEach((c, i) => {
      if (c.k === undefined) return;
      const t = timeOf(c.s.stream, c.k);
      if (t > bestTime) {
        best = i;
        bestTime = t;
      }
    });
    if (best === -1) break;
    const c = cursors[best] as (typeof cursors)[number];
    const k = c.k as number;
    if (skip > 0) skip--;
    else rows.push({ owner: c.s.owner, k });
    c.k = floorIn(c.s.set, k - 1);
  }
  return { total, rows };
}
