// MX's official Node SDK (mx-platform-node@2.1.0, API v20111101) on goals, against the running simulator.
// Every exchange, as the server saw it, is checked against MX's v20111101 document and ours.
import { AccountsApi, GoalsApi } from 'mx-platform-node';
import { describe, expect, it } from 'vitest';
import { connectedSdkUser, status, useSdkServer } from '../helpers/sdk.js';

const sdk = useSdkServer('sdk-gol-client', 'sdk-gol-key');
const V1 = 'application/vnd.mx.api.v1+json';
const DEBT = new Set(['CREDIT_CARD', 'LOAN', 'MORTGAGE', 'LINE_OF_CREDIT']);

describe("MX's Node SDK (v20111101) on goals", () => {
  it('creates, reads, updates, lists, repositions and deletes goals', async () => {
    const { user } = await connectedSdkUser(sdk, 'sdk-gol-user');
    const accounts = (await new AccountsApi(sdk.configuration).listUserAccounts(user)).data.accounts ?? [];
    const saving = accounts.find((a) => !DEBT.has(a.type as string)) as { guid: string; balance: number };
    const debt = accounts.find((a) => DEBT.has(a.type as string)) as { guid: string; balance: number };
    const goals = new GoalsApi(sdk.configuration);
    const trip = (
      await goals.createGoal(user, {
        goal: {
          account_guid: saving.guid,
          amount: saving.balance + 1000,
          goal_type_name: 'SAVE_AMOUNT',
          meta_type_name: 'VACATION',
          name: 'Trip',
          targeted_to_complete_at: '2027-12-08 00:00:00.000000',
        },
      })
    ).data.goal;
    expect(trip).toMatchObject({ current_amount: saving.balance, is_complete: false, position: 1 });
    expect(trip?.targeted_to_complete_at).toMatch(/^2027-12-08T00:00:00/);
    const card = (
      await goals.createGoal(user, {
        goal: {
          account_guid: debt.guid,
          amount: debt.balance,
          goal_type_name: 'PAYOFF',
          meta_type_name: 'OTHER',
          name: 'Card',
        },
      })
    ).data.goal;
    expect(card).toMatchObject({ current_amount: 0, track_type_name: 'DEBT_TRACK', position: 2 });
    const guid = trip?.guid as string;
    expect((await goals.readGoal(guid, user)).data.goal).toEqual(trip);
    const updated = (await goals.updateGoal(guid, user, { goal: { amount: 1, metadata: 'sdk' } })).data.goal;
    expect(updated).toMatchObject({ amount: 1, metadata: 'sdk', is_complete: true });
    const moved = (await goals.repositionGoals(user, { goals: [{ guid: card?.guid as string, position: 1 }] })).data;
    expect(moved.goals?.map((g) => [g.guid, g.position])).toEqual([
      [card?.guid, 1],
      [guid, 2],
    ]);
    const list = (await goals.listGoals(V1, user)).data;
    expect(list.goals?.map((g) => g.guid)).toEqual([card?.guid, guid]);
    expect(
      await status(
        goals.createGoal(user, {
          goal: { account_guid: saving.guid, amount: 5, goal_type_name: 'PAYOFF', meta_type_name: 'OTHER', name: 'x' },
        }),
      ),
    ).toBe(400);
    await goals.deleteGoal(card?.guid as string, user, V1);
    expect(await status(goals.readGoal(card?.guid as string, user))).toBe(404);
    expect((await goals.readGoal(guid, user)).data.goal?.position).toBe(1);
  });
});
