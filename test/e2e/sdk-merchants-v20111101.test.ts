// MX's official Node SDK (mx-platform-node@2.1.0, API v20111101) on merchants, merchant locations,
// enhanced transactions, repeating transactions and the monthly cash-flow profile, against the running
// simulator. Every exchange, as the server saw it, is checked against MX's v20111101 document and ours.
import { MerchantsApi, MonthlyCashFlowProfileApi, TransactionsApi } from 'mx-platform-node';
import { describe, expect, it } from 'vitest';
import { connectedSdkUser, status, useSdkServer } from '../helpers/sdk.js';

const V1 = 'application/vnd.mx.api.v1+json';

const sdk = useSdkServer('sdk-mch-client', 'sdk-mch-key', (server) => {
  expect(server.exchanges.filter((e) => e.version === 'v20111101').length).toBeGreaterThan(10);
});

describe("MX's Node SDK (v20111101) on merchants and a user's cash flow", () => {
  let userGuid: string;

  it("reads the merchant and location of the user's transactions, and lists merchants", async () => {
    userGuid = (await connectedSdkUser(sdk, 'sdk-mch-user')).user;
    const txns =
      (await new TransactionsApi(sdk.configuration).listTransactions(userGuid, 1, 100)).data.transactions ?? [];
    const txn = txns.find((t) => t.merchant_guid);
    expect(txn).toBeDefined();
    const merchants = new MerchantsApi(sdk.configuration);
    const merchant = await merchants.readMerchant(txn?.merchant_guid as string);
    expect(merchant.headers['content-type']).toContain(V1);
    expect(merchant.data.merchant?.guid).toBe(txn?.merchant_guid);
    const location = (await merchants.readMerchantLocation(txn?.merchant_location_guid as string)).data;
    expect(location.merchant_location?.merchant_guid).toBe(txn?.merchant_guid);
    const list = (await merchants.listMerchants(merchant.data.merchant?.name as string, 1, 25)).data;
    expect(list.merchants?.map((m) => m.guid)).toEqual([txn?.merchant_guid]);
    expect(await status(merchants.readMerchant('MCH-nope'))).toBe(404);
  });

  it('enhances descriptions and lists repeating transactions', async () => {
    const transactions = new TransactionsApi(sdk.configuration);
    const enhanced = await transactions.enhanceTransactions({
      transactions: [
        { id: 'one', description: 'CHECKCARD STREAMLY.EXAMPLE 4432', amount: 15.99, type: 'DEBIT' },
        { id: 'two', description: 'qzv 42' },
      ],
    });
    expect(enhanced.data.transactions?.[0]).toMatchObject({
      id: 'one',
      description: 'Streamly',
      category: 'Television',
    });
    expect(enhanced.data.transactions?.[1]).toMatchObject({ id: 'two', category: 'Uncategorized' });
    const series = (await transactions.repeatingTransactions(userGuid)).data.repeating_transactions ?? [];
    expect(series.length).toBeGreaterThan(3);
    const first = series[0] as (typeof series)[number];
    const one = await transactions.specificRepeatingTransaction(userGuid, first.guid as string);
    expect(one.data.repeating_transactions).toEqual([first]);
    expect(await status(transactions.specificRepeatingTransaction(userGuid, 'RPT-nope'))).toBe(404);
  });

  it('reads and updates the monthly cash flow profile', async () => {
    const api = new MonthlyCashFlowProfileApi(sdk.configuration);
    const read = (await api.readMonthlyCashFlowProfile(userGuid)).data.monthly_cash_flow_profile;
    expect(read?.user_guid).toBe(userGuid);
    // The SDK sends the changes under `institution`, as MX's v20111101 document names the field.
    const updated = await api.updateMonthlyCashFlowProfile(userGuid, {
      institution: { goals_contribution: 320, uses_estimated_goals_contribution: true },
    });
    expect(updated.data.monthly_cash_flow_profile).toEqual({
      ...read,
      goals_contribution: 320,
      uses_estimated_goals_contribution: true,
    });
    expect((await api.readMonthlyCashFlowProfile(userGuid)).data).toEqual(updated.data);
  });
});
