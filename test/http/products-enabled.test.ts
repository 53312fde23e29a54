// Products not enabled for a client (a scenario's client.disabled_products): MX's 403, naming the
// product, on the product's job, on data_request.products and on the reads of its data, in both versions;
// other clients and other products are untouched.
import { describe, expect, it } from 'vitest';
import { createMember, settle } from '../helpers/members.js';
import { type TestServer, useServer, VERSION_HEADERS } from '../helpers/server.js';

const mx = useServer({ fast: true });

let users = 0;
const userBody = () => ({ user: { id: `products-user-${++users}` } });

const yaml = (text: string) => ({ raw: text, headers: { 'Content-Type': 'application/yaml' } });

/** Loads a scenario for one client_id only (its world starts afresh). */
async function loadFor(server: TestServer, auth: string, text: string) {
  const res = await server.post('/_mx-sim/scenarios', undefined, { ...yaml(text), auth });
  expect(res.status, res.text).toBe(201);
}

const ALL_OFF = `name: no-premium
client:
  disabled_products: [account_verification, identity_verification, statements, transaction_history, investments, rewards]
`;

/** A connected MX Bank member of the client `auth`, over v20250224. */
async function connected(server: TestServer, auth: string) {
  const as = (o: object = {}) => ({ ...o, auth });
  const user = (await server.post('/users', userBody(), as())).body.user.guid as string;
  const res = await server.post(
    `/users/${user}/members`,
    {
      member: {
        institution_code: 'mxbank',
        credentials: [
          { guid: 'CRD-9f61fb4c-912c-bd1e-b175-ccc7f0275cc1', value: 'mxuser' },
          { guid: 'CRD-e3d7ea81-aac7-05e9-fbdd-4b493c6e474d', value: 'password' },
        ],
      },
    },
    as(),
  );
  expect(res.status, res.text).toBe(202);
  const member = res.body.member.guid as string;
  server.clock.advance(1_000);
  const status = (await server.get(`/users/${user}/members/${member}/status`, as())).body.member;
  expect(status).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
  const account = (await server.get(`/users/${user}/members/${member}/accounts`, as())).body.accounts[0].guid;
  return { user, member, account, path: `/users/${user}/members/${member}` };
}

const JOBS = [
  ['identify', 'identity_verification'],
  ['verify', 'account_verification'],
  ['fetch_statements', 'statements'],
  ['extend_history', 'transaction_history'],
  ['fetch_rewards', 'rewards'],
] as const;

describe.each(['v20250224', 'v20111101'] as const)('products not enabled for the client, in %s', (version) => {
  const auth = `no-premium-${version}:key`;
  const headers = VERSION_HEADERS[version];

  it('answers 403 naming the product to every premium job, and still runs aggregate', async () => {
    await loadFor(mx, auth, ALL_OFF);
    const { path } = await connected(mx, auth);
    for (const [job, product] of JOBS) {
      const res = await mx.post(`${path}/${job}`, undefined, { auth, headers });
      expect(res.status, `${job}: ${res.text}`).toBe(403);
      expect(res.body).toEqual({
        error: {
          message:
            `The ${product} product is not enabled for this client, so the ${job} job is refused. On MX, ask MX ` +
            `to enable ${product} for your client; in mx-sim, remove it from the scenario's client.disabled_products.`,
          status: 'forbidden',
          type: 'product_not_enabled',
        },
      });
    }
    mx.clock.advance(4 * 3_600_000);
    const aggregate = await mx.post(`${path}/aggregate`, undefined, { auth, headers });
    expect(aggregate.status, aggregate.text).toBe(202);
  });

  it('answers 403 to the reads of those products, and still serves accounts and transactions', async () => {
    await loadFor(mx, auth, ALL_OFF);
    const { user, path, account } = await connected(mx, auth);
    const gated: Array<[string, string]> = [
      [`${path}/account_owners`, 'identity_verification'],
      [`${path}/account_numbers`, 'account_verification'],
      [`/users/${user}/accounts/${account}/account_numbers`, 'account_verification'],
      [`${path}/statements`, 'statements'],
      [`${path}/statements/STA-00000000-0000-0000-0000-000000000000`, 'statements'],
      [`${path}/statements/STA-00000000-0000-0000-0000-000000000000.pdf`, 'statements'],
      [`${path}/rewards`, 'rewards'],
      [`${path}/rewards/RWD-00000000-0000-0000-0000-000000000000`, 'rewards'],
      [`/users/${user}/investment_holdings`, 'investments'],
      [`${path}/investment_holdings`, 'investments'],
      [`/users/${user}/accounts/${account}/investment_holdings`, 'investments'],
      [`/users/${user}/investment_holdings/HOL-00000000-0000-0000-0000-000000000000`, 'investments'],
    ];
    for (const [url, product] of gated) {
      const res = await mx.get(url, { auth, headers });
      expect(res.status, `${url}: ${res.text}`).toBe(403);
      expect(res.body.error).toMatchObject({ status: 'forbidden', type: 'product_not_enabled' });
      expect(res.body.error.message).toMatch(new RegExp(`^The ${product} product is not enabled for this client`));
    }
    // The user and member are looked up first: an unknown one is still 404.
    const unknown = `/users/${user}/members/MBR-00000000-0000-0000-0000-000000000000`;
    expect((await mx.get(`${unknown}/statements`, { auth, headers })).status).toBe(404);
    expect((await mx.post(`${unknown}/verify`, undefined, { auth, headers })).status).toBe(404);
    expect((await mx.get(`${path}/accounts`, { auth, headers })).status).toBe(200);
    expect((await mx.get(`/users/${user}/transactions`, { auth, headers })).status).toBe(200);
  });
});

describe('products per client', () => {
  it('refuses a member whose data_request.products lists a disabled product, creating nothing', async () => {
    const auth = 'no-statements:key';
    await loadFor(mx, auth, 'client: { disabled_products: [statements] }\n');
    const user = (await mx.post('/users', userBody(), { auth })).body.user.guid as string;
    const res = await mx.post(
      `/users/${user}/members`,
      {
        member: {
          institution_code: 'mxbank',
          credentials: [
            { guid: 'CRD-9f61fb4c-912c-bd1e-b175-ccc7f0275cc1', value: 'mxuser' },
            { guid: 'CRD-e3d7ea81-aac7-05e9-fbdd-4b493c6e474d', value: 'password' },
          ],
        },
        data_request: { products: ['transactions', 'statements'] },
      },
      { auth },
    );
    expect(res.status, res.text).toBe(403);
    expect(res.body.error.message).toMatch(
      /^The statements product is not enabled for this client, so creating a member with statements in data_request\.products is refused\./,
    );
    expect((await mx.get(`/users/${user}/members`, { auth })).body.members).toEqual([]);
  });

  it('gates only the listed products, only for that client; a later scenario replaces the list', async () => {
    const auth = 'later-wins:key';
    await loadFor(mx, auth, ALL_OFF);
    await loadFor(mx, auth, 'name: statements-only\nclient: { disabled_products: [statements] }\n');
    const { path } = await connected(mx, auth);
    expect((await mx.post(`${path}/fetch_statements`, undefined, { auth })).status).toBe(403);
    expect((await mx.get(`${path}/statements`, { auth })).status).toBe(403);
    expect((await mx.post(`${path}/verify`, undefined, { auth })).status).toBe(200);
    mx.clock.advance(1_000);
    const numbers = await mx.get(`${path}/account_numbers`, { auth });
    expect(numbers.status).toBe(200);
    expect(numbers.body.account_numbers.length).toBeGreaterThan(0);
    // [] enables every product again.
    await loadFor(mx, auth, 'client: { disabled_products: [] }\n');
    const again = await connected(mx, auth);
    expect((await mx.post(`${again.path}/fetch_statements`, undefined, { auth })).status).toBe(202);
    // Another client_id has every product.
    const other = await createMember(mx, 'password');
    await settle(mx, other.path);
    expect((await mx.post(`${other.path}/fetch_statements`)).status).toBe(202);
  });
});
