// A scenario's `processor_tokens:` section: code and token lifetimes, and rules that make the tokens of
// some accounts expire early, be revoked or fail; a section that cannot work fails the load, located.
import { describe, expect, it } from 'vitest';
import { createMember, settle } from '../helpers/members.js';
import { asProcessor, codeFor, exchange, scopeOf, tokenFor, verified } from '../helpers/processor.js';
import { useServer } from '../helpers/server.js';

const mx = useServer({ fast: true });
const HOUR = 3_600_000;

const yaml = (text: string) => ({ raw: text, headers: { 'Content-Type': 'application/yaml' } });

/** Loads a scenario for the harness's client (its world starts afresh). */
async function load(text: string, source = 'tokens.yaml') {
  return mx.post(`/_mx-sim/scenarios?source=${source}`, undefined, yaml(text));
}

describe('processor_tokens in a scenario', () => {
  it('sets how long codes and tokens last', async () => {
    expect((await load('processor_tokens:\n  code_ttl_ms: 60000\n  token_ttl_ms: 7200000\n')).status).toBe(201);
    const v = await verified(mx);
    const late = await codeFor(mx, v.scope);
    mx.clock.advance(60_000);
    expect((await exchange(mx, late)).body.error.type).toBe('invalid_grant');

    const token = await tokenFor(mx, v.scope);
    mx.clock.advance(2 * HOUR - 1);
    expect((await mx.get('/payment_account', asProcessor(token))).status).toBe(200);
    mx.clock.advance(1);
    expect((await mx.get('/payment_account', asProcessor(token))).body.error.type).toBe('token_expired');
  });

  it('revokes the tokens of a matching account after a while: 401 token_revoked, listed inactive', async () => {
    expect((await load('processor_tokens:\n  rules:\n    - revoke_after_ms: 3600000\n')).status).toBe(201);
    const v = await verified(mx);
    const token = await tokenFor(mx, v.scope);
    expect((await mx.get('/account/account_numbers', asProcessor(token))).status).toBe(200);
    mx.clock.advance(HOUR);
    const res = await mx.get('/account/account_numbers', asProcessor(token));
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ type: 'token_revoked', message: expect.stringContaining('revoked') });
    expect((await mx.get(`/tokens?member_guid=${v.member}`)).body.tokens[0].active).toBe(false);
  });

  /** The first member of a fresh world under a scenario: its guids are seeded, so the same each time. */
  async function firstMemberUnder(text: string) {
    expect((await load(text)).status).toBe(201);
    return verified(mx);
  }

  it("fails a matching member's exchange with the rule's status, and leaves other members alone", async () => {
    const first = await firstMemberUnder('name: plain\n');
    const rule = `processor_tokens:\n  rules:\n    - match: { member: ${first.member} }\n      fail_exchange: { status: 429 }\n`;
    const v = await firstMemberUnder(rule);
    expect(v.member).toBe(first.member);
    const refused = await exchange(mx, await codeFor(mx, v.scope));
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      type: 'processor_token_fault',
      message: expect.stringContaining('rule'),
    });
    const other = await verified(mx);
    expect((await exchange(mx, await codeFor(mx, other.scope))).status).toBe(200);
  });

  it("fails a matching user's reads with the rule's message", async () => {
    const first = await firstMemberUnder('name: plain\n');
    const v = await firstMemberUnder(
      `processor_tokens:\n  rules:\n    - match: { user: ${first.user} }\n      fail_reads: { status: 503, message: processor reads are down }\n`,
    );
    const token = await tokenFor(mx, v.scope);
    const res = await mx.get('/account/account_numbers', asProcessor(token));
    expect(res.status).toBe(503);
    expect(res.body.error.message).toBe('processor reads are down');
  });

  it('answers 403 for a code, and for identity credentials, when the client lacks the product', async () => {
    const text = 'client:\n  disabled_products: [account_verification, identity_verification]\n';
    expect((await load(text)).status).toBe(201);
    const m = await createMember(mx, 'password');
    await settle(mx, m.path);
    const account = (await mx.get(`${m.path}/accounts`)).body.accounts[0].guid as string;
    const res = await mx.post('/authorization_code', {
      authorization_code: { scope: scopeOf(m.user, m.member, account) },
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      type: 'product_not_enabled',
      message: expect.stringContaining('account_verification'),
    });
    const vc = await mx.get(`/vc/users/${m.user}/members/${m.member}/customers`);
    expect(vc.status).toBe(403);
    expect(vc.body.error.message).toContain('identity_verification');
  });

  it('refuses a section that cannot work, saying where', async () => {
    const res = await load('processor_tokens:\n  rules:\n    - match: { account: ACT-1 }\n', 'bad.yaml');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('bad.yaml:3:7 processor_tokens.rules[0]');
    expect(res.body.error.message).toContain('a rule needs an effect');
    const status = await load('processor_tokens:\n  rules:\n    - fail_reads: { status: 200 }\n', 'bad.yaml');
    expect(status.body.error.message).toContain('processor_tokens.rules[0].fail_reads.status');
    expect(status.body.error.message).toContain('must be an HTTP error status');
  });
});
