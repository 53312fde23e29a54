import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/server/app.js';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../../src/server/generators/institutions.js';
import { useServer } from '../helpers/server.js';

const mx = useServer();

const codes = (body: { institutions: Array<{ code: string }> }) => body.institutions.map((i) => i.code);

describe('institution search', () => {
  it('finds MX test institutions by a case-insensitive name substring', async () => {
    const res = await mx.get('/institutions?name=MX%20bank');
    expect(res.status).toBe(200);
    expect(codes(res.body)).toEqual(expect.arrayContaining(['mxbank', 'mx_bank_oauth']));
    for (const inst of res.body.institutions) expect(inst.name.toLowerCase()).toContain('mx bank');
  });

  it('matches the institution code too, as in the documented example ?name=mxbank', async () => {
    const res = await mx.get('/institutions?name=mxbank');
    expect(codes(res.body)).toContain('mxbank');
  });

  it('serves a few hundred generated institutions, paginated, with varied products, OAuth and countries', async () => {
    const res = await mx.get('/institutions?records_per_page=100');
    expect(res.body.pagination.total_entries).toBeGreaterThanOrEqual(300);
    expect(res.body.institutions).toHaveLength(100);
    const all = [];
    for (let page = 1; page <= res.body.pagination.total_pages; page++) {
      all.push(...(await mx.get(`/institutions?records_per_page=100&page=${page}`)).body.institutions);
    }
    expect(new Set(all.map((i) => i.code)).size).toBe(res.body.pagination.total_entries);
    expect(new Set(all.map((i) => i.iso_country_code))).toEqual(new Set(['US', 'CA']));
    expect(all.some((i) => i.supports_oauth) && all.some((i) => !i.supports_oauth)).toBe(true);
    expect(new Set(all.map((i) => i.supported_products.join())).size).toBeGreaterThan(20);
  });

  it('requires every listed product, given repeated, with [] or comma-separated', async () => {
    const forms = [
      'supported_products=statements&supported_products=rewards',
      'supported_products[]=statements&supported_products[]=rewards',
      'supported_products=statements,rewards',
    ];
    const results = await Promise.all(forms.map((q) => mx.get(`/institutions?records_per_page=100&${q}`)));
    for (const res of results) {
      expect(res.status).toBe(200);
      expect(res.body.institutions.length).toBeGreaterThan(0);
      for (const inst of res.body.institutions)
        expect(inst.supported_products).toEqual(expect.arrayContaining(['statements', 'rewards']));
    }
    expect(codes(results[1]!.body)).toEqual(codes(results[0]!.body));
    expect(codes(results[2]!.body)).toEqual(codes(results[0]!.body));
    const single = await mx.get('/institutions?records_per_page=100&supported_products=statements');
    expect(single.body.pagination.total_entries).toBeGreaterThan(results[0]!.body.pagination.total_entries);
  });

  it('accepts history as the spec enum spells transaction_history', async () => {
    const a = await mx.get('/institutions?supported_products=history');
    const b = await mx.get('/institutions?supported_products=transaction_history');
    expect(a.status).toBe(200);
    expect(a.body).toEqual(b.body);
  });

  it('rejects an unknown product with a message listing the valid ones', async () => {
    const res = await mx.get('/institutions?supported_products=crypto');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /supported_products: 'crypto' is not a product; use one of account_verification/,
    );
  });

  it('filters by iso_country_code', async () => {
    const ca = await mx.get('/institutions?iso_country_code=CA&records_per_page=100');
    expect(ca.body.institutions.length).toBeGreaterThan(0);
    for (const inst of ca.body.institutions) expect(inst.iso_country_code).toBe('CA');
    const both = await mx.get('/institutions?iso_country_code[]=CA&iso_country_code[]=US');
    const all = await mx.get('/institutions');
    expect(both.body.pagination.total_entries).toBe(all.body.pagination.total_entries);
  });

  it('combines filters and pages past the end with true totals', async () => {
    const res = await mx.get('/institutions?name=bank&supported_products=account_verification&page=999');
    expect(res.status).toBe(200);
    expect(res.body.institutions).toEqual([]);
    expect(res.body.pagination.total_entries).toBeGreaterThan(0);
    expect(res.body.pagination.current_page).toBe(999);
  });
});

describe('institution and its credentials', () => {
  it('reads MX Bank by code', async () => {
    const res = await mx.get('/institutions/mxbank');
    expect(res.status).toBe(200);
    expect(res.body.institution).toMatchObject({
      code: 'mxbank',
      name: 'MX Bank',
      supports_oauth: false,
      iso_country_code: 'US',
    });
    expect(res.body.institution.guid).toMatch(/^INS-/);
  });

  it('answers 404 in MX error JSON for an unknown institution', async () => {
    const res = await mx.get('/institutions/no_such_bank');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { message: expect.stringContaining('no_such_bank'), status: 'not_found', type: 'not_found' },
    });
  });

  it("lists MX Bank's credentials with MX's real guids, by code or by institution guid", async () => {
    const byCode = await mx.get('/institutions/mxbank/credentials');
    expect(byCode.status).toBe(200);
    expect(byCode.body.credentials).toEqual([
      {
        guid: MXBANK_LOGIN_GUID,
        field_name: 'LOGIN',
        field_type: 'TEXT',
        label: 'Username',
        type: 'TEXT',
        display_order: 1,
      },
      {
        guid: MXBANK_PASSWORD_GUID,
        field_name: 'PASSWORD',
        field_type: 'PASSWORD',
        label: 'Password',
        type: 'PASSWORD',
        display_order: 2,
      },
    ]);
    const guid = (await mx.get('/institutions/mxbank')).body.institution.guid;
    const byGuid = await mx.get(`/institutions/${guid}/credentials`);
    expect(byGuid.body).toEqual(byCode.body);
    expect((await mx.get('/institutions/nope/credentials')).status).toBe(404);
  });

  it('gives OAuth-only test institutions no credentials', async () => {
    const res = await mx.get('/institutions/mxcu_oauth/credentials');
    expect(res.body.credentials).toEqual([]);
    expect((await mx.get('/institutions/mxcu_oauth')).body.institution.supports_oauth).toBe(true);
  });

  it('lists favorites (the test institutions), filterable by country', async () => {
    const res = await mx.get('/institutions/favorites');
    expect(codes(res.body)).toEqual(['mxbank', 'mx_bank_oauth', 'mxcu_oauth', 'mxcu_credential', 'simbank']);
    expect((await mx.get('/institutions/favorites?iso_country_code=CA')).body.institutions).toEqual([]);
  });

  it('answers a repeated request with the same body and its own request id, and still validates others', async () => {
    for (const path of ['/institutions?name=credit&page=2', '/institutions/favorites', '/institutions/simbank']) {
      const first = await mx.get(path);
      const again = await mx.get(path);
      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.text).toBe(first.text);
      expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
      expect(again.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
      expect((await mx.get(path, { headers: { 'X-Request-Id': 'again-1' } })).headers.get('x-request-id')).toBe(
        'again-1',
      );
    }
    for (let i = 0; i < 2; i++) {
      expect((await mx.get('/institutions?name=credit&page=two')).status).toBe(400);
      expect((await mx.get('/institutions?supported_products=nope')).status).toBe(400);
      expect((await mx.get('/institutions/no_such_bank')).status).toBe(404);
    }
  });
});

describe('determinism', () => {
  it('builds the same catalogue and guids from the same seed, and another from another seed', async () => {
    const doc = async (seed: string) => {
      const sim = createSimulator({ seed });
      const res = await sim.app.request('/institutions?records_per_page=100&page=2', {
        headers: { Authorization: `Basic ${btoa('a:b')}`, 'Accept-Version': 'v20250224' },
      });
      return res.json();
    };
    expect(await doc('one')).toEqual(await doc('one'));
    expect(await doc('one')).not.toEqual(await doc('two'));
  });
});
