// The authenticator keeps the client_id of each accepted Authorization header; refusals are never kept.
import { describe, expect, it } from 'vitest';
import { authenticator } from '../../src/server/middleware/auth.js';
import { selectVersion } from '../../src/server/middleware/version.js';

const basic = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;

describe('authenticator', () => {
  it('answers the same for a header seen before, and keeps refusing a refused one', () => {
    const auth = authenticator([{ client_id: 'ci', api_key: 'right' }]);
    expect(auth(basic('ci:right'))).toBe('ci');
    expect(auth(basic('ci:right'))).toBe('ci');
    for (let i = 0; i < 2; i++) {
      expect(() => auth(basic('ci:wrong'))).toThrow(/Invalid client_id or api_key/);
      expect(() => auth(undefined)).toThrow(/Missing Authorization header/);
      expect(() => auth('Bearer x')).toThrow(/not HTTP Basic/);
    }
  });

  it('still decides every header after more distinct headers than it keeps', () => {
    const auth = authenticator();
    for (let i = 0; i < 2500; i++) expect(auth(basic(`client-${i}:key`))).toBe(`client-${i}`);
    expect(auth(basic('client-7:key'))).toBe('client-7');
  });
});

describe('selectVersion', () => {
  it('is a pure function of the two headers (the version step keeps its answers)', () => {
    expect(selectVersion('v20250224', 'application/json', false)).toBe('v20250224');
    expect(selectVersion('V20111101 ', undefined, false)).toBe('v20111101');
    expect(() => selectVersion(undefined, 'application/json', false)).toThrow(/Missing Accept-Version/);
  });
});
