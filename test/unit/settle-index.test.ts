// The members' due index (MemberStore.dueBy) that settleTenant uses instead of looking at every member:
// it gives exactly the members with something due, in insertion order, and follows every assignment of
// what settling reads (a job, the next background aggregation, the switches that stop it, the user).
// The reference is the loop settleTenant was before the index: every member, in insertion order.
import { describe, expect, it } from 'vitest';
import { startMemberJob } from '../../src/server/domain/jobs.js';
import { settleMember, settleTenant } from '../../src/server/domain/settle.js';
import type { Tenant } from '../../src/server/store/tenant.js';
import { addMember, addUser, START, TIMING, tenantWith } from './fixtures/tenant.js';

const DAY = 86_400_000;
const JOB_MS = TIMING.authenticateMs + TIMING.syncMs;
const MXBANK = { LOGIN: 'mxuser', PASSWORD: 'password' };

/** settleTenant as it was: every member, in insertion order. */
function settleEveryMember(tenant: Tenant, now: number): void {
  for (const member of tenant.members.all()) settleMember(member, tenant, now);
  tenant.events.emit({ kind: 'time_reached', at: now });
}

/** Everything a client could read: members as JSON, webhooks, the next guid. */
function everything(tenant: Tenant) {
  return JSON.stringify({
    members: [...tenant.members.all()],
    webhooks: tenant.webhooks.entries(),
    next: tenant.guids.next('X'),
  });
}

/**
 * A world of mixed members: some connect, some fail, some challenge (left unanswered), one with
 * background aggregation off, one of a disabled user; jobs started at staggered times, later members first.
 */
function mixedWorld() {
  const { tenant, clock } = tenantWith();
  const users = [
    addUser(tenant, { id: 'u1' }),
    addUser(tenant, { id: 'u2' }),
    addUser(tenant, { id: 'u3', is_disabled: true }),
  ];
  const passwords = ['password', 'LOCKED', 'challenge', 'password', 'DENIED', 'password'];
  const members = [];
  for (let i = 0; i < 30; i++) {
    const user = users[i % 3] as (typeof users)[number];
    const changes = i === 7 ? { background_aggregation_is_disabled: true } : {};
    members.push(
      addMember(tenant, user, 'mxbank', { LOGIN: `mxuser${i}`, PASSWORD: passwords[i % 6] as string }, changes),
    );
  }
  members.forEach((m, i) => {
    startMemberJob(m, tenant, 'aggregate', START + (30 - i) * 7);
  });
  return { tenant, clock, members };
}

describe('settling through the due index', () => {
  it('gives the same members, webhooks and guids as settling every member, step after step', () => {
    const a = mixedWorld();
    const b = mixedWorld();
    const steps = [0, 5, 50, 150, 300, JOB_MS, 20 * 60_000, DAY, DAY + 500, 2 * DAY, 40 * DAY, 3650 * DAY];
    for (const step of steps) {
      settleTenant(a.tenant, START + step);
      settleEveryMember(b.tenant, START + step);
      expect(everything(a.tenant)).toBe(everything(b.tenant));
    }
    // Background aggregations ran: the connected members aggregated more than once.
    expect(a.members[0]?.state.jobs_started).toBeGreaterThan(1);
  });

  it('finishes the job of member #9,999 of 10,000 when its time comes, and touches no other member', () => {
    const { tenant } = tenantWith();
    const user = addUser(tenant);
    const members = Array.from({ length: 10_000 }, (_, i) =>
      addMember(tenant, user, 'mxbank', { LOGIN: `mxuser${i}`, PASSWORD: 'password' }),
    );
    const last = members[9_998] as (typeof members)[number];
    startMemberJob(last, tenant, 'aggregate', START);
    settleTenant(tenant, START + JOB_MS - 1);
    expect(last.state.is_being_aggregated).toBe(true);
    settleTenant(tenant, START + JOB_MS);
    expect(last.state).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false, job: null });
    expect(last.next_background_at).toBe(START + JOB_MS + DAY);
    expect(members.filter((m) => m.state.jobs_started > 0)).toEqual([last]);
    // Its background aggregation runs on time, among 9,999 idle members.
    settleTenant(tenant, START + JOB_MS + DAY + JOB_MS);
    expect(last.state).toMatchObject({ connection_status: 'CONNECTED', jobs_started: 2 });
    expect(last.state.aggregated_at).toBe(START + JOB_MS + DAY);
  });

  it('runs the background aggregations of many idle members, each at its own time, in insertion order', () => {
    const { tenant } = tenantWith();
    const user = addUser(tenant);
    const members = Array.from({ length: 200 }, (_, i) => addMember(tenant, user, 'mxbank', MXBANK, { id: `m${i}` }));
    members.forEach((m, i) => {
      startMemberJob(m, tenant, 'aggregate', START + (200 - i));
    });
    settleTenant(tenant, START + 1_000);
    expect(members.every((m) => m.state.connection_status === 'CONNECTED')).toBe(true);
    // Member i's background run is due at START + (200 - i) + JOB_MS + DAY: half of them by this time.
    settleTenant(tenant, START + JOB_MS + DAY + 100);
    const ran = members.filter((m) => m.state.jobs_started === 2).map((m) => m.id);
    expect(ran).toEqual(members.slice(100).map((m) => m.id));
    // Once they all have run, their webhooks come in insertion order, whatever order they fell due in.
    settleTenant(tenant, START + JOB_MS + DAY + 1_000);
    expect(members.every((m) => m.state.jobs_started === 2 && !m.state.is_being_aggregated)).toBe(true);
    const background = tenant.webhooks
      .entries()
      .filter((e) => e.type === 'AGGREGATION' && e.payload.is_background === true)
      .map((e) => e.payload.member_guid);
    expect(background).toEqual(members.map((m) => m.guid));
  });

  it('follows a next_background_at assigned outside settling', () => {
    const { tenant } = tenantWith();
    const member = addMember(tenant, addUser(tenant), 'mxbank', MXBANK);
    startMemberJob(member, tenant, 'aggregate', START);
    settleTenant(tenant, START + JOB_MS);
    settleTenant(tenant, START + JOB_MS + 1);
    member.next_background_at = START + JOB_MS + 2;
    settleTenant(tenant, START + JOB_MS + 2);
    expect(member.state).toMatchObject({ jobs_started: 2, is_being_aggregated: true });
  });

  it('follows a job started outside settling, and a state assigned outright', () => {
    const { tenant } = tenantWith();
    const member = addMember(tenant, addUser(tenant), 'mxbank', MXBANK);
    settleTenant(tenant, START);
    startMemberJob(member, tenant, 'aggregate', START);
    settleTenant(tenant, START + JOB_MS);
    expect(member.state).toMatchObject({ connection_status: 'CONNECTED', job: null });
    startMemberJob(member, tenant, 'verify', START + JOB_MS);
    const running = member.state.job;
    if (!running) throw new Error('no job');
    // Its next step brought forward by assigning the state: settling follows the new time.
    member.state = { ...member.state, job: { ...running, due_at: START + JOB_MS + 1 } };
    settleTenant(tenant, START + JOB_MS + 1);
    expect(member.state.job?.due_at).not.toBe(START + JOB_MS + 1);
    expect(member.state.job?.phase).not.toBe(running.phase);
  });

  it('follows background aggregation turned off and on again', () => {
    const { tenant } = tenantWith();
    const member = addMember(tenant, addUser(tenant), 'mxbank', MXBANK);
    startMemberJob(member, tenant, 'aggregate', START);
    settleTenant(tenant, START + JOB_MS);
    member.background_aggregation_is_disabled = true;
    settleTenant(tenant, START + JOB_MS + DAY);
    expect(member.state.jobs_started).toBe(1);
    member.background_aggregation_is_disabled = false;
    settleTenant(tenant, START + JOB_MS + DAY + 1);
    expect(member.state).toMatchObject({ jobs_started: 2, is_being_aggregated: true });
  });

  it("follows the user's being disabled and enabled again", () => {
    const { tenant } = tenantWith();
    const user = addUser(tenant);
    const member = addMember(tenant, user, 'mxbank', MXBANK);
    startMemberJob(member, tenant, 'aggregate', START);
    settleTenant(tenant, START + JOB_MS);
    tenant.users.update(user, { is_disabled: true });
    settleTenant(tenant, START + JOB_MS + DAY);
    expect(member.state.jobs_started).toBe(1);
    tenant.users.update(user, { is_disabled: false });
    settleTenant(tenant, START + JOB_MS + DAY + 1);
    expect(member.state).toMatchObject({ jobs_started: 2, is_being_aggregated: true });
  });

  it('follows credentials that need updating, and new ones', () => {
    const { tenant } = tenantWith();
    const member = addMember(tenant, addUser(tenant), 'mxbank', MXBANK);
    startMemberJob(member, tenant, 'aggregate', START);
    settleTenant(tenant, START + JOB_MS);
    member.state = { ...member.state, needs_updated_credentials: true };
    settleTenant(tenant, START + JOB_MS + DAY);
    expect(member.state.jobs_started).toBe(1);
    member.state = { ...member.state, needs_updated_credentials: false };
    settleTenant(tenant, START + JOB_MS + DAY + 1);
    expect(member.state.jobs_started).toBe(2);
  });

  it('never settles a deleted member, and one inserted again settles last', () => {
    const { tenant } = tenantWith();
    const user = addUser(tenant);
    const [a, b] = [addMember(tenant, user, 'mxbank', MXBANK), addMember(tenant, user, 'mxbank', MXBANK)];
    if (!a || !b) throw new Error('no members');
    startMemberJob(a, tenant, 'aggregate', START);
    startMemberJob(b, tenant, 'aggregate', START);
    tenant.members.delete(a);
    expect(tenant.members.dueBy(START + JOB_MS)).toEqual([b]);
    tenant.members.insert(a);
    expect(tenant.members.dueBy(START + JOB_MS)).toEqual([b, a]);
  });

  it('gives only the members with something due', () => {
    const { tenant } = tenantWith();
    const user = addUser(tenant);
    const idle = addMember(tenant, user, 'mxbank', MXBANK);
    const busy = addMember(tenant, user, 'mxbank', MXBANK);
    startMemberJob(busy, tenant, 'aggregate', START);
    expect(tenant.members.dueBy(START + TIMING.authenticateMs - 1)).toEqual([]);
    expect(tenant.members.dueBy(START + TIMING.authenticateMs)).toEqual([busy]);
    expect(idle.state.job).toBeNull();
  });

  it('stores a record that reads, spreads and serializes as the member given, and keeps it when stored again', () => {
    const { tenant } = tenantWith();
    const user = addUser(tenant, { id: 'stored' });
    const member = addMember(tenant, user, 'mxbank', MXBANK);
    const plain = JSON.parse(JSON.stringify(member));
    expect(Object.keys(member)).toEqual(Object.keys(plain));
    expect({ ...member }).toEqual(plain);
    expect(Object.getOwnPropertySymbols({ ...member })).toEqual([]);
    tenant.members.delete(member);
    expect(tenant.members.insert(member)).toBe(member);
    expect(tenant.members.byGuid(member.guid)).toBe(member);
    const copy = tenant.members.insert({ ...member, guid: 'MBR-copy' });
    expect(copy).not.toBe(member);
    copy.next_background_at = START;
    expect(tenant.members.dueBy(START)).toEqual([copy]);
    expect(member.next_background_at).toBeNull();
  });
});
