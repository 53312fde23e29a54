// Processor tokens, verifiable credentials, credit card products and the holdings deactivation through
// MX's official Node SDK (mx-platform-node@2.1.0, v20111101): the client with its Basic credentials, the
// processor with its own (POST /token, which the SDK has no method for) and then only its Bearer token.
// Every exchange, as the server saw it, is checked against MX's v20111101 document and ours.
import {
  AccountsApi,
  Configuration,
  InvestmentHoldingsApi,
  MembersApi,
  ProcessorTokenApi,
  RewardsApi,
  UsersApi,
  VerifiableCredentialsApi,
} from 'mx-platform-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../../src/server/generators/institutions.js';
import { expectConformant } from '../helpers/contract.js';
import { basic, startServer, type TestServer } from '../helpers/server.js';

const CLIENT = { client_id: 'sdk-partner', api_key: 'partner-key' };
const PROCESSOR = { client_id: 'sdk-processor', api_key: 'processor-key' };
const V1 = 'application/vnd.mx.api.v1+json';
const HEADERS = { Accept: V1, 'Accept-Version': 'v20111101' };

let server: TestServer;
let client: Configuration;

beforeAll(async () => {
  server = await startServer({ clients: [CLIENT, PROCESSOR], recordServerSide: true, socket: true });
  client = new Configuration({
    basePath: server.url,
    username: CLIENT.client_id,
    password: CLIENT.api_key,
    baseOptions: { headers: HEADERS },
  });
});

afterAll(async () => {
  await server.close();
  await expectConformant(server.exchanges);
});

/** The processor's SDK configuration: its access token only. */
const processorWith = (accessToken: string) =>
  new ProcessorTokenApi(new Configuration({ basePath: server.url, accessToken, baseOptions: { headers: HEADERS } }));

describe("MX's Node SDK: processor tokens and what hangs off a verified member", () => {
  let user: string;
  let member: string;
  let account: string;

  it('connects and verifies an MX Bank member', async () => {
    user = (await new UsersApi(client).createUser({ user: { id: 'sdk-proc-user' } })).data.user?.guid as string;
    const members = new MembersApi(client);
    const created = await members.createMember(user, {
      member: {
        institution_code: 'mxbank',
        credentials: [
          { guid: MXBANK_LOGIN_GUID, value: 'mxuser' },
          { guid: MXBANK_PASSWORD_GUID, value: 'password' },
        ],
      },
    });
    member = created.data.member?.guid as string;
    const poll = async () => {
      for (let i = 0; i < 60; i++) {
        const status = (await members.readMemberStatus(member, user)).data.member;
        if (!status?.is_being_aggregated) return status;
        server.clock.advance(1_000);
      }
      throw new Error('still aggregating');
    };
    expect((await poll())?.connection_status).toBe('CONNECTED');
    await members.verifyMember(member, user);
    await poll();
    const numbers = (await new AccountsApi(client).listAccountNumbersByMember(member, user)).data.account_numbers ?? [];
    account = numbers[0]?.account_guid as string;
    expect(account).toMatch(/^ACT-/);
  });

  it('issues a code (and the deprecated way), which the processor exchanges and reads the account with', async () => {
    const tokens = new ProcessorTokenApi(client);
    const scope = `user-guid:${user} member-guid:${member} account-guid:${account} read-protected`;
    const code = (await tokens.requestAuthorizationCode({ authorization_code: { scope } })).data.authorization_code
      ?.code as string;
    const old = await tokens.deprecatedRequestPaymentProcessorAuthorizationCode({
      payment_processor_authorization_code: { user_guid: user, member_guid: member, account_guid: account },
    });
    expect(old.data.payment_processor_authorization_code?.authorization_code).toMatch(/^[\w-]{43}$/);

    const exchanged = await fetch(`${server.url}/token?grant_type=authorization_code&code=${code}`, {
      method: 'POST',
      headers: { ...HEADERS, Authorization: basic(`${PROCESSOR.client_id}:${PROCESSOR.api_key}`) },
    });
    expect(exchanged.status).toBe(200);
    const { access_token: accessToken, scope: granted } = (await exchanged.json()) as Record<string, string>;
    expect(granted).toBe(scope);

    const processor = processorWith(accessToken as string);
    const numbers = (await processor.requestAccountNumber()).data.account_numbers ?? [];
    expect(numbers.map((n) => n.account_guid)).toEqual([account]);
    expect((await processor.readAccountBalance()).data.payment_account?.account_guid).toBe(account);
    expect((await processor.getAccountOwnerInfo()).data.account_owners).toEqual([]);
    expect((await processor.checkRealTimeAccountBalance()).data.member?.guid).toBe(member);

    // MX's SDK sends the list's filter as a GET body.
    const listed = (await tokens.listTokens({ scope: { account_guid: account } })).data.tokens ?? [];
    expect(listed).toEqual([expect.objectContaining({ active: true, payment_processor_guid: expect.any(String) })]);
  });

  it('reads verifiable credentials, a credit card product and deactivates holdings billing', async () => {
    const vc = new VerifiableCredentialsApi(client);
    const accounts = await vc.getAccountsData(user, member);
    expect(accounts.headers['content-type']).toContain('application/vnd.mx.api.v2beta+json');
    expect(accounts.data.verifiableCredential?.split('.')).toHaveLength(3);
    expect((await vc.getIdentityData(user, member)).status).toBe(200);
    expect((await vc.getTransactionsData(user, account)).status).toBe(200);

    const all = (await new AccountsApi(client).listMemberAccounts(user, member)).data.accounts ?? [];
    const card = all.find((a) => a.type === 'CREDIT_CARD')?.guid as string;
    const product = await new RewardsApi(client).creditCard(`CCA-${card.slice(4)}`);
    expect(product.data.credit_card_product?.guid).toBe(`CCA-${card.slice(4)}`);
    const off = await new InvestmentHoldingsApi(client).deactivateUser(user);
    expect(off.data).toEqual({ message: 'Successfully deactivated user from billing', status: 200 });
  });
});
