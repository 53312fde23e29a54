// The legacy version over raw HTTP: how it is selected, and where its wire differs from v20250224's
// over the same state.
import { describe, expect, it } from 'vitest';
import { createMember, settle } from '../helpers/members.js';
import { useServer } from '../helpers/server.js';

const V1 = 'application/vnd.mx.api.v1+json';
const mx = useServer({ version: 'v20111101' });
const v25 = { 'Accept-Version': 'v20250224', Accept: 'application/json' };

describe('v20111101', () => {
  it('is selected by Accept-Version: v20111101, with the v1 Accept or application/json', async () => {
    const byAccept = await mx.get('/institutions/mxbank', { headers: { Accept: V1, 'Accept-Version': 'v20111101' } });
    expect(byAccept.status).toBe(200);
    expect(byAccept.headers.get('content-type')).toBe(V1);
    expect(byAccept.body.institution).toHaveProperty('supports_account_verification', true);
    const byHeader = await mx.get('/institutions/mxbank', {
      headers: { Accept: 'application/json', 'Accept-Version': 'v20111101' },
    });
    expect(byHeader.body).toEqual(byAccept.body);
    // The same path in v20250224 answers its own shape (the catalogue cache keeps the versions apart).
    const modern = await mx.get('/institutions/mxbank', { headers: v25 });
    expect(modern.headers.get('content-type')).toBe('application/json');
    expect(modern.body.institution).toHaveProperty('supported_products');
    expect(modern.body.institution).not.toHaveProperty('supports_account_verification');
  });

  it('filters institutions with the supports_* flags and rejects a flag that is not a boolean', async () => {
    const all = (await mx.get('/institutions?records_per_page=100')).body.pagination.total_entries;
    const statements = await mx.get('/institutions?supports_account_statement=true&records_per_page=100');
    expect(statements.body.pagination.total_entries).toBeLessThan(all);
    expect(statements.body.institutions.every((i: any) => i.supports_account_statement)).toBe(true);
    const bad = await mx.get('/institutions?supports_account_statement=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('supports_account_statement: must be true or false');
  });

  it('takes guids where v20250224 takes identifiers, over the same members', async () => {
    const { user, member, path } = await createMember(mx, 'password', 'mxbank', { id: 'legacy-member' });
    await settle(mx, path);
    const userId = (await mx.get(`/users/${user}`)).body.user.id;
    expect((await mx.get(`/users/${userId}/members/${member}`)).status).toBe(404);
    expect((await mx.get(`/users/${user}/members/legacy-member`)).status).toBe(404);
    const modern = await mx.get(`/users/${userId}/members/legacy-member`, { headers: v25 });
    expect(modern.body.member.guid).toBe(member);
    // v20250224-only operations do not exist in v20111101.
    const account = (await mx.get(`/users/${user}/accounts`)).body.accounts[0];
    expect((await mx.get(`${path}/accounts/${account.guid}/transactions`)).status).toBe(404);
    expect((await mx.get(`${path}/accounts/${account.guid}/transactions`, { headers: v25 })).status).toBe(200);
  });

  it('answers accounts with the feed, set-by and institution fields', async () => {
    const { user, path } = await createMember(mx, 'password');
    await settle(mx, path);
    const accounts = (await mx.get(`/users/${user}/accounts`)).body.accounts;
    const investment = accounts.find((a: any) => a.type === 'INVESTMENT');
    expect(investment).toMatchObject({
      institution_guid: 'INS-1572a04c-912b-59bf-5841-332c7dfafaef',
      feed_balance: investment.balance,
      feed_name: investment.name,
      balance_set_by: null,
      feed_account_type: null,
    });
    expect(investment.holdings_value).toBeCloseTo(investment.balance - investment.cash_balance, 2);
  });

  it('filters transactions by category and top-level category guid', async () => {
    const { user, path } = await createMember(mx, 'password');
    await settle(mx, path);
    const all = (await mx.get(`/users/${user}/transactions?records_per_page=1000`)).body;
    const sample = all.transactions.find((t: any) => t.top_level_category !== t.category);
    const byCategory = (await mx.get(`/users/${user}/transactions?category_guid[]=${sample.category_guid}`)).body;
    expect(byCategory.pagination.total_entries).toBeGreaterThan(0);
    expect(byCategory.pagination.total_entries).toBeLessThan(all.pagination.total_entries);
    expect(byCategory.transactions.every((t: any) => t.category_guid === sample.category_guid)).toBe(true);
    const top = all.transactions.find((t: any) => t.top_level_category === t.category);
    const byTop = (await mx.get(`${path}/transactions?top_level_category_guid=${top.category_guid}`)).body;
    expect(byTop.transactions.length).toBeGreaterThan(0);
    expect(byTop.transactions.every((t: any) => t.top_level_category === top.top_level_category)).toBe(true);
  });

  it('creates a member without data_request and takes aggregate include_* flags', async () => {
    const { path, res } = await createMember(mx, 'password', 'mxbank', { skip_aggregation: true });
    expect(res.status).toBe(200);
    expect(res.body.member.is_being_aggregated).toBe(false);
    const aggregate = await mx.post(`${path}/aggregate?include_holdings=false&include_transactions=true`);
    expect(aggregate.status).toBe(202);
    expect((await mx.post(`${path}/aggregate?include_holdings=maybe`)).status).toBe(400);
  });

  it('include_transactions=false refreshes balances without new transactions; include_holdings=false keeps prices', async () => {
    const { user, path } = await createMember(mx, 'password');
    await settle(mx, path);
    const count = async () => (await mx.get(`${path}/transactions?records_per_page=10`)).body.pagination.total_entries;
    const holding = async () => (await mx.get(`/users/${user}/investment_holdings`)).body.investment_holdings[0];
    const before = { transactions: await count(), holding: await holding() };
    // Past midnight (prices move daily), before background aggregation is due (24 h).
    mx.clock.advance(23 * 3_600_000);
    expect((await mx.post(`${path}/aggregate?include_transactions=false&include_holdings=false`)).status).toBe(202);
    const quiet = await settle(mx, path);
    expect(quiet.connection_status).toBe('CONNECTED');
    expect(await count()).toBe(before.transactions);
    expect((await holding()).current_price_as_of).toBe(before.holding.current_price_as_of);
    mx.clock.advance(1_800_000);
    expect((await mx.post(`${path}/aggregate`)).status).toBe(202);
    await settle(mx, path);
    expect(await count()).toBeGreaterThan(before.transactions);
    expect((await holding()).current_price_as_of).not.toBe(before.holding.current_price_as_of);
  });
});
