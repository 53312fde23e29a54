// Answers are taken only while a member waits for them (src/server/domain/jobs.ts answerChallenges,
// docs/lifecycle.md): not while its job authenticates, and not twice (RESUMED). Over an in-memory tenant.
import { describe, expect, it } from 'vitest';
import { answerChallenges, startMemberJob } from '../../src/server/domain/jobs.js';
import { settleMember } from '../../src/server/domain/settle.js';
import { addMember, addUser, mxErrorOf, START, tenantWith } from './fixtures/tenant.js';

function challengedMember() {
  const { tenant, clock } = tenantWith();
  const member = addMember(tenant, addUser(tenant), 'mxbank', { LOGIN: 'mxuser', PASSWORD: 'challenge' });
  startMemberJob(member, tenant, 'aggregate', START);
  return { tenant, clock, member };
}

describe('answering challenges', () => {
  it('is refused while the job still authenticates (405 not_challenged), though a job runs', () => {
    const { tenant, member } = challengedMember();
    expect(member.state.job).not.toBeNull();
    const e = mxErrorOf(() => answerChallenges(tenant, member, []));
    expect(e).toMatchObject({ status: 405, type: 'not_challenged', headers: { Allow: 'PUT' } });
    expect(e.message).toBe(
      `member ${member.guid} is CREATED, not CHALLENGED: there is no challenge to answer; ` +
        'read GET …/status and resume only while connection_status is CHALLENGED',
    );
  });

  it('is refused a second time: the member is RESUMED until the verdict takes effect', () => {
    const { tenant, clock, member } = challengedMember();
    clock.advance(10);
    settleMember(member, tenant, clock.now());
    const answers = member.state.challenges.map((c) => ({ guid: c.guid, value: 'correct' }));
    answerChallenges(tenant, member, answers);
    expect(member.state.connection_status).toBe('RESUMED');
    const e = mxErrorOf(() => answerChallenges(tenant, member, answers));
    expect(e).toMatchObject({ status: 405, type: 'not_challenged' });
    expect(e.message).toContain('is RESUMED, not CHALLENGED');
    expect(member.state.job).toMatchObject({ phase: 'resumed', verdict: { kind: 'correct' } });
  });
});
