// The member connection lifecycle as a pure state machine: (state, event, time) → new state.
// A job is a few scripted phases with due times; nothing here reads a clock or touches a store.

import { type ConnectionStatus, NEEDS_CREDENTIALS } from '../../mx/statuses.js';
import { buildChallenge, type Challenge } from './challenges.js';
import { judgeAnswers as judgeAnswersDefault, judgeScriptAnswers, type Outcome, type Verdict } from './outcomes.js';

export const JOB_TYPES = [
  'aggregate',
  'check_balance',
  'identify',
  'verify',
  'fetch_statements',
  'extend_history',
  'fetch_rewards',
] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** What an aggregation gathers (v20111101's include_transactions / include_holdings; both by default). */
export interface JobGather {
  transactions: boolean;
  holdings: boolean;
}

export interface Timing {
  /** From job start to the institution's answer on the credentials. */
  authenticateMs: number;
  /** From authentication to the data being processed (CONNECTED and not aggregating). */
  syncMs: number;
  /** How long an unanswered challenge waits before the member is EXPIRED. */
  challengeTimeoutMs: number;
  /** Background aggregation interval. */
  backgroundIntervalMs: number;
  /** Between a microdeposit's statuses (MX refreshes them each minute), and from a right verify to VERIFIED. */
  microdepositStepMs: number;
}

/** Feels like MX: seconds per job, a 10-minute MFA window, daily background aggregation. */
export const MX_TIMING: Timing = {
  authenticateMs: 2_000,
  syncMs: 4_000,
  challengeTimeoutMs: 10 * 60_000,
  backgroundIntervalMs: 24 * 3_600_000,
  microdepositStepMs: 60_000,
};

/** For CI: jobs complete within milliseconds. */
export const FAST_TIMING: Timing = { ...MX_TIMING, authenticateMs: 1, syncMs: 1, microdepositStepMs: 1 };

export type Phase = 'authenticating' | 'challenged' | 'resumed' | 'syncing';

export interface Job {
  guid: string;
  type: JobType;
  phase: Phase;
  background: boolean;
  started_at: number;
  /** When the current phase ends by itself (for `challenged`, when it expires). */
  due_at: number;
  outcome: Outcome;
  /** The current step of a scripted outcome. */
  step: number;
  /** What the job gathers when it succeeds (v20111101's include_* flags); everything when absent. */
  gather?: JobGather;
  verdict?: Verdict;
  /** The X-CALLBACK-PAYLOAD of the request that started it, echoed on the webhooks it causes. */
  callback_payload?: string;
}

export interface Lifecycle {
  connection_status: ConnectionStatus | null;
  is_being_aggregated: boolean;
  is_authenticated: boolean;
  aggregated_at: number | null;
  successfully_aggregated_at: number | null;
  has_processed_accounts: boolean;
  has_processed_transactions: boolean;
  has_processed_account_numbers: boolean;
  needs_updated_credentials: boolean;
  most_recent_job_guid: string | null;
  /** Consecutive DENIED logins; the third becomes PREVENTED. */
  failed_logins: number;
  /** Jobs started so far (scenario outcomes script job n). */
  jobs_started: number;
  challenges: Challenge[];
  job: Job | null;
}

export function initialLifecycle(): Lifecycle {
  return {
    connection_status: 'CREATED',
    is_being_aggregated: false,
    is_authenticated: false,
    aggregated_at: null,
    successfully_aggregated_at: null,
    has_processed_accounts: false,
    has_processed_transactions: false,
    has_processed_account_numbers: false,
    needs_updated_credentials: false,
    most_recent_job_guid: null,
    failed_logins: 0,
    jobs_started: 0,
    challenges: [],
    job: null,
  };
}

export interface JobStart {
  guid: string;
  type: JobType;
  outcome: Outcome;
  background?: boolean;
  /** The status shown while authenticating: CREATED for a new member, UPDATED after new credentials. */
  status?: ConnectionStatus;
  gather?: JobGather;
  callback_payload?: string | undefined;
}

/** What happened in a step, for the caller to act on (generate data, notify). */
export type LifecycleEvent =
  | { kind: 'job_succeeded'; job: Job; at: number }
  | { kind: 'job_failed'; job: Job; status: ConnectionStatus; at: number };

export type NewGuid = (prefix: string) => string;

export function startJob(s: Lifecycle, start: JobStart, now: number, t: Timing): Lifecycle {
  return {
    ...s,
    connection_status: start.status ?? s.connection_status,
    is_being_aggregated: true,
    aggregated_at: now,
    most_recent_job_guid: start.guid,
    jobs_started: s.jobs_started + 1,
    challenges: [],
    job: {
      guid: start.guid,
      type: start.type,
      phase: 'authenticating',
      background: start.background ?? false,
      started_at: now,
      due_at: now + t.authenticateMs,
      outcome: start.outcome,
      step: 0,
      ...(start.gather ? { gather: start.gather } : {}),
      ...(start.callback_payload !== undefined ? { callback_payload: start.callback_payload } : {}),
    },
  };
}

function endJob(s: Lifecycle, status: ConnectionStatus, at: number): { state: Lifecycle; events: LifecycleEvent[] } {
  const job = s.job as Job;
  const failedLogins = status === 'DENIED' ? s.failed_logins + 1 : 0;
  const final = status === 'DENIED' && failedLogins >= 3 ? 'PREVENTED' : status;
  return {
    state: {
      ...s,
      connection_status: final,
      is_being_aggregated: false,
      failed_logins: failedLogins,
      needs_updated_credentials: NEEDS_CREDENTIALS.includes(final),
      challenges: [],
      job: null,
    },
    events: [{ kind: 'job_failed', job, status: final, at }],
  };
}

function challenge(
  s: Lifecycle,
  kinds: readonly string[],
  at: number,
  t: Timing,
  guid: NewGuid,
  step = s.job?.step ?? 0,
): Lifecycle {
  const job = s.job as Job;
  return {
    ...s,
    connection_status: 'CHALLENGED',
    is_authenticated: false,
    challenges: kinds.map((k) => buildChallenge(k, guid)),
    job: { ...job, phase: 'challenged', step, due_at: at + t.challengeTimeoutMs },
  };
}

/** Runs step `i` of a scripted job: a challenge, an ending status, or (past the end) CONNECTED. */
function scriptStep(s: Lifecycle, i: number, at: number, t: Timing, guid: NewGuid) {
  const job = s.job as Job;
  const steps = job.outcome.kind === 'script' ? job.outcome.steps : [];
  const step = steps[i];
  if (!step || (step.kind === 'status' && step.status === 'CONNECTED')) {
    return { state: authenticated(s, at, t), events: [] as LifecycleEvent[] };
  }
  if (step.kind === 'challenge') return { state: challenge(s, step.challenges, at, t, guid, i), events: [] };
  return endJob(s, step.status, at);
}

function authenticated(s: Lifecycle, at: number, t: Timing): Lifecycle {
  const job = s.job as Job;
  return {
    ...s,
    connection_status: 'CONNECTED',
    is_authenticated: true,
    failed_logins: 0,
    needs_updated_credentials: false,
    challenges: [],
    job: { ...job, phase: 'syncing', due_at: at + t.syncMs },
  };
}

/**
 * The transition table. Each row: the phase whose time has come → what the member becomes.
 *   authenticating, outcome connect      → CONNECTED, still aggregating (syncing)
 *   authenticating, outcome challenge    → CHALLENGED with challenges; waits for answers until expiry
 *   authenticating, outcome fail(S)      → S, job over (the third DENIED in a row is PREVENTED)
 *   challenged (no answer in time)       → EXPIRED, job over
 *   resumed, verdict correct             → CONNECTED, syncing
 *   resumed, verdict followup            → CHALLENGED again with new challenges
 *   resumed, verdict wrong               → REJECTED, job over
 *   resumed, verdict fail(S)             → S, job over
 *   syncing                              → CONNECTED, not aggregating, successfully_aggregated_at, data processed
 */
export function advance(s: Lifecycle, t: Timing, guid: NewGuid): { state: Lifecycle; events: LifecycleEvent[] } {
  const job = s.job;
  if (!job) return { state: s, events: [] };
  const at = job.due_at;
  switch (job.phase) {
    case 'authenticating': {
      const o = job.outcome;
      if (o.kind === 'connect') return { state: authenticated(s, at, t), events: [] };
      if (o.kind === 'challenge') return { state: challenge(s, o.challenges, at, t, guid), events: [] };
      if (o.kind === 'script') return scriptStep(s, 0, at, t, guid);
      return endJob(s, o.status, at);
    }
    case 'challenged':
      return endJob(s, 'EXPIRED', at);
    case 'resumed': {
      const v = job.verdict ?? { kind: 'wrong' };
      if (v.kind === 'correct' && job.outcome.kind === 'script') return scriptStep(s, job.step + 1, at, t, guid);
      if (v.kind === 'correct') return { state: authenticated(s, at, t), events: [] };
      if (v.kind === 'followup') return { state: challenge(s, v.challenges, at, t, guid), events: [] };
      return endJob(s, v.kind === 'wrong' ? 'REJECTED' : v.status, at);
    }
    case 'syncing':
      return {
        state: {
          ...s,
          connection_status: 'CONNECTED',
          is_being_aggregated: false,
          successfully_aggregated_at: at,
          has_processed_accounts: true,
          has_processed_transactions: true,
          has_processed_account_numbers: s.has_processed_account_numbers || job.type === 'verify',
          job: null,
        },
        events: [{ kind: 'job_succeeded', job, at }],
      };
  }
}

/** What the institution makes of answers to the current challenge (scripted steps have their own answer). */
export function judge(job: Job, values: readonly string[]): Verdict {
  if (job.outcome.kind !== 'script') return judgeAnswersDefault(values);
  return judgeScriptAnswers(job.outcome.steps[job.step], values);
}

/** Answers arrived for a CHALLENGED member: RESUMED, and the verdict takes effect after authenticateMs. */
export function resume(s: Lifecycle, verdict: Verdict, now: number, t: Timing): Lifecycle {
  const job = s.job;
  if (job?.phase !== 'challenged') return s;
  return {
    ...s,
    connection_status: 'RESUMED',
    challenges: [],
    job: { ...job, phase: 'resumed', verdict, due_at: now + t.authenticateMs },
  };
}

/** OAuth: consent ended in an error before any job ran (the user cancelled, the institution refused, …). */
export function oauthFailed(s: Lifecycle, status: ConnectionStatus): Lifecycle {
  return { ...s, connection_status: status, is_being_aggregated: false, job: null, challenges: [] };
}

/**
 * How long a job that connects at once takes, from its start to its success, under timing `t`: the
 * table above played out for an outcome `connect`. Settling uses it to know when each of a run of quiet
 * background aggregations would have started.
 */
export function connectingJobMs(t: Timing): number {
  let s = startJob(initialLifecycle(), { guid: '', type: 'aggregate', outcome: { kind: 'connect' } }, 0, t);
  while (s.job) {
    const step = advance(s, t, () => '');
    const done = step.events.find((e) => e.kind === 'job_succeeded');
    if (done) return done.at;
    s = step.state;
  }
  return 0;
}
