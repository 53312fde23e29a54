// The microdeposit state machine without HTTP: its transition table, the amounts check and the attempts.
import { describe, expect, it } from 'vitest';
import {
  amountsMatch,
  depositedAmounts,
  enterAmounts,
  type MicrodepositRecord,
  stepMicrodeposit,
} from '../../src/server/engine/microdeposits.js';

const STEP = 500;

function record(extra: Partial<MicrodepositRecord> = {}): MicrodepositRecord {
  return {
    guid: 'MIC-1',
    user_guid: 'USR-1',
    account_name: null,
    account_number: '3331261',
    account_type: 'CHECKING',
    routing_number: '091000019',
    email: null,
    first_name: null,
    last_name: null,
    institution_code: null,
    institution_guid: null,
    institution_name: null,
    status: 'INITIATED',
    error_message: null,
    created_at_ms: 0,
    updated_at_ms: 0,
    verified_at_ms: null,
    amounts: [12, 15],
    failed_attempts: 0,
    verifying: false,
    due_at: STEP,
    failure: null,
    ...extra,
  };
}

/** Steps until nothing is due by `now`; the statuses passed through. */
function run(md: MicrodepositRecord, now: number): string[] {
  const seen: string[] = [];
  for (let step = stepMicrodeposit(md, STEP, now); step; step = stepMicrodeposit(md, STEP, now)) seen.push(step.to);
  return seen;
}

describe('microdeposit steps', () => {
  it('go INITIATED → REQUESTED → DEPOSITED, each at its due time, and no further', () => {
    const md = record();
    expect(run(md, STEP - 1)).toEqual([]);
    expect(run(md, STEP)).toEqual(['REQUESTED']);
    expect(md).toMatchObject({ due_at: 2 * STEP, updated_at_ms: STEP });
    expect(run(md, 100 * STEP)).toEqual(['DEPOSITED']);
    expect(md).toMatchObject({ due_at: null, updated_at_ms: 2 * STEP });
  });

  it('end in a scripted error after INITIATED or after REQUESTED, with its message', () => {
    const early = record({ failure: { status: 'ERRORED', after: 'INITIATED', message: 'down' } });
    expect(run(early, 10 * STEP)).toEqual(['ERRORED']);
    expect(early.error_message).toBe('down');
    const late = record({ failure: { status: 'REJECTED', after: 'REQUESTED', message: null } });
    expect(run(late, 10 * STEP)).toEqual(['REQUESTED', 'REJECTED']);
    expect(late.error_message).toMatch(/returned/);
  });

  it('verify the right pair in either order one step later; a wrong pair counts, the third PREVENTS', () => {
    expect(amountsMatch(record(), 0.15, 0.12)).toBe(true);
    expect(amountsMatch(record(), 0.12, 0.12)).toBe(false);
    const right = record({ status: 'DEPOSITED', due_at: null });
    expect(enterAmounts(right, 0.15, 0.12, STEP, 1_000)).toBeUndefined();
    expect(run(right, 1_000 + STEP)).toEqual(['VERIFIED']);
    expect(right.verified_at_ms).toBe(1_000 + STEP);

    const wrong = record({ status: 'DEPOSITED', due_at: null });
    expect(enterAmounts(wrong, 0.1, 0.2, STEP, 0)).toBeUndefined();
    expect(wrong.error_message).toContain('2 attempts left');
    enterAmounts(wrong, 0.1, 0.2, STEP, 0);
    expect(wrong.error_message).toContain('1 attempt left');
    expect(enterAmounts(wrong, 0.1, 0.2, STEP, 0)).toEqual({ from: 'DEPOSITED', to: 'PREVENTED', at: 0 });
    expect(wrong.status).toBe('PREVENTED');
  });

  it('show the amounts in dollars once there is an account', () => {
    expect(depositedAmounts(record())).toEqual([0.12, 0.15]);
    expect(depositedAmounts(record({ account_number: null, status: 'PREINITIATED' }))).toBeNull();
  });
});
