// Jobs on a member (src/server/domain/jobs.ts, docs/mx-behaviour.md#jobs and #throttling): asking for a
// job (202 without a new job for the same type, 409 for another type or a pending OAuth member, 400 for a
// product the institution lacks, 405 while the member needs updated credentials, the 3-hour aggregation
// throttle MX Bank and simbank are exempt from),
// answering challenges, and what scenario rules are matched against. Over an in-memory tenant: no HTTP.
import { describe, expect, it } from 'vitest';
import {
  answerChallenges,
  factsOf,
  isThrottled,
  profileFor,
  quietJobsAhead,
  requestJob,
  startMemberJob,
  THROTTLE_MS,
} from '../../src/server/domain/jobs.js';
import { settleMember } from '../../src/server/domain/settle.js';
import { MAX_ACCOUNTS, MAX_TRANSACTIONS } from '../../src/server/generators/records.js';
import type { MemberRecord } from '../../src/server/store/members.js';
import type { Tenant } from '../../src/server/store/tenant.js';
import { addMember, addUser, mxErrorOf, START, TIMING, tenantWith } from './fixtures/tenant.js';

const HOUR = 3_600_000;
const JOB_MS = TIMING.authenticateMs + TIMING.syncMs;

/** A scenario institution that supports transactions only, with custom-named login fields. */
const PLAIN = `
institutions:
  - code: plainbank
    name: Plain Bank
    credentials:
      - { field_name: USER_ID, type: LOGIN }
      - { field_name: PIN, type: PASSWORD }
`;

function member(code = 'mxbank', password = 'password', changes: Partial<MemberRecord> = {}, yaml?: string) {
  const { tenant, clock } = tenantWith(yaml ? { yaml } : {});
  const user = addUser(tenant, { id: 'partner-user' });
  const values: Record<string, string> =
    code === 'plainbank' ? { USER_ID: 'someone', PIN: password } : { LOGIN: 'mxuser', PASSWORD: password };
  const m = addMember(tenant, user, code, values, changes);
  return { tenant, clock, user, member: m };
}

/** A member that finished one aggregation at `at` (CONNECTED, not aggregating). */
function aggregatedAt(tenant: Tenant, m: MemberRecord, at: number) {
  startMemberJob(m, tenant, 'aggregate', at);
  settleMember(m, tenant, at + JOB_MS);
  expect(m.state).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false, aggregated_at: at });
}

/** A member waiting for answers: `password` picks the challenges (mxbank `challenge`, simbank `multi`). */
function challenged(code = 'mxbank', password = 'challenge', yaml?: string) {
  const w = member(code, password, {}, yaml);
  startMemberJob(w.member, w.tenant, 'aggregate', START);
  settleMember(w.member, w.tenant, START + TIMING.authenticateMs);
  expect(w.member.state.connection_status).toBe('CHALLENGED');
  return w;
}

describe('THROTTLE_MS', () => {
  it('is three hours', () => {
    expect(THROTTLE_MS).toBe(3 * HOUR);
  });
});

describe('isThrottled', () => {
  it('never throttles a member that has not aggregated', () => {
    const { member: m } = member('mxcu_credential');
    expect(isThrottled(m, START)).toBe(false);
  });

  it('throttles an ordinary institution for three hours after the last aggregation started, to the millisecond', () => {
    const { tenant, member: m } = member('mxcu_credential');
    aggregatedAt(tenant, m, START);
    expect(isThrottled(m, START)).toBe(true);
    expect(isThrottled(m, START + THROTTLE_MS - 1)).toBe(true);
    expect(isThrottled(m, START + THROTTLE_MS)).toBe(false);
    expect(isThrottled(m, START + THROTTLE_MS + 1)).toBe(false);
  });

  it.each(['mxbank', 'simbank'])('never throttles %s, the scripted test institutions', (code) => {
    const { tenant, member: m } = member(code);
    aggregatedAt(tenant, m, START);
    expect(isThrottled(m, START + 1)).toBe(false);
  });
});

describe('requestJob', () => {
  it('starts the job now and answers true', () => {
    const { tenant, clock, member: m } = member('mxbank', 'LOCKED');
    clock.advance(500);
    expect(requestJob(tenant, m, 'identify')).toBe(true);
    expect(m.state).toMatchObject({ is_being_aggregated: true, aggregated_at: START + 500, jobs_started: 1 });
    expect(m.state.job).toMatchObject({
      type: 'identify',
      phase: 'authenticating',
      started_at: START + 500,
      due_at: START + 500 + TIMING.authenticateMs,
      outcome: { kind: 'fail', status: 'LOCKED' },
    });
    expect(m.state.job?.gather).toBeUndefined();
  });

  it("keeps the member's status while the job authenticates (no CREATED/UPDATED)", () => {
    const { tenant, member: m } = member('mxbank');
    m.state = { ...m.state, connection_status: 'CONNECTED' };
    requestJob(tenant, m, 'aggregate');
    expect(m.state.connection_status).toBe('CONNECTED');
  });

  it('passes what an aggregation gathers on to the job', () => {
    const { tenant, member: m } = member();
    expect(requestJob(tenant, m, 'aggregate', { transactions: false, holdings: true })).toBe(true);
    expect(m.state.job?.gather).toEqual({ transactions: false, holdings: true });
  });

  it('answers false and leaves the running job alone when the same type is asked for again', () => {
    const { tenant, clock, member: m } = member();
    requestJob(tenant, m, 'verify');
    const job = m.state.job;
    clock.advance(5);
    expect(requestJob(tenant, m, 'verify')).toBe(false);
    expect(m.state.job).toBe(job);
    expect(m.state.jobs_started).toBe(1);
  });

  it('refuses another type while a job runs: 409 job_in_progress naming the running job', () => {
    const { tenant, member: m } = member();
    requestJob(tenant, m, 'aggregate');
    const job = m.state.job;
    const e = mxErrorOf(() => requestJob(tenant, m, 'identify'));
    expect(e).toMatchObject({ status: 409, type: 'job_in_progress' });
    expect(e.message).toContain(`member ${m.guid} is already running a aggregate job`);
    expect(e.message).toContain('is_being_aggregated is false');
    expect(m.state.job).toBe(job);
  });

  it('refuses any job while an OAuth member waits for its user: 409 oauth_pending', () => {
    const { tenant, member: m } = member('mx_bank_oauth', 'x', { is_oauth: true });
    m.state = { ...m.state, connection_status: 'PENDING' };
    for (const type of ['aggregate', 'identify'] as const) {
      const e = mxErrorOf(() => requestJob(tenant, m, type));
      expect(e).toMatchObject({ status: 409, type: 'oauth_pending' });
      expect(e.message).toContain(`member ${m.guid} is waiting for the user to finish OAuth`);
    }
    expect(m.state.job).toBeNull();
  });

  it('starts a job for an OAuth member once connected, and for a PENDING member that is not OAuth', () => {
    const oauth = member('mx_bank_oauth', 'x', { is_oauth: true });
    oauth.member.state = { ...oauth.member.state, connection_status: 'CONNECTED' };
    expect(requestJob(oauth.tenant, oauth.member, 'aggregate')).toBe(true);
    const plain = member();
    plain.member.state = { ...plain.member.state, connection_status: 'PENDING' };
    expect(requestJob(plain.tenant, plain.member, 'aggregate')).toBe(true);
  });

  it.each([
    'aggregate',
    'check_balance',
    'identify',
    'verify',
    'fetch_statements',
    'extend_history',
    'fetch_rewards',
  ] as const)('refuses %s while the member needs updated credentials: 405, no job, whatever the throttle', (type) => {
    const { tenant, member: m } = member('mxbank', 'INVALID');
    startMemberJob(m, tenant, 'aggregate', START);
    settleMember(m, tenant, START + TIMING.authenticateMs);
    expect(m.state).toMatchObject({ connection_status: 'DENIED', needs_updated_credentials: true, job: null });
    const jobs = m.state.jobs_started;
    const e = mxErrorOf(() => requestJob(tenant, m, type));
    expect(e).toMatchObject({ status: 405, type: 'needs_updated_credentials', headers: { Allow: 'POST' } });
    expect(e.message).toBe(
      `member ${m.guid} is DENIED and needs updated credentials, so MX will not run a ${type} job on it; ` +
        "send the user's new credentials with PUT /users/{user}/members/{member} (that starts an aggregation)",
    );
    expect(m.state).toMatchObject({ connection_status: 'DENIED', jobs_started: jobs, job: null });
  });

  it('tells an OAuth member that needs updated credentials to authorize again', () => {
    const { tenant, member: m } = member('mx_bank_oauth', 'x', { is_oauth: true });
    m.state = { ...m.state, connection_status: 'DENIED', needs_updated_credentials: true };
    const e = mxErrorOf(() => requestJob(tenant, m, 'aggregate'));
    expect(e).toMatchObject({ status: 405, type: 'needs_updated_credentials' });
    expect(e.message).toContain('have the user authorize again at a new oauth_window_uri');
  });

  it('checks the product before the credentials (the job could never run there)', () => {
    const { tenant, member: m } = member('plainbank', 'pin', {}, PLAIN);
    m.state = { ...m.state, connection_status: 'PREVENTED', needs_updated_credentials: true };
    expect(mxErrorOf(() => requestJob(tenant, m, 'verify')).status).toBe(400);
    expect(mxErrorOf(() => requestJob(tenant, m, 'aggregate')).message).toContain('is PREVENTED and needs updated');
  });

  it("checks OAuth before the institution's products", () => {
    const { tenant, member: m } = member('plainbank', 'pin', { is_oauth: true }, PLAIN);
    m.state = { ...m.state, connection_status: 'PENDING' };
    expect(mxErrorOf(() => requestJob(tenant, m, 'identify')).type).toBe('oauth_pending');
  });

  it.each([
    ['identify', 'identity_verification'],
    ['verify', 'account_verification'],
    ['fetch_statements', 'statements'],
    ['extend_history', 'transaction_history'],
    ['fetch_rewards', 'rewards'],
  ] as const)('refuses %s when the institution lacks %s: 400 unsupported_product', (type, product) => {
    const { tenant, member: m } = member('plainbank', 'pin', {}, PLAIN);
    const e = mxErrorOf(() => requestJob(tenant, m, type));
    expect(e).toMatchObject({ status: 400, type: 'unsupported_product' });
    expect(e.message).toBe(`${type}: institution plainbank does not support ${product} (see its supported_products)`);
    expect(m.state.job).toBeNull();
  });

  it('checks the product before a running job of another type', () => {
    const { tenant, member: m } = member('plainbank', 'pin', {}, PLAIN);
    requestJob(tenant, m, 'aggregate');
    expect(mxErrorOf(() => requestJob(tenant, m, 'verify')).status).toBe(400);
  });

  it('lets any institution aggregate and check balances (no product needed)', () => {
    const a = member('plainbank', 'pin', {}, PLAIN);
    expect(requestJob(a.tenant, a.member, 'aggregate')).toBe(true);
    const b = member('plainbank', 'pin', {}, PLAIN);
    expect(requestJob(b.tenant, b.member, 'check_balance')).toBe(true);
  });

  it('does not fail on a member whose institution left the catalogue', () => {
    const { tenant, member: m } = member();
    m.institution_code = 'gone';
    expect(requestJob(tenant, m, 'identify')).toBe(true);
  });

  it('answers false for an aggregation within three hours of the last (no new job), true after', () => {
    const { tenant, clock, member: m } = member('mxcu_credential');
    aggregatedAt(tenant, m, START);
    clock.set(START + THROTTLE_MS - 1);
    expect(requestJob(tenant, m, 'aggregate')).toBe(false);
    expect(m.state).toMatchObject({ job: null, jobs_started: 1, aggregated_at: START });
    clock.set(START + THROTTLE_MS);
    expect(requestJob(tenant, m, 'aggregate')).toBe(true);
    expect(m.state).toMatchObject({ jobs_started: 2, aggregated_at: START + THROTTLE_MS });
  });

  it('counts a premium job as an aggregation for the throttle (docs: any aggregation-type job)', () => {
    const { tenant, clock, member: m } = member('mxcu_credential');
    requestJob(tenant, m, 'identify');
    settleMember(m, tenant, START + JOB_MS);
    clock.set(START + 2 * HOUR);
    expect(requestJob(tenant, m, 'aggregate')).toBe(false);
  });

  it('throttles aggregations only: other jobs start within the three hours', () => {
    const { tenant, clock, member: m } = member('mxcu_credential');
    aggregatedAt(tenant, m, START);
    clock.set(START + HOUR);
    expect(requestJob(tenant, m, 'identify')).toBe(true);
  });

  it.each(['mxbank', 'simbank'])('starts every aggregation %s is asked for', (code) => {
    const { tenant, clock, member: m } = member(code);
    aggregatedAt(tenant, m, START);
    clock.set(START + JOB_MS + 1);
    expect(requestJob(tenant, m, 'aggregate')).toBe(true);
  });
});

describe('startMemberJob', () => {
  it("follows a scenario's script for the member's job number, the last entry repeating", () => {
    const yaml = `
outcomes:
  - match: { username: scripted }
    jobs: [LOCKED, DEGRADED]
`;
    const { tenant } = tenantWith({ yaml });
    const user = addUser(tenant);
    const m = addMember(tenant, user, 'mxbank', { LOGIN: 'scripted', PASSWORD: 'challenge' });
    const outcomes: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      startMemberJob(m, tenant, 'aggregate', START);
      outcomes.push(m.state.job?.outcome);
    }
    expect(outcomes).toMatchObject([
      { kind: 'script', steps: [{ kind: 'status', status: 'LOCKED' }] },
      { kind: 'script', steps: [{ kind: 'status', status: 'DEGRADED' }] },
      { kind: 'script', steps: [{ kind: 'status', status: 'DEGRADED' }] },
    ]);
    // A member the rule does not match keeps the institution's rules.
    const other = addMember(tenant, user, 'mxbank', { LOGIN: 'mxuser', PASSWORD: 'LOCKED' });
    startMemberJob(other, tenant, 'aggregate', START);
    expect(other.state.job?.outcome).toEqual({ kind: 'fail', status: 'LOCKED' });
  });

  it("uses simbank's password rules", () => {
    const { tenant, member: m } = member('simbank', 'DEGRADED');
    startMemberJob(m, tenant, 'aggregate', START);
    expect(m.state.job?.outcome).toEqual({ kind: 'fail', status: 'DEGRADED' });
  });
});

describe('factsOf', () => {
  it('reads the login and password by field name, the member id and the user id', () => {
    const { tenant, member: m } = member('mxbank', 'secret', { id: 'partner-member' });
    expect(factsOf(m, tenant)).toEqual({
      institution_code: 'mxbank',
      username: 'mxuser',
      password: 'secret',
      member_id: 'partner-member',
      user_id: 'partner-user',
    });
  });

  it('reads them by field type when the institution names its fields otherwise', () => {
    const { tenant, member: m } = member('plainbank', '1234', {}, PLAIN);
    expect(factsOf(m, tenant)).toMatchObject({ username: 'someone', password: '1234', member_id: null });
  });

  it('leaves out what the member lacks: no values, no user id', () => {
    const { tenant } = tenantWith();
    const user = addUser(tenant, { id: null });
    const m = addMember(tenant, user, 'mxbank');
    expect(factsOf(m, tenant)).toEqual({
      institution_code: 'mxbank',
      username: undefined,
      password: undefined,
      member_id: null,
      user_id: null,
    });
    m.user_guid = 'USR-gone';
    expect(factsOf(m, tenant).user_id).toBeNull();
  });
});

describe('profileFor', () => {
  const simbank = (login: string) => {
    const { tenant } = tenantWith();
    return { tenant, m: addMember(tenant, addUser(tenant), 'simbank', { LOGIN: login, PASSWORD: 'p' }) };
  };

  it('reads accounts= and transactions= (several digits) anywhere in a simbank username', () => {
    const { tenant, m } = simbank('big-accounts=12-and-transactions=345');
    expect(profileFor(m, tenant)).toStrictEqual({ accounts: 12, transactions: 345 });
  });

  it('gives only what the username names', () => {
    const a = simbank('accounts=7');
    expect(profileFor(a.m, a.tenant)).toStrictEqual({ accounts: 7 });
    const t = simbank('transactions=70');
    expect(profileFor(t.m, t.tenant)).toStrictEqual({ transactions: 70 });
    const none = simbank('mxuser');
    expect(profileFor(none.m, none.tenant)).toStrictEqual({});
  });

  it('keeps the volumes between 1 and the maximums', () => {
    const low = simbank('accounts=0,transactions=0');
    expect(profileFor(low.m, low.tenant)).toStrictEqual({ accounts: 1, transactions: 1 });
    const high = simbank(`accounts=${MAX_ACCOUNTS + 1},transactions=${MAX_TRANSACTIONS + 1}`);
    expect(profileFor(high.m, high.tenant)).toStrictEqual({ accounts: MAX_ACCOUNTS, transactions: MAX_TRANSACTIONS });
    const edge = simbank(`accounts=${MAX_ACCOUNTS},transactions=1`);
    expect(profileFor(edge.m, edge.tenant)).toStrictEqual({ accounts: MAX_ACCOUNTS, transactions: 1 });
  });

  it('ignores the username at other institutions, and a simbank member without one', () => {
    const { tenant, member: m } = member('mxbank');
    m.credentials = [{ guid: m.credentials[0]?.guid as string, value: 'accounts=5' }];
    expect(profileFor(m, tenant)).toStrictEqual({});
    const bare = tenantWith();
    const nobody = addMember(bare.tenant, addUser(bare.tenant), 'simbank');
    expect(profileFor(nobody, bare.tenant)).toStrictEqual({});
  });

  it("prefers a scenario's data rule, even over a simbank username", () => {
    const yaml = `
outcomes:
  - match: { institution: simbank }
    data: { accounts: 3 }
`;
    const { tenant } = tenantWith({ yaml });
    const m = addMember(tenant, addUser(tenant), 'simbank', { LOGIN: 'accounts=9', PASSWORD: 'p' });
    expect(profileFor(m, tenant)).toStrictEqual({ accounts: 3 });
    // A rule that matches nothing leaves the username's volumes.
    const n = addMember(tenant, addUser(tenant), 'mxbank', { LOGIN: 'accounts=9', PASSWORD: 'p' });
    expect(profileFor(n, tenant)).toStrictEqual({});
  });
});

describe('answerChallenges', () => {
  it('refuses a member that is not CHALLENGED: 405 not_challenged naming its status, with Allow', () => {
    const { tenant, member: m } = member();
    m.state = { ...m.state, connection_status: 'CONNECTED' };
    const e = mxErrorOf(() => answerChallenges(tenant, m, []));
    expect(e).toMatchObject({ status: 405, type: 'not_challenged', headers: { Allow: 'PUT' } });
    expect(e.message).toBe(
      `member ${m.guid} is CONNECTED, not CHALLENGED: there is no challenge to answer; ` +
        'read GET …/status and resume only while connection_status is CHALLENGED',
    );
    m.state = { ...m.state, connection_status: null };
    expect(mxErrorOf(() => answerChallenges(tenant, m, [])).message).toContain('is not connected, not CHALLENGED');
  });

  it('refuses a CHALLENGED status without a job behind it', () => {
    const { tenant, member: m } = challenged();
    m.state = { ...m.state, job: null };
    expect(mxErrorOf(() => answerChallenges(tenant, m, [])).type).toBe('not_challenged');
  });

  it('refuses an answer to a challenge the member does not have: 400 invalid_challenge at its index', () => {
    const { tenant, member: m } = challenged();
    const [c] = m.state.challenges;
    const e = mxErrorOf(() =>
      answerChallenges(tenant, m, [
        { guid: c?.guid as string, value: 'correct' },
        { guid: 'CRD-nope', value: 'correct' },
      ]),
    );
    expect(e).toMatchObject({ status: 400, type: 'invalid_challenge' });
    expect(e.message).toBe(`member.challenges[1].guid: CRD-nope is not a current challenge of member ${m.guid}`);
    expect(m.state.connection_status).toBe('CHALLENGED');
  });

  it('refuses answers that leave a challenge out: 400 naming it and its label', () => {
    const { tenant, member: m } = challenged('simbank', 'multi');
    const [text, options] = m.state.challenges;
    expect(options).toBeDefined();
    const e = mxErrorOf(() => answerChallenges(tenant, m, [{ guid: text?.guid as string, value: 'correct' }]));
    expect(e).toMatchObject({ status: 400, type: 'invalid_challenge' });
    expect(e.message).toBe(`member.challenges: missing an answer for challenge ${options?.guid} (${options?.label})`);
    expect(mxErrorOf(() => answerChallenges(tenant, m, [])).message).toContain(`challenge ${text?.guid} (`);
    expect(m.state.connection_status).toBe('CHALLENGED');
  });

  it('resumes the job now with the verdict on all the answers, which takes effect after authenticating', () => {
    const { tenant, clock, member: m } = challenged('simbank', 'multi');
    clock.set(START + 100);
    answerChallenges(
      tenant,
      m,
      m.state.challenges.map((c) => ({ guid: c.guid, value: 'correct' })),
    );
    expect(m.state.connection_status).toBe('RESUMED');
    expect(m.state.challenges).toEqual([]);
    expect(m.state.job).toMatchObject({
      phase: 'resumed',
      verdict: { kind: 'correct' },
      due_at: START + 100 + TIMING.authenticateMs,
    });
    settleMember(m, tenant, START + 100 + TIMING.authenticateMs);
    expect(m.state.connection_status).toBe('CONNECTED');
  });

  it('judges every answer: one wrong one rejects the member', () => {
    const { tenant, clock, member: m } = challenged('simbank', 'multi');
    const [text, options] = m.state.challenges;
    answerChallenges(tenant, m, [
      { guid: options?.guid as string, value: 'correct' },
      { guid: text?.guid as string, value: 'wrong' },
    ]);
    expect(m.state.job?.verdict).toEqual({ kind: 'wrong' });
    settleMember(m, tenant, clock.now() + TIMING.authenticateMs);
    expect(m.state.connection_status).toBe('REJECTED');
  });

  it("applies a scenario step's own answer", () => {
    const yaml = `
outcomes:
  - match: { institution: mxbank }
    jobs:
      - [{ challenge: TOKEN, answer: '424242', on_wrong: LOCKED }]
`;
    const wrong = challenged('mxbank', 'password', yaml);
    answerChallenges(wrong.tenant, wrong.member, [
      { guid: wrong.member.state.challenges[0]?.guid as string, value: 'correct' },
    ]);
    expect(wrong.member.state.job?.verdict).toEqual({ kind: 'fail', status: 'LOCKED' });
    const right = challenged('mxbank', 'password', yaml);
    answerChallenges(right.tenant, right.member, [
      { guid: right.member.state.challenges[0]?.guid as string, value: '424242' },
    ]);
    expect(right.member.state.job?.verdict).toEqual({ kind: 'correct' });
  });
});

describe('quietJobsAhead', () => {
  const member = (yaml?: string, password = 'password') => {
    const { tenant } = tenantWith(yaml ? { yaml } : {});
    const m = addMember(tenant, addUser(tenant), 'mxbank', { LOGIN: 'mxuser', PASSWORD: password });
    return { tenant, m };
  };

  it('counts every job up to the maximum when the institution connects each time', () => {
    const { tenant, m } = member();
    expect(quietJobsAhead(m, tenant, 3650)).toBe(3650);
    expect(quietJobsAhead(m, tenant, 0)).toBe(0);
  });

  it('is 0 when the next job challenges or fails', () => {
    const challenged = member(undefined, 'challenge');
    expect(quietJobsAhead(challenged.m, challenged.tenant, 5)).toBe(0);
    const locked = member(undefined, 'LOCKED');
    expect(quietJobsAhead(locked.m, locked.tenant, 5)).toBe(0);
  });

  it("stops before a script's first job that would not connect, counting from the member's next job", () => {
    const yaml =
      'outcomes:\n  - match: { institution: mxbank }\n    jobs: [CONNECTED, CONNECTED, CONNECTED, DENIED, CONNECTED]\n';
    const { tenant, m } = member(yaml);
    expect(quietJobsAhead(m, tenant, 10)).toBe(3);
    m.state = { ...m.state, jobs_started: 2 };
    expect(quietJobsAhead(m, tenant, 10)).toBe(1);
    m.state = { ...m.state, jobs_started: 3 };
    expect(quietJobsAhead(m, tenant, 10)).toBe(0);
    // Past the script's end its last job repeats.
    m.state = { ...m.state, jobs_started: 4 };
    expect(quietJobsAhead(m, tenant, 10)).toBe(10);
  });

  it("reads the institution's rules when the scenario's rules do not match the member", () => {
    const { tenant, m } = member('outcomes:\n  - match: { institution: simbank }\n    jobs: [DENIED]\n');
    expect(quietJobsAhead(m, tenant, 4)).toBe(4);
    const challenged = member('outcomes:\n  - match: { institution: simbank }\n    jobs: [DENIED]\n', 'challenge');
    expect(quietJobsAhead(challenged.m, challenged.tenant, 4)).toBe(0);
  });

  it('after a script whose last job fails, none is quiet', () => {
    const { tenant, m } = member('outcomes:\n  - match: { institution: mxbank }\n    jobs: [CONNECTED, DEGRADED]\n');
    m.state = { ...m.state, jobs_started: 7 };
    expect(quietJobsAhead(m, tenant, 10)).toBe(0);
  });
});
