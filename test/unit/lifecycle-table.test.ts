// The member lifecycle's transition table (src/server/engine/lifecycle.ts), row by row, with whole
// states compared: docs/lifecycle.md's rules for jobs, challenges, endings and the DENIED→PREVENTED count.
import { describe, expect, it } from 'vitest';
import { NEEDS_CREDENTIALS } from '../../src/mx/statuses.js';
import {
  advance,
  connectingJobMs,
  FAST_TIMING,
  initialLifecycle,
  JOB_TYPES,
  type Job,
  judge,
  type Lifecycle,
  MX_TIMING,
  oauthFailed,
  resume,
  startJob,
  type Timing,
} from '../../src/server/engine/lifecycle.js';
import type { Outcome } from '../../src/server/engine/outcomes.js';

/** Distinct durations, so a mix-up between them shows. */
const T: Timing = {
  authenticateMs: 10,
  syncMs: 200,
  challengeTimeoutMs: 3_000,
  backgroundIntervalMs: 40_000,
  microdepositStepMs: 500,
};

function guids() {
  let n = 0;
  return (prefix: string) => `${prefix}-${++n}`;
}

const CONNECT: Outcome = { kind: 'connect' };

function started(outcome: Outcome = CONNECT, at = 1_000, from: Lifecycle = initialLifecycle()): Lifecycle {
  return startJob(from, { guid: 'JOB-1', type: 'aggregate', outcome }, at, T);
}

function run(s: Lifecycle, newGuid = guids()) {
  return advance(s, T, newGuid);
}

describe('timings and job types', () => {
  it('feel like MX by default: 2 s to authenticate, 4 s to sync, 10 min to answer, daily background, a minute per microdeposit step', () => {
    expect(MX_TIMING).toEqual({
      authenticateMs: 2_000,
      syncMs: 4_000,
      challengeTimeoutMs: 600_000,
      backgroundIntervalMs: 86_400_000,
      microdepositStepMs: 60_000,
    });
  });

  it('are milliseconds for the job and microdeposit steps when fast, the rest as MX', () => {
    expect(FAST_TIMING).toEqual({ ...MX_TIMING, authenticateMs: 1, syncMs: 1, microdepositStepMs: 1 });
  });

  it('lists the seven job types', () => {
    expect(JOB_TYPES).toEqual([
      'aggregate',
      'check_balance',
      'identify',
      'verify',
      'fetch_statements',
      'extend_history',
      'fetch_rewards',
    ]);
  });
});

describe('a new member', () => {
  it('is CREATED, not aggregating, with nothing processed and no job', () => {
    expect(initialLifecycle()).toEqual({
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
    });
  });

  it('is a fresh object each time', () => {
    const a = initialLifecycle();
    a.challenges.push({} as never);
    expect(initialLifecycle().challenges).toEqual([]);
  });
});

describe('starting a job', () => {
  it('marks the member aggregating from now, counts the job and schedules authentication', () => {
    const before: Lifecycle = {
      ...initialLifecycle(),
      connection_status: 'CONNECTED',
      successfully_aggregated_at: 500,
      failed_logins: 2,
      jobs_started: 4,
      has_processed_accounts: true,
      challenges: [{ guid: 'CRD-old' } as never],
    };
    const s = startJob(before, { guid: 'JOB-9', type: 'verify', outcome: CONNECT }, 1_000, T);
    expect(s).toEqual({
      ...before,
      connection_status: 'CONNECTED',
      is_being_aggregated: true,
      aggregated_at: 1_000,
      most_recent_job_guid: 'JOB-9',
      jobs_started: 5,
      challenges: [],
      job: {
        guid: 'JOB-9',
        type: 'verify',
        phase: 'authenticating',
        background: false,
        started_at: 1_000,
        due_at: 1_010,
        outcome: CONNECT,
        step: 0,
      },
    });
    expect(s.job && 'gather' in s.job).toBe(false);
    expect(before.job).toBeNull();
  });

  it('shows the given status while authenticating, and keeps background and gather flags', () => {
    const gather = { transactions: false, holdings: true };
    const s = startJob(
      initialLifecycle(),
      { guid: 'JOB-2', type: 'aggregate', outcome: CONNECT, status: 'UPDATED', background: true, gather },
      7,
      T,
    );
    expect(s.connection_status).toBe('UPDATED');
    expect(s.job).toMatchObject({ background: true, gather });
  });
});

describe('advance', () => {
  it('does nothing without a job', () => {
    const s = initialLifecycle();
    const step = run(s);
    expect(step.state).toBe(s);
    expect(step.events).toEqual([]);
  });

  it('authenticating, connect → CONNECTED and syncing, at the due time (not the caller’s)', () => {
    const s0 = { ...started(CONNECT, 1_000), failed_logins: 2, needs_updated_credentials: true };
    const { state, events } = run(s0);
    expect(events).toEqual([]);
    expect(state).toEqual({
      ...s0,
      connection_status: 'CONNECTED',
      is_authenticated: true,
      failed_logins: 0,
      needs_updated_credentials: false,
      challenges: [],
      job: { ...(s0.job as Job), phase: 'syncing', due_at: 1_010 + 200 },
    });
  });

  it('syncing → CONNECTED, not aggregating, successfully aggregated, data processed; job_succeeded', () => {
    const s1 = run(started(CONNECT, 1_000)).state;
    const job = s1.job as Job;
    const { state, events } = run(s1);
    expect(state).toEqual({
      ...s1,
      connection_status: 'CONNECTED',
      is_being_aggregated: false,
      successfully_aggregated_at: 1_210,
      has_processed_accounts: true,
      has_processed_transactions: true,
      has_processed_account_numbers: false,
      job: null,
    });
    expect(events).toEqual([{ kind: 'job_succeeded', job, at: 1_210 }]);
  });

  it('a verify job processes account numbers; other jobs keep what was processed', () => {
    const verify = startJob(initialLifecycle(), { guid: 'J', type: 'verify', outcome: CONNECT }, 0, T);
    expect(run(run(verify).state).state.has_processed_account_numbers).toBe(true);
    const identify = startJob(initialLifecycle(), { guid: 'J', type: 'identify', outcome: CONNECT }, 0, T);
    expect(run(run(identify).state).state.has_processed_account_numbers).toBe(false);
    const already = { ...identify, has_processed_account_numbers: true };
    expect(run(run(already).state).state.has_processed_account_numbers).toBe(true);
  });

  it('authenticating, challenge → CHALLENGED with the challenges, waiting until the timeout', () => {
    const s0 = { ...started({ kind: 'challenge', challenges: ['TEXT', 'OPTIONS'] }, 1_000), is_authenticated: true };
    const { state, events } = run(s0);
    expect(events).toEqual([]);
    expect(state.connection_status).toBe('CHALLENGED');
    expect(state.is_authenticated).toBe(false);
    expect(state.is_being_aggregated).toBe(true);
    expect(state.challenges.map((c) => [c.guid, c.type])).toEqual([
      ['CRD-1', 'TEXT'],
      ['CRD-2', 'OPTIONS'],
    ]);
    expect(state.job).toEqual({ ...(s0.job as Job), phase: 'challenged', step: 0, due_at: 1_010 + 3_000 });
  });

  it('challenged, no answer in time → EXPIRED, job over', () => {
    const challenged = run(started({ kind: 'challenge', challenges: ['TEXT'] }, 0)).state;
    const { state, events } = run(challenged);
    expect(state).toEqual({
      ...challenged,
      connection_status: 'EXPIRED',
      is_being_aggregated: false,
      failed_logins: 0,
      needs_updated_credentials: false,
      challenges: [],
      job: null,
    });
    expect(events).toEqual([{ kind: 'job_failed', job: challenged.job, status: 'EXPIRED', at: 3_010 }]);
  });

  for (const status of ['LOCKED', 'FAILED', 'DISABLED', 'IMPAIRED', 'IMPORTED', 'DEGRADED', 'DENIED'] as const) {
    it(`authenticating, fail(${status}) → ${status}, job over; needs credentials only for those MX says`, () => {
      const s0 = { ...started({ kind: 'fail', status }, 100), challenges: [{ guid: 'x' } as never] };
      const { state, events } = run(s0);
      expect(state).toEqual({
        ...s0,
        connection_status: status,
        is_being_aggregated: false,
        failed_logins: status === 'DENIED' ? 1 : 0,
        needs_updated_credentials: NEEDS_CREDENTIALS.includes(status),
        challenges: [],
        job: null,
      });
      expect(events).toEqual([{ kind: 'job_failed', job: s0.job, status, at: 110 }]);
    });
  }

  it('needs credentials after DENIED, PREVENTED, IMPAIRED and IMPORTED only', () => {
    expect(NEEDS_CREDENTIALS).toEqual(['DENIED', 'PREVENTED', 'IMPAIRED', 'IMPORTED']);
  });

  it('counts DENIED in a row: the third is PREVENTED; any other ending or a success resets the count', () => {
    const denied: Outcome = { kind: 'fail', status: 'DENIED' };
    const again = (s: Lifecycle, outcome: Outcome) => run(started(outcome, 0, s)).state;
    let s = again(initialLifecycle(), denied);
    expect([s.connection_status, s.failed_logins]).toEqual(['DENIED', 1]);
    s = again(s, denied);
    expect([s.connection_status, s.failed_logins]).toEqual(['DENIED', 2]);
    const third = run(started(denied, 0, s));
    expect([third.state.connection_status, third.state.failed_logins]).toEqual(['PREVENTED', 3]);
    expect(third.state.needs_updated_credentials).toBe(true);
    expect(third.events).toMatchObject([{ kind: 'job_failed', status: 'PREVENTED' }]);
    // A fourth DENIED is PREVENTED too.
    expect(again(third.state, denied).connection_status).toBe('PREVENTED');

    const locked = again(again(again(initialLifecycle(), denied), denied), { kind: 'fail', status: 'LOCKED' });
    expect(locked.failed_logins).toBe(0);
    expect(again(locked, denied)).toMatchObject({ connection_status: 'DENIED', failed_logins: 1 });

    const connected = run(again(again(initialLifecycle(), denied), denied)).state;
    const afterSuccess = run(started(CONNECT, 0, connected)).state;
    expect(afterSuccess.failed_logins).toBe(0);
    expect(again(afterSuccess, denied)).toMatchObject({ connection_status: 'DENIED', failed_logins: 1 });
  });
});

describe('answers', () => {
  const challengedAt = (outcome: Outcome) => run(started(outcome, 0)).state;
  const TEXT: Outcome = { kind: 'challenge', challenges: ['TEXT'] };

  it('resume: a CHALLENGED member is RESUMED; the verdict takes effect authenticateMs later', () => {
    const challenged = challengedAt(TEXT);
    const s = resume(challenged, { kind: 'correct' }, 500, T);
    expect(s).toEqual({
      ...challenged,
      connection_status: 'RESUMED',
      challenges: [],
      job: { ...(challenged.job as Job), phase: 'resumed', verdict: { kind: 'correct' }, due_at: 510 },
    });
  });

  it('resume does nothing unless the job waits for answers', () => {
    const authenticating = started(TEXT);
    expect(resume(authenticating, { kind: 'correct' }, 5, T)).toBe(authenticating);
    const idle = initialLifecycle();
    expect(resume(idle, { kind: 'correct' }, 5, T)).toBe(idle);
  });

  it('resumed, correct → CONNECTED and syncing', () => {
    const resumed = resume(challengedAt(TEXT), { kind: 'correct' }, 500, T);
    const { state, events } = run(resumed);
    expect(events).toEqual([]);
    expect(state).toMatchObject({ connection_status: 'CONNECTED', is_authenticated: true, challenges: [] });
    expect(state.job).toMatchObject({ phase: 'syncing', due_at: 710 });
  });

  it('resumed, followup → CHALLENGED again with the new challenges and a new timeout', () => {
    const resumed = resume(challengedAt(TEXT), { kind: 'followup', challenges: ['TOKEN'] }, 500, T);
    const { state, events } = run(resumed, guids());
    expect(events).toEqual([]);
    expect(state.connection_status).toBe('CHALLENGED');
    expect(state.challenges.map((c) => [c.guid, c.type])).toEqual([['CRD-1', 'TOKEN']]);
    expect(state.job).toMatchObject({ phase: 'challenged', due_at: 510 + 3_000 });
  });

  it('resumed, wrong (or no verdict) → REJECTED, job over', () => {
    const resumed = resume(challengedAt(TEXT), { kind: 'wrong' }, 500, T);
    const { state, events } = run(resumed);
    expect(state).toMatchObject({ connection_status: 'REJECTED', is_being_aggregated: false, job: null });
    expect(events).toEqual([{ kind: 'job_failed', job: resumed.job, status: 'REJECTED', at: 510 }]);
    const noVerdict: Lifecycle = { ...resumed, job: { ...(resumed.job as Job), verdict: undefined } };
    expect(run(noVerdict).state.connection_status).toBe('REJECTED');
  });

  it('resumed, fail(S) → S, job over', () => {
    const resumed = resume(challengedAt(TEXT), { kind: 'fail', status: 'LOCKED' }, 500, T);
    const { state, events } = run(resumed);
    expect(state).toMatchObject({ connection_status: 'LOCKED', is_being_aggregated: false, job: null });
    expect(events).toMatchObject([{ kind: 'job_failed', status: 'LOCKED', at: 510 }]);
  });

  it('judge: MX Bank rules for an ordinary job', () => {
    const job = challengedAt(TEXT).job as Job;
    expect(judge(job, ['correct'])).toEqual({ kind: 'correct' });
    expect(judge(job, ['nope'])).toEqual({ kind: 'wrong' });
  });

  it("judge: a scripted job's current step has its own answer", () => {
    const script: Outcome = {
      kind: 'script',
      steps: [
        { kind: 'challenge', challenges: ['TEXT'], answer: 'blue', onWrong: 'LOCKED' },
        { kind: 'challenge', challenges: ['TOKEN'], answer: '123456', onWrong: 'REJECTED' },
      ],
    };
    const first = challengedAt(script);
    expect(judge(first.job as Job, ['blue'])).toEqual({ kind: 'correct' });
    expect(judge(first.job as Job, ['correct'])).toEqual({ kind: 'fail', status: 'LOCKED' });
    const second = run(resume(first, { kind: 'correct' }, 100, T)).state;
    expect(second.job?.step).toBe(1);
    expect(judge(second.job as Job, ['123456'])).toEqual({ kind: 'correct' });
    expect(judge(second.job as Job, ['blue'])).toEqual({ kind: 'wrong' });
  });
});

describe('scripted jobs', () => {
  const script = (...steps: Extract<Outcome, { kind: 'script' }>['steps']): Outcome => ({ kind: 'script', steps });

  it('an empty script, or a CONNECTED step, connects', () => {
    expect(run(started(script())).state).toMatchObject({ connection_status: 'CONNECTED', is_authenticated: true });
    const connected = run(started(script({ kind: 'status', status: 'CONNECTED' }))).state;
    expect(connected.job).toMatchObject({ phase: 'syncing' });
  });

  it('a status step ends the job in that status', () => {
    const { state, events } = run(started(script({ kind: 'status', status: 'DEGRADED' }), 50));
    expect(state).toMatchObject({ connection_status: 'DEGRADED', job: null, is_being_aggregated: false });
    expect(events).toMatchObject([{ kind: 'job_failed', status: 'DEGRADED', at: 60 }]);
  });

  it('challenge steps run in order; a correct answer moves to the next step; past the last it connects', () => {
    const s0 = started(
      script(
        { kind: 'challenge', challenges: ['TEXT'], answer: 'a', onWrong: 'REJECTED' },
        { kind: 'challenge', challenges: ['OPTIONS', 'TOKEN'], answer: 'b', onWrong: 'REJECTED' },
      ),
      0,
    );
    const newGuid = guids();
    const firstStep = advance(s0, T, newGuid);
    expect(firstStep.events).toEqual([]);
    const first = firstStep.state;
    expect(first.challenges.map((c) => c.type)).toEqual(['TEXT']);
    expect(first.job).toMatchObject({ phase: 'challenged', step: 0, due_at: 3_010 });
    const second = advance(resume(first, { kind: 'correct' }, 100, T), T, newGuid).state;
    expect(second.connection_status).toBe('CHALLENGED');
    expect(second.challenges.map((c) => c.type)).toEqual(['OPTIONS', 'TOKEN']);
    expect(second.job).toMatchObject({ phase: 'challenged', step: 1, due_at: 110 + 3_000 });
    const done = advance(resume(second, { kind: 'correct' }, 200, T), T, newGuid).state;
    expect(done).toMatchObject({ connection_status: 'CONNECTED', is_authenticated: true });
    expect(done.job).toMatchObject({ phase: 'syncing', due_at: 410 });
  });

  it('a wrong answer or a failure ends a scripted job like any other', () => {
    const challenged = run(
      started(script({ kind: 'challenge', challenges: ['TEXT'], answer: 'a', onWrong: 'REJECTED' }), 0),
    ).state;
    const wrong = run(resume(challenged, { kind: 'wrong' }, 100, T));
    expect(wrong.state).toMatchObject({ connection_status: 'REJECTED', job: null });
    expect(wrong.events).toMatchObject([{ kind: 'job_failed', status: 'REJECTED' }]);
    const failed = run(resume(challenged, { kind: 'fail', status: 'LOCKED' }, 100, T));
    expect(failed.state).toMatchObject({ connection_status: 'LOCKED', job: null });
  });

  it('a correct answer followed by a status step ends there', () => {
    const s0 = started(
      script(
        { kind: 'challenge', challenges: ['TEXT'], answer: 'a', onWrong: 'REJECTED' },
        { kind: 'status', status: 'LOCKED' },
      ),
    );
    const challenged = run(s0).state;
    expect(run(resume(challenged, { kind: 'correct' }, 5_000, T)).state.connection_status).toBe('LOCKED');
  });
});

describe('OAuth', () => {
  it('failed: the status given, not aggregating, no job and no challenges; the rest kept', () => {
    const s = { ...started(CONNECT), challenges: [{ guid: 'x' } as never], failed_logins: 1 };
    for (const status of ['DENIED', 'IMPEDED', 'FAILED'] as const) {
      expect(oauthFailed(s, status)).toEqual({
        ...s,
        connection_status: status,
        is_being_aggregated: false,
        job: null,
        challenges: [],
      });
    }
  });
});

describe('connectingJobMs', () => {
  it('is how long a job that connects at once runs: authenticating, then syncing', () => {
    expect(connectingJobMs(MX_TIMING)).toBe(MX_TIMING.authenticateMs + MX_TIMING.syncMs);
    expect(connectingJobMs({ ...FAST_TIMING, authenticateMs: 7, syncMs: 300 })).toBe(307);
    expect(connectingJobMs({ ...FAST_TIMING, authenticateMs: 0, syncMs: 0 })).toBe(0);
  });
});
