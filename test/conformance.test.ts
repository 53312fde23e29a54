// Drives every operation the simulator serves over HTTP and checks each response against MX's
// official document (when on this machine) and the project's own.
import { describe, expect, it } from 'vitest';
import { mxSpecPath, mxValidator, ownValidator } from './helpers/contract.js';
import { credentialsFor, settle } from './helpers/members.js';
import { useServer } from './helpers/server.js';

const mx = useServer();

describe('conformance', () => {
  it('exercises every documented operation with a success response', async () => {
    const user = (await mx.post('/users', { user: { id: 'conf-1', email: 'c@example.com', metadata: '{}' } })).body
      .user;
    await mx.get('/users');
    await mx.get(`/users/${user.guid}`);
    await mx.put('/users/conf-1', { user: { is_disabled: true } });
    await mx.get('/institutions?name=bank&supported_products=transactions');
    await mx.get('/institutions/favorites');
    await mx.get('/institutions/mxbank');
    await mx.get('/institutions/mxbank/credentials');
    const creds = await credentialsFor(mx, 'mxbank', 'challenge');
    const created = await mx.post(`/users/${user.guid}/members`, {
      member: { institution_code: 'mxbank', credentials: creds, id: 'conf-m' },
      data_request: { products: ['transactions', 'identity_verification'] },
    });
    const path = `/users/${user.guid}/members/${created.body.member.guid}`;
    await mx.get(`/users/${user.guid}/members`);
    await mx.get(path);
    await mx.get(`${path}/credentials`);
    await settle(mx, path);
    const challenges = (await mx.get(`${path}/challenges`)).body.challenges;
    await mx.put(`${path}/resume`, {
      member: { challenges: challenges.map((c: any) => ({ guid: c.guid, value: 'correct' })) },
    });
    await settle(mx, path);
    await mx.post(`${path}/aggregate`);
    await mx.put(path, { member: { metadata: 'x' } });
    const oauth = await mx.post(`/users/${user.guid}/members`, {
      member: { institution_code: 'mxcu_oauth', is_oauth: true },
    });
    await mx.get(`/users/${user.guid}/members/${oauth.body.member.guid}/oauth_window_uri`);
    await mx.del(path);
    await mx.del(`/users/${user.guid}`);

    const ours = await ownValidator();
    const exercised = new Set(
      mx.exchanges.filter((e) => e.status < 300).map((e) => ours.operationFor(e.method, e.path)?.operationId),
    );
    expect(ours.operationIds().filter((id) => !exercised.has(id))).toEqual([]);
  });

  it("maps every simulated operation onto an operation of MX's document", async (ctx) => {
    const theirs = await mxValidator();
    if (!theirs) {
      console.info(`skipped: MX's document not found (${mxSpecPath ?? 'set MX_OPENAPI_SPEC'})`);
      return ctx.skip();
    }
    const ours = await ownValidator();
    const unmatched = mx.exchanges
      .filter((e) => e.status < 300)
      .filter(
        (e) => theirs.operationFor(e.method, e.path)?.operationId !== ours.operationFor(e.method, e.path)?.operationId,
      );
    expect(unmatched).toEqual([]);
  });
});
