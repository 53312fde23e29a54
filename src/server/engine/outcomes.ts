// What a test institution does with the credentials it is given and the MFA answers it receives
// (docs/mx-behaviour.md#mx-bank as MX documents it; #simulator-bank is ours).
import type { ChallengeKind } from '../../mx/challenges.js';
import { type ConnectionStatus, isConnectionStatus } from '../../mx/statuses.js';

/** One step of a scripted job (scenario files): a challenge to pass, or the status the job ends in. */
export type ScriptStep =
  | { kind: 'challenge'; challenges: ChallengeKind[]; answer: string; onWrong: ConnectionStatus }
  | { kind: 'status'; status: ConnectionStatus };

/** How authentication ends for a job. */
export type Outcome =
  | { kind: 'connect' }
  | { kind: 'fail'; status: ConnectionStatus }
  | { kind: 'challenge'; challenges: ChallengeKind[] }
  | { kind: 'script'; steps: ScriptStep[] };

/** What the institution makes of a set of MFA answers. */
export type Verdict =
  | { kind: 'correct' }
  | { kind: 'followup'; challenges: ChallengeKind[] }
  | { kind: 'wrong' }
  | { kind: 'fail'; status: ConnectionStatus };

/** MX Bank's error passwords (case-sensitive) and the status each produces. */
const MXBANK_ERRORS: Record<string, ConnectionStatus> = {
  BAD_REQUEST: 'FAILED',
  UNAUTHORIZED: 'DENIED',
  INVALID: 'DENIED',
  LOCKED: 'LOCKED',
  DISABLED: 'DISABLED',
  SERVER_ERROR: 'FAILED',
  UNAVAILABLE: 'FAILED',
};

const MXBANK_CHALLENGES: Record<string, ChallengeKind[]> = {
  challenge: ['TEXT'],
  options: ['OPTIONS'],
  image: ['IMAGE_DATA'],
};

/** simbank adds the challenge types MX Bank lacks, and several challenges at once. */
const SIMBANK_CHALLENGES: Record<string, ChallengeKind[]> = {
  ...MXBANK_CHALLENGES,
  image_options: ['IMAGE_OPTIONS'],
  token: ['TOKEN'],
  multi: ['TEXT', 'OPTIONS'],
  CHALLENGED: ['TEXT'],
};

export const SCRIPTED_INSTITUTIONS = ['mxbank', 'simbank'] as const;

export function credentialOutcome(institutionCode: string, password: string | undefined): Outcome {
  if (password === undefined) return { kind: 'connect' };
  if (institutionCode === 'mxbank') {
    const challenges = MXBANK_CHALLENGES[password];
    if (challenges) return { kind: 'challenge', challenges };
    const status = MXBANK_ERRORS[password];
    return status ? { kind: 'fail', status } : { kind: 'connect' };
  }
  if (institutionCode === 'simbank') {
    const challenges = SIMBANK_CHALLENGES[password];
    if (challenges) return { kind: 'challenge', challenges };
    const status = MXBANK_ERRORS[password] ?? (isConnectionStatus(password) ? password : undefined);
    if (!status || status === 'CONNECTED') return { kind: 'connect' };
    return { kind: 'fail', status };
  }
  return { kind: 'connect' };
}

/**
 * MX Bank's answer rules: `correct` passes; `challenge` counts as correct and raises a follow-up
 * challenge; an error password simulates that error; anything else is wrong (REJECTED).
 */
export function judgeAnswers(values: readonly string[]): Verdict {
  for (const value of values) {
    const status = MXBANK_ERRORS[value];
    if (status) return { kind: 'fail', status };
  }
  if (values.every((v) => v === 'correct')) return { kind: 'correct' };
  if (values.every((v) => v === 'correct' || v === 'challenge')) return { kind: 'followup', challenges: ['TEXT'] };
  return { kind: 'wrong' };
}

/** A scripted challenge step passes when every answer is its expected answer; otherwise it ends the job. */
export function judgeScriptAnswers(step: ScriptStep | undefined, values: readonly string[]): Verdict {
  if (step?.kind !== 'challenge') return judgeAnswers(values);
  if (values.every((v) => v === step.answer)) return { kind: 'correct' };
  return step.onWrong === 'REJECTED' ? { kind: 'wrong' } : { kind: 'fail', status: step.onWrong };
}

/** A job with this outcome connects without a challenge or a failure (a script's first step is CONNECTED). */
export function connectsAtOnce(outcome: Outcome): boolean {
  if (outcome.kind === 'connect') return true;
  if (outcome.kind !== 'script') return false;
  const first = outcome.steps[0];
  return !first || (first.kind === 'status' && first.status === 'CONNECTED');
}
