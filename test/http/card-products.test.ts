// A credit card account's product (GET /credit_card_products/{guid}, the account's guid with CCA-), and
// taking a user off investment holdings billing until a holdings endpoint is used again; both versions.
import { describe, expect, it } from 'vitest';
import { createMember, settle } from '../helpers/members.js';
import { useServer, VERSION_HEADERS } from '../helpers/server.js';

const mx = useServer({ fast: true });

async function accountsOfType() {
  const m = await createMember(mx, 'password');
  await settle(mx, m.path);
  const accounts = (await mx.get(`${m.path}/accounts`)).body.accounts as Array<{
    guid: string;
    type: string;
    name: string;
  }>;
  return {
    ...m,
    card: accounts.find((a) => a.type === 'CREDIT_CARD'),
    checking: accounts.find((a) => a.type === 'CHECKING'),
  };
}

describe('credit card products', () => {
  it("reads the product of a credit card account by the account's guid with CCA-, the same in both versions", async () => {
    const { card } = await accountsOfType();
    const guid = `CCA-${card?.guid.slice(4)}`;
    const res = await mx.get(`/credit_card_products/${guid}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.credit_card_product).toMatchObject({
      guid,
      name: `MX Bank ${card?.name}`,
      is_active_credit_card_product: true,
      annual_fee: expect.any(Number),
    });
    const v1 = await mx.get(`/credit_card_products/${guid}`, { headers: VERSION_HEADERS.v20111101 });
    expect(v1.body).toEqual(res.body);
  });

  it('answers 404 for the guid of another kind of account, or none', async () => {
    const { checking } = await accountsOfType();
    const res = await mx.get(`/credit_card_products/CCA-${checking?.guid.slice(4)}`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('credit_card_product');
    expect((await mx.get('/credit_card_products/credit_card_product_guid')).status).toBe(404);
  });
});

describe('investment holdings deactivation', () => {
  it('deactivates a user and a holdings read activates it again; 404 for an unknown user', async () => {
    const { user } = await accountsOfType();
    const res = await mx.get(`/users/${user}/investment_holdings_deactivate`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: 'Successfully deactivated user from billing', status: 200 });
    const tenant = mx.sim.tenants.find('test-client');
    expect(tenant?.holdingsDeactivated.has(user)).toBe(true);
    expect((await mx.get(`/users/${user}/investment_holdings`)).status).toBe(200);
    expect(tenant?.holdingsDeactivated.has(user)).toBe(false);
    const v1 = await mx.get(`/users/${user}/investment_holdings_deactivate`, { headers: VERSION_HEADERS.v20111101 });
    expect(v1.body).toEqual(res.body);
    expect((await mx.get('/users/USR-nobody/investment_holdings_deactivate')).status).toBe(404);
  });
});
