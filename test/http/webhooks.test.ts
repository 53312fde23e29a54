// The webhooks MX would send, as GET /_mx-sim/webhooks logs them: each payload holds exactly the fields
// MX's page for its type lists (a consumer's strict parser sees MX's set).
import { describe, expect, it } from 'vitest';
import { createMember, settle } from '../helpers/members.js';
import { useServer } from '../helpers/server.js';

async function logged(mx: ReturnType<typeof useServer>, member: string) {
  const res = await mx.get('/_mx-sim/webhooks');
  expect(res.status, res.text).toBe(200);
  return (res.body.webhooks as any[]).filter(
    (w) =>
      w.payload.member_guid === member || w.payload.member?.guid === member || w.payload.job?.member_guid === member,
  );
}

describe('webhook payloads', () => {
  const mx = useServer({ fast: true });

  it('STATEMENT, BALANCE and REWARD carry exactly the fields MX documents', async () => {
    const { path, member, user } = await createMember(mx, 'password');
    await settle(mx, path);
    for (const job of ['fetch_statements', 'check_balance', 'fetch_rewards']) {
      expect([200, 202], job).toContain((await mx.post(`${path}/${job}`)).status);
      await settle(mx, path);
    }
    const byType = Object.fromEntries((await logged(mx, member)).map((w) => [w.type, w.payload]));
    expect(Object.keys(byType.STATEMENT).sort()).toEqual([
      'action',
      'completed_at',
      'completed_on',
      'member_guid',
      'statements_created_count',
      'type',
      'user_guid',
    ]);
    expect(Object.keys(byType.BALANCE).sort()).toEqual([
      'action',
      'completed_at',
      'completed_on',
      'member_guid',
      'type',
      'user_guid',
    ]);
    expect(Object.keys(byType.REWARD).sort()).toEqual([
      'action',
      'completed_at',
      'completed_on',
      'member_guid',
      'rewards_created_count',
      'rewards_updated_count',
      'type',
      'user_guid',
    ]);
    for (const type of ['STATEMENT', 'BALANCE', 'REWARD']) {
      expect(byType[type], type).toMatchObject({
        action: 'member_data_updated',
        member_guid: member,
        user_guid: user,
        type,
      });
    }
  });
});
