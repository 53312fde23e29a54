// Applies every lifecycle step that is due by `now` to a tenant's members, in time order per member,
// including background aggregation. Runs before each request: the server has no timers.

import { advance, type Job, type JobStart, type JobType, type LifecycleEvent, startJob } from '../engine/lifecycle.js';
import { credentialOutcome, type Outcome } from '../engine/outcomes.js';
import { applyJob } from '../generators/apply-job.js';
import { type DataProfile, MAX_ACCOUNTS, MAX_TRANSACTIONS } from '../generators/records.js';
import type { MemberRecord } from '../store/members.js';
import type { Tenant } from '../store/tenant.js';
import { type MemberFacts, ruleFor, scriptedOutcome } from '../store/world.js';
import { connectionStatusEvent, countsAfter, countsBefore, jobSucceededEvent } from '../webhooks/payloads.js';

function credentialValue(member: MemberRecord, tenant: Tenant, field: 'LOGIN' | 'PASSWORD'): string | undefined {
  const inst = tenant.institutions.byCode(member.institution_code);
  const f = inst?.credentials.find((c) => c.field_name === field || c.type === field);
  return member.credentials.find((c) => c.guid === f?.guid)?.value;
}

const passwordOf = (member: MemberRecord, tenant: Tenant) => credentialValue(member, tenant, 'PASSWORD');

/**
 * Data volumes for a member. simbank reads them from the username: `accounts=50` and
 * `transactions=10000` (per account per 90 days) anywhere in it, e.g. `mxuser accounts=50 transactions=10000`.
 */
export function profileFor(member: MemberRecord, tenant: Tenant): DataProfile {
  const fromScenario = tenant.world.rules.length
    ? ruleFor(tenant.world, factsOf(member, tenant), 'data')?.data
    : undefined;
  if (fromScenario) return fromScenario;
  if (member.institution_code !== 'simbank') return {};
  const login = credentialValue(member, tenant, 'LOGIN') ?? '';
  const read = (name: string, max: number) => {
    const m = new RegExp(`${name}=(\\d+)`).exec(login);
    return m ? Math.min(Math.max(Number(m[1]), 1), max) : undefined;
  };
  const profile: DataProfile = {};
  const accounts = read('accounts', MAX_ACCOUNTS);
  const transactions = read('transactions', MAX_TRANSACTIONS);
  if (accounts !== undefined) profile.accounts = accounts;
  if (transactions !== undefined) profile.transactions = transactions;
  return profile;
}

/** A job succeeded: gather its data into the member. */
function gather(member: MemberRecord, tenant: Tenant, job: Job, at: number): void {
  const institution = tenant.institutions.byCode(member.institution_code);
  if (!institution) return;
  member.data = applyJob(
    { seed: tenant.seed, member, institution, profile: profileFor(member, tenant), data: member.data },
    job.type,
    at,
    job.gather,
  );
  if (member.data.numbers !== null) member.state = { ...member.state, has_processed_account_numbers: true };
}

/** What scenario rules are matched against. */
export function factsOf(member: MemberRecord, tenant: Tenant): MemberFacts {
  return {
    institution_code: member.institution_code,
    username: credentialValue(member, tenant, 'LOGIN'),
    password: passwordOf(member, tenant),
    member_id: member.id,
    user_id: tenant.users.find(member.user_guid)?.id ?? null,
  };
}

/** How the member's next job goes: a scenario's script, else the test institutions' rules. */
function outcomeFor(member: MemberRecord, tenant: Tenant): Outcome {
  const scripted = tenant.world.rules.length
    ? scriptedOutcome(tenant.world, factsOf(member, tenant), member.state.jobs_started)
    : undefined;
  if (scripted) return scripted;
  return member.is_oauth ? { kind: 'connect' } : credentialOutcome(member.institution_code, passwordOf(member, tenant));
}

function backgroundDue(member: MemberRecord, tenant: Tenant, now: number): boolean {
  if (member.state.job || member.next_background_at === null || member.next_background_at > now) return false;
  if (member.background_aggregation_is_disabled || member.state.needs_updated_credentials) return false;
  const user = tenant.users.find(member.user_guid);
  return !!user && !user.is_disabled;
}

/** Starts a job on the member: its outcome from the world's scenario, else the test institutions' rules. */
export function startMemberJob(
  member: MemberRecord,
  tenant: Tenant,
  type: JobType,
  at: number,
  options: Pick<JobStart, 'background' | 'status' | 'gather'> = {},
): void {
  member.state = startJob(
    member.state,
    { guid: tenant.guids.next('JOB'), type, outcome: outcomeFor(member, tenant), ...options },
    at,
    tenant.timing,
  );
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
        tenant.webhooks.record(connectionStatusEvent(member, after, job.due_at));
      }
      for (const e of step.events) {
        events.push(e);
        if (e.kind === 'job_succeeded') {
          const counts = countsBefore(member.data);
          gather(member, tenant, e.job, e.at);
          tenant.webhooks.record(jobSucceededEvent(tenant, member, e.job, e.at, countsAfter(counts, member.data)));
          member.next_background_at = e.at + timing.backgroundIntervalMs;
        }
      }
      continue;
    }
    if (backgroundDue(member, tenant, now)) {
      const at = member.next_background_at as number;
      member.next_background_at = null;
      startMemberJob(member, tenant, 'aggregate', at, { background: true });
      continue;
    }
    return events;
  }
}

export function settleTenant(tenant: Tenant, now: number): void {
  for (const member of tenant.members.all()) settleMember(member, tenant, now);
}
