// Processor tokens' pure parts (src/server/domain/processor.ts, generators/vc-jwt.ts): the scope string
// and its errors, and the verifiable credential issuer's z-base-32 did and signatures.
import { verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isActive, parseScope, scopeText } from '../../src/server/domain/processor.js';
import { MxError } from '../../src/server/errors.js';
import { issuerOf, signJwt, zBase32 } from '../../src/server/generators/vc-jwt.js';

const message = (scope: string | null) => {
  try {
    parseScope(scope);
  } catch (e) {
    expect(e).toBeInstanceOf(MxError);
    expect((e as MxError).status).toBe(400);
    return (e as MxError).message;
  }
  throw new Error(`expected '${scope}' to be refused`);
};

describe('parseScope', () => {
  it('reads the three guids and the feature in any order, and writes them back in MX’s order', () => {
    const scope = parseScope('  read-protected account-guid:ACT-3 user-guid:USR-1   member-guid:MBR-2 ');
    expect(scope).toEqual({ user_guid: 'USR-1', member_guid: 'MBR-2', account_guid: 'ACT-3' });
    expect(scopeText(scope)).toBe('user-guid:USR-1 member-guid:MBR-2 account-guid:ACT-3 read-protected');
  });

  it.each([
    [null, 'authorization_code.scope: missing'],
    ['   ', 'authorization_code.scope: missing'],
    ['user-guid:USR-1 member-guid:MBR-2 account-guid:ACT-3', 'the feature read-protected is missing'],
    ['member-guid:MBR-2 account-guid:ACT-3 read-protected', 'user-guid is missing'],
    ['user-guid: member-guid:MBR-2 account-guid:ACT-3 read-protected', 'user-guid has no guid'],
    [
      'user-guid:USR-1 member-guid:MBR-2 member-guid:MBR-3 account-guid:ACT-3 read-protected',
      'member-guid is given twice',
    ],
    ['user-guid:USR-1 member-guid:MBR-2 account-guid:ACT-3 read-protected write', "'write' is neither a guid"],
    [':x user-guid:USR-1', "':x' is neither a guid"],
  ])('refuses %j: %s', (scope, why) => {
    const text = message(scope);
    expect(text).toContain(why);
    expect(text).toContain("write 'user-guid:USR-… member-guid:MBR-… account-guid:ACT-… read-protected'");
  });
});

describe('isActive', () => {
  const token = { expires_at: 100, revoked_at: null as number | null };
  it('is active before it expires, and before it is revoked', () => {
    expect(isActive({ ...token } as never, 99)).toBe(true);
    expect(isActive({ ...token } as never, 100)).toBe(false);
    expect(isActive({ ...token, revoked_at: 50 } as never, 49)).toBe(true);
    expect(isActive({ ...token, revoked_at: 50 } as never, 50)).toBe(false);
  });
});

describe('the verifiable credential issuer', () => {
  it('writes z-base-32 as did:dht does', () => {
    expect(zBase32(new Uint8Array([]))).toBe('');
    expect(zBase32(new Uint8Array([0]))).toBe('yy');
    expect(zBase32(new Uint8Array([255]))).toBe('9h');
    expect(zBase32(new Uint8Array([0xf0, 0xbf, 0xc7]))).toBe('6n9hq');
  });

  it('is the same for a seed and differs between seeds; its signatures verify with its key', () => {
    const a = issuerOf('seed-a');
    expect(issuerOf('seed-a').did).toBe(a.did);
    expect(issuerOf('seed-b').did).not.toBe(a.did);
    expect(a.did).toMatch(/^did:dht:[ybndrfg8ejkmcpqxot1uwisza345h769]{52}$/);
    const jwt = signJwt(a, { sub: 'USR-1' });
    expect(signJwt(a, { sub: 'USR-1' })).toBe(jwt);
    const [h, p, sig] = jwt.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'EdDSA', kid: `${a.did}#0`, typ: 'JWT' });
    expect(verify(null, Buffer.from(`${h}.${p}`), a.privateKey, Buffer.from(sig, 'base64url'))).toBe(true);
    expect(verify(null, Buffer.from(`${h}.${p}x`), a.privateKey, Buffer.from(sig, 'base64url'))).toBe(false);
  });
});
