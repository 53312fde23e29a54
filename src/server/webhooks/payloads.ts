// The webhooks MX would send, built from the world's events: payloads with exactly the fields MX lists
// (docs/webhooks.md; Unix-second timestamps, YYYY-MM-DD dates). Never a credential: only guids, ids and
// counts. `recordWebhooks` subscribes a tenant's webhook log to its events.

import { JOB_STATUS_IDS, type JobStatusName } from '../../mx/jobs.js';
import { type ConnectionStatus, statusMessage } from '../../mx/statuses.js';
import type { WebhookType } from '../../scenarios/schema.js';
import type { Job, JobType } from '../engine/lifecycle.js';
import type { DataCounts } from '../generators/data-counts.js';
import { stableGuid } from '../generators/ids.js';
import type { MemberAction } from '../store/events.js';
import type { MemberRecord } from '../store/members.js';
import type { Tenant } from '../store/tenant.js';
import type { WebhookEvent, WebhookPayload } from '../store/webhook-log.js';
import { microdepositEvent } from './microdeposit.js';

/** Only these statuses fire CONNECTION_STATUS (docs/mx-behaviour.md#webhooks). */
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

/** MX's numeric connection_status_id (docs/mx-behaviour.md#connection-statuses): every webhook status has one. */
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
        action: 'member_data_updated',
        ...common,
        statements_created_count: counts.statementsCreated,
        type,
        user_guid: member.user_guid,
      };
      break;
    case 'BALANCE':
      payload = { action: 'member_data_updated', ...common, type, user_guid: member.user_guid };
      break;
    default:
      // MX's rewards page lists neither job_guid nor user_id (unlike AGGREGATION and VERIFICATION).
      payload = {
        action: 'member_data_updated',
        ...common,
        rewards_created_count: counts.rewardsCreated,
        rewards_updated_count: counts.rewardsUpdated,
        type,
        user_guid: member.user_guid,
      };
  }
  // Member-data-updated webhooks echo the X-CALLBACK-PAYLOAD of the request that started the job.
  return { type, payload, at, callback_payload: job.callback_payload };
}

/**
 * MEMBER: a member created, updated or deleted, as MX's Members webhook page describes it: an `action` and
 * the member (Unix-second timestamps). The page's field list is known up to `is_being_aggregated`; the
 * fields after it follow MX's member resource (docs/mx-behaviour.md#webhooks).
 */
export function memberChangedEvent(
  tenant: Tenant,
  member: MemberRecord,
  action: MemberAction,
  at: number,
  callbackPayload: string | undefined,
): WebhookEvent {
  const status = member.state.connection_status;
  const s = member.state;
  return {
    type: 'MEMBER',
    at,
    callback_payload: callbackPayload,
    payload: {
      action,
      member: {
        aggregated_at: s.aggregated_at === null ? null : unix(s.aggregated_at),
        connection_status: status,
        connection_status_id: status === null ? null : CONNECTION_STATUS_IDS[status],
        connection_status_message: status === null ? null : statusMessage(status, member.name),
        created_at: unix(member.created_at_ms),
        guid: member.guid,
        id: member.id,
        institution_code: member.institution_code,
        institution_guid: member.institution_guid,
        is_being_aggregated: s.is_being_aggregated,
        is_oauth: member.is_oauth,
        metadata: member.metadata,
        name: member.name,
        successfully_aggregated_at: s.successfully_aggregated_at === null ? null : unix(s.successfully_aggregated_at),
        user_guid: member.user_guid,
        user_id: tenant.users.find(member.user_guid)?.id ?? null,
      },
    },
  };
}

/**
 * initial_data_ready (v20250224 only): the data a member created through v20250224 asked for is ready, at
 * its first successful job. `guid` is the webhook's own id (stable per member), `client_guid` the client's.
 */
export function initialDataReadyEvent(tenant: Tenant, member: MemberRecord, at: number): WebhookEvent | undefined {
  if (member.created_version !== 'v20250224') return undefined;
  return {
    type: 'initial_data_ready',
    at,
    payload: {
      type: 'initial_data_ready',
      guid: stableGuid('IDR', tenant.seed, tenant.clientId, member.guid).slice('IDR-'.length),
      client_guid: stableGuid('CLT', tenant.clientId),
      user_guid: member.user_guid,
      member_guid: member.guid,
    },
  };
}

/**
 * JOB (job status, opt-in): a job reached CHALLENGED or ended, as MX's job status page describes it: a
 * `job` object with MX's numeric `status` and its name (docs/webhooks.md#job-status). `finished_at` is null
 * while the job waits on a challenge; `error_message` is the member's message when the job failed.
 */
export function jobStatusEvent(
  tenant: Tenant,
  member: MemberRecord,
  job: Job,
  status: JobStatusName,
  at: number,
  endedIn: ConnectionStatus | undefined,
): WebhookEvent {
  const ended = status !== 'CHALLENGED';
  return {
    type: 'JOB',
    at,
    payload: {
      job: {
        created_at: unix(job.started_at),
        error_message: endedIn === undefined ? null : statusMessage(endedIn, member.name),
        finished_at: ended ? unix(at) : null,
        guid: job.guid,
        institution_guid: member.institution_guid,
        is_authenticated: status === 'COMPLETED',
        member_guid: member.guid,
        member_id: member.id,
        started_at: unix(job.started_at),
        status: JOB_STATUS_IDS[status],
        status_name: status,
        updated_at: unix(at),
        user_guid: member.user_guid,
        user_id: tenant.users.find(member.user_guid)?.id ?? null,
      },
    },
  };
}

/** From now on, every event of the tenant's world that MX would notify is logged (and so delivered). */
export function recordWebhooks(tenant: Tenant): () => void {
  return tenant.events.subscribe((event) => {
    switch (event.kind) {
      case 'status_changed':
        tenant.webhooks.record(connectionStatusEvent(event.member, event.status, event.at));
        break;
      case 'job_succeeded':
        // The requested data is ready as the first job ends: before that job's own webhook.
        if (event.first) tenant.webhooks.record(initialDataReadyEvent(tenant, event.member, event.at));
        tenant.webhooks.record(jobSucceededEvent(tenant, event.member, event.job, event.at, event.counts));
        break;
      case 'job_status':
        tenant.webhooks.record(jobStatusEvent(tenant, event.member, event.job, event.status, event.at, event.ended_in));
        break;
      case 'member_changed':
        tenant.webhooks.record(
          memberChangedEvent(tenant, event.member, event.action, event.at, event.callback_payload),
        );
        break;
      case 'microdeposit_changed':
        tenant.webhooks.record(microdepositEvent(tenant, event.microdeposit, event.action, event.at));
        break;
      default:
        // time_reached: nothing to notify (delivery retries listen for it).
        break;
    }
  });
}
