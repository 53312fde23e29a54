// Drives every operation the simulator serves over HTTP, in each API version, and checks each response
// against MX's official document for that version (when on this machine) and the project's own.
import { describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/mx/versions.js';
import { budgetsFlow } from '../helpers/budgets-flow.js';
import { mxValidator, ownValidator } from '../helpers/contract.js';
import { goalsFlow } from '../helpers/goals-flow.js';
import { insightsFlow } from '../helpers/insights-flow.js';
import { credentialsFor, settle } from '../helpers/members.js';
import { type TestServer, useServer } from '../helpers/server.js';

/** What differs in the flow by version: v20111101 filters institutions by `supports_*` flags. */
const SEARCH: Record<ApiVersion, string> = {
  v20250224: '/institutions?name=bank&supported_products=transactions',
  v20111101: '/institutions?name=bank&supports_account_verification=true&supports_transaction_history=true',
};

describe.each(['v20250224', 'v20111101'] as const)('conformance %s', (version) => {
  const mx = useServer({ version });
  flow(mx, version);
});

function flow(mx: TestServer, version: ApiVersion) {
  async function settleAnswering(path: string) {
    const status = await settle(mx, path);
    if (status.connection_status !== 'CHALLENGED') return;
    const challenges = (await mx.get(`${path}/challenges`)).body.challenges;
    await mx.put(`${path}/resume`, {
      member: { challenges: challenges.map((c: any) => ({ guid: c.guid, value: 'correct' })) },
    });
    await settle(mx, path);
  }

  /** Every read endpoint of a connected member's data. */
  async function readEverything(user: string, path: string) {
    const accounts = (await mx.get(`/users/${user}/accounts`)).body.accounts;
    const account = accounts.find((a: any) => a.type === 'INVESTMENT') ?? accounts[0];
    const checking = accounts[0];
    await mx.get(`${path}/accounts`);
    await mx.get(`/users/${user}/accounts/${checking.guid}`);
    await mx.get(`${path}/accounts/${checking.guid}`);
    const txns = (
      await mx.get(`/users/${user}/transactions?includes=merchants,classifications,geolocations,repeating_transactions`)
    ).body.transactions;
    await mx.get(`${path}/transactions?from_date=2025-01-01`);
    await mx.get(`/users/${user}/accounts/${checking.guid}/transactions`);
    const memberGuid = path.split('/').pop();
    await mx.get(`/users/${user}/transactions/${txns[0].guid}`);
    if (version === 'v20250224') {
      // Operations MX added in v20250224.
      await mx.get(`/users/${user}/members/${memberGuid}/accounts/${checking.guid}/transactions`);
      await mx.get(`${path}/accounts/${txns[0].account_guid}/transactions/${txns[0].guid}`);
    } else {
      await mx.get(`${path}/transactions?top_level_category_guid=${txns[0].category_guid}&from_date=2025-01-01`);
    }
    await mx.get(`${path}/account_owners`);
    await mx.get(`/users/${user}/members/${memberGuid}/account_numbers`);
    await mx.get(`/users/${user}/accounts/${checking.guid}/account_numbers`);
    const statements = (await mx.get(`/users/${user}/members/${memberGuid}/statements`)).body.statements;
    for (const s of statements.slice(0, 1)) {
      await mx.get(`/users/${user}/members/${memberGuid}/statements/${s.guid}`);
      await mx.get(`/users/${user}/members/${memberGuid}/statements/${s.guid}.pdf`);
    }
    const holdings = (await mx.get(`/users/${user}/investment_holdings`)).body.investment_holdings;
    await mx.get(`/users/${user}/members/${memberGuid}/investment_holdings`);
    await mx.get(`/users/${user}/accounts/${account.guid}/investment_holdings`);
    if (holdings[0]) await mx.get(`/users/${user}/investment_holdings/${holdings[0].guid}`);
    const rewards = (await mx.get(`/users/${user}/members/${memberGuid}/rewards`)).body.rewards;
    if (rewards[0]) await mx.get(`/users/${user}/members/${memberGuid}/rewards/${rewards[0].guid}`);
  }

  /** Processor tokens (as the client, then the processor), verifiable credentials, card products, billing. */
  async function payments(user: string, path: string) {
    const member = path.split('/').pop() as string;
    const account = (await mx.get(`${path}/account_numbers`)).body.account_numbers[0].account_guid as string;
    const scope = `user-guid:${user} member-guid:${member} account-guid:${account} read-protected`;
    const code = (await mx.post('/authorization_code', { authorization_code: { scope } })).body.authorization_code.code;
    if (version === 'v20111101') {
      const guids = { user_guid: user, member_guid: member, account_guid: account };
      await mx.post('/payment_processor_authorization_code', { payment_processor_authorization_code: guids });
    }
    const exchange = `/token?grant_type=authorization_code&code=${code}`;
    const token = (await mx.post(exchange, undefined, { auth: 'conf-processor:key' })).body.access_token;
    const bearer = { auth: null, headers: { Authorization: `Bearer ${token}` } };
    await mx.get('/account/account_numbers', bearer);
    await mx.get('/payment_account', bearer);
    await mx.get('/account/transactions', bearer);
    await mx.post('/account/check_balance', undefined, bearer);
    await settleAnswering(path);
    await mx.get(`/tokens?account_guid=${account}`);
    await mx.get(`/vc/users/${user}/members/${member}/customers`);
    await mx.get(`/vc/users/${user}/members/${member}/accounts`);
    await mx.get(`/vc/users/${user}/accounts/${account}/transactions`);
    const card = (await mx.get(`${path}/accounts`)).body.accounts.find((a: any) => a.type === 'CREDIT_CARD');
    await mx.get(`/credit_card_products/CCA-${card.guid.slice(4)}`);
    await mx.get(`/users/${user}/investment_holdings_deactivate`);
  }

  /** Microdeposits from create to verify and delete, and an ACH return for the member's first account. */
  async function microdepositsAndReturns(user: string, member: string) {
    const md = (
      await mx.post(`/users/${user}/micro_deposits`, {
        micro_deposit: { account_number: '3331261', account_type: 'CHECKING', routing_number: '091000019' },
      })
    ).body.micro_deposit;
    mx.clock.advance(120_000);
    await mx.get(`/users/${user}/micro_deposits`);
    await mx.get(`/users/${user}/micro_deposits/${md.guid}`);
    await mx.get(`/users/${user}/account_verifications`);
    const amounts = (await mx.get('/_mx-sim/micro_deposits')).body.micro_deposits[0];
    const { deposit_amount_1, deposit_amount_2 } = amounts;
    await mx.put(`/micro_deposits/${md.guid}/verify`, { micro_deposit: { deposit_amount_1, deposit_amount_2 } });
    await mx.del(`/users/${user}/micro_deposits/${md.guid}`);
    const account = (await mx.get(`/users/${user}/accounts`)).body.accounts[0].guid;
    const ach = { id: 'conf-r', user_guid: user, member_guid: member, account_guid: account, return_code: 'R01' };
    const returned = (await mx.post('/ach_returns', { ach_return: ach })).body.ach_return;
    await mx.get('/ach_returns?return_code=R01');
    await mx.get(`/ach_returns/${returned.guid}`);
  }

  /** Categories, tags and taggings of a user with transactions. */
  async function categoriesAndTags(user: string) {
    const txn = (await mx.get(`/users/${user}/transactions`)).body.transactions[0];
    const defaults = (await mx.get('/categories/default')).body.categories;
    await mx.get(`/categories/${defaults[1].guid}`);
    await mx.get(`/users/${user}/categories/default`);
    const parent = defaults[0].guid;
    const custom = (await mx.post(`/users/${user}/categories`, { category: { name: 'Mine', parent_guid: parent } }))
      .body.category;
    await mx.get(`/users/${user}/categories`);
    await mx.get(`/users/${user}/categories/${custom.guid}`);
    await mx.put(`/users/${user}/categories/${custom.guid}`, { category: { metadata: 'm' } });
    await mx.del(`/users/${user}/categories/${custom.guid}`);
    const tag = (await mx.post(`/users/${user}/tags`, { tag: { name: 'Trip' } })).body.tag;
    const business = (await mx.get(`/users/${user}/tags`)).body.tags[0];
    await mx.get(`/users/${user}/tags/${tag.guid}`);
    await mx.put(`/users/${user}/tags/${tag.guid}`, { tag: { name: 'Trip 2' } });
    const tagging = (
      await mx.post(`/users/${user}/taggings`, { tagging: { tag_guid: tag.guid, transaction_guid: txn.guid } })
    ).body.tagging;
    await mx.get(`/users/${user}/taggings`);
    await mx.get(`/users/${user}/taggings/${tagging.guid}`);
    await mx.get(`/users/${user}/tags/${tag.guid}/transactions`);
    await mx.put(`/users/${user}/taggings/${tagging.guid}`, { tagging: { tag_guid: business.guid } });
    await mx.del(`/users/${user}/taggings/${tagging.guid}`);
    await mx.del(`/users/${user}/tags/${tag.guid}`);
  }

  /** Manual accounts and transactions, updating an account, merging accounts (v20250224). */
  async function manualAccounts(user: string, path: string) {
    const manual = (
      await mx.post(`/users/${user}/accounts`, { account: { name: 'Cash jar', account_type: 'CASH', balance: 40 } })
    ).body.account;
    const txn = (
      await mx.post(`/users/${user}/accounts/${manual.guid}/transactions`, {
        transaction: { amount: 12.5, date: '2025-01-02', description: 'Coffee', type: 'DEBIT' },
      })
    ).body;
    await mx.put(`/users/${user}/members/${manual.member_guid}/accounts/${manual.guid}`, { account: { name: 'Jar' } });
    const aggregated = (await mx.get(`${path}/accounts`)).body.accounts[0];
    await mx.put(`${path}/accounts/${aggregated.guid}`, { account: { is_hidden: true } });
    await mx.del(`/users/${user}/transactions/${txn.guid}`);
    const other = (await mx.post(`/users/${user}/accounts`, { account: { name: 'Dup', account_type: 'SAVINGS' } })).body
      .account;
    if (version === 'v20250224') {
      await mx.post(`/users/${user}/accounts/merge`, { account: { account_guids: [aggregated.guid, other.guid] } });
    } else await mx.del(`/users/${user}/accounts/${other.guid}`);
    await mx.del(`/users/${user}/accounts/${manual.guid}`);
  }

  /** Managed data: the managed institution list, partner-managed members, their accounts and transactions. */
  async function managedData(user: string) {
    await mx.get('/managed_institutions');
    const member = (
      await mx.post(`/users/${user}/managed_members`, { member: { institution_code: 'mxbank', name: 'Managed' } })
    ).body.member;
    const at = `/users/${user}/managed_members/${member.guid}`;
    await mx.get(`/users/${user}/managed_members`);
    await mx.get(at);
    await mx.put(at, { member: { metadata: 'm' } });
    const account = (
      await mx.post(`${at}/accounts`, {
        account: { id: 'managed-1', name: 'Managed checking', type: 'CHECKING', balance: 100, apr: 1.5 },
      })
    ).body.account;
    const accountAt = `${at}/accounts/${account.guid}`;
    await mx.get(`${at}/accounts`);
    await mx.get(accountAt);
    await mx.put(accountAt, { account: { nickname: 'Bills', is_hidden: true } });
    const txn = (
      await mx.post(`${accountAt}/transactions`, {
        transaction: {
          amount: '61.11',
          description: 'Whole foods',
          status: 'POSTED',
          type: 'DEBIT',
          transacted_at: '2026-01-06T13:00:00.000Z',
          posted_at: '2026-01-07T06:00:00.000Z',
          category: 'Groceries',
          latitude: -43.2,
          longitude: 139.7,
        },
      })
    ).body.transaction;
    const txnAt = `${accountAt}/transactions/${txn.guid}`;
    await mx.get(`${accountAt}/transactions`);
    await mx.get(`${accountAt}/transactions?from_date=2026-01-01&to_date=2026-01-31`);
    await mx.get(txnAt);
    await mx.put(txnAt, { transaction: { memo: 'weekly', status: 'PENDING' } });
    // They show in the ordinary operations too.
    await mx.get(`/users/${user}/accounts/${account.guid}`);
    await mx.get(`/users/${user}/transactions/${txn.guid}`);
    await mx.del(txnAt);
    await mx.del(accountAt);
    await mx.del(at);
  }

  /** Transaction updates and transaction rules. */
  async function transactionEdits(user: string, path: string) {
    const txn = (await mx.get(`/users/${user}/transactions`)).body.transactions[0];
    await mx.put(`/users/${user}/transactions/${txn.guid}`, { transaction: { description: 'Edited' } });
    await mx.put(`${path}/accounts/${txn.account_guid}/transactions/${txn.guid}`, {
      transaction: { description: 'Edited again' },
    });
    const rule = (
      await mx.post(`/users/${user}/transaction_rules`, {
        transaction_rule: { category_guid: txn.category_guid, match_description: 'a', description: 'Ruled' },
      })
    ).body.transaction_rule;
    await mx.get(`/users/${user}/transaction_rules`);
    await mx.get(`/users/${user}/transaction_rules/${rule.guid}`);
    await mx.put(`/users/${user}/transaction_rules/${rule.guid}`, { transaction_rule: { match_description: 'e' } });
    await mx.del(`/users/${user}/transaction_rules/${rule.guid}`);
    const half = Math.round(txn.amount * 50) / 100;
    await mx.post(`/users/${user}/transactions/${txn.guid}/split`, { transactions: { amount: half } });
    await mx.get(`/users/${user}/transactions`);
    await mx.del(`/users/${user}/transactions/${txn.guid}/split`);
    if (version === 'v20250224') {
      const byAccount = `${path}/accounts/${txn.account_guid}/transactions/${txn.guid}/split`;
      await mx.post(byAccount, { transactions: { amount: half } });
      await mx.del(byAccount);
    }
  }

  /** Merchants, enhanced transactions, repeating transactions and the monthly cash-flow profile. */
  async function merchantsAndInsight(user: string) {
    const txn = (await mx.get(`/users/${user}/transactions?records_per_page=100`)).body.transactions.find(
      (t: any) => t.merchant_guid !== null,
    );
    await mx.get('/merchants?name=market');
    await mx.get(`/merchants/${txn.merchant_guid}`);
    await mx.get(`/merchant_locations/${txn.merchant_location_guid}`);
    await mx.post('/transactions/enhance', { transactions: [{ id: 't1', description: 'POS FRESH FIELDS MARKET' }] });
    const series = (await mx.get(`/users/${user}/repeating_transactions`)).body.repeating_transactions;
    await mx.get(`/users/${user}/repeating_transactions/${series[0].guid}`);
    await mx.get(`/users/${user}/monthly_cash_flow_profile`);
    await mx.put(`/users/${user}/monthly_cash_flow_profile`, {
      monthly_cash_flow_profile: { goals_contribution: 100 },
    });
  }

  /** Spending plans: plans, their accounts, iterations and the current iteration's items. */
  async function spendingPlans(user: string) {
    const base = `/users/${user}/spending_plans`;
    const plan = (await mx.post(base)).body;
    await mx.get(base);
    await mx.get(`${base}/${plan.guid}`);
    const accounts = (await mx.get(`${base}/${plan.guid}/spending_plan_accounts`)).body.spending_plan_accounts;
    await mx.get(`${base}/${plan.guid}/spending_plan_accounts/${accounts[0].guid}`);
    await mx.del(`${base}/${plan.guid}/spending_plan_accounts/${accounts[0].guid}`);
    await mx.get(`${base}/${plan.guid}/iterations`);
    await mx.get(`${base}/${plan.guid}/iterations/current`);
    await mx.get(`${base}/${plan.guid}/iterations/1`);
    const items = `${base}/${plan.guid}/iterations/current/iteration_items`;
    const category = (await mx.get('/categories/default')).body.categories[1].guid;
    const item = (await mx.post(items, { planned_amount: 120, category_guid: category, item_type: 0 })).body;
    await mx.get(items);
    await mx.get(`${items}/${item.guid}`);
    await mx.put(`${items}/${item.guid}`, { planned_amount: 90 });
    await mx.del(`${items}/${item.guid}`);
    await mx.del(`${base}/${plan.guid}`);
  }

  it('exercises every documented operation with a success response', async () => {
    const user = (await mx.post('/users', { user: { id: 'conf-1', email: 'c@example.com', metadata: '{}' } })).body
      .user;
    await mx.get('/users');
    await mx.get(`/users/${user.guid}`);
    await mx.put(`/users/${user.guid}`, { user: { is_disabled: true } });
    await mx.get(SEARCH[version]);
    await mx.get('/institutions/favorites');
    await mx.get('/institutions/mxbank');
    await mx.get('/institutions/mxbank/credentials');
    const creds = await credentialsFor(mx, 'mxbank', 'challenge');
    const created = await mx.post(`/users/${user.guid}/members`, {
      member: { institution_code: 'mxbank', credentials: creds, id: 'conf-m' },
      data_request: { products: ['transactions', 'identity_verification'] },
    });
    const path = `/users/${user.guid}/members/${created.body.member.guid}`;
    await mx.get(`/users/${user.guid}/members`);
    await mx.get(path);
    await mx.get(`${path}/credentials`);
    await settleAnswering(path);
    await readEverything(user.guid, path);
    // The 'challenge' password challenges every job: each is answered.
    for (const job of ['verify', 'fetch_statements', 'extend_history', 'fetch_rewards', 'identify', 'check_balance']) {
      expect((await mx.post(`${path}/${job}`)).status).toBeLessThan(300);
      await settleAnswering(path);
    }
    await readEverything(user.guid, path);
    await payments(user.guid, path);
    await categoriesAndTags(user.guid);
    await transactionEdits(user.guid, path);
    await manualAccounts(user.guid, path);
    await managedData(user.guid);
    await merchantsAndInsight(user.guid);
    await budgetsFlow(mx, user.guid);
    await insightsFlow(mx, user.guid);
    await goalsFlow(mx, user.guid, version);
    await spendingPlans(user.guid);
    await mx.post(`${path}/aggregate`);
    await mx.put(path, { member: { metadata: 'x' } });
    await microdepositsAndReturns(user.guid, created.body.member.guid);
    const oauth = await mx.post(`/users/${user.guid}/members`, {
      member: { institution_code: 'mxcu_oauth', is_oauth: true },
    });
    await mx.get(`/users/${user.guid}/members/${oauth.body.member.guid}/oauth_window_uri`);
    await mx.post(`/users/${user.guid}/widget_urls`, {
      widget_url: { widget_type: 'connect_widget', current_member_guid: created.body.member.guid },
    });
    if (version === 'v20111101') {
      await mx.post(`/users/${user.guid}/connect_widget_url`, { config: { current_institution_code: 'mxbank' } });
    }
    await mx.del(path);
    await mx.del(`/users/${user.guid}`);

    const ours = await ownValidator(version);
    const exercised = new Set(
      mx.exchanges.filter((e) => e.status < 300).map((e) => ours.operationFor(e.method, e.path)?.operationId),
    );
    expect(ours.operationIds().filter((id) => !exercised.has(id))).toEqual([]);
  });

  it("maps every simulated operation onto an operation of MX's document", async (ctx) => {
    const theirs = await mxValidator(version);
    if (!theirs) {
      console.info(`skipped: MX's ${version} document not found (set MX_OPENAPI_SPEC to the folder holding it)`);
      return ctx.skip();
    }
    const ours = await ownValidator(version);
    const unmatched = mx.exchanges
      .filter((e) => e.status < 300)
      .filter(
        (e) => theirs.operationFor(e.method, e.path)?.operationId !== ours.operationFor(e.method, e.path)?.operationId,
      );
    expect(unmatched).toEqual([]);
  });
}
