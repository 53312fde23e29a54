// Applies every lifecycle step that is due by `now` to a tenant's members, in time order per member,
// including background aggregation (docs/mx-behaviour.md#background-aggregation), and announces what
// happened as the tenant's events. Runs before each request: the server has no timers.

import { failedJobStatus } from '../../mx/jobs.js';
import { advance, connectingJobMs, type Job, type LifecycleEvent } from '../engine/lifecycle.js';
import { applyJob, firstJobGather } from '../generators/apply-job.js';
import { countsAfter, countsBefore } from '../generators/data-counts.js';
import { type MemberRecord, memberDueAt } from '../store/members.js';
import type { Tenant } from '../store/tenant.js';
import { profileFor, quietJobsAhead, startMemberJob } from './jobs.js';
import { settleMicrodeposits } from './microdeposits.js';

/** A job succeeded: gather its data into the member. */
function gather(member: MemberRecord, tenant: Tenant, job: Job, at: number): void {
  const institution = tenant.institutions.byCode(member.institution_code);
  if (!institution) return;
  member.data = applyJob(
    { seed: tenant.seed, member, institution, profile: profileFor(member, tenant), data: member.data },
    job.type,
    at,
    job.gather ?? (member.data === null ? firstJobGather(member.products) : undefined),
  );
  if (member.data.numbers !== null) member.state = { ...member.state, has_processed_account_numbers: true };
}

/**
 * A background aggregation may start now: no job runs, and its time has come by the rule the members'
 * due index uses (memberDueAt: not turned off, credentials usable, its user there and enabled), so the
 * index and settling cannot disagree about it.
 */
function backgroundDue(member: MemberRecord, tenant: Tenant, now: number): boolean {
  if (member.state.job) return false;
  const user = tenant.users.find(member.user_guid);
  return memberDueAt(member, !user || user.is_disabled) <= now;
}

/**
 * When the clock moved past several background aggregations at once, the ones before the last that
 * would have connected quietly are skipped: only the last runs, and it pulls everything posted since
 * the member's previous sync. What a client can read afterwards is the same (accounts, balances,
 * transactions; only their created_at and the number of AGGREGATION webhooks differ), and settling
 * costs one job per member instead of one per day (docs/lifecycle.md#moving-the-clock-a-long-way). A job that
 * would challenge or fail still runs at its own time.
 */
function skipQuietBackground(member: MemberRecord, tenant: Tenant, now: number): void {
  const at = member.next_background_at as number;
  const period = connectingJobMs(tenant.timing) + tenant.timing.backgroundIntervalMs;
  const later = Math.floor((now - at) / period);
  if (later < 1) return;
  const skipped = quietJobsAhead(member, tenant, later);
  if (skipped < 1) return;
  member.next_background_at = at + skipped * period;
  member.state = { ...member.state, jobs_started: member.state.jobs_started + skipped };
}

export function settleMember(member: MemberRecord, tenant: Tenant, now: number): LifecycleEvent[] {
  const timing = tenant.timing;
  const events: LifecycleEvent[] = [];
  const guid = (prefix: string) => tenant.guids.next(prefix);
  for (;;) {
    const job = member.state.job;
    if (job && job.due_at <= now) {
      const before = member.state.connection_status;
      const step = advance(member.state, timing, guid);
      member.state = step.state;
      const after = member.state.connection_status;
      // A job that ends in a webhook status notifies even when the status was already that (a second DENIED).
      const ended = step.events.some((e) => e.kind === 'job_failed');
      if (after && (after !== before || ended)) {
        tenant.events.emit({ kind: 'status_changed', member, status: after, at: job.due_at });
      }
      for (const e of step.events) {
        events.push(e);
        if (e.kind === 'job_succeeded') {
          const first = member.data === null;
          const before = countsBefore(member.data);
          gather(member, tenant, e.job, e.at);
          const counts = countsAfter(before, member.data);
          tenant.events.emit({ kind: 'job_succeeded', member, job: e.job, at: e.at, counts, first });
          tenant.events.emit({ kind: 'job_status', member, job: e.job, status: 'COMPLETED', at: e.at });
          member.next_background_at = e.at + timing.backgroundIntervalMs;
        } else {
          const status = failedJobStatus(e.status);
          tenant.events.emit({ kind: 'job_status', member, job: e.job, status, at: e.at, ended_in: e.status });
        }
      }
      const waiting = member.state.job;
      if (waiting?.phase === 'challenged') {
        tenant.events.emit({ kind: 'job_status', member, job: waiting, status: 'CHALLENGED', at: job.due_at });
      }
      continue;
    }
    if (backgroundDue(member, tenant, now)) {
      skipQuietBackground(member, tenant, now);
      const at = member.next_background_at as number;
      member.next_background_at = null;
      startMemberJob(member, tenant, 'aggregate', at, { background: true });
      continue;
    }
    return events;
  }
}

/**
 * Settles every member with something due by `now`, in insertion order, as going through all of them
 * would: the members' due index (MemberStore.dueBy) leaves out only those with nothing to do, so a
 * request costs the same however many members wait.
 */
export function settleTenant(tenant: Tenant, now: number): void {
  for (const member of tenant.members.dueBy(now)) settleMember(member, tenant, now);
  settleMicrodeposits(tenant, now);
  tenant.events.emit({ kind: 'time_reached', at: now });
}
