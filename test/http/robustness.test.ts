// Bad input never crashes the server nor corrupts state: thousands of generated requests (every
// documented operation of both versions, with real and junk identifiers, junk queries and bodies) each
// get a success or MX's error JSON with a 4xx, never a 5xx; afterwards the world still reads back
// conformant.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/server/app.js';
import { ManualClock } from '../../src/server/clock.js';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../../src/server/generators/institutions.js';
import { expectConformant } from '../helpers/contract.js';

const AUTH = `Basic ${btoa('fuzz:key')}`;
const VERSIONS = {
  v20250224: { 'Accept-Version': 'v20250224', Accept: 'application/json' },
  v20111101: { Accept: 'application/vnd.mx.api.v1+json', 'Accept-Version': 'v20111101' },
} as const;
type Version = keyof typeof VERSIONS;

interface Operation {
  version: Version;
  method: string;
  path: string;
  query: string[];
}

const clock = new ManualClock();
const sim = createSimulator({ clock, fast: true, seed: 'fuzz' });
const known: Record<string, string[]> = {};
/** How often each status came back, to see that the generated requests reach past validation. */
const statuses = new Map<number, number>();

async function call(version: Version, method: string, path: string, body?: string) {
  const headers: Record<string, string> = { Authorization: AUTH, ...VERSIONS[version] };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await sim.app.request(path, { method, headers, body });
  const type = res.headers.get('content-type') ?? '';
  const text = type.includes('pdf') ? '' : await res.text();
  return { status: res.status, type, text };
}

function operations(): Operation[] {
  return (['v20250224', 'v20111101'] as const).flatMap((version) =>
    Object.entries(sim.openapi(version).paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { parameters?: Array<{ in?: string; name?: string }> }>).map(
        ([method, op]) => ({
          version,
          method: method.toUpperCase(),
          path,
          query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name ?? ''),
        }),
      ),
    ),
  );
}

beforeAll(async () => {
  const v = 'v20250224';
  const user = JSON.parse((await call(v, 'POST', '/users', JSON.stringify({ user: { id: 'fuzz-user' } }))).text).user;
  const created = await call(
    v,
    'POST',
    `/users/${user.guid}/members`,
    JSON.stringify({
      member: {
        id: 'fuzz-member',
        institution_code: 'mxbank',
        credentials: [
          { guid: MXBANK_LOGIN_GUID, value: 'mxuser' },
          { guid: MXBANK_PASSWORD_GUID, value: 'password' },
        ],
      },
      data_request: { products: ['transactions', 'account_verification', 'statements', 'investments', 'rewards'] },
    }),
  );
  const member = JSON.parse(created.text).member;
  clock.advance(1_000);
  const base = `/users/${user.guid}/members/${member.guid}`;
  const list = async (path: string, key: string) =>
    (JSON.parse((await call(v, 'GET', path)).text)[key] ?? []).map((x: { guid: string }) => x.guid);
  known.user = [user.guid, 'fuzz-user'];
  known.member = [member.guid, 'fuzz-member'];
  known.account = await list(`${base}/accounts`, 'accounts');
  known.transaction = (await list(`${base}/transactions`, 'transactions')).slice(0, 3);
  known.statement = (await list(`${base}/statements`, 'statements')).slice(0, 2);
  known.holding = (await list(`/users/${user.guid}/investment_holdings`, 'investment_holdings')).slice(0, 2);
  known.reward = await list(`${base}/rewards`, 'rewards');
  known.institution = ['mxbank', 'simbank', 'mx_bank_oauth'];
  expect(known.account?.length).toBeGreaterThan(0);
  expect(known.transaction?.length).toBeGreaterThan(0);
});

const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', '..', '%', '%00', '%E0%A4%A', 'null', 'USR-', 'MBR-x', 'TRN-0-0-0-0-0', '0', '-1', '1e309'),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

/** A path parameter: a real identifier of the right kind, another kind's, or junk. */
function paramValue(name: string) {
  const kind = name.replace(/_(guid|identifier|code)$/, '');
  const real = known[kind] ?? [];
  const others = Object.values(known).flat();
  return fc.oneof(
    { weight: 5, arbitrary: real.length ? fc.constantFrom(...real) : junk },
    { weight: 1, arbitrary: others.length ? fc.constantFrom(...others) : junk },
    { weight: 2, arbitrary: junk },
  );
}

const queryValue = fc.oneof(
  junk,
  fc.integer({ min: -5, max: 5000 }).map(String),
  fc.constantFrom('true', 'false', '2026-01-01', '2026-02-30', '1700000000', 'transactions', 'US', 'PFM'),
);

function bodyFor(path: string) {
  const wrapper = /members/.test(path) ? 'member' : 'user';
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc
      .dictionary(
        fc.constantFrom(
          'id',
          'email',
          'metadata',
          'is_disabled',
          'institution_code',
          'credentials',
          'challenges',
          'is_oauth',
          'skip_aggregation',
        ),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map((fields) => JSON.stringify({ [wrapper]: fields })),
    fc.constantFrom('{', '[]', '"x"', 'null', '{"member":{"credentials":[{"guid":1}]}}', '{"user":{}}'),
  );
}

function request(op: Operation) {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  return fc.record({
    op: fc.constant(op),
    // Deleting the seeded user or member would leave every later request a 404: deletes get junk ids.
    params: fc.tuple(...names.map((n) => (op.method === 'DELETE' ? junk : paramValue(n)))),
    query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...(op.query.length ? op.query : ['page'])), junk), queryValue), {
      maxLength: 4,
    }),
    body:
      op.method === 'POST' || op.method === 'PUT'
        ? fc.option(bodyFor(op.path), { nil: undefined })
        : fc.constant(undefined),
  });
}

describe('bad input', () => {
  it('never gets a 5xx, and every error is MX error JSON that says something', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(60);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ops).chain(request), async ({ op, params, query, body }) => {
        let i = 0;
        const path = op.path.replace(/\{\w+\}/g, () => encodeURIComponent(String(params[i++])));
        const qs = new URLSearchParams(query as Array<[string, string]>).toString();
        const res = await call(op.version, op.method, qs ? `${path}?${qs}` : path, body);
        const where = `${op.method} ${path}?${qs} ${body ?? ''} → ${res.status} ${res.text.slice(0, 300)}`;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, where).toBeLessThan(500);
        if (res.status >= 400) {
          const error = JSON.parse(res.text).error;
          expect(typeof error?.message === 'string' && error.message.length > 0, where).toBe(true);
          expect(typeof error?.status, where).toBe('string');
          expect(typeof error?.type, where).toBe('string');
        }
      }),
      { numRuns: 2500, seed: 20261125 },
    );
  });

  it('leaves a world that still reads back conformant to MX', async () => {
    clock.advance(60_000);
    const exchanges: Parameters<typeof expectConformant>[0][number][] = [];
    const get = async (version: Version, path: string) => {
      const res = await call(version, 'GET', path);
      expect(res.status, `${path} → ${res.text}`).toBe(200);
      const body = JSON.parse(res.text);
      exchanges.push({ version, method: 'GET', path, status: res.status, body, contentType: res.type });
      return body;
    };
    for (const version of ['v20250224', 'v20111101'] as const) {
      const users = (await get(version, '/users?records_per_page=1000')).users as Array<{ guid: string }>;
      for (const u of users) {
        await get(version, `/users/${u.guid}`);
        const members = (await get(version, `/users/${u.guid}/members?records_per_page=1000`)).members;
        for (const m of members as Array<{ guid: string }>)
          await get(version, `/users/${u.guid}/members/${m.guid}/status`);
        await get(version, `/users/${u.guid}/accounts?records_per_page=1000`);
        await get(version, `/users/${u.guid}/transactions?records_per_page=100`);
      }
    }
    console.info(
      `statuses under fuzz: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    // The generated requests reach the handlers, not only validation and lookups.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(200);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(200);
    await expectConformant(exchanges);
  });
});
