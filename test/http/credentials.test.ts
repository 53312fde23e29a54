// Verifiable credentials: signed JWTs (EdDSA, a did:dht issuer) of a member's accounts, its owners'
// identity and an account's transactions, stating exactly what the API's own reads answer; both versions.
import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMember, settle } from '../helpers/members.js';
import { useServer, VERSION_HEADERS } from '../helpers/server.js';

const mx = useServer({ fast: true });
const VC_TYPE = 'application/vnd.mx.api.v2beta+json';
const Z_BASE32 = 'ybndrfg8ejkmcpqxot1uwisza345h769';

/** did:dht:<z-base-32 of the Ed25519 public key> → the key. */
function keyOfDid(did: string) {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of did.slice('did:dht:'.length)) {
    buffer = (buffer << 5) | Z_BASE32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  const x = Buffer.from(bytes.slice(0, 32)).toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** The credential's payload, once its signature checks against its issuer's did. */
function open(jwt: string) {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const head = JSON.parse(Buffer.from(header, 'base64url').toString());
  const body = JSON.parse(Buffer.from(payload, 'base64url').toString());
  expect(head).toEqual({ alg: 'EdDSA', kid: `${body.iss}#0`, typ: 'JWT' });
  const ok = verify(null, Buffer.from(`${header}.${payload}`), keyOfDid(body.iss), Buffer.from(signature, 'base64url'));
  expect(ok).toBe(true);
  return body;
}

async function member() {
  const m = await createMember(mx, 'password', 'mxbank', {
    data_request: { products: ['transactions', 'account_verification', 'identity_verification'] },
  });
  expect(m.res.status).toBe(202);
  await settle(mx, m.path);
  return m;
}

async function credential(path: string, headers?: Record<string, string>) {
  const res = await mx.get(path, headers ? { headers } : {});
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get('content-type')).toContain(VC_TYPE);
  return { res, payload: open(res.body.verifiableCredential) };
}

describe('verifiable credentials', () => {
  it("states the member's accounts with their verified numbers, signed by the world's issuer", async () => {
    const m = await member();
    const { res, payload } = await credential(`/vc/users/${m.user}/members/${m.member}/accounts`);
    expect(payload).toMatchObject({
      iss: expect.stringMatching(/^did:dht:[ybndrfg8ejkmcpqxot1uwisza345h769]{52}$/),
      sub: m.user,
      iat: Math.floor(mx.clock.now() / 1000),
      jti: `${mx.url}/vc/users/${m.user}/members/${m.member}/accounts`,
      vc: {
        type: ['VerifiableCredential', 'FinancialAccountCredential'],
        credentialSubject: { id: m.user },
      },
    });
    const accounts = (await mx.get(`${m.path}/accounts`)).body.accounts as Array<{ guid: string; balance: number }>;
    const stated = payload.vc.credentialSubject.accounts.map((a: object) => Object.values(a)[0]);
    expect(stated.map((a: { accountId: string }) => a.accountId)).toEqual(accounts.map((a) => a.guid));
    const numbers = (await mx.get(`${m.path}/account_numbers`)).body.account_numbers as Array<{
      account_guid: string;
      account_number: string;
      routing_number: string;
    }>;
    for (const n of numbers) {
      const a = stated.find((x: { accountId: string }) => x.accountId === n.account_guid);
      expect(a).toMatchObject({ accountNumber: n.account_number, routingTransitNumber: n.routing_number });
      expect(a.currentBalance).toBe(accounts.find((x) => x.guid === n.account_guid)?.balance);
    }
    // v20111101 states the same, signed the same.
    const v1 = await credential(`/vc/users/${m.user}/members/${m.member}/accounts`, VERSION_HEADERS.v20111101);
    expect(v1.res.body).toEqual(res.body);
  });

  it("states the member's account owners as customers", async () => {
    const m = await member();
    expect((await mx.post(`${m.path}/identify`)).status).toBe(202);
    await settle(mx, m.path);
    const { payload } = await credential(`/vc/users/${m.user}/members/${m.member}/customers`);
    const owners = (await mx.get(`${m.path}/account_owners`)).body.account_owners as Array<{
      guid: string;
      first_name: string;
      email: string;
    }>;
    expect(owners.length).toBeGreaterThan(0);
    expect(payload.vc.type[1]).toBe('FinancialIdentityCredential');
    const customers = payload.vc.credentialSubject.customers;
    expect(customers.map((c: { customerId: string }) => c.customerId)).toEqual(owners.map((o) => o.guid));
    expect(customers[0]).toMatchObject({ name: { first: owners[0]?.first_name }, email: [owners[0]?.email] });
  });

  it("states an account's transactions in a date range, as the transaction list has them", async () => {
    const m = await member();
    const account = (await mx.get(`${m.path}/accounts`)).body.accounts[0].guid as string;
    const day = (msAgo: number) => new Date(mx.clock.now() - msAgo).toISOString().slice(0, 10);
    const [from, to] = [day(30 * 86_400_000), day(10 * 86_400_000)];
    const { payload } = await credential(
      `/vc/users/${m.user}/accounts/${account}/transactions?startTime=${from}&endTime=${to}`,
    );
    const listed = (
      await mx.get(
        `/users/${m.user}/accounts/${account}/transactions?from_date=${from}&to_date=${to}&records_per_page=1000`,
      )
    ).body.transactions as Array<{ guid: string; amount: number }>;
    const stated = payload.vc.credentialSubject.transactions.map((t: object) => Object.values(t)[0]);
    expect(stated.length).toBeGreaterThan(0);
    expect(new Set(stated.map((t: { transactionId: string }) => t.transactionId))).toEqual(
      new Set(listed.map((t) => t.guid)),
    );
  });

  it('answers 400 for a range over a year or a date that is not YYYY-MM-DD, 404 for unknown guids', async () => {
    const m = await member();
    const account = (await mx.get(`${m.path}/accounts`)).body.accounts[0].guid as string;
    const base = `/vc/users/${m.user}/accounts/${account}/transactions`;
    const long = await mx.get(`${base}?startTime=2024-01-01&endTime=2025-06-01`);
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain('limited to 1 year');
    const bad = await mx.get(`${base}?startTime=01/02/2026`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('YYYY-MM-DD');
    expect((await mx.get(`/vc/users/${m.user}/members/MBR-nope/accounts`)).status).toBe(404);
    expect((await mx.get(`/vc/users/${m.user}/accounts/ACT-nope/transactions`)).status).toBe(404);
  });
});
