// The state machine alone, without HTTP: the transition table row by row.
import { describe, expect, it } from 'vitest';
import {
  advance,
  initialLifecycle,
  type Lifecycle,
  MX_TIMING,
  resume,
  startJob,
} from '../../src/server/engine/lifecycle.js';
import { credentialOutcome, judgeAnswers } from '../../src/server/engine/outcomes.js';

let n = 0;
const guid = (p: string) => `${p}-${++n}`;
const start = (password: string, at = 0) =>
  startJob(
    initialLifecycle(),
    { guid: 'JOB-1', type: 'aggregate', outcome: credentialOutcome('mxbank', password), status: 'CREATED' },
    at,
    MX_TIMING,
  );
const step = (s: Lifecycle) => advance(s, MX_TIMING, guid).state;

describe('lifecycle', () => {
  it('connects in two timed steps and stamps times from the schedule, not the caller', () => {
    const s0 = start('password', 1_000);
    expect(s0).toMatchObject({ connection_status: 'CREATED', is_being_aggregated: true, aggregated_at: 1_000 });
    const s1 = step(s0);
    expect(s1).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: true, is_authenticated: true });
    const { state, events } = advance(s1, MX_TIMING, guid);
    expect(state).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false, job: null });
    expect(state.successfully_aggregated_at).toBe(1_000 + MX_TIMING.authenticateMs + MX_TIMING.syncMs);
    expect(events.map((e) => e.kind)).toEqual(['job_succeeded']);
  });

  it('challenges, resumes and judges answers by MX Bank rules', () => {
    const challenged = step(start('challenge'));
    expect(challenged.connection_status).toBe('CHALLENGED');
    expect(challenged.job?.due_at).toBe(MX_TIMING.authenticateMs + MX_TIMING.challengeTimeoutMs);
    expect(step(challenged).connection_status).toBe('EXPIRED');
    const resumed = resume(challenged, judgeAnswers(['nope']), 5_000, MX_TIMING);
    expect(resumed.connection_status).toBe('RESUMED');
    expect(step(resumed).connection_status).toBe('REJECTED');
    expect(step(resume(challenged, judgeAnswers(['challenge']), 5_000, MX_TIMING)).connection_status).toBe(
      'CHALLENGED',
    );
    expect(step(resume(challenged, judgeAnswers(['SERVER_ERROR']), 5_000, MX_TIMING)).connection_status).toBe('FAILED');
  });

  it('needs new credentials after DENIED and turns the third DENIED in a row into PREVENTED', () => {
    let s = step(start('INVALID'));
    expect(s).toMatchObject({ connection_status: 'DENIED', needs_updated_credentials: true, failed_logins: 1 });
    for (let i = 0; i < 2; i++) {
      s = step(
        startJob(
          s,
          { guid: 'JOB-x', type: 'aggregate', outcome: credentialOutcome('mxbank', 'INVALID') },
          0,
          MX_TIMING,
        ),
      );
    }
    expect(s.connection_status).toBe('PREVENTED');
  });
});
