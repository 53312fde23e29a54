// What a job added to a member's data, counted by comparing the data before and after it (the counts
// MX's AGGREGATION, HISTORY, STATEMENT and REWARD webhooks carry).
import type { MemberData } from './records.js';
import { firstAtOrAfter, lastAtOrBefore, type Stream } from './transactions.js';

/** What a job gathered. */
export interface DataCounts {
  transactionsCreated: number;
  transactionsUpdated: number;
  statementsCreated: number;
  rewardsCreated: number;
  rewardsUpdated: number;
}

/** How many transactions the member's accounts hold (each stream's pulled range). */
function transactionCount(data: MemberData | null): number {
  let n = 0;
  for (const a of data?.accounts ?? []) n += Math.max(0, a.stream.hi - a.stream.lo + 1);
  return n;
}

/** A stream's pulled range and last sync before the job (the job mutates streams in place). */
interface StreamBefore {
  stream: Stream;
  lo: number;
  hi: number;
  lastSync: number | undefined;
}

/**
 * Transactions that were PENDING at the previous sync and posted at this one (transactions.ts: a pending
 * transaction posts at the first sync after its window): MX's "updated" transactions.
 */
function postedSince(before: StreamBefore): number {
  const s = before.stream;
  const now = s.syncs[s.syncs.length - 1];
  if (s.fixed || s.pendingMs === 0 || before.lastSync === undefined || now === undefined || now === before.lastSync)
    return 0;
  const from = Math.max(before.lo, firstAtOrAfter(s, before.lastSync - s.pendingMs + 1));
  const to = Math.min(before.hi, lastAtOrBefore(s, now - s.pendingMs));
  return Math.max(0, to - from + 1);
}

/** The parts of the data the counters need, taken before a job applies. */
export function countsBefore(data: MemberData | null) {
  return {
    transactions: transactionCount(data),
    streams: (data?.accounts ?? []).map(
      (a): StreamBefore => ({ stream: a.stream, lo: a.stream.lo, hi: a.stream.hi, lastSync: a.stream.syncs.at(-1) }),
    ),
    statements: new Set((data?.statements ?? []).map((s) => s.guid)),
    rewards: new Set((data?.rewards ?? []).map((r) => r.guid)),
  };
}

export function countsAfter(before: ReturnType<typeof countsBefore>, data: MemberData | null): DataCounts {
  const rewards = data?.rewards ?? [];
  return {
    transactionsCreated: Math.max(0, transactionCount(data) - before.transactions),
    transactionsUpdated: before.streams.reduce((n, b) => n + postedSince(b), 0),
    statementsCreated: (data?.statements ?? []).filter((s) => !before.statements.has(s.guid)).length,
    rewardsCreated: rewards.filter((r) => !before.rewards.has(r.guid)).length,
    rewardsUpdated: rewards.filter((r) => before.rewards.has(r.guid)).length,
  };
}
