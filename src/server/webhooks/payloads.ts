// The webhooks MX would send, built from lifecycle events: payloads with exactly the fields mx-facts §7.2
// lists (Unix-second timestamps, YYYY-MM-DD dates). Never a credential: only guids, ids and counts.

import { type ConnectionStatus, statusMessage } from '../../mx/statuses.js';
import type { WebhookType } from '../../scenarios/schema.js';
import type { Job, JobType } from '../engine/lifecycle.js';
import type { MemberData } from '../generators/records.js';
import { firstAtOrAfter, lastAtOrBefore, type Stream } from '../generators/transactions.js';
import type { MemberRecord } from '../store/members.js';
import type { Tenant } from '../store/tenant.js';

/** Only these statuses fire CONNECTION_STATUS [C K10]. */
export const WEBHOOK_STATUSES: readonly ConnectionStatus[] = [
  'CHALLENGED',
  'DENIED',
  'EXPIRED',
  'IMPAIRED',
  'IMPEDED',
  'LOCKED',
  'PREVENTED',
  'REJECTED',
];

/** MX's numeric connection_status_id (mx-facts §2, from MX's widget): every webhook status has one. */
export const CONNECTION_STATUS_IDS: Readonly<Record<ConnectionStatus, number>> = {
  CREATED: 0,
  PREVENTED: 1,
  DENIED: 2,
  CHALLENGED: 3,
  REJECTED: 4,
  LOCKED: 5,
  CONNECTED: 6,
  IMPEDED: 7,
  RECONNECTED: 8,
  DEGRADED: 9,
  DISCONNECTED: 10,
  DISCONTINUED: 11,
  CLOSED: 12,
  DELAYED: 13,
  FAILED: 14,
  UPDATED: 15,
  DISABLED: 16,
  IMPORTED: 17,
  RESUMED: 18,
  EXPIRED: 19,
  IMPAIRED: 20,
  PENDING: 21,
};

/** The webhook a successful job of each type sends (identify has none in MX's catalogue). */
const JOB_WEBHOOK: Partial<Record<JobType, WebhookType>> = {
  aggregate: 'AGGREGATION',
  extend_history: 'HISTORY',
  fetch_statements: 'STATEMENT',
  check_balance: 'BALANCE',
  verify: 'VERIFICATION',
  fetch_rewards: 'REWARD',
};

export type WebhookPayload = Record<string, string | number | boolean | string[] | null>;

export interface WebhookEvent {
  type: WebhookType;
  payload: WebhookPayload;
  /** Simulated time (ms) at which MX would send it. */
  at: number;
}

const unix = (ms: number) => Math.floor(ms / 1000);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function connectionStatusEvent(
  member: MemberRecord,
  status: ConnectionStatus,
  at: number,
): WebhookEvent | undefined {
  if (!WEBHOOK_STATUSES.includes(status)) return undefined;
  return {
    type: 'CONNECTION_STATUS',
    at,
    payload: {
      action: 'CHANGED',
      connection_status: status,
      connection_status_id: CONNECTION_STATUS_IDS[status],
      connection_status_message: statusMessage(status, member.name),
      member_guid: member.guid,
      type: 'CONNECTION_STATUS',
      user_guid: member.user_guid,
    },
  };
}

/** What a job gathered, counted by comparing the member's data before and after it. */
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

export function jobSucceededEvent(
  tenant: Tenant,
  member: MemberRecord,
  job: Job,
  at: number,
  counts: DataCounts,
): WebhookEvent | undefined {
  const type = JOB_WEBHOOK[job.type];
  if (!type) return undefined;
  const common = { completed_at: unix(at), completed_on: dayOf(at), member_guid: member.guid };
  const user = { user_guid: member.user_guid, user_id: tenant.users.find(member.user_guid)?.id ?? null };
  const transactions = {
    transactions_created_count: counts.transactionsCreated,
    transactions_updated_count: counts.transactionsUpdated,
  };
  let payload: WebhookPayload;
  switch (type) {
    case 'AGGREGATION':
    case 'HISTORY':
      payload = {
        action: 'member_data_updated',
        ...common,
        is_background: job.background,
        job_guid: job.guid,
        ...transactions,
        type,
        ...user,
      };
      break;
    case 'VERIFICATION':
      payload = {
        accounts: [...new Set((member.data?.numbers ?? []).map((n) => n.account_guid))],
        action: 'member_data_updated',
        ...common,
        job_guid: job.guid,
        type,
        ...user,
      };
      break;
    case 'STATEMENT':
      payload = {
        ...common,
        statements_created_count: counts.statementsCreated,
        type,
        user_guid: member.user_guid,
      };
      break;
    case 'BALANCE':
      payload = { ...common, type, user_guid: member.user_guid };
      break;
    default:
      payload = {
        ...common,
        job_guid: job.guid,
        rewards_created_count: counts.rewardsCreated,
        rewards_updated_count: counts.rewardsUpdated,
        type,
        ...user,
      };
  }
  return { type, payload, at };
}
