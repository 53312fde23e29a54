// Every budget operation for the conformance flow: a user with transactions makes, reads, lists, updates,
// auto-generates and deletes budgets.
import type { TestServer } from './server.js';

export async function budgetsFlow(mx: TestServer, user: string): Promise<void> {
  const top = (await mx.get('/categories/default')).body.categories.find((c: any) => c.parent_guid === null);
  const budget = (await mx.post(`/users/${user}/budgets`, { budget: { category_guid: top.guid, amount: 100 } })).body
    .budget;
  await mx.get(`/users/${user}/budgets`);
  await mx.get(`/users/${user}/budgets/${budget.guid}`);
  await mx.put(`/users/${user}/budgets/${budget.guid}`, { budget: { amount: 200, metadata: 'm' } });
  await mx.post(`/users/${user}/budgets/generate`);
  await mx.del(`/users/${user}/budgets/${budget.guid}`);
}
