// Contract watch: the simulator checks the traffic a user's own client sends it against the API documents,
// per client_id, and reports per operation as JSON or JUnit, so a client in any language can be checked.
import { describe, expect, it } from 'vitest';
import { findMxSpec, MX_SPEC_HINT } from '../../src/contract/mx-spec.js';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../../src/server/generators/institutions.js';
import { loadContractWatch } from '../../src/server/watch/contract-watch.js';
import { settle } from '../helpers/members.js';
import { useServer } from '../helpers/server.js';

describe('contract watch against the project documents', async () => {
  const mx = useServer({ fast: true, contract: await loadContractWatch('own') });

  it('reports each operation the client called, with the requests the document refuses', async () => {
    expect((await mx.get('/institutions?name=mx')).status).toBe(200);
    const user = (await mx.post('/users', { user: { id: 'watched' } })).body.user.guid;
    const created = await mx.post(`/users/${user}/members`, {
      member: {
        institution_code: 'mxbank',
        credentials: [
          { guid: MXBANK_LOGIN_GUID, value: 'mxuser' },
          { guid: MXBANK_PASSWORD_GUID, value: 'password' },
        ],
      },
    });
    await settle(mx, `/users/${user}/members/${created.body.member.guid}`);
    // A client bug: a page size that is not a number.
    expect((await mx.get(`/users/${user}/members?records_per_page=lots`)).status).toBe(400);

    const report = (await mx.get('/_mx-sim/contract')).body;
    expect(report.sources.v20250224).toBe('the mx-sim document (openapi/v20250224.json)');
    const byName = Object.fromEntries(report.operations.map((op: any) => [op.name, op]));
    expect(byName.listInstitutions).toMatchObject({ route: 'v20250224 GET /institutions', calls: 1, violations: [] });
    expect(byName.createMember.violations).toEqual([]);
    expect(byName.readMemberStatus.calls).toBeGreaterThanOrEqual(1);
    expect(byName.listMembers.violations).toEqual([
      expect.objectContaining({ status: 0, method: 'GET', message: expect.stringContaining('records_per_page') }),
    ]);
    expect(report.violation_count).toBe(1);
    expect(report.text).toMatch(/✗ listMembers \(v20250224 GET \/users\/\{user_identifier\}\/members\) ×1/);
    // Never the credentials the client sent.
    expect(JSON.stringify(report)).not.toContain('password');
  });

  it('answers JUnit XML for CI, one testcase per operation', async () => {
    const res = await mx.get('/_mx-sim/contract?format=junit');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(res.text).toMatch(/<testsuites name="mx-sim contract" tests="\d+" failures="1">/);
    expect(res.text).toMatch(
      /<testcase classname="v20250224 GET \/users\/\{user_identifier\}\/members" name="listMembers">\s*<failure/,
    );
  });

  it("keeps each client's traffic apart, and forgets it when asked", async () => {
    const other = await mx.get('/_mx-sim/contract', { auth: 'another-client:key' });
    expect(other.body.operations).toEqual([]);
    const cleared = await mx.del('/_mx-sim/contract');
    expect(cleared.body).toMatchObject({ operations: [], violation_count: 0 });
    expect((await mx.get('/_mx-sim/contract')).body.operations).toEqual([]);
  });
});

describe('contract watch off', () => {
  const mx = useServer();
  it('says how to turn it on', async () => {
    const res = await mx.get('/_mx-sim/contract');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'contract_watch_off' });
    expect(res.body.error.message).toContain('--contract mx');
  });
});

const mxSpecs = findMxSpec('v20250224') && findMxSpec('v20111101');
if (!mxSpecs) console.info(`contract watch against MX's documents skipped: ${MX_SPEC_HINT}`);

describe.runIf(mxSpecs)("contract watch against MX's documents", async () => {
  const mx = useServer({ contract: mxSpecs ? await loadContractWatch('mx') : undefined });

  it("checks both versions' traffic against MX's own documents", async () => {
    await mx.get('/institutions/mxbank');
    await mx.get('/institutions/mxbank', {
      headers: { 'Accept-Version': 'v20111101', Accept: 'application/vnd.mx.api.v1+json' },
    });
    // A client bug MX's document catches: an email that is not a string.
    expect((await mx.post('/users', { user: { email: 42 } })).status).toBe(400);
    const report = (await mx.get('/_mx-sim/contract')).body;
    expect(report.sources.v20250224).toBe(findMxSpec('v20250224'));
    expect(report.sources.v20111101).toBe(findMxSpec('v20111101'));
    const routes = report.operations.map((op: any) => `${op.route} ${op.violations.length}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'v20111101 GET /institutions/{institution_code} 0',
        'v20250224 GET /institutions/{institution_code} 0',
      ]),
    );
    const createUser = report.operations.find((op: any) => op.name === 'createUser');
    expect(createUser.violations).toEqual([
      expect.objectContaining({ status: 0, message: expect.stringMatching(/email/) }),
    ]);
  });
});
