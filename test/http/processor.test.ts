// Processor tokens, as a client and its payment processor use them: the client verifies a member and asks
// for an authorization code for one account; the processor (its own client_id) exchanges the code once
// for a Bearer token and reads exactly that account. Expiry runs on the client's clock.
import { describe, expect, it } from 'vitest';
import { createMember, credentialsFor, settle } from '../helpers/members.js';
import {
  asProcessor,
  codeFor as codeOf,
  exchange as exchangeAt,
  PROCESSOR,
  scopeOf,
  tokenFor as tokenOf,
  verified as verifiedAt,
} from '../helpers/processor.js';
import { basic, useServer, VERSION_HEADERS } from '../helpers/server.js';

const verified = () => verifiedAt(mx);
const codeFor = (scope: string) => codeOf(mx, scope);
const exchange = (code: string, auth?: string) => exchangeAt(mx, code, auth);
const tokenFor = (scope: string) => tokenOf(mx, scope);

const mx = useServer({ fast: true });
const DAY = 86_400_000;

describe('a client gives a processor one verified account', () => {
  it('issues a code, which the processor exchanges for a Bearer token that reads exactly that account', async () => {
    const v = await verified();
    const code = await codeFor(v.scope);
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const res = await exchange(code);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expires_at: null,
      scope: v.scope,
      token_type: 'Bearer',
    });
    const token = res.body.access_token as string;

    const numbers = await mx.get('/account/account_numbers', asProcessor(token));
    expect(numbers.status, numbers.text).toBe(200);
    expect(numbers.body.account_numbers).toHaveLength(1);
    expect(numbers.body.account_numbers[0]).toMatchObject({
      account_guid: v.account,
      member_guid: v.member,
      user_guid: v.user,
      // Integers, as MX's document types the processor's numbers (a leading zero is not kept).
      account_number: Number(v.numbers.account_number),
      routing_number: Number(v.numbers.routing_number),
    });

    const account = (await mx.get(`/users/${v.user}/accounts/${v.account}`)).body.account;
    const payment = await mx.get('/payment_account', asProcessor(token));
    expect(payment.status).toBe(200);
    expect(payment.body.payment_account).toMatchObject({
      account_guid: v.account,
      account_name: account.name,
      account_number: v.numbers.account_number,
      account_type: account.type,
      balance: account.balance,
      available_balance: account.available_balance,
      routing_number: v.numbers.routing_number,
    });

    // No identify job yet: no owners.
    const before = await mx.get('/account/transactions', asProcessor(token));
    expect(before.status).toBe(200);
    expect(before.body.account_owners).toEqual([]);
    expect((await mx.post(`${v.path}/identify`)).status).toBe(202);
    await settle(mx, v.path);
    const owners = (await mx.get(`${v.path}/account_owners`)).body.account_owners.filter(
      (o: { account_guid: string }) => o.account_guid === v.account,
    );
    const after = await mx.get('/account/transactions', asProcessor(token));
    expect(after.body.account_owners.map((o: { guid: string }) => o.guid)).toEqual(
      owners.map((o: { guid: string }) => o.guid),
    );
    expect(after.body.account_owners[0]).toMatchObject({ owner_name: owners[0].owner_name, account_guid: v.account });
  });

  it('checks the balance in real time: a check_balance job on the member', async () => {
    const v = await verified();
    const token = await tokenFor(v.scope);
    const res = await mx.post('/account/check_balance', undefined, asProcessor(token));
    expect(res.status, res.text).toBe(200);
    expect(res.body.member).toMatchObject({ guid: v.member, is_being_aggregated: true });
    const done = await settle(mx, v.path);
    expect(done).toMatchObject({ connection_status: 'CONNECTED', is_being_aggregated: false });
  });

  it('lists the tokens for a user, member or account with a prefix of each, and whether it is active', async () => {
    const v = await verified();
    await tokenFor(v.scope);
    const res = await mx.get(`/tokens?account_guid=${v.account}`);
    expect(res.status).toBe(200);
    expect(res.body.tokens).toEqual([
      {
        payment_processor_guid: expect.stringMatching(/^PPR-/),
        expires_at: new Date(mx.clock.now() + 60 * DAY).toISOString(),
        access_token: expect.stringMatching(/^[A-Za-z0-9_-]{5}\.\.\.$/),
        active: true,
      },
    ]);
    expect((await mx.get(`/tokens?user_guid=USR-nobody`)).body.tokens).toEqual([]);
  });
});

describe('versions', () => {
  it("keeps the deprecated code endpoint in v20111101 only, and v20111101's codes work alike", async () => {
    const v = await verified();
    const body = {
      payment_processor_authorization_code: { user_guid: v.user, member_guid: v.member, account_guid: v.account },
    };
    const v1 = { headers: VERSION_HEADERS.v20111101 };
    const old = await mx.post('/payment_processor_authorization_code', body, v1);
    expect(old.status, old.text).toBe(200);
    const code = old.body.payment_processor_authorization_code.authorization_code as string;
    expect((await exchange(code)).body.scope).toBe(v.scope);
    expect((await mx.post('/payment_processor_authorization_code', body)).status).toBe(404);
    const missing = await mx.post(
      '/payment_processor_authorization_code',
      { payment_processor_authorization_code: {} },
      v1,
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('account_guid');
    const current = await mx.post('/authorization_code', { authorization_code: { scope: v.scope } }, v1);
    expect(current.status).toBe(200);
    expect(current.headers.get('content-type')).toContain('application/vnd.mx.api.v1+json');
  });
});

describe('secrets', () => {
  it("keeps no code or token in the client's request journal, even while the inspector looks", async () => {
    expect((await mx.get('/_mx-sim/journal')).status).toBe(200);
    const v = await verified();
    const code = await codeFor(v.scope);
    const token = (await exchange(code)).body.access_token as string;
    await mx.get('/payment_account', asProcessor(token));
    await exchange(code);
    const text = (await mx.get('/_mx-sim/journal')).text;
    expect(text).not.toContain(code);
    expect(text).not.toContain(token);
    expect(text).toContain('/token?grant_type=authorization_code&code=[redacted]');
    expect(text).toContain('/payment_account');
  });
});

describe('misuse', () => {
  it('refuses a code for a member that is not verified, or an account without numbers (405)', async () => {
    const m = await createMember(mx, 'password');
    await settle(mx, m.path);
    const accounts = (await mx.get(`${m.path}/accounts`)).body.accounts as Array<{ guid: string; type: string }>;
    const checking = accounts.find((a) => a.type === 'CHECKING') as { guid: string };
    const res = await mx.post('/authorization_code', {
      authorization_code: { scope: scopeOf(m.user, m.member, checking.guid) },
    });
    expect(res.status).toBe(405);
    expect(res.body.error).toMatchObject({ type: 'member_not_verified', message: expect.stringContaining('verify') });

    expect((await mx.post(`${m.path}/verify`)).status).toBe(200);
    await settle(mx, m.path);
    const card = accounts.find((a) => a.type === 'CREDIT_CARD') as { guid: string };
    const noNumbers = await mx.post('/authorization_code', {
      authorization_code: { scope: scopeOf(m.user, m.member, card.guid) },
    });
    expect(noNumbers.status).toBe(405);
    expect(noNumbers.body.error.type).toBe('account_not_verified');
  });

  it('refuses a code for a member that is no longer CONNECTED (405)', async () => {
    const v = await verified();
    const credentials = await credentialsFor(mx, 'mxbank', 'INVALID');
    expect((await mx.put(v.path, { member: { credentials } })).status).toBe(200);
    expect(await settle(mx, v.path)).toMatchObject({ connection_status: 'DENIED' });
    const res = await mx.post('/authorization_code', { authorization_code: { scope: v.scope } });
    expect(res.status).toBe(405);
    expect(res.body.error).toMatchObject({ type: 'member_not_connected', message: expect.stringContaining('DENIED') });
  });

  it.each([
    ['', 'missing'],
    ['user-guid:USR-1 member-guid:MBR-1 account-guid:ACT-1', 'read-protected is missing'],
    ['user-guid:USR-1 member-guid:MBR-1 read-protected', 'account-guid is missing'],
    ['user-guid:USR-1 user-guid:USR-2 member-guid:MBR-1 account-guid:ACT-1 read-protected', 'user-guid is given twice'],
    ['user-guid:USR-1 member-guid:MBR-1 account-guid:ACT-1 read-protected write-all', "'write-all' is neither"],
  ])('answers 400 for the scope %j, saying what to fix', async (scope, why) => {
    const res = await mx.post('/authorization_code', { authorization_code: { scope } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(why);
    expect(res.body.error.message).toContain('read-protected');
  });

  it('answers 404 for a scope naming what does not exist, or guids that do not belong together', async () => {
    const v = await verified();
    const res = await mx.post('/authorization_code', {
      authorization_code: { scope: scopeOf(v.user, v.member, 'ACT-missing') },
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('ACT-missing');
    // Another member's account, or another user's member: not found under the scope's member and user.
    const w = await verified();
    const mixed = await mx.post('/authorization_code', {
      authorization_code: { scope: scopeOf(v.user, v.member, w.account) },
    });
    expect(mixed.status).toBe(404);
    expect(mixed.body.error.message).toContain(w.account);
    const crossed = await mx.post('/authorization_code', {
      authorization_code: { scope: scopeOf(v.user, w.member, w.account) },
    });
    expect(crossed.status).toBe(404);
    expect(crossed.body.error.message).toContain(w.member);
  });

  it('takes a code once (400 invalid_grant the second time), and refuses wrong codes and grant types', async () => {
    const v = await verified();
    const code = await codeFor(v.scope);
    expect((await exchange(code)).status).toBe(200);
    const again = await exchange(code);
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ type: 'invalid_grant', message: expect.stringContaining('single use') });

    expect((await exchange('not-a-code')).body.error.type).toBe('invalid_grant');
    const grant = await mx.post(`/token?grant_type=client_credentials&code=${code}`, undefined, { auth: PROCESSOR });
    expect(grant.status).toBe(400);
    expect(grant.body.error.type).toBe('unsupported_grant_type');
    const noAuth = await mx.post(`/token?grant_type=authorization_code&code=${code}`, undefined, { auth: null });
    expect(noAuth.status).toBe(401);
  });

  it('lets a code expire after 10 minutes on the client clock', async () => {
    const v = await verified();
    const code = await codeFor(v.scope);
    mx.clock.advance(10 * 60_000);
    const res = await exchange(code);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_grant', message: expect.stringContaining('expired') });
  });

  it('expires a token after 60 days: 401 token_expired, and listed as inactive', async () => {
    const v = await verified();
    const token = await tokenFor(v.scope);
    mx.clock.advance(60 * DAY - 1);
    expect((await mx.get('/payment_account', asProcessor(token))).status).toBe(200);
    mx.clock.advance(1);
    const res = await mx.get('/payment_account', asProcessor(token));
    expect(res.status).toBe(401);
    expect(res.body.error.type).toBe('token_expired');
    expect((await mx.get(`/tokens?account_guid=${v.account}`)).body.tokens[0].active).toBe(false);
  });

  it("drops a deleted member's tokens: no longer listed, reads 404", async () => {
    const v = await verified();
    const token = await tokenFor(v.scope);
    expect((await mx.get(`/tokens?member_guid=${v.member}`)).body.tokens).toHaveLength(1);
    expect((await mx.del(v.path)).status).toBe(204);
    expect((await mx.get(`/tokens?member_guid=${v.member}`)).body.tokens).toEqual([]);
    const res = await mx.get('/payment_account', asProcessor(token));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain(v.member);
  });

  it('opens only the processor reads with a token, and those only with a token', async () => {
    const v = await verified();
    const token = await tokenFor(v.scope);
    const users = await mx.get('/users', asProcessor(token));
    expect(users.status).toBe(401);
    expect(users.body.error.message).toContain('/payment_account');
    // The client's own Basic credentials are no processor token.
    const basicRead = await mx.get('/payment_account');
    expect(basicRead.status).toBe(401);
    expect(basicRead.body.error.message).toContain('Bearer');
    const unknown = await mx.get('/payment_account', asProcessor('nope'));
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.type).toBe('invalid_token');
    expect(unknown.headers.get('www-authenticate')).toContain('Bearer');
    expect(basic(PROCESSOR)).not.toContain(token);
  });
});
