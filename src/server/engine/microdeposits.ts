// A microdeposit's progress as a pure state machine: INITIATED → REQUESTED → DEPOSITED, one step per
// `stepMs`, then VERIFIED one step after the right amounts were entered; or an error status where a
// scenario says so. Nothing here reads a clock or touches a store (docs/microdeposits.md).

import type { MicrodepositAccountType, MicrodepositErrorStatus, MicrodepositStatus } from '../../mx/microdeposits.js';

/** Where a scripted failure happens: instead of the step out of INITIATED, or out of REQUESTED. */
export type FailurePoint = 'INITIATED' | 'REQUESTED';

/** How a scenario ends this microdeposit, instead of DEPOSITED. */
export interface MicrodepositFailure {
  status: MicrodepositErrorStatus;
  after: FailurePoint;
  message: string | null;
}

export interface MicrodepositRecord {
  guid: string;
  user_guid: string;
  account_name: string | null;
  account_number: string | null;
  account_type: MicrodepositAccountType | null;
  routing_number: string | null;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  institution_code: string | null;
  institution_guid: string | null;
  institution_name: string | null;
  status: MicrodepositStatus;
  error_message: string | null;
  created_at_ms: number;
  updated_at_ms: number;
  verified_at_ms: number | null;
  /** The two deposits, in cents. */
  amounts: [number, number];
  /** Wrong pairs entered so far (the third makes it PREVENTED). */
  failed_attempts: number;
  /** The right amounts were entered: VERIFIED at `due_at`. */
  verifying: boolean;
  /** When the next step happens by itself; null when nothing will. */
  due_at: number | null;
  /** A scenario's ending instead of DEPOSITED; null: the deposits arrive. */
  failure: MicrodepositFailure | null;
}

/** Wrong pairs allowed before the verification is PREVENTED. */
export const MAX_VERIFY_ATTEMPTS = 3;

/** The message each error status carries unless a scenario gives its own. */
export const ERROR_MESSAGES: Readonly<Record<MicrodepositErrorStatus, string>> = {
  ERRORED: 'The microdeposits could not be sent because of an error at the provider. Create a new microdeposit.',
  DENIED: 'The microdeposits were denied: this routing number cannot receive them. Verify the account another way.',
  PREVENTED: 'Too many wrong amounts were entered. Create a new microdeposit to try again.',
  CONFLICTED: 'This account is already being verified or was verified with different details.',
  REJECTED: 'The bank returned the microdeposits (check the account and routing numbers).',
};

/** A change of status a step made, for the caller to announce. */
export interface MicrodepositStep {
  from: MicrodepositStatus;
  to: MicrodepositStatus;
  at: number;
}

/**
 * Applies the next step when it is due by `now`, in place: the transition table, top to bottom.
 * Returns the change, or undefined when nothing was due.
 */
export function stepMicrodeposit(md: MicrodepositRecord, stepMs: number, now: number): MicrodepositStep | undefined {
  const at = md.due_at;
  if (at === null || at > now) return undefined;
  const from = md.status;
  const fail = (f: MicrodepositFailure) => {
    md.status = f.status;
    md.error_message = f.message ?? ERROR_MESSAGES[f.status];
    md.due_at = null;
  };
  if (from === 'INITIATED' && md.failure?.after === 'INITIATED') fail(md.failure);
  else if (from === 'INITIATED') {
    md.status = 'REQUESTED';
    md.due_at = at + stepMs;
  } else if (from === 'REQUESTED' && md.failure) fail(md.failure);
  else if (from === 'REQUESTED') {
    md.status = 'DEPOSITED';
    md.due_at = null;
  } else if (from === 'DEPOSITED' && md.verifying) {
    md.status = 'VERIFIED';
    md.verifying = false;
    md.verified_at_ms = at;
    md.error_message = null;
    md.due_at = null;
  } else {
    md.due_at = null;
    return undefined;
  }
  md.updated_at_ms = at;
  return { from, to: md.status, at };
}

/** Amounts as entered (dollars, e.g. 0.12) in cents; NaN for what is not a usable amount. */
export function toCents(amount: number): number {
  return Number.isFinite(amount) ? Math.round(amount * 100) : Number.NaN;
}

/** Whether the two amounts entered are the two deposited, in either order. */
export function amountsMatch(md: MicrodepositRecord, amount1: number, amount2: number): boolean {
  const [a, b] = md.amounts;
  const [x, y] = [toCents(amount1), toCents(amount2)];
  return (x === a && y === b) || (x === b && y === a);
}

/**
 * The answer to a verify with the amounts entered, in place: the right pair → VERIFIED one step later;
 * a wrong pair counts an attempt, and the third wrong pair makes it PREVENTED at once.
 */
export function enterAmounts(
  md: MicrodepositRecord,
  amount1: number,
  amount2: number,
  stepMs: number,
  now: number,
): MicrodepositStep | undefined {
  md.updated_at_ms = now;
  if (amountsMatch(md, amount1, amount2)) {
    md.verifying = true;
    md.error_message = null;
    md.due_at = now + stepMs;
    return undefined;
  }
  md.failed_attempts++;
  const left = MAX_VERIFY_ATTEMPTS - md.failed_attempts;
  if (left > 0) {
    md.error_message = `The amounts entered do not match the deposits; ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`;
    return undefined;
  }
  md.status = 'PREVENTED';
  md.error_message = ERROR_MESSAGES.PREVENTED;
  md.due_at = null;
  return { from: 'DEPOSITED', to: 'PREVENTED', at: now };
}

/** What a QA person needs to verify: the amounts deposited, in dollars (the admin API shows them); null before it has an account. */
export function depositedAmounts(md: MicrodepositRecord): [number, number] | null {
  if (md.account_number === null) return null;
  return [md.amounts[0] / 100, md.amounts[1] / 100];
}
