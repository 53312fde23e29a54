// Every goal and notification operation for the conformance flow: a user with accounts makes, reads,
// lists, updates, repositions and deletes goals, and creates, lists and reads a notification.
import type { ApiVersion } from '../../src/mx/versions.js';
import type { TestServer } from './server.js';

const DEBT = new Set(['CREDIT_CARD', 'LOAN', 'MORTGAGE', 'LINE_OF_CREDIT']);

export async function goalsFlow(mx: TestServer, user: string, version: ApiVersion): Promise<void> {
  const accounts = (await mx.get(`/users/${user}/accounts`)).body.accounts as Array<{ guid: string; type: string }>;
  const saving = accounts.find((a) => !DEBT.has(a.type)) as { guid: string };
  const debt = accounts.find((a) => DEBT.has(a.type));
  const goal = (n: string, account: string, type: string | null, extra = {}) =>
    mx.post(`/users/${user}/goals`, {
      goal: {
        account_guid: account,
        amount: 5000,
        goal_type_name: type,
        meta_type_name: 'VACATION',
        name: n,
        ...extra,
      },
    });
  const a = (await goal('Trip', saving.guid, 'SAVE_AMOUNT', { metadata: 'm', targeted_to_complete_at: '2030-01-01' }))
    .body.goal;
  const b = (await goal('Debt', debt?.guid ?? saving.guid, null)).body.goal;
  await goal('Done', saving.guid, 'SAVE_AMOUNT', { is_complete: true });
  await mx.get(`/users/${user}/goals`);
  await mx.get(`/users/${user}/goals/${a.guid}`);
  await mx.put(`/users/${user}/goals/${a.guid}`, { goal: { amount: 1, name: 'Trip!' } });
  await mx.put(`/users/${user}/goals/reposition`, { goals: [{ guid: b.guid, position: 1 }] });
  await mx.del(`/users/${user}/goals/${a.guid}`);
  const made =
    version === 'v20111101'
      ? await mx.post(`/users/${user}/notifications?subject=Hello&content=${encodeURIComponent('A test')}`)
      : await mx.post(`/users/${user}/notifications`, { notification: { subject: 'Hello', content: 'A test' } });
  await mx.get(`/users/${user}/notifications`);
  await mx.get(`/users/${user}/notifications/${made.body.notification.guid}`);
}
