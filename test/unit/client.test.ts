// The reference client on a stub transport: auth and version headers, retries, timeouts, redaction.
import { describe, expect, it } from 'vitest';
import { createMxClient, ok } from '../../src/client/client.js';
import { MxTimeoutError } from '../../src/client/errors.js';
import { parseRetryAfter, type WireExchange } from '../../src/client/transport.js';

/** A client on a stub transport that answers from a list, recording each request. */
function stubbed(
  answers: Array<() => Response | Promise<Response>>,
  extra: Partial<Parameters<typeof createMxClient>[0]> = {},
) {
  const requests: Request[] = [];
  const delays: number[] = [];
  const mx = createMxClient({
    baseUrl: 'http://stub.test',
    clientId: 'my-client',
    apiKey: 'my-secret-key',
    fetch: async (req) => {
      requests.push(req);
      const next = answers.shift();
      if (!next) throw new Error('no more stub answers');
      return next();
    },
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 1,
    ...extra,
  });
  return { mx, requests, delays };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const institution = { institution: { code: 'mxbank', name: 'MX Bank' } };

describe('the reference client', () => {
  it('sends Basic auth, Accept-Version v20250224 and Accept: application/json', async () => {
    const { mx, requests } = stubbed([json(200, institution)]);
    const { institution: got } = await ok(
      mx.api.GET('/institutions/{institution_code}', { params: { path: { institution_code: 'mxbank' } } }),
    );
    expect(got.code).toBe('mxbank');
    const [req] = requests;
    expect(req?.headers.get('authorization')).toBe(
      `Basic ${Buffer.from('my-client:my-secret-key').toString('base64')}`,
    );
    expect(req?.headers.get('accept-version')).toBe('v20250224');
    expect(req?.headers.get('accept')).toBe('application/json');
    expect(req?.url).toBe('http://stub.test/institutions/mxbank');
  });

  it('retries 503 with exponential backoff when there is no Retry-After, then succeeds', async () => {
    const { mx, delays } = stubbed([json(503, {}), json(503, {}), json(200, institution)]);
    await ok(mx.api.GET('/institutions/{institution_code}', { params: { path: { institution_code: 'mxbank' } } }));
    expect(delays).toEqual([500, 1000]);
  });

  it('retries a POST on 429 (not applied) but not after a dropped connection (maybe applied)', async () => {
    const created = json(202, { member: { guid: 'MBR-1' } });
    const retried = stubbed([json(429, {}, { 'retry-after': '2' }), created]);
    await ok(retried.mx.api.POST('/users', { body: { user: {} } }));
    expect(retried.delays).toEqual([2000]);
    const dropped = stubbed([
      () => {
        throw new TypeError('fetch failed');
      },
    ]);
    await expect(dropped.mx.api.POST('/users', { body: { user: {} } })).rejects.toThrow('fetch failed');
    expect(dropped.delays).toEqual([]);
    const get = stubbed([
      () => {
        throw new TypeError('fetch failed');
      },
      json(200, institution),
    ]);
    await ok(get.mx.api.GET('/institutions/{institution_code}', { params: { path: { institution_code: 'x' } } }));
    expect(get.delays).toEqual([500]);
  });

  it('gives up after the configured retries and surfaces the last 429', async () => {
    const busy = json(429, { error: { message: 'slow down', status: 'too_many_requests', type: 'rate_limited' } });
    const { mx, delays } = stubbed([busy, busy, busy], { retry: { retries: 2 } });
    const err = await ok(mx.api.GET('/users', {})).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 429, mxMessage: 'slow down', type: 'rate_limited' });
    expect(delays).toEqual([500, 1000]);
  });

  it('does not wait for a Retry-After longer than the policy allows', async () => {
    const { mx, delays } = stubbed([json(429, {}, { 'retry-after': '3600' })]);
    await expect(ok(mx.api.GET('/users', {}))).rejects.toMatchObject({ status: 429 });
    expect(delays).toEqual([]);
  });

  it('times out an attempt that never answers', async () => {
    const { mx } = stubbed([() => new Promise<Response>(() => {})], { timeoutMs: 20, retry: { retries: 0 } });
    const err = await mx.api.GET('/users', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MxTimeoutError);
    expect((err as MxTimeoutError).message).toBe('GET /users: no answer within 20 ms');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('never shows the API key to exchange hooks', async () => {
    const exchanges: WireExchange[] = [];
    const { mx } = stubbed([json(200, institution)], { onExchange: (e) => exchanges.push(e) });
    await mx.api.GET('/institutions/{institution_code}', { params: { path: { institution_code: 'mxbank' } } });
    expect(JSON.stringify(exchanges)).not.toContain(Buffer.from('my-client:my-secret-key').toString('base64'));
    expect(exchanges[0]?.requestHeaders.authorization).toBe('[REDACTED]');
  });
});
