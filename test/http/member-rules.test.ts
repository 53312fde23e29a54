// MX's member rules over HTTP, in both versions where they apply (docs/mx-behaviour.md#jobs,
// #creating-members, #challenges): no job on a member that needs updated credentials (405), PREVENTED
// from wrong credentials sent again and again, create member's 201 for a data_request product the
// institution lacks, skip_aggregation honoured only in v20111101, resume on a member that is not
// CHALLENGED (405).
import { describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../src/mx/versions.js';
import { createMember, credentialsFor, newUser, settle } from '../helpers/members.js';
import { type Reply, useServer } from '../helpers/server.js';

const mx = useServer();

const HEADERS: Record<ApiVersion, Record<string, string | undefined>> = {
  v20250224: { Accept: 'application/json', 'Accept-Version': 'v20250224' },
  v20111101: { Accept: 'application/vnd.mx.api.v1+json', 'Accept-Version': 'v20111101' },
};
const VERSIONS = ['v20250224', 'v20111101'] as const;

/** Calls in one version (paths with guids work in both). */
function inVersion(version: ApiVersion) {
  const headers = HEADERS[version];
  return {
    get: (path: string) => mx.get(path, { headers }),
    post: (path: string, body?: unknown) => mx.post(path, body, { headers }),
    put: (path: string, body: unknown) => mx.put(path, body, { headers }),
  };
}

const JOBS = [
  'aggregate',
  'check_balance',
  'identify',
  'verify',
  'fetch_statements',
  'extend_history',
  'fetch_rewards',
];

function expectMxError(res: Reply, status: number, type: string) {
  expect(res.status).toBe(status);
  // Errors stay application/json in v20111101 too.
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.body.error).toMatchObject({ status: status === 405 ? 'method_not_allowed' : expect.any(String), type });
}

describe.each(VERSIONS)('needs_updated_credentials (%s)', (version) => {
  const api = inVersion(version);

  it('refuses every job with 405 needs_updated_credentials and starts nothing', async () => {
    const { path } = await createMember(mx, 'UNAUTHORIZED');
    const denied = await settle(mx, path);
    expect(denied.connection_status).toBe('DENIED');
    const read = await api.get(path);
    expect(read.headers.get('content-type')).toBe(
      version === 'v20111101' ? 'application/vnd.mx.api.v1+json' : 'application/json',
    );
    const before = read.body.member;
    expect(before.needs_updated_credentials).toBe(true);
    for (const job of JOBS) {
      const res = await api.post(`${path}/${job}`);
      expectMxError(res, 405, 'needs_updated_credentials');
      expect(res.headers.get('allow')).toBe('POST');
      expect(res.body.error.message).toContain(`is DENIED and needs updated credentials, so MX will not run a ${job}`);
      expect(res.body.error.message).toContain('PUT /users/{user}/members/{member}');
    }
    const after = (await api.get(`${path}/status`)).body.member;
    expect(after).toMatchObject({ connection_status: 'DENIED', is_being_aggregated: false });
    expect((await api.get(path)).body.member.most_recent_job_guid).toBe(before.most_recent_job_guid);
  });

  it('reaches PREVENTED by the third wrong credentials in a row; right ones connect and jobs run again', async () => {
    const { path } = await createMember(mx, 'INVALID');
    await settle(mx, path);
    const send = async (password: string) => {
      const res = await api.put(path, { member: { credentials: await credentialsFor(mx, 'mxbank', password) } });
      expect(res.status).toBe(200);
      expect(res.body.member).toMatchObject({ connection_status: 'UPDATED', is_being_aggregated: true });
      return (await settle(mx, path)).connection_status;
    };
    expect(await send('UNAUTHORIZED')).toBe('DENIED');
    expect(await send('INVALID')).toBe('PREVENTED');
    expect((await api.post(`${path}/aggregate`)).status).toBe(405);
    expect(await send('right')).toBe('CONNECTED');
    expect((await api.get(path)).body.member.needs_updated_credentials).toBe(false);
    expect((await api.post(`${path}/aggregate`)).status).toBe(202);
  });
});

describe('create member with a data_request product the institution lacks (v20250224)', () => {
  /** A credential institution of the catalogue without rewards. */
  async function institutionWithoutRewards() {
    const list = (await mx.get('/institutions?records_per_page=100')).body.institutions as Array<{
      code: string;
      supports_oauth: boolean;
      supported_products: string[];
    }>;
    const inst = list.find(
      (i) =>
        !i.supports_oauth && !i.supported_products.includes('rewards') && i.supported_products.includes('transactions'),
    );
    if (!inst) throw new Error('the catalogue has no credential institution without rewards');
    return inst;
  }

  it('answers 201: the member is created and aggregates, and the error names what failed', async () => {
    const inst = await institutionWithoutRewards();
    const user = await newUser(mx);
    const credentials = await credentialsFor(mx, inst.code, 'password');
    const res = await mx.post(`/users/${user}/members`, {
      member: { institution_code: inst.code, credentials },
      data_request: { products: ['transactions', 'rewards'] },
    });
    expect(res.status).toBe(201);
    expect(res.body.member).toMatchObject({
      institution_code: inst.code,
      connection_status: 'CREATED',
      is_being_aggregated: true,
    });
    expect(res.body.error).toEqual({
      message:
        `data_request.products: ${inst.code} does not support rewards (it supports ${inst.supported_products.join(', ')}); ` +
        `member ${res.body.member.guid} was created without it. Ask for supported products only, or use another institution.`,
      status: 'bad_request',
      type: 'unsupported_product',
    });
    const path = `/users/${user}/members/${res.body.member.guid}`;
    expect((await settle(mx, path)).connection_status).toBe('CONNECTED');
    expect((await mx.get(`${path}/accounts`)).body.accounts.length).toBeGreaterThan(0);
    // The rewards were not gathered; the job for them is refused as before (400).
    expectMxError(await mx.post(`${path}/fetch_rewards`), 400, 'unsupported_product');
  });

  it('still answers 202 when every product is supported, and 400 for a value that is no product', async () => {
    const inst = await institutionWithoutRewards();
    const credentials = await credentialsFor(mx, inst.code, 'password');
    const ok = await mx.post(`/users/${await newUser(mx)}/members`, {
      member: { institution_code: inst.code, credentials },
      data_request: { products: ['transactions'] },
    });
    expect(ok.status).toBe(202);
    expect(ok.body).not.toHaveProperty('error');
    const bad = await mx.post(`/users/${await newUser(mx)}/members`, {
      member: { institution_code: inst.code, credentials },
      data_request: { products: ['bitcoin'] },
    });
    expectMxError(bad, 400, 'validation_error');
  });

  it('answers 201 for an OAuth member too, which then waits for the user (PENDING)', async () => {
    const user = await newUser(mx);
    const oauth = (await mx.get('/institutions?records_per_page=100')).body.institutions.find(
      (i: { supports_oauth: boolean; supported_products: string[] }) =>
        i.supports_oauth && !i.supported_products.includes('statements'),
    );
    expect(oauth).toBeDefined();
    const res = await mx.post(`/users/${user}/members`, {
      member: { institution_code: oauth.code, is_oauth: true },
      data_request: { products: ['statements'] },
    });
    expect(res.status).toBe(201);
    expect(res.body.member).toMatchObject({ connection_status: 'PENDING', is_being_aggregated: false });
    expect(res.body.error.type).toBe('unsupported_product');
  });
});

describe('skip_aggregation', () => {
  it('is ignored in v20250224: create and new credentials aggregate', async () => {
    const api = inVersion('v20250224');
    const { res, path } = await createMember(mx, 'password', 'mxbank', { skip_aggregation: true });
    expect(res.status).toBe(202);
    expect(res.body.member).toMatchObject({ connection_status: 'CREATED', is_being_aggregated: true });
    await settle(mx, path);
    const updated = await api.put(path, {
      member: { credentials: await credentialsFor(mx, 'mxbank', 'other'), skip_aggregation: true },
    });
    expect(updated.body.member).toMatchObject({ connection_status: 'UPDATED', is_being_aggregated: true });
  });

  it('is honoured in v20111101: create answers 200 without a job, and new credentials start none', async () => {
    const api = inVersion('v20111101');
    const user = await newUser(mx);
    const res = await api.post(`/users/${user}/members`, {
      member: {
        institution_code: 'mxbank',
        credentials: await credentialsFor(mx, 'mxbank', 'password'),
        skip_aggregation: true,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.member).toMatchObject({ connection_status: 'CREATED', is_being_aggregated: false });
    const path = `/users/${user}/members/${res.body.member.guid}`;
    const updated = await api.put(path, {
      member: { credentials: await credentialsFor(mx, 'mxbank', 'other'), skip_aggregation: true },
    });
    expect(updated.body.member).toMatchObject({ connection_status: 'CREATED', is_being_aggregated: false });
    expect(updated.body.member.most_recent_job_guid).toBeNull();
  });
});

describe.each(VERSIONS)('resume when not CHALLENGED (%s)', (version) => {
  const api = inVersion(version);

  it('answers 405 not_challenged with Allow: PUT, naming the status', async () => {
    const { path } = await createMember(mx, 'password');
    await settle(mx, path);
    const res = await api.put(`${path}/resume`, { member: { challenges: [{ guid: 'CRD-x', value: 'correct' }] } });
    expectMxError(res, 405, 'not_challenged');
    expect(res.headers.get('allow')).toBe('PUT');
    expect(res.body.error.message).toContain('is CONNECTED, not CHALLENGED');
    expect((await api.get(`${path}/status`)).body.member.connection_status).toBe('CONNECTED');
  });
});
