// Every insight operation for the conformance flow: a user with transactions lists their insights, reads
// and updates one, lists what it cites, and lists insights by account and by transaction.
import type { TestServer } from './server.js';

export async function insightsFlow(mx: TestServer, user: string): Promise<void> {
  const insights = (await mx.get(`/users/${user}/insights?records_per_page=100`)).body.insights as any[];
  const insight = insights.find((i) => i.has_associated_transactions) ?? insights[0];
  if (!insight) throw new Error(`insightsFlow: user ${user} has no insight`);
  const base = `/users/${user}/insights/${insight.guid}`;
  await mx.get(base);
  await mx.put(base, { insight: { has_been_displayed: true, is_dismissed: false } });
  for (const list of ['accounts', 'categories', 'merchants', 'scheduled_payments', 'transactions']) {
    await mx.get(`${base}/${list}`);
  }
  const account = (await mx.get(`${base}/accounts`)).body.accounts[0];
  const transaction = (await mx.get(`${base}/transactions`)).body.transactions[0];
  const anyAccount = account ?? (await mx.get(`/users/${user}/accounts`)).body.accounts[0];
  await mx.get(`/users/${user}/accounts/${anyAccount.guid}/insights`);
  const anyTransaction = transaction ?? (await mx.get(`/users/${user}/transactions`)).body.transactions[0];
  await mx.get(`/users/${user}/transactions/${anyTransaction.guid}/insights`);
}
