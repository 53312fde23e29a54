// Settling (src/server/domain/settle.ts): every lifecycle step due by `now`, in time order per member,
// the data a successful job gathers, the webhooks each step logs, and daily background aggregation,
// which never runs for a disabled user, a member with background aggregation off, or one that needs
// new credentials. Over an in-memory tenant (test/unit/fixtures/tenant.ts): no HTTP.
import { describe, expect, it } from 'vitest';
import { answerChallenges, factsOf, profileFor, startMemberJob } from '../../src/server/domain/jobs.js';
import { settleMember, settleTenant } from '../../src/server/domain/settle.js';
import { transactionPage } from '../../src/server/domain/transactions.js';
import { MAX_ACCOUNTS, MAX_TRANSACTIONS } from '../../src/server/generators/records.js';
import { addMember, addUser, START, TIMING, tenantWith } from './fixtures/tenant.js';

const DAY = 86_400_000;
/** A job's two steps: authenticate, then sync. */
const JOB_MS = TIMING.authenticateMs + TIMING.syncMs;

function mxbank(password = 'password', changes = {}, userChanges = {}) {
  const { tenant, clock } = tenantWith();
  const user = addUser(tenant, userChanges);
  const member = addMember(tenant, user, 'mxbank', { LOGIN: 'mxuser', PASSWORD: password }, changes);
  return { tenant, clock, user, member };
}

const webhookJobs = (tenant: ReturnType<typeof tenantWith>['tenant']) =>
  tenant.webhooks.entries().filter((e) => e.type === 'AGGREGATION');

const hooks = (tenant: ReturnType<typeof tenantWith>['tenant']) =>
  tenant.webhooks.entries().map((e) => [e.type, e.due_at, e.payload.connection_status ?? e.payload.is_background]);

describe('starting a job', () => {
  it("takes a JOB guid from the tenant, the outcome from the member's password, and the options given", () => {
    const { tenant, member } = mxbank('LOCKED');
    startMemberJob(member, tenant, 'verify', START + 5, { status: 'UPDATED', background: true });
    expect(member.state).toMatchObject({
      connection_status: 'UPDATED',
      is_being_aggregated: true,
      aggregated_at: START + 5,
      jobs_started: 1,
    });
    expect(member.state.job).toMatchObject({
      type: 'verify',
      background: true,
      started_at: START + 5,
      due_at: START + 15,
      outcome: { kind: 'fail', status: 'LOCKED' },
    });
    expect(member.state.job?.guid).toMatch(/^JOB-/);
    expect(member.state.most_recent_job_guid).toBe(member.state.job?.guid);
  });

  it('an OAuth member connects whatever its institution', () => {
    const { tenant, member } = mxbank('LOCKED', { is_oauth: true });
    startMemberJob(member, tenant, 'aggregate', START);
    expect(member.state.job?.outcome).toEqual({ kind: 'connect' });
  });

  it('a member with no password connects', () => {
    const { tenant } = tenantWith();
    const member = addMember(tenant, addUser(tenant), 'mxbank', { LOGIN: 'mxuser' });
    startMemberJob(member, tenant, 'aggregate', START);
    expect(member.state.job?.outcome).toEqual({ kind: 'connect' });
  });

  it('gives each job its own guid', () => {
    const { tenant, member } = mxbank();
    startMemberJob(member, tenant, 'aggregate', START);
    const first = member.state.job?.guid;
    startMemberJob(member, tenant, 'aggregate', START);
    expect(member.state.job?.guid).not.toBe(first);
  });
});

describe('settling a member', () => {
  it('applies nothing before a step is due, and each step exactly when due', () => {
    const { tenant, member } = mxbank();
    startMemberJob(member, tenant, 'aggregate', START);
    expect(settleMember(member, tenant, START + 9)).toEqual([]);
    expect(member.state.connection_status).toBe('CREATED');
    expect(settleMember(member, tenant, START + 10)).toEqual([]);
    expect(member.state).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: true });
    expect(settleMember(member, tenant, START + JOB_MS - 1)).toEqual([]);
    const events = settleMember(member, tenant, START + JOB_MS);
    expect(events).toMatchObject([{ kind: 'job_succeeded', at: START + JOB_MS }]);
    expect(member.state).toMatchObject({ is_being_aggregated: false, successfully_aggregated_at: START + JOB_MS });
  });

  it('applies every due step at once, in order, stamped with their own times', () => {
    const { tenant, member } = mxbank();
    startMemberJob(member, tenant, 'aggregate', START);
    const events = settleMember(member, tenant, START + 60_000);
    expect(events.map((e) => [e.kind, e.at])).toEqual([['job_succeeded', START + JOB_MS]]);
    expect(member.state.successfully_aggregated_at).toBe(START + JOB_MS);
  });

  it('does nothing without a job or a background aggregation due', () => {
    const { tenant, member } = mxbank();
    const before = member.state;
    expect(settleMember(member, tenant, START + 10 * DAY)).toEqual([]);
    expect(member.state).toBe(before);
    expect(tenant.webhooks.entries()).toEqual([]);
  });

  it('a successful job gathers data, logs AGGREGATION and schedules background aggregation a day later', () => {
    const { tenant, member } = mxbank();
    startMemberJob(member, tenant, 'aggregate', START);
    settleMember(member, tenant, START + JOB_MS);
    expect(member.data?.accounts.length).toBeGreaterThan(0);
    expect(member.next_background_at).toBe(START + JOB_MS + DAY);
    expect(tenant.webhooks.entries().map((e) => [e.type, e.due_at])).toEqual([['AGGREGATION', START + JOB_MS]]);
    expect(tenant.webhooks.entries()[0]?.payload).toMatchObject({
      member_guid: member.guid,
      job_guid: member.state.most_recent_job_guid,
      is_background: false,
      transactions_created_count: expect.any(Number),
    });
    expect(tenant.webhooks.entries()[0]?.payload.transactions_created_count).toBeGreaterThan(0);
  });

  it('a verify job gathers account numbers and marks them processed', () => {
    const { tenant, member } = mxbank();
    startMemberJob(member, tenant, 'aggregate', START);
    settleMember(member, tenant, START + JOB_MS);
    expect(member.state.has_processed_account_numbers).toBe(false);
    startMemberJob(member, tenant, 'verify', START + JOB_MS);
    settleMember(member, tenant, START + 2 * JOB_MS);
    expect(member.data?.numbers?.length).toBeGreaterThan(0);
    expect(member.state.has_processed_account_numbers).toBe(true);
    expect(tenant.webhooks.entries().map((e) => e.type)).toEqual(['AGGREGATION', 'VERIFICATION']);
  });

  it('a first job that gathers account numbers (asked for in data_request) marks them processed', () => {
    const { tenant, member } = mxbank('password', { products: ['transactions', 'account_verification'] });
    startMemberJob(member, tenant, 'aggregate', START);
    settleMember(member, tenant, START + JOB_MS);
    expect(member.data?.numbers).not.toBeNull();
    expect(member.state.has_processed_account_numbers).toBe(true);
  });

  it('a member whose institution is gone succeeds without data', () => {
    const { tenant, member } = mxbank();
    member.institution_code = 'no_such_bank';
    startMemberJob(member, tenant, 'aggregate', START);
    expect(settleMember(member, tenant, START + JOB_MS)).toHaveLength(1);
    expect(member.data).toBeNull();
    expect(member.state.connection_status).toBe('CONNECTED');
  });

  it('logs CONNECTION_STATUS at the step that changes to a webhook status, at its due time', () => {
    const { tenant, member } = mxbank('challenge');
    startMemberJob(member, tenant, 'aggregate', START);
    settleMember(member, tenant, START + 60 * 60_000);
    expect(hooks(tenant)).toEqual([
      ['CONNECTION_STATUS', START + 10, 'CHALLENGED'],
      ['CONNECTION_STATUS', START + 10 + 3_000, 'EXPIRED'],
    ]);
    expect(tenant.webhooks.entries()[0]?.payload).toMatchObject({
      member_guid: member.guid,
      user_guid: member.user_guid,
    });
  });

  it("gives the challenges it raises guids from the tenant's sequence", () => {
    const { tenant, member } = mxbank('options');
    startMemberJob(member, tenant, 'aggregate', START);
    settleMember(member, tenant, START + 10);
    const [challenge] = member.state.challenges;
    const guids = [challenge?.guid, ...(challenge?.options.map((o) => o.guid) ?? [])];
    expect(guids).toEqual([
      expect.stringMatching(/^CRD-/),
      expect.stringMatching(/^CRD-/),
      expect.stringMatching(/^CRD-/),
    ]);
    expect(new Set(guids).size).toBe(3);
  });

  it('logs no CONNECTION_STATUS for statuses MX does not send (CONNECTED, FAILED)', () => {
    const { tenant, member } = mxbank('SERVER_ERROR');
    startMemberJob(member, tenant, 'aggregate', START);
    const events = settleMember(member, tenant, START + JOB_MS);
    expect(events).toMatchObject([{ kind: 'job_failed', status: 'FAILED', at: START + 10 }]);
    expect(tenant.webhooks.entries()).toEqual([]);
  });

  it('logs CONNECTION_STATUS for a job that ends in the status the member already had (a second DENIED)', () => {
    const { tenant, member } = mxbank('INVALID');
    startMemberJob(member, tenant, 'aggregate', START);
    settleMember(member, tenant, START + JOB_MS);
    startMemberJob(member, tenant, 'aggregate', START + 1_000);
    settleMember(member, tenant, START + 2_000);
    expect(hooks(tenant)).toEqual([
      ['CONNECTION_STATUS', START + 10, 'DENIED'],
      ['CONNECTION_STATUS', START + 1_010, 'DENIED'],
    ]);
  });

  it('logs no CONNECTION_STATUS when a step leaves the status as it was without ending the job', () => {
    // A second job of a CONNECTED member: its authentication leaves it CONNECTED.
    const { tenant, member } = mxbank();
    startMemberJob(member, tenant, 'aggregate', START);
    settleMember(member, tenant, START + JOB_MS);
    const before = tenant.webhooks.entries().length;
    startMemberJob(member, tenant, 'check_balance', START + 1_000);
    settleMember(member, tenant, START + 1_000 + 10);
    expect(member.state.connection_status).toBe('CONNECTED');
    expect(tenant.webhooks.entries().length).toBe(before);
  });
});

describe('the events it announces', () => {
  it('status_changed at each step that sets a status, job_succeeded with the job, its time and what it gathered', () => {
    const { tenant, clock } = tenantWith();
    const member = addMember(tenant, addUser(tenant), 'mxbank', { LOGIN: 'mxuser', PASSWORD: 'challenge' });
    const seen: Array<[string, number, unknown]> = [];
    tenant.events.subscribe((e) =>
      seen.push([
        e.kind,
        e.at,
        e.kind === 'status_changed'
          ? e.status
          : e.kind === 'job_succeeded'
            ? [e.job.type, e.counts.transactionsCreated > 0]
            : e.kind === 'job_status'
              ? [e.status, e.job.guid === member.state.most_recent_job_guid]
              : 'action' in e
                ? e.action
                : e.kind,
      ]),
    );
    startMemberJob(member, tenant, 'aggregate', START);
    clock.advance(10);
    settleMember(member, tenant, clock.now());
    answerChallenges(
      tenant,
      member,
      member.state.challenges.map((c) => ({ guid: c.guid, value: 'correct' })),
    );
    clock.advance(1_000);
    settleMember(member, tenant, clock.now());
    expect(seen).toEqual([
      ['job_started', START, 'job_started'],
      ['status_changed', START + 10, 'CHALLENGED'],
      ['job_status', START + 10, ['CHALLENGED', true]],
      ['challenge_answered', START + 10, 'challenge_answered'],
      ['status_changed', START + 10 + 10, 'CONNECTED'],
      ['job_succeeded', START + 10 + 10 + 200, ['aggregate', true]],
      ['job_status', START + 10 + 10 + 200, ['COMPLETED', true]],
    ]);
    expect(member.state.connection_status).toBe('CONNECTED');
  });
});

describe('background aggregation', () => {
  function connected(changes = {}, userChanges = {}) {
    const world = mxbank('password', changes, userChanges);
    startMemberJob(world.member, world.tenant, 'aggregate', START);
    settleMember(world.member, world.tenant, START + JOB_MS);
    return { ...world, due: START + JOB_MS + DAY };
  }

  it('starts when due (not before), at the due time, as a background job, and completes in the same settle', () => {
    const { tenant, member, due } = connected();
    const job = member.state.most_recent_job_guid;
    expect(settleMember(member, tenant, due - 1)).toEqual([]);
    expect(member.state.most_recent_job_guid).toBe(job);
    const events = settleMember(member, tenant, due + JOB_MS);
    expect(events).toMatchObject([{ kind: 'job_succeeded', at: due + JOB_MS, job: { background: true } }]);
    expect(member.state.most_recent_job_guid).not.toBe(job);
    expect(member.state).toMatchObject({ aggregated_at: due, successfully_aggregated_at: due + JOB_MS });
    expect(member.next_background_at).toBe(due + JOB_MS + DAY);
    expect(tenant.webhooks.entries().at(-1)?.payload).toMatchObject({ type: 'AGGREGATION', is_background: true });
  });

  it('of a CONNECTED member announces its success only: the status does not change, so no CONNECTION_STATUS', () => {
    const { tenant, member, due } = connected();
    const before = tenant.webhooks.entries().length;
    const announced: string[] = [];
    tenant.events.subscribe((e) => announced.push(e.kind));
    settleMember(member, tenant, due + JOB_MS);
    expect(announced).toEqual(['job_started', 'job_succeeded', 'job_status']);
    expect(
      tenant.webhooks
        .entries()
        .slice(before)
        .map((e) => e.type),
    ).toEqual(['AGGREGATION']);
  });

  it('starts exactly at the due time and waits for its steps like any job', () => {
    const { tenant, member, due } = connected();
    expect(settleMember(member, tenant, due)).toEqual([]);
    expect(member.state).toMatchObject({ is_being_aggregated: true, aggregated_at: due });
    expect(member.state.job).toMatchObject({ background: true, type: 'aggregate', started_at: due });
    expect(member.next_background_at).toBeNull();
  });

  it('over a long jump runs only the last of the runs due, when the ones before would connect quietly', () => {
    const { tenant, member, due } = connected();
    const jobs = webhookJobs(tenant);
    const events = settleMember(member, tenant, due + 3 * DAY);
    // Runs were due at due, due + (JOB_MS + DAY) and due + 2 (JOB_MS + DAY): the last one runs.
    expect(events.map((e) => [e.job.started_at, e.at])).toEqual([
      [due + 2 * JOB_MS + 2 * DAY, due + 3 * JOB_MS + 2 * DAY],
    ]);
    expect(member.next_background_at).toBe(due + 3 * JOB_MS + 3 * DAY);
    // The skipped runs count as jobs (scenario scripts number them), and one more AGGREGATION is logged.
    expect(member.state.jobs_started).toBe(4);
    expect(webhookJobs(tenant)).toHaveLength(jobs.length + 1);
  });

  it('a jump gives the data daily runs give: the same transactions, balances and schedule', () => {
    const jumped = connected();
    const daily = connected();
    const end = jumped.due + 40 * DAY + 5;
    settleMember(jumped.member, jumped.tenant, end);
    for (let t = daily.due; t < end; t += DAY / 4) settleMember(daily.member, daily.tenant, t);
    settleMember(daily.member, daily.tenant, end);
    const view = ({ member }: typeof jumped) => ({
      accounts: member.data?.accounts.map((a) => [a.guid, a.balance, a.stream.lo, a.stream.hi]),
      transactions: transactionPage(
        member.data?.accounts ?? [],
        { records_per_page: 1000, from_date: '2025-01-01' },
        end,
      ).rows.map((r) => [r.account.guid, r.k]),
      state: { ...member.state, most_recent_job_guid: null },
      next: member.next_background_at,
    });
    expect(view(jumped)).toEqual(view(daily));
    expect(view(jumped).transactions.length).toBeGreaterThan(100);
    expect(webhookJobs(daily.tenant).length - webhookJobs(jumped.tenant).length).toBe(39);
  });

  it('still runs a scripted job that would not connect quietly, at its own time', () => {
    const { tenant } = tenantWith({
      yaml: 'outcomes:\n  - match: { institution: mxbank }\n    jobs: [CONNECTED, CONNECTED, CONNECTED, DENIED]\n',
    });
    const member = addMember(tenant, addUser(tenant), 'mxbank', { LOGIN: 'mxuser', PASSWORD: 'password' });
    startMemberJob(member, tenant, 'aggregate', START);
    settleMember(member, tenant, START + JOB_MS);
    const due = START + JOB_MS + DAY;
    const events = settleMember(member, tenant, due + 30 * DAY);
    // Jobs 1 and 2 connect (skipped); job 3 is DENIED, due at due + 2 (JOB_MS + DAY); nothing after it.
    expect(events).toMatchObject([
      { kind: 'job_failed', status: 'DENIED', at: due + 2 * (JOB_MS + DAY) + TIMING.authenticateMs },
    ]);
    expect(member.state).toMatchObject({
      connection_status: 'DENIED',
      jobs_started: 4,
      aggregated_at: due + 2 * (JOB_MS + DAY),
    });
    expect(member.next_background_at).toBeNull();
  });

  it('still runs a challenge at its own time', () => {
    const { tenant } = tenantWith({
      yaml: 'outcomes:\n  - match: { institution: mxbank }\n    jobs: [CONNECTED, CONNECTED, [{ challenge: TEXT }, CONNECTED]]\n',
    });
    const member = addMember(tenant, addUser(tenant), 'mxbank', { LOGIN: 'mxuser', PASSWORD: 'password' });
    startMemberJob(member, tenant, 'aggregate', START);
    settleMember(member, tenant, START + JOB_MS);
    const due = START + JOB_MS + DAY;
    settleMember(member, tenant, due + DAY + JOB_MS + TIMING.authenticateMs + 1);
    // Job 1 was skipped; job 2 challenges from due + (JOB_MS + DAY), and its challenge has not expired yet.
    expect(member.state).toMatchObject({
      connection_status: 'CHALLENGED',
      jobs_started: 3,
      aggregated_at: due + JOB_MS + DAY,
    });
  });

  it('never runs for a disabled user', () => {
    const { tenant, member, due } = connected({}, { is_disabled: true });
    const before = member.state;
    expect(settleMember(member, tenant, due + 3 * DAY)).toEqual([]);
    expect(member.state).toBe(before);
    expect(tenant.webhooks.entries().filter((e) => e.payload.is_background)).toEqual([]);
  });

  it('resumes when the user is enabled again', () => {
    const { tenant, user, member, due } = connected({}, { is_disabled: true });
    settleMember(member, tenant, due + DAY);
    tenant.users.update(user, { is_disabled: false });
    // The run missed while disabled is skipped: the one due now runs.
    expect(settleMember(member, tenant, due + DAY + 2 * JOB_MS)).toMatchObject([
      { kind: 'job_succeeded', at: due + DAY + 2 * JOB_MS },
    ]);
  });

  it('never runs for a member whose user is gone', () => {
    const { tenant, user, member, due } = connected();
    tenant.users.delete(user);
    expect(settleMember(member, tenant, due + DAY)).toEqual([]);
  });

  it('never runs for a member with background aggregation disabled', () => {
    const { tenant, member, due } = connected({ background_aggregation_is_disabled: true });
    expect(settleMember(member, tenant, due + DAY)).toEqual([]);
    expect(member.state.job).toBeNull();
  });

  it('never runs for a member that needs new credentials', () => {
    const { tenant, member, due } = connected();
    member.state = { ...member.state, needs_updated_credentials: true };
    expect(settleMember(member, tenant, due + DAY)).toEqual([]);
  });

  it("waits while a job runs; that job's success schedules the next run", () => {
    const { tenant, member, due } = connected();
    startMemberJob(member, tenant, 'check_balance', due - 5);
    const events = settleMember(member, tenant, due + 2 * JOB_MS);
    // The check_balance job ends at due - 5 + JOB_MS (a day after it comes the next background run).
    expect(events.map((e) => [e.job.type, e.at])).toEqual([['check_balance', due - 5 + JOB_MS]]);
    expect(member.next_background_at).toBe(due - 5 + JOB_MS + DAY);
  });

  it('is not scheduled after a failed job', () => {
    const { tenant, member } = mxbank('LOCKED');
    startMemberJob(member, tenant, 'aggregate', START);
    settleMember(member, tenant, START + 10 * DAY);
    expect(member.next_background_at).toBeNull();
    expect(member.state.jobs_started).toBe(1);
  });
});

describe('settling a tenant', () => {
  it('settles every member', () => {
    const { tenant } = tenantWith();
    const user = addUser(tenant);
    const a = addMember(tenant, user, 'mxbank', { LOGIN: 'a', PASSWORD: 'password' });
    const b = addMember(tenant, user, 'simbank', { LOGIN: 'b', PASSWORD: 'LOCKED' });
    startMemberJob(a, tenant, 'aggregate', START);
    startMemberJob(b, tenant, 'aggregate', START);
    settleTenant(tenant, START + JOB_MS);
    expect([a.state.connection_status, a.state.is_being_aggregated]).toEqual(['CONNECTED', false]);
    expect([b.state.connection_status, b.state.is_being_aggregated]).toEqual(['LOCKED', false]);
  });
});

describe('what scenario rules see, and data volumes', () => {
  it('facts: institution, username, password, member id and user id', () => {
    const { tenant, user, member } = mxbank('secret', { id: 'm-1' });
    expect(factsOf(member, tenant)).toEqual({
      institution_code: 'mxbank',
      username: 'mxuser',
      password: 'secret',
      member_id: 'm-1',
      user_id: user.id,
    });
  });

  it('facts: no user id when the user has none or is gone; undefined credentials when not given', () => {
    const { tenant } = tenantWith();
    const user = addUser(tenant, { id: null });
    const member = addMember(tenant, user, 'mxbank');
    expect(factsOf(member, tenant)).toEqual({
      institution_code: 'mxbank',
      username: undefined,
      password: undefined,
      member_id: null,
      user_id: null,
    });
    tenant.users.delete(user);
    expect(factsOf(member, tenant).user_id).toBeNull();
  });

  it('simbank reads accounts=N and transactions=M from the username, within limits', () => {
    const { tenant } = tenantWith();
    const user = addUser(tenant);
    const profile = (login: string) =>
      profileFor(addMember(tenant, user, 'simbank', { LOGIN: login, PASSWORD: 'p' }), tenant);
    expect(profile('mxuser accounts=50 transactions=10000')).toStrictEqual({ accounts: 50, transactions: 10_000 });
    expect(profile('transactions=7')).toStrictEqual({ transactions: 7 });
    expect(profile('accounts=3')).toStrictEqual({ accounts: 3 });
    expect(profile('accounts=0 transactions=0')).toEqual({ accounts: 1, transactions: 1 });
    expect(profile('accounts=99999 transactions=99999999')).toEqual({
      accounts: MAX_ACCOUNTS,
      transactions: MAX_TRANSACTIONS,
    });
    expect(profile('accounts=x')).toStrictEqual({});
    expect(profile('mxuser')).toStrictEqual({});
    expect(profileFor(addMember(tenant, user, 'simbank', {}), tenant)).toEqual({});
  });

  it('other institutions have no volumes in the username', () => {
    const { tenant, member } = mxbank();
    member.credentials = [{ guid: member.credentials[0]?.guid as string, value: 'accounts=50' }];
    expect(profileFor(member, tenant)).toEqual({});
  });
});

describe('a scenario world', () => {
  const yaml = `
institutions:
  - code: pinbank
    name: Pin Bank
    credentials:
      - { field_name: user_code, type: LOGIN }
      - { field_name: pin, type: PASSWORD }
outcomes:
  - match: { institution: pinbank, username: slow }
    data: { accounts: 2, transactions: 5 }
  - match: { institution: pinbank, username: twice }
    jobs: [DEGRADED, CONNECTED, LOCKED]
  - match: { institution: simbank, password: scripted }
    jobs: [[{ challenge: TOKEN, answer: "42" }, CONNECTED]]
  - match: { institution: simbank, username: many }
    data: { accounts: 4 }
`;

  it('finds credentials by type when the field names differ', () => {
    const { tenant } = tenantWith({ yaml });
    const member = addMember(tenant, addUser(tenant), 'pinbank', { user_code: 'slow', pin: '1234' });
    expect(factsOf(member, tenant)).toMatchObject({ username: 'slow', password: '1234' });
    expect(profileFor(member, tenant)).toEqual({ accounts: 2, transactions: 5 });
  });

  it("scripts each job by the member's job count; the last scripted job repeats", () => {
    const { tenant } = tenantWith({ yaml });
    const member = addMember(tenant, addUser(tenant), 'pinbank', { user_code: 'twice', pin: '1' });
    const statuses: string[] = [];
    for (let i = 0; i < 4; i++) {
      startMemberJob(member, tenant, 'aggregate', START + i * 1_000);
      settleMember(member, tenant, START + i * 1_000 + JOB_MS);
      statuses.push(member.state.connection_status as string);
    }
    expect(statuses).toEqual(['DEGRADED', 'CONNECTED', 'LOCKED', 'LOCKED']);
  });

  it('a scenario rule wins over the test institution rules; without a match those apply', () => {
    const { tenant } = tenantWith({ yaml });
    const user = addUser(tenant);
    const scripted = addMember(tenant, user, 'simbank', { LOGIN: 'x', PASSWORD: 'scripted' });
    startMemberJob(scripted, tenant, 'aggregate', START);
    expect(scripted.state.job?.outcome).toEqual({
      kind: 'script',
      steps: [
        { kind: 'challenge', challenges: ['TOKEN'], answer: '42', onWrong: 'REJECTED' },
        { kind: 'status', status: 'CONNECTED' },
      ],
    });
    const plain = addMember(tenant, user, 'simbank', { LOGIN: 'x', PASSWORD: 'LOCKED' });
    startMemberJob(plain, tenant, 'aggregate', START);
    expect(plain.state.job?.outcome).toEqual({ kind: 'fail', status: 'LOCKED' });
  });

  it("a scenario's data rule wins over simbank's username volumes", () => {
    const { tenant } = tenantWith({ yaml });
    const member = addMember(tenant, addUser(tenant), 'simbank', { LOGIN: 'many', PASSWORD: 'p' });
    expect(profileFor(member, tenant)).toEqual({ accounts: 4 });
    const other = addMember(tenant, addUser(tenant), 'simbank', { LOGIN: 'accounts=9', PASSWORD: 'p' });
    expect(profileFor(other, tenant)).toEqual({ accounts: 9 });
  });
});
