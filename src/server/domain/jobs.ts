// Jobs on a member: which outcome a new job gets (a scenario's script, else the test institutions'
// rules), MX's rules for asking for one (202 with the running job, 409 for another type, the 3-hour
// aggregation throttle that MX Bank and simbank are exempt from, 405 for a member that needs updated
// credentials), and answering a challenge (405 when the member is not CHALLENGED).
// See docs/mx-behaviour.md#jobs, #throttling and #challenges.
import type { ApiVersion } from '../../mx/versions.js';
import { type Job, type JobGather, type JobStart, type JobType, judge, resume, startJob } from '../engine/lifecycle.js';
import { connectsAtOnce, credentialOutcome, type Outcome, SCRIPTED_INSTITUTIONS } from '../engine/outcomes.js';
import { errors } from '../errors.js';
import { productForJob } from '../generators/apply-job.js';
import { type DataProfile, MAX_ACCOUNTS, MAX_TRANSACTIONS } from '../generators/records.js';
import type { MemberRecord } from '../store/members.js';
import type { Tenant } from '../store/tenant.js';
import { type MemberFacts, ruleFor, scriptedOutcome } from '../store/world.js';
import { requireProduct } from './products.js';

/** What the request that asks for a change says about itself, beyond its body. */
export interface RequestOrigin {
  /** Its X-CALLBACK-PAYLOAD: echoed on the webhooks the change (and the job it starts) causes. */
  callback_payload?: string | undefined;
  /** Its API version (a created member remembers it: initial_data_ready is v20250224's). */
  version?: ApiVersion | undefined;
}

/** How long after an aggregation MX answers 202 without starting another one. */
export const THROTTLE_MS = 3 * 3_600_000;

function credentialValue(member: MemberRecord, tenant: Tenant, field: 'LOGIN' | 'PASSWORD'): string | undefined {
  const inst = tenant.institutions.byCode(member.institution_code);
  const f = inst?.credentials.find((c) => c.field_name === field || c.type === field);
  // An empty value is one a state file did not keep: unknown, as if none had been given.
  return member.credentials.find((c) => c.guid === f?.guid)?.value || undefined;
}

/** What scenario rules are matched against. */
export function factsOf(member: MemberRecord, tenant: Tenant): MemberFacts {
  return {
    institution_code: member.institution_code,
    username: credentialValue(member, tenant, 'LOGIN'),
    password: credentialValue(member, tenant, 'PASSWORD'),
    member_id: member.id,
    user_id: tenant.users.find(member.user_guid)?.id ?? null,
  };
}

/**
 * Data volumes for a member: those kept for it (a restored member's), else a scenario's `data` rule, else
 * (simbank only) `accounts=50` and `transactions=10000` (per account per 90 days) anywhere in the username.
 */
export function profileFor(member: MemberRecord, tenant: Tenant): DataProfile {
  if (member.data_profile) return member.data_profile;
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

/** How the member's job number `n` (its next by default) goes: a scenario's script, else the test institutions' rules. */
function outcomeFor(member: MemberRecord, tenant: Tenant, n = member.state.jobs_started): Outcome {
  const scripted = tenant.world.rules.length ? scriptedOutcome(tenant.world, factsOf(member, tenant), n) : undefined;
  if (scripted) return scripted;
  return member.is_oauth
    ? { kind: 'connect' }
    : credentialOutcome(member.institution_code, credentialValue(member, tenant, 'PASSWORD'));
}

/** Starts a job on the member now (every job start goes through here: create, update, jobs, background, OAuth). */
export function startMemberJob(
  member: MemberRecord,
  tenant: Tenant,
  type: JobType,
  at: number,
  options: Pick<JobStart, 'background' | 'status' | 'gather' | 'callback_payload'> = {},
): void {
  const start: JobStart = { guid: tenant.guids.next('JOB'), type, outcome: outcomeFor(member, tenant), ...options };
  member.state = startJob(member.state, start, at, tenant.timing);
  tenant.events.emit({ kind: 'job_started', member, job: member.state.job as Job, at });
}

/**
 * How many of the member's next jobs (up to `max`) would connect at once, with no challenge and no
 * failure: the background aggregations settling may skip. A script's steps past its end repeat its
 * last one, so looking past it changes nothing.
 */
export function quietJobsAhead(member: MemberRecord, tenant: Tenant, max: number): number {
  const first = member.state.jobs_started;
  const script = tenant.world.rules.length ? ruleFor(tenant.world, factsOf(member, tenant), 'jobs')?.jobs : undefined;
  const distinct = script ? Math.max(script.length - first, 1) : 1;
  for (let k = 0; k < Math.min(max, distinct); k++) {
    if (!connectsAtOnce(outcomeFor(member, tenant, first + k))) return k;
  }
  return max;
}

/** MX Bank and simbank answer every aggregation at once: scripted test institutions are not throttled. */
export function isThrottled(member: MemberRecord, now: number): boolean {
  if ((SCRIPTED_INSTITUTIONS as readonly string[]).includes(member.institution_code)) return false;
  const last = member.state.aggregated_at;
  return last !== null && now - last < THROTTLE_MS;
}

/**
 * MX does not aggregate a member while `needs_updated_credentials` is true: every job logs in to the
 * institution, so each is refused with a 405 that says how to get the member going again.
 */
function assertCredentialsUsable(member: MemberRecord, type: JobType): void {
  if (!member.state.needs_updated_credentials) return;
  const status = member.state.connection_status ?? 'not connected';
  const fix = member.is_oauth
    ? 'have the user authorize again at a new oauth_window_uri (GET …/oauth_window_uri)'
    : "send the user's new credentials with PUT /users/{user}/members/{member} (that starts an aggregation)";
  throw errors.constraintNotMet(
    `member ${member.guid} is ${status} and needs updated credentials, so MX will not run a ${type} job on it; ${fix}`,
    'needs_updated_credentials',
    'POST',
  );
}

/**
 * A client asks for a job of `type` (aggregate, identify, ...). Starts it and answers true, or answers
 * false when MX would answer 202 without a new job (the same type is running; an aggregation within the
 * throttle). Throws MX's 403 when the job's product is not enabled for the client, 409 when another type
 * runs or OAuth is pending, 400 when the institution lacks the job's product, 405 when the member needs
 * updated credentials.
 */
export function requestJob(
  tenant: Tenant,
  member: MemberRecord,
  type: JobType,
  gather?: JobGather,
  origin: RequestOrigin = {},
): boolean {
  const product = productForJob(type);
  if (product) requireProduct(tenant, product, `the ${type} job`);
  if (member.is_oauth && member.state.connection_status === 'PENDING') {
    throw errors.conflict(
      `member ${member.guid} is waiting for the user to finish OAuth at its oauth_window_uri`,
      'oauth_pending',
    );
  }
  const inst = tenant.institutions.byCode(member.institution_code);
  if (product && inst && !inst.supported_products.includes(product)) {
    throw errors.badRequest(
      `${type}: institution ${inst.code} does not support ${product} (see its supported_products)`,
      'unsupported_product',
    );
  }
  assertCredentialsUsable(member, type);
  const running = member.state.job;
  if (running) {
    if (running.type === type) return false;
    throw errors.conflict(
      `member ${member.guid} is already running a ${running.type} job; wait until is_being_aggregated is false`,
      'job_in_progress',
    );
  }
  const now = tenant.clock.now();
  if (type === 'aggregate' && isThrottled(member, now)) return false;
  startMemberJob(member, tenant, type, now, {
    ...(gather ? { gather } : {}),
    callback_payload: origin.callback_payload,
  });
  return true;
}

/** Answers to a CHALLENGED member's challenges: every current challenge once, then RESUMED (405 when not CHALLENGED). */
export function answerChallenges(
  tenant: Tenant,
  member: MemberRecord,
  answers: ReadonlyArray<{ guid: string; value: string }>,
): void {
  const status = member.state.connection_status;
  if (status !== 'CHALLENGED' || !member.state.job) {
    throw errors.constraintNotMet(
      `member ${member.guid} is ${status ?? 'not connected'}, not CHALLENGED: there is no challenge to answer; ` +
        'read GET …/status and resume only while connection_status is CHALLENGED',
      'not_challenged',
      'PUT',
    );
  }
  const pending = member.state.challenges;
  answers.forEach((a, i) => {
    if (!pending.some((p) => p.guid === a.guid)) {
      throw errors.badRequest(
        `member.challenges[${i}].guid: ${a.guid} is not a current challenge of member ${member.guid}`,
        'invalid_challenge',
      );
    }
  });
  const missing = pending.find((p) => !answers.some((a) => a.guid === p.guid));
  if (missing) {
    throw errors.badRequest(
      `member.challenges: missing an answer for challenge ${missing.guid} (${missing.label})`,
      'invalid_challenge',
    );
  }
  const verdict = judge(
    member.state.job,
    answers.map((a) => a.value),
  );
  member.state = resume(member.state, verdict, tenant.clock.now(), tenant.timing);
  tenant.events.emit({ kind: 'challenge_answered', member, answers: answers.length, at: tenant.clock.now() });
}
