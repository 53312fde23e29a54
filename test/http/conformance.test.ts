// Drives every operation the simulator serves over HTTP, in each API version, and checks each response
// against MX's official document for that version (when on this machine) and the project's own.
import { describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/mx/versions.js';
import { mxValidator, ownValidator } from '../helpers/contract.js';
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
    await mx.post(`${path}/aggregate`);
    await mx.put(path, { member: { metadata: 'x' } });
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
