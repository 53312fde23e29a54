// MX's official Node SDK (mx-platform-node@2, API v20111101) against the running simulator, configured
// as its README says (base path, client id and API key, headers through baseOptions) with the
// Accept-Version header MX requires since 2026-08-12 (the SDK does not send it by itself).
// Every exchange, as the server saw it, is checked against MX's v20111101 document and ours.
import { createHash } from 'node:crypto';
import {
  AccountsApi,
  Configuration,
  InstitutionsApi,
  InvestmentHoldingsApi,
  MembersApi,
  RewardsApi,
  StatementsApi,
  TransactionsApi,
  UsersApi,
  WidgetsApi,
} from 'mx-platform-node';
import { describe, expect, it } from 'vitest';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../../src/server/generators/institutions.js';
import { useSdkServer } from '../helpers/sdk.js';

const CLIENT_ID = 'sdk-client';
const API_KEY = 'sdk-api-key';
const V1 = 'application/vnd.mx.api.v1+json';

const sdk = useSdkServer(CLIENT_ID, API_KEY, (server) => {
  expect(server.exchanges.filter((e) => e.version === 'v20111101').length).toBeGreaterThan(50);
});

/** What an SDK call rejected with: axios's error, whose response carries MX's error JSON. */
async function failure(call: Promise<unknown>) {
  const err = (await call.then(
    () => {
      throw new Error('expected the SDK call to fail');
    },
    (e: unknown) => e,
  )) as { isAxiosError?: boolean; response?: { status: number; data: any } };
  expect(err.isAxiosError).toBe(true);
  return { status: err.response?.status, error: err.response?.data?.error };
}

const credentials = (password: string) => [
  { guid: MXBANK_LOGIN_GUID, value: 'mxuser' },
  { guid: MXBANK_PASSWORD_GUID, value: password },
];

describe("MX's Node SDK (mx-platform-node@2.1.0, v20111101)", () => {
  const api = () => ({
    institutions: new InstitutionsApi(sdk.configuration),
    users: new UsersApi(sdk.configuration),
    members: new MembersApi(sdk.configuration),
    accounts: new AccountsApi(sdk.configuration),
    transactions: new TransactionsApi(sdk.configuration),
    statements: new StatementsApi(sdk.configuration),
    holdings: new InvestmentHoldingsApi(sdk.configuration),
    rewards: new RewardsApi(sdk.configuration),
    widgets: new WidgetsApi(sdk.configuration),
  });
  let userGuid: string;
  let memberGuid: string;

  /** Polls the member status as an integration does, advancing the simulated clock between polls. */
  async function poll(member = memberGuid) {
    for (let i = 0; i < 60; i++) {
      const { data } = await api().members.readMemberStatus(member, userGuid);
      const status = data.member as NonNullable<typeof data.member>;
      if (!status.is_being_aggregated || status.connection_status === 'CHALLENGED') return status;
      sdk.server.clock.advance(1_000);
    }
    throw new Error(`member ${member} still aggregating`);
  }

  it('searches institutions with the v20111101 filters and reads MX Bank and its credentials', async () => {
    const { institutions } = api();
    const found = await institutions.listInstitutions('mx bank', undefined, 1, 10, undefined, undefined, true);
    expect(found.status).toBe(200);
    expect(found.headers['content-type']).toContain(V1);
    expect(found.data.institutions?.map((i) => i.code)).toContain('mxbank');
    expect(found.data.pagination).toMatchObject({ current_page: 1, per_page: 10 });
    const mxbank = (await institutions.readInstitution('mxbank')).data.institution;
    expect(mxbank).toMatchObject({
      code: 'mxbank',
      name: 'MX Bank',
      supports_account_identification: true,
      supports_account_statement: true,
      supports_account_verification: true,
      supports_transaction_history: true,
    });
    expect(mxbank).not.toHaveProperty('supported_products');
    const creds = (await institutions.listInstitutionCredentials('mxbank')).data.credentials ?? [];
    expect(creds.map((c) => c.guid)).toEqual([MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID]);
    const favorites = (await institutions.listFavoriteInstitutions(['US'])).data.institutions ?? [];
    expect(favorites.map((i) => i.code)).toContain('mxbank');
  });

  it('creates, reads, updates and lists a user; a reused id is a 409 and an unknown guid a 404', async () => {
    const { users } = api();
    const created = await users.createUser({ user: { id: 'sdk-user-1', email: 'sdk@example.com' } });
    expect(created.status).toBe(200);
    userGuid = created.data.user?.guid as string;
    expect(userGuid).toMatch(/^USR-/);
    expect((await users.readUser(userGuid)).data.user).toMatchObject({ id: 'sdk-user-1', email: 'sdk@example.com' });
    const updated = await users.updateUser(userGuid, { user: { metadata: '{"tier":"gold"}' } });
    expect(updated.data.user?.metadata).toBe('{"tier":"gold"}');
    const listed = await users.listUsers(1, 10, 'sdk-user-1');
    expect(listed.data.users?.map((u) => u.guid)).toEqual([userGuid]);

    const duplicate = await failure(users.createUser({ user: { id: 'sdk-user-1' } }));
    expect(duplicate).toMatchObject({ status: 409, error: { status: 'conflict', type: 'duplicate_user_id' } });
    const missing = await failure(users.readUser('USR-00000000-0000-0000-0000-000000000000'));
    expect(missing).toMatchObject({ status: 404, error: { status: 'not_found' } });
    // v20111101 paths take the guid: the partner id is not a user guid there.
    expect((await failure(users.readUser('sdk-user-1'))).status).toBe(404);
  });

  it('connects MX Bank through an MFA challenge: create (202), poll, challenges, resume, poll', async () => {
    const { members } = api();
    const created = await members.createMember(userGuid, {
      member: { institution_code: 'mxbank', credentials: credentials('challenge'), id: 'sdk-member-1' },
    });
    expect(created.status).toBe(202);
    memberGuid = created.data.member?.guid as string;
    expect(created.data.member).toMatchObject({ connection_status: 'CREATED', is_being_aggregated: true });

    const challenged = await poll();
    expect(challenged.connection_status).toBe('CHALLENGED');
    expect(challenged.challenges?.length).toBe(1);
    const challenges = (await members.listMemberChallenges(memberGuid, userGuid)).data.challenges ?? [];
    expect(challenges[0]).toMatchObject({ type: 'TEXT' });

    const resumed = await members.resumeAggregation(memberGuid, userGuid, {
      member: { challenges: [{ guid: challenges[0]?.guid as string, value: 'correct' }] },
    });
    expect(resumed.status).toBe(202);
    expect(resumed.data.member?.connection_status).toBe('RESUMED');
    expect(await poll()).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
    // Not challenged any more: 204 No Content, which the SDK returns with an empty body.
    expect((await members.listMemberChallenges(memberGuid, userGuid)).status).toBe(204);

    expect((await members.readMember(memberGuid, userGuid)).data.member).toMatchObject({
      guid: memberGuid,
      id: 'sdk-member-1',
      institution_code: 'mxbank',
      user_guid: userGuid,
      successfully_aggregated_at: expect.any(String),
    });
    expect((await members.listMembers(userGuid)).data.members?.map((m) => m.guid)).toEqual([memberGuid]);
    const memberCreds = (await members.listMemberCredentials(memberGuid, userGuid)).data.credentials ?? [];
    expect(memberCreds.map((c) => c.guid)).toEqual([MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID]);
  });

  it('updates the credentials, which aggregates again (UPDATED → CONNECTED)', async () => {
    const { members } = api();
    const updated = await members.updateMember(memberGuid, userGuid, {
      member: { credentials: credentials('correct'), metadata: 'sdk' },
    });
    expect(updated.status).toBe(200);
    expect(updated.data.member).toMatchObject({ connection_status: 'UPDATED', metadata: 'sdk' });
    expect(await poll()).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
  });

  it('reads accounts and transactions (v20111101 account fields, YYYY-MM-DD date filters, category filters)', async () => {
    const { accounts, transactions } = api();
    const all = (await accounts.listUserAccounts(userGuid)).data.accounts ?? [];
    expect(all.length).toBeGreaterThan(3);
    const checking = all.find((a) => a.type === 'CHECKING') as NonNullable<(typeof all)[number]>;
    expect(checking).toMatchObject({
      member_guid: memberGuid,
      institution_guid: 'INS-1572a04c-912b-59bf-5841-332c7dfafaef',
      feed_balance: checking.balance,
      balance_set_by: null,
    });
    expect((await accounts.listMemberAccounts(userGuid, memberGuid)).data.accounts?.length).toBe(all.length);
    expect((await accounts.readAccount(checking.guid as string, userGuid)).data.account?.guid).toBe(checking.guid);
    const byMember = await accounts.readAccountByMember(checking.guid as string, memberGuid, userGuid);
    expect(byMember.data.account?.name).toBe(checking.name);

    const page = await transactions.listTransactions(userGuid, 1, 25, '2025-01-01');
    const txns = page.data.transactions ?? [];
    expect(txns.length).toBe(25);
    expect(page.data.pagination?.total_entries).toBeGreaterThan(25);
    const first = txns[0] as NonNullable<(typeof txns)[number]>;
    // The SDK types readTransaction as the list body (as MX's document does); the body is {transaction}.
    const read = await transactions.readTransaction(userGuid, first.guid as string, 'merchants');
    expect((read.data as { transaction?: { guid: string } }).transaction?.guid).toBe(first.guid);
    const byMemberTxns = await transactions.listTransactionsByMember(memberGuid, userGuid, 1, 10);
    expect(byMemberTxns.data.transactions?.length).toBe(10);
    const byAccount = await transactions.listTransactionsByAccount(checking.guid as string, userGuid, 1, 100);
    expect(byAccount.data.transactions?.every((t) => t.account_guid === checking.guid)).toBe(true);
    const inCategory = await transactions.listTransactions(
      userGuid,
      1,
      100,
      '2025-01-01',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      [first.category_guid as string],
    );
    expect(inCategory.data.transactions?.length).toBeGreaterThan(0);
    expect(inCategory.data.transactions?.every((t) => t.category_guid === first.category_guid)).toBe(true);
  });

  it('identifies (202) and verifies (200) the member, then reads owners and account numbers', async () => {
    const { members, accounts } = api();
    const identify = await members.identifyMember(memberGuid, userGuid);
    expect(identify.status).toBe(202);
    await poll();
    const owners = (await accounts.listAccountOwnersByMember(memberGuid, userGuid)).data.account_owners ?? [];
    expect(owners.length).toBeGreaterThan(0);

    const verify = await members.verifyMember(memberGuid, userGuid);
    expect(verify.status).toBe(200);
    await poll();
    const numbers = (await accounts.listAccountNumbersByMember(memberGuid, userGuid)).data.account_numbers ?? [];
    expect(numbers.length).toBeGreaterThan(0);
    const account = numbers[0]?.account_guid as string;
    const byAccount = await accounts.listAccountNumbersByAccount(account, userGuid);
    expect(byAccount.data.account_numbers?.[0]?.routing_number).toMatch(/^\d{9}$/);
  });

  it('fetches statements and downloads one as a PDF whose SHA-256 is its content_hash', async () => {
    const { statements } = api();
    expect((await statements.fetchStatements(memberGuid, userGuid)).status).toBe(202);
    await poll();
    const list = (await statements.listStatementsByMember(memberGuid, userGuid)).data.statements ?? [];
    expect(list.length).toBeGreaterThan(0);
    const statement = list[0] as NonNullable<(typeof list)[number]>;
    const read = await statements.readStatementByMember(memberGuid, statement.guid as string, userGuid);
    expect(read.data.statement?.content_hash).toBe(statement.content_hash);
    // Binary bodies: the caller asks axios for bytes, as with any axios-based SDK.
    const pdf = await statements.downloadStatementPDF(memberGuid, statement.guid as string, userGuid, {
      responseType: 'arraybuffer',
    });
    expect(pdf.headers['content-type']).toBe('application/vnd.mx.api.v1+pdf');
    const bytes = Buffer.from(pdf.data as unknown as ArrayBuffer);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(statement.content_hash);
  });

  it('reads investment holdings, fetches rewards (200), extends history and checks balances', async () => {
    const { holdings, rewards, transactions, members } = api();
    const all = (await holdings.listHoldings(userGuid)).data.investment_holdings ?? [];
    expect(all.length).toBeGreaterThan(0);
    const holding = all[0] as NonNullable<(typeof all)[number]>;
    expect((await holdings.readHolding(holding.guid as string, userGuid)).data.investment_holding?.guid).toBe(
      holding.guid,
    );
    expect((await holdings.listHoldingsByMember(memberGuid, userGuid)).data.investment_holdings?.length).toBe(
      all.length,
    );
    const byAccount = await holdings.listHoldingsByAccount(holding.account_guid as string, userGuid);
    expect(byAccount.data.investment_holdings?.length).toBeGreaterThan(0);

    expect((await rewards.fetchRewards(userGuid, memberGuid)).status).toBe(200);
    await poll();
    const list = (await rewards.listRewards(userGuid, memberGuid)).data.rewards ?? [];
    expect(list.length).toBeGreaterThan(0);
    const reward = list[0] as NonNullable<(typeof list)[number]>;
    expect(Number.isInteger(reward.balance)).toBe(true);
    expect((await rewards.readRewards(userGuid, memberGuid, reward.guid as string)).data.reward?.guid).toBe(
      reward.guid,
    );

    const before = (await transactions.listTransactions(userGuid, 1, 10, '2024-01-01')).data.pagination;
    expect((await transactions.extendHistory(memberGuid, userGuid)).status).toBe(202);
    await poll();
    const after = (await transactions.listTransactions(userGuid, 1, 10, '2024-01-01')).data.pagination;
    expect(after?.total_entries).toBeGreaterThan(before?.total_entries as number);

    expect((await members.checkBalances(memberGuid, userGuid)).status).toBe(202);
    await poll();
  });

  it('aggregates (202); another job type while it runs is a 409', async () => {
    const { members } = api();
    const aggregate = await members.aggregateMember(memberGuid, userGuid, undefined, true, true);
    expect(aggregate.status).toBe(202);
    expect(aggregate.data.member?.is_being_aggregated).toBe(true);
    const busy = await failure(members.identifyMember(memberGuid, userGuid));
    expect(busy).toMatchObject({ status: 409, error: { type: 'job_in_progress' } });
    expect(await poll()).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
  });

  it('connects an OAuth member through its oauth_window_uri', async () => {
    const { members, widgets } = api();
    // The SDK's types require credentials (as MX's document does): an OAuth member sends none.
    const created = await members.createMember(userGuid, {
      member: { institution_code: 'mxcu_oauth', is_oauth: true, credentials: [] },
    });
    expect(created.status).toBe(200);
    expect(created.data.member).toMatchObject({ connection_status: 'PENDING', is_being_aggregated: false });
    const oauthGuid = created.data.member?.guid as string;
    const window = await widgets.requestOAuthWindowURI(oauthGuid, userGuid);
    const uri = window.data.member?.oauth_window_uri as string;
    expect(uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\//);
    // The user approves in the browser.
    expect((await fetch(`${uri}?action=approve`)).status).toBe(200);
    expect(await poll(oauthGuid)).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
    await members.deleteMember(oauthGuid, userGuid);
  });

  it('asks for widget URLs (requestWidgetURL, the deprecated requestConnectWidgetURL): single-use pages here', async () => {
    const { widgets } = api();
    const res = await widgets.requestWidgetURL(
      userGuid,
      { widget_url: { widget_type: 'connect_widget', current_institution_code: 'mxbank', ui_message_version: 4 } },
      'en-US',
      'c2RrLXRyYWNl',
    );
    expect(res.status).toBe(200);
    expect(res.data.widget_url).toMatchObject({ type: 'connect_widget', user_id: 'sdk-user-1' });
    const url = res.data.widget_url?.url as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/md\/connect\//);
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url)).status).toBe(404);
    const old = await widgets.requestConnectWidgetURL(userGuid, {
      config: { is_mobile_webview: true, mode: 'aggregation' },
    });
    expect(old.status).toBe(200);
    expect(old.data.user).toMatchObject({
      guid: userGuid,
      connect_widget_url: expect.stringContaining('/md/connect/'),
    });
    const bad = await failure(
      widgets.requestWidgetURL(userGuid, { widget_url: { widget_type: 'connect_widget', mode: 'x' } }),
    );
    expect(bad).toMatchObject({ status: 400, error: { type: 'validation_error' } });
  });

  it('shares state with v20250224: what the SDK created is read there, by partner id too', async () => {
    const auth = `${CLIENT_ID}:${API_KEY}`;
    const v25 = await sdk.server.get('/users/sdk-user-1/members/sdk-member-1', { auth });
    expect(v25.status).toBe(200);
    expect(v25.headers.get('content-type')).toBe('application/json');
    expect(v25.body.member.guid).toBe(memberGuid);
    const accounts = await sdk.server.get('/users/sdk-user-1/accounts', { auth });
    expect(accounts.body.accounts.length).toBeGreaterThan(0);
    expect(accounts.body.accounts[0]).not.toHaveProperty('feed_balance');
    const institution = await sdk.server.get('/institutions/mxbank', { auth });
    expect(institution.body.institution.supported_products).toContain('account_verification');
  });

  it('surfaces MX errors: 400 validation, 404 unknown member, 401 bad key, 406 without Accept-Version', async () => {
    const { members } = api();
    const invalid = await failure(
      members.createMember(userGuid, { member: { credentials: credentials('correct') } } as never),
    );
    expect(invalid).toMatchObject({ status: 400, error: { status: 'bad_request', type: 'validation_error' } });
    expect(invalid.error.message).toContain('member.institution_code');
    const badCredential = await failure(
      members.createMember(userGuid, {
        member: { institution_code: 'mxbank', credentials: [{ guid: MXBANK_LOGIN_GUID, value: 'mxuser' }] },
      }),
    );
    expect(badCredential.status).toBe(400);
    expect(badCredential.error.message).toContain(`missing value for PASSWORD (guid ${MXBANK_PASSWORD_GUID})`);
    const unknown = await failure(members.readMember('MBR-00000000-0000-0000-0000-000000000000', userGuid));
    expect(unknown).toMatchObject({ status: 404, error: { status: 'not_found' } });

    const wrongKey = new MembersApi(new Configuration({ ...sdk.configuration, password: 'wrong' }));
    expect((await failure(wrongKey.listMembers(userGuid))).status).toBe(401);
    const noAccept = new MembersApi(
      new Configuration({ basePath: sdk.server.url, username: CLIENT_ID, password: API_KEY }),
    );
    const notAcceptable = await failure(noAccept.listMembers(userGuid));
    expect(notAcceptable).toMatchObject({ status: 406, error: { status: 'not_acceptable' } });
    expect(notAcceptable.error.message).toContain("'Accept-Version: v20111101'");
    // Configured as before 2026-08-12 (the v1 Accept header alone): MX now refuses it, and so does mx-sim.
    const acceptOnly = new MembersApi(
      new Configuration({ ...sdk.configuration, baseOptions: { headers: { Accept: V1 } } }),
    );
    const old = await failure(acceptOnly.listMembers(userGuid));
    expect(old).toMatchObject({ status: 406, error: { status: 'not_acceptable' } });
    expect(old.error.message).toMatch(/^Missing Accept-Version header: .*'Accept-Version: v20111101'/);
  });

  it('deletes the member and the user (204), after which they are gone', async () => {
    const { members, users } = api();
    expect((await members.deleteMember(memberGuid, userGuid)).status).toBe(204);
    expect((await failure(members.readMember(memberGuid, userGuid))).status).toBe(404);
    expect((await users.deleteUser(V1, userGuid)).status).toBe(204);
    expect((await failure(users.readUser(userGuid))).status).toBe(404);
  });
});
