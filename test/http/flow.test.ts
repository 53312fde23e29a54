// The integration flow, run against the simulator always and against MX's integration environment when
// MX_CLIENT_ID and MX_API_KEY are set. The same runFlow for both: only the target differs.
import { describe, expect, it } from 'vitest';
import { type Challenge, scriptedAnswerer, scriptedCredentials, simulatorOAuth } from '../../src/client/answerers.js';
import { createMxClient } from '../../src/client/client.js';
import { type Product, runFlow } from '../../src/client/flow.js';
import { resolveTarget } from '../../src/client/run.js';
import { MX_ENV_HINT } from '../../src/client/targets.js';
import { expectWireConformant, flow, target } from '../helpers/flow.js';

const ALL: Product[] = [
  'transactions',
  'account_verification',
  'identity_verification',
  'statements',
  'investments',
  'rewards',
];

describe('the integration flow against the simulator', () => {
  it('connects MX Bank, reads every requested product, refreshes and reads again; polls every 3 s', async () => {
    const { result, exchanges, delays, lines } = await flow(target(), 'password', { products: ALL });
    expect(result).toMatchObject({ ok: true, status: 'CONNECTED', institution: { code: 'mxbank' }, challenges: [] });
    for (const data of [result.data, result.refreshed]) {
      expect(data?.accounts.length).toBeGreaterThan(0);
      expect(data?.transactions?.length).toBeGreaterThan(100);
      expect(data?.account_numbers?.length).toBeGreaterThan(0);
      expect(data?.account_owners?.length).toBeGreaterThan(0);
      expect(data?.statements?.length).toBeGreaterThan(0);
      expect(data?.investment_holdings?.length).toBeGreaterThan(0);
      expect(data?.rewards?.length).toBeGreaterThan(0);
    }
    expect(new Set(delays)).toEqual(new Set([3000]));
    const ops = exchanges.map((e) => `${e.method} ${e.path.split('?')[0]?.replace(/(USR|MBR)-[\w-]+/g, '$1')}`);
    expect(ops.slice(0, 4)).toEqual([
      'GET /institutions',
      'GET /institutions/mxbank/credentials',
      'POST /users',
      'POST /users/USR/members',
    ]);
    expect(ops).toContain('POST /users/USR/members/MBR/aggregate');
    expect(ops.at(-1)).toBe('DELETE /users/USR');
    const create = exchanges.find((e) => e.path.endsWith('/members') && e.method === 'POST');
    expect(JSON.parse(create?.requestBody ?? '{}').data_request).toEqual({ products: ALL });
    expect(lines.join('\n')).not.toContain('password');
    await expectWireConformant(exchanges);
  });

  it('searches with the products, so an institution without them is not picked', async () => {
    const { result } = await flow(target(), 'password', { institution: 'MX Bank', products: ['transactions'] });
    expect(result.institution.code).toBe('mxbank');
    const t = target();
    const mx = createMxClient(t);
    await expect(
      runFlow(mx, {
        institution: 'no such bank anywhere',
        credentials: scriptedCredentials({}),
        answerer: scriptedAnswerer(),
        oauth: simulatorOAuth(mx.fetch),
        sleep: t.sleep,
      }),
    ).rejects.toThrow(/no institution matches "no such bank anywhere"/);
  });

  it.each([
    ['mxbank', 'challenge', 'TEXT'],
    ['mxbank', 'options', 'OPTIONS'],
    ['mxbank', 'image', 'IMAGE_DATA'],
    ['simbank', 'image_options', 'IMAGE_OPTIONS'],
    ['simbank', 'token', 'TOKEN'],
  ])(
    '%s password %s: answers the %s challenge through the answerer and connects',
    async (institution, password, type) => {
      const seen: Challenge[] = [];
      const scripted = scriptedAnswerer();
      const { result, exchanges } = await flow(target(), password, {
        institution,
        refresh: false,
        answerer: async (challenges) => {
          seen.push(...challenges);
          return scripted(challenges);
        },
      });
      expect(result).toMatchObject({ ok: true, status: 'CONNECTED', challenges: [type] });
      expect(seen.map((c) => c.type)).toEqual([type]);
      const resume = exchanges.find((e) => e.path.endsWith('/resume'));
      expect(JSON.parse(resume?.requestBody ?? '{}').member.challenges).toEqual([
        { guid: seen[0]?.guid, value: 'correct' },
      ]);
      await expectWireConformant(exchanges);
    },
  );

  it('answers a scripted series: TEXT then a TOKEN with its own code (scenario), in one job', async () => {
    const t = target(
      'outcomes:\n  - match: { username: two-step }\n    jobs:\n      - [{ challenge: TEXT }, { challenge: TOKEN, answer: "123456" }, CONNECTED]\n',
    );
    const { result } = await flow(t, 'password', {
      credentials: scriptedCredentials({ LOGIN: 'two-step' }),
      answerer: scriptedAnswerer(['correct', 'TOKEN=123456']),
      refresh: false,
    });
    expect(result).toMatchObject({ ok: true, challenges: ['TEXT', 'TOKEN'] });
  });

  it('stops with the failure status: MX Bank password UNAUTHORIZED ends DENIED, and nothing is read', async () => {
    const { result, lines } = await flow(target(), 'UNAUTHORIZED');
    expect(result).toMatchObject({ ok: false, status: 'DENIED' });
    expect(result.failure).toMatch(/^the member ended DENIED: /);
    expect(result.data).toBeUndefined();
    expect(lines.at(-1)).toMatch(/^→ deleted user USR-/);
  });

  it('a wrong answer ends REJECTED', async () => {
    const { result } = await flow(target(), 'challenge', { answerer: scriptedAnswerer(['wrong']) });
    expect(result).toMatchObject({ ok: false, status: 'REJECTED', challenges: ['TEXT'] });
  });

  it('OAuth: prints the oauth_window_uri, waits while PENDING, connects once approved', async () => {
    const uris: string[] = [];
    const t = target();
    const { result, lines } = await flow(t, 'unused', {
      institution: 'mx_bank_oauth',
      refresh: false,
      oauth: async (uri) => {
        uris.push(uri);
        await simulatorOAuth((req) => Promise.resolve(t.simulator!.app.fetch(req)))(uri);
      },
    });
    expect(result).toMatchObject({ ok: true, status: 'CONNECTED', institution: { oauth: true } });
    expect(uris).toHaveLength(1);
    expect(lines).toContain(`→ OAuth: oauth_window_uri ${uris[0]}`);
  });

  it('OAuth denied at the institution ends DENIED', async () => {
    const t = target();
    const { result } = await flow(t, 'unused', {
      institution: 'mx_bank_oauth',
      oauth: simulatorOAuth((req) => Promise.resolve(t.simulator!.app.fetch(req)), 'deny'),
    });
    expect(result).toMatchObject({ ok: false, status: 'DENIED' });
  });

  it('gives up after maxWaitMs when the member never finishes (OAuth never authorised)', async () => {
    const { result } = await flow(target(), 'unused', {
      institution: 'mx_bank_oauth',
      oauth: async () => {},
      maxWaitMs: 30_000,
      pollIntervalMs: 10_000,
    });
    expect(result).toMatchObject({ ok: false, status: 'PENDING', failure: 'still PENDING after 30 s of polling' });
  });

  it('rides out 429s: the client retries after Retry-After and the flow completes (scenario fault)', async () => {
    const t = target('faults:\n  - { route: "*", retry_after: 1, every: 3 }\n');
    const { result, exchanges, delays, retries } = await flow(t, 'challenge');
    expect(result).toMatchObject({ ok: true, status: 'CONNECTED' });
    const refused = exchanges.filter((e) => e.status === 429);
    expect(refused.length).toBeGreaterThan(3);
    for (const e of refused) expect(e.responseHeaders['retry-after']).toBe('1');
    expect(retries).toEqual(refused.map(() => 1000));
    expect(delays.filter((d) => d === 1000)).toHaveLength(refused.length);
    // Each refused request was sent again and answered.
    for (const e of refused) {
      const next = exchanges[exchanges.indexOf(e) + 1];
      expect(next).toMatchObject({ method: e.method, path: e.path, attempt: e.attempt + 1 });
    }
    await expectWireConformant(exchanges);
  });

  it('polls at the configured interval', async () => {
    const { delays } = await flow(target(), 'password', { pollIntervalMs: 500, refresh: false });
    expect(new Set(delays)).toEqual(new Set([500]));
  });
});

describe('targets', () => {
  it('--mx needs MX_CLIENT_ID and MX_API_KEY, and says so', () => {
    expect(() => resolveTarget({ mx: true }, {})).toThrow(`--mx: ${MX_ENV_HINT}`);
    const t = resolveTarget({ mx: true }, { MX_CLIENT_ID: 'id', MX_API_KEY: 'key' });
    expect(t).toMatchObject({ kind: 'mx', baseUrl: 'https://int-api.mx.com', clientId: 'id', apiKey: 'key' });
    expect(t.fetch).toBeUndefined();
  });

  it('any base URL, with credentials from the options or the environment; else the in-process simulator', () => {
    expect(resolveTarget({ baseUrl: 'http://127.0.0.1:9/' }, { MX_CLIENT_ID: 'ci', MX_API_KEY: 'k' })).toMatchObject({
      kind: 'url',
      baseUrl: 'http://127.0.0.1:9/',
      clientId: 'ci',
      apiKey: 'k',
    });
    expect(resolveTarget({}, {}).kind).toBe('simulator');
  });
});
