// MX's official Node SDK (mx-platform-node@2.1.0, API v20111101) on insights, against the running
// simulator. Every exchange, as the server saw it, is checked against MX's v20111101 document and ours.
import { InsightsApi } from 'mx-platform-node';
import { describe, expect, it } from 'vitest';
import { connectedSdkUser, status, useSdkServer } from '../helpers/sdk.js';

const sdk = useSdkServer('sdk-ins-client', 'sdk-ins-key');
const UNKNOWN = 'BET-00000000-0000-0000-0000-000000000000';

describe("MX's Node SDK (v20111101) on insights", () => {
  it('lists, reads and updates insights, and lists what one cites', async () => {
    const { user } = await connectedSdkUser(sdk, 'sdk-ins-user');
    const insights = new InsightsApi(sdk.configuration);
    const list = (await insights.listInsightsUser(user, 1, 100)).data.insights ?? [];
    expect(list.length).toBeGreaterThan(0);
    const insight = list.find((i) => i.has_associated_transactions) ?? list[0];
    const guid = insight?.guid as string;
    expect((await insights.readInsightUser(user, guid)).data.insight).toEqual(insight);

    const updated = (await insights.updateInsight(user, guid, { insight: { has_been_displayed: true } })).data;
    expect(updated).toMatchObject({ guid, has_been_displayed: true, is_dismissed: false });
    expect((await insights.readInsightUser(user, guid)).data.insight?.has_been_displayed).toBe(true);

    const accounts = (await insights.listAccountsInsight(user, guid)).data.accounts ?? [];
    const categories = (await insights.listCategoriesInsight(user, guid)).data.categories ?? [];
    const merchants = (await insights.listMerchantsInsight(user, guid)).data.merchants ?? [];
    const payments = (await insights.listScheduledPaymentsInsight(user, guid)).data.scheduled_payments ?? [];
    const transactions = (await insights.listTransactionsInsight(user, guid)).data.transactions ?? [];
    expect(accounts.length > 0).toBe(insight?.has_associated_accounts);
    expect(categories.length > 0).toBe(insight?.has_associated_categories);
    expect(merchants.length > 0).toBe(insight?.has_associated_merchants);
    expect(payments.length > 0).toBe(insight?.has_associated_scheduled_payments);
    expect(transactions.length > 0).toBe(insight?.has_associated_transactions);

    const account = accounts[0]?.guid as string;
    const byAccount = (await insights.listInsightsByAccount(account, user)).data.insights ?? [];
    expect(byAccount.map((i) => i.guid)).toContain(guid);
    const transaction = transactions[0]?.guid as string;
    const byTransaction = (await insights.listInsightsByTransaction(transaction, user)).data.insights ?? [];
    expect(byTransaction.map((i) => i.guid)).toContain(guid);

    expect(await status(insights.readInsightUser(user, UNKNOWN))).toBe(404);
    expect(await status(insights.listMerchantsInsight(user, UNKNOWN))).toBe(404);
  });
});
