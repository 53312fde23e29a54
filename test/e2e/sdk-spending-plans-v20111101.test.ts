// MX's official Node SDK (mx-platform-node@2.1.0, API v20111101) on spending plans: plans, plan accounts,
// iterations and the current iteration's items, against the running simulator. Every exchange, as the
// server saw it, is checked against MX's v20111101 document and ours.
import { SpendingPlanApi } from 'mx-platform-node';
import { describe, expect, it } from 'vitest';
import { connectedSdkUser, status, useSdkServer } from '../helpers/sdk.js';

const sdk = useSdkServer('sdk-spl-client', 'sdk-spl-key', (server) => {
  expect(server.exchanges.filter((e) => e.version === 'v20111101').length).toBeGreaterThan(14);
});

describe("MX's Node SDK (v20111101) on spending plans", () => {
  it('makes a plan, reads its accounts and iterations, and edits the current iteration items', async () => {
    const user = (await connectedSdkUser(sdk, 'sdk-spl-user')).user;
    const api = new SpendingPlanApi(sdk.configuration);
    const plan = (await api.createSpendingPlan(user)).data;
    const guid = plan.guid as string;
    expect(plan.current_iteration_number).toBe(1);
    expect((await api.listSpendingPlans(user)).data.spending_plans?.map((p) => p.guid)).toEqual([guid]);
    expect((await api.readSpendingPlanUser(user, guid)).data).toEqual(plan);
    const accounts = (await api.listSpendingPlanAccounts(user, guid)).data.spending_plan_accounts ?? [];
    expect(accounts.length).toBeGreaterThan(0);
    const first = accounts[0]?.guid as string;
    expect((await api.readSpendingPlanAccount(user, guid, first)).data.guid).toBe(first);
    await api.deleteSpendingPlanAccount(user, guid, first);
    expect(await status(api.readSpendingPlanAccount(user, guid, first))).toBe(404);
    const current = (await api.readCurrentSpendingPlanIteration(user, guid)).data;
    expect(current.iteration_number).toBe(1);
    expect((await api.readSpendingPlanIteration(user, guid, 1)).data).toEqual(current);
    expect((await api.listSpendingPlanIterations(user, guid)).data.iterations).toEqual([current]);
    const item = (await api.createSpendingPlanIterationItem(guid, user, { planned_amount: 55, item_type: 3 })).data;
    expect(item).toMatchObject({ planned_amount: 55, item_type: '3', spending_plan_iteration_guid: current.guid });
    const itemGuid = item.guid as string;
    expect((await api.readSpendingPlanIterationItem(user, guid, itemGuid)).data).toEqual(item);
    const updated = (await api.updateSpendingPlanIterationItem(user, guid, itemGuid, { planned_amount: 60 })).data;
    expect(updated.planned_amount).toBe(60);
    expect((await api.listSpendingPlanIterationItems(user, guid)).data.iteration_items).toEqual([updated]);
    await api.deleteSpendingPlanIterationItem(user, guid, itemGuid);
    await api.deleteSpendingPlan(user, guid);
    expect(await status(api.readSpendingPlanUser(user, guid))).toBe(404);
  });
});
