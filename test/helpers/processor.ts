// Story helpers for processor tokens: a verified member and its first numbered account, a code for it,
// the processor's exchange and its Bearer requests, as the harness's client.
import { expect } from 'vitest';
import { createMember, settle } from './members.js';
import type { TestServer } from './server.js';

export const PROCESSOR = 'processor-1:processor-key';

export const scopeOf = (user: string, member: string, account: string) =>
  `user-guid:${user} member-guid:${member} account-guid:${account} read-protected`;

/** A CONNECTED MX Bank member whose verify job has gathered account numbers; its first numbered account. */
export async function verified(mx: TestServer) {
  const m = await createMember(mx, 'password');
  await settle(mx, m.path);
  expect((await mx.post(`${m.path}/verify`)).status).toBe(200);
  await settle(mx, m.path);
  const numbers = (await mx.get(`${m.path}/account_numbers`)).body.account_numbers as Array<{
    account_guid: string;
    account_number: string;
    routing_number: string;
  }>;
  const first = numbers[0] as (typeof numbers)[number];
  return { ...m, account: first.account_guid, numbers: first, scope: scopeOf(m.user, m.member, first.account_guid) };
}

export async function codeFor(mx: TestServer, scope: string) {
  const res = await mx.post('/authorization_code', { authorization_code: { scope } });
  expect(res.status, res.text).toBe(200);
  return res.body.authorization_code.code as string;
}

export const exchange = (mx: TestServer, code: string, auth: string = PROCESSOR) =>
  mx.post(`/token?grant_type=authorization_code&code=${encodeURIComponent(code)}`, undefined, { auth });

/** Request options of a processor holding `token` (no Basic credentials). */
export const asProcessor = (token: string) => ({ auth: null, headers: { Authorization: `Bearer ${token}` } });

export async function tokenFor(mx: TestServer, scope: string) {
  const res = await exchange(mx, await codeFor(mx, scope));
  expect(res.status, res.text).toBe(200);
  return res.body.access_token as string;
}
