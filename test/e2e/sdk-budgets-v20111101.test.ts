// MX's official Node SDK (mx-platform-node@2.1.0, API v20111101) on budgets, against the running
// simulator. Every exchange, as the server saw it, is checked against MX's v20111101 document and ours.
import { BudgetsApi } from 'mx-platform-node';
import { describe, expect, it } from 'vitest';
import { connectedSdkUser, status, useSdkServer } from '../helpers/sdk.js';

const sdk = useSdkServer('sdk-bgt-client', 'sdk-bgt-key');
const AUTO = 'CAT-7829f71c-2e8c-afa5-2f55-fa3634b89874';
const UNKNOWN = 'CAT-00000000-0000-0000-0000-000000000000';

describe("MX's Node SDK (v20111101) on budgets", () => {
  it('creates, reads, updates, lists, auto-generates and deletes budgets', async () => {
    const { user } = await connectedSdkUser(sdk, 'sdk-bgt-user');
    const budgets = new BudgetsApi(sdk.configuration);
    // The SDK requires parent_guid; a budget on a top-level category ignores it.
    const created = (
      await budgets.createBudget(user, { budget: { category_guid: AUTO, parent_guid: '', amount: 250 } })
    ).data.budget;
    expect(created).toMatchObject({ category_guid: AUTO, amount: 250, parent_guid: null, name: 'Auto & Transport' });
    const guid = created?.guid as string;
    expect((await budgets.readSpecificBudget(user, guid)).data.budget).toEqual(created);
    const updated = (await budgets.updateSpecificBudget(user, guid, { budget: { amount: 300, metadata: 'sdk' } })).data
      .budget;
    expect(updated).toMatchObject({ amount: 300, metadata: 'sdk', revision: 2 });
    const list = (await budgets.listAllBudgets(user)).data as unknown as { budgets: Array<{ guid: string }> };
    expect(list.budgets.map((b) => b.guid)).toEqual([guid]);
    expect(await status(budgets.createBudget(user, { budget: { category_guid: AUTO, parent_guid: '' } }))).toBe(409);
    expect(await status(budgets.createBudget(user, { budget: { category_guid: UNKNOWN, parent_guid: '' } }))).toBe(404);
    const generated = (await budgets.autoGenerateBudgets(user)).data as unknown as { budgets: unknown[] };
    expect(generated.budgets.length).toBeGreaterThan(0);
    await budgets.deleteBudget(user, guid);
    expect(await status(budgets.readSpecificBudget(user, guid))).toBe(404);
  });
});
