// Client worlds over HTTP (docs/shared-instance.md#tenants-and-memory): reads from unknown client_ids keep
// nothing, a write keeps exactly that client's world, `maxTenants` refuses a new client_id past the limit
// (503 in MX's error JSON) until a reset frees a slot, and ids, guids and clocks are what they always were.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenarios/load.js';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../../src/server/generators/institutions.js';
import { loadContractWatch } from '../../src/server/watch/contract-watch.js';
import { expectConformant } from '../helpers/contract.js';
import { type ServerOptions, startServer, type TestServer } from '../helpers/server.js';

/** A server for one test; its traffic is checked against the documents at the end. */
async function withServer(options: ServerOptions, test: (mx: TestServer) => Promise<void>): Promise<void> {
  const mx = await startServer(options);
  try {
    await test(mx);
  } finally {
    await mx.close();
  }
  await expectConformant(mx.exchanges, mx.adminExchanges);
}

const as = (clientId: string) => ({ auth: `${clientId}:key` });
const scenario = (yaml: string) => [{ scenario: parseScenario(yaml, 'test.yaml'), source: 'test.yaml' }];

function expectLimitError(res: { status: number; body: any }) {
  expect(res.status).toBe(503);
  expect(res.body).toEqual({
    error: {
      message: expect.stringContaining('--max-tenants'),
      status: 'service_unavailable',
      type: 'tenant_limit_reached',
    },
  });
  expect(res.body.error.message).toContain('POST /_mx-sim/reset');
}

describe('worlds kept per client_id', () => {
  it('keeps nothing for reads from new client_ids, whatever they read', async () => {
    await withServer({}, async (mx) => {
      for (let i = 0; i < 40; i++) {
        const who = as(`reader-${i}`);
        expect((await mx.get('/users', who)).body.users).toEqual([]);
        expect((await mx.get('/institutions/mxbank', who)).status).toBe(200);
        expect((await mx.get('/users/nobody', who)).status).toBe(404);
        expect((await mx.get('/_mx-sim/clock', who)).body.offset_ms).toBe(0);
        expect((await mx.get('/_mx-sim/scenarios', who)).status).toBe(200);
        expect((await mx.get('/_mx-sim/webhooks', who)).body.webhooks).toEqual([]);
        expect((await mx.get('/_mx-sim/export?format=json', who)).status).toBe(200);
      }
      expect(mx.sim.tenants.size).toBe(0);
      expect(mx.sim.tenants.clientIds()).toEqual([]);
    });
  });

  it('keeps nothing for writes that change nothing (refused, or reset on a world that holds nothing)', async () => {
    await withServer({}, async (mx) => {
      expect((await mx.post('/users', { user: 'not an object' }, as('w-bad'))).status).toBe(400);
      expect((await mx.post('/users/nobody/members', { member: {} }, as('w-bad'))).status).toBe(400);
      expect((await mx.del('/users/nobody', as('w-bad'))).status).toBe(404);
      expect((await mx.post('/_mx-sim/reset', undefined, as('w-reset'))).status).toBe(200);
      expect((await mx.del('/_mx-sim/scenarios', as('w-reset'))).status).toBe(200);
      expect((await mx.del('/_mx-sim/webhooks', as('w-reset'))).status).toBe(200);
      expect((await mx.post('/_mx-sim/clock', { advance_ms: 0 }, as('w-clock'))).status).toBe(200);
      expect(mx.sim.tenants.clientIds()).toEqual([]);
    });
  });

  it('keeps exactly one world for a write, until a reset leaves it holding nothing', async () => {
    await withServer({}, async (mx) => {
      await mx.get('/users', as('other'));
      expect((await mx.post('/users', { user: { id: 'u1' } }, as('writer'))).status).toBe(200);
      expect(mx.sim.tenants.clientIds()).toEqual(['writer']);
      expect(mx.sim.tenants.size).toBe(1);
      // Deleting the user leaves a world whose guid sequence has moved on: still kept.
      const guid = (await mx.get('/users', as('writer'))).body.users[0].guid;
      expect((await mx.del(`/users/${guid}`, as('writer'))).status).toBe(204);
      expect(mx.sim.tenants.size).toBe(1);
      await mx.post('/_mx-sim/reset', undefined, as('writer'));
      expect(mx.sim.tenants.clientIds()).toEqual([]);
    });
  });

  it('keeps a moved clock, a loaded scenario: each until reset', async () => {
    await withServer({}, async (mx) => {
      await mx.post('/_mx-sim/clock', { advance_ms: 60_000 }, as('clock'));
      expect(mx.sim.tenants.clientIds()).toEqual(['clock']);
      expect((await mx.get('/_mx-sim/clock', as('clock'))).body.offset_ms).toBe(60_000);
      await mx.post('/_mx-sim/reset', undefined, as('clock'));
      expect((await mx.get('/_mx-sim/clock', as('clock'))).body.offset_ms).toBe(0);

      expect((await mx.call('POST', '/_mx-sim/scenarios', { raw: 'name: mine', ...as('loader') })).status).toBe(201);
      expect(mx.sim.tenants.clientIds()).toEqual(['loader']);
      expect((await mx.get('/_mx-sim/scenarios', as('loader'))).body.scenarios).toEqual([
        { name: 'mine', source: 'request body' },
      ]);
      await mx.post('/_mx-sim/reset', undefined, as('loader'));
      expect(mx.sim.tenants.size).toBe(1);
      await mx.del('/_mx-sim/scenarios', as('loader'));
      expect(mx.sim.tenants.clientIds()).toEqual([]);
    });
  });

  it('gives the ids, guids and clocks it always gave for a fixed request sequence', async () => {
    // Pinned from the simulator before worlds were dropped: reads first, a reset, a clock move.
    await withServer({}, async (mx) => {
      const a = as('pin-a');
      const b = as('pin-b');
      await mx.get('/users', a);
      await mx.get('/institutions/mxbank', b);
      await mx.get('/_mx-sim/clock', a);
      const a1 = (await mx.post('/users', { user: { id: 'a1' } }, a)).body.user.guid;
      const b1 = (await mx.post('/users', { user: { id: 'b1' } }, b)).body.user.guid;
      const credentials = [
        { guid: MXBANK_LOGIN_GUID, value: 'mxuser' },
        { guid: MXBANK_PASSWORD_GUID, value: 'password' },
      ];
      const m1 = (await mx.post(`/users/${a1}/members`, { member: { institution_code: 'mxbank', credentials } }, a))
        .body.member.guid;
      mx.clock.advance(60_000);
      expect((await mx.get(`/users/${a1}/members/${m1}/status`, a)).body.member.connection_status).toBe('CONNECTED');
      const accounts = (await mx.get(`/users/${a1}/members/${m1}/accounts`, a)).body.accounts.map((x: any) => x.guid);
      const webhooks = (await mx.get('/_mx-sim/webhooks', a)).body.webhooks.map((w: any) => w.guid);
      await mx.post('/_mx-sim/reset', undefined, a);
      await mx.get('/users', a);
      const a2 = (await mx.post('/users', { user: { id: 'a2' } }, a)).body.user.guid;
      await mx.del(`/users/${b1}`, b);
      const b2 = (await mx.post('/users', { user: { id: 'b2' } }, b)).body.user.guid;
      await mx.post('/_mx-sim/clock', { advance_ms: 3_600_000 }, as('pin-c'));
      const clock = (await mx.get('/_mx-sim/clock', as('pin-c'))).body;
      const c1 = (await mx.post('/users', { user: { id: 'c1' } }, as('pin-c'))).body.user.guid;

      expect({ a1, b1, m1, accounts, webhooks, a2, b2, clock, c1 }).toEqual({
        a1: 'USR-c8600ee7-0718-4c22-80af-7e3191d00737',
        b1: 'USR-26ff9b93-76d2-438c-9fd9-ccdd3fc5fce0',
        m1: 'MBR-38f62209-d0a3-4301-8187-52359f56f828',
        accounts: [
          'ACT-89c12390-b77b-3ae5-d43a-c2286c1881dc',
          'ACT-8be00610-ff2f-0921-069d-6b239aca1bc5',
          'ACT-bd77a75d-d9d8-5033-f923-d3b9aa04fc63',
          'ACT-b8ee9e25-f7e1-f2dc-e457-6cc502bf9b07',
          'ACT-d082040e-fc02-588e-cedb-54346f2dcfe9',
          'ACT-3eb43c6e-3f25-873e-9582-c2320915c99b',
        ],
        // MEMBER created, initial_data_ready, AGGREGATION: the log's sequence as before, one guid each.
        webhooks: [
          'WHK-e27548eb-3f61-4d02-b65f-decde2e4f034',
          'WHK-22c89b00-8931-4f36-95d7-60499d336d2b',
          'WHK-6087cf36-cd2a-4029-8a5c-e7a59bb1ce7f',
        ],
        // After a reset the sequence starts again.
        a2: 'USR-c8600ee7-0718-4c22-80af-7e3191d00737',
        b2: 'USR-9bf87b72-da52-486e-acc7-3eda3d35fe97',
        clock: { client_id: 'pin-c', now: '2026-01-15T13:01:00.000Z', offset_ms: 3_600_000 },
        c1: 'USR-9f0931ff-9a8d-40e0-943b-38b3fa4237fe',
      });
      expect(mx.sim.tenants.clientIds().sort()).toEqual(['pin-a', 'pin-b', 'pin-c']);
    });
  });
});

describe('the tenant limit (maxTenants)', () => {
  it('refuses a new client_id that needs a world, serves its reads, and frees a slot on reset', async () => {
    await withServer({ maxTenants: 2 }, async (mx) => {
      await mx.post('/users', { user: { id: 'a' } }, as('a'));
      await mx.post('/_mx-sim/clock', { advance_ms: 1_000 }, as('b'));
      expect(mx.sim.tenants.size).toBe(2);

      expectLimitError(await mx.post('/users', { user: { id: 'c' } }, as('c')));
      expectLimitError(await mx.post('/_mx-sim/clock', { advance_ms: 1_000 }, as('c')));
      expectLimitError(await mx.call('POST', '/_mx-sim/scenarios', { raw: 'name: mine', ...as('c') }));
      // Reads need no world, and a refused client keeps none.
      expect((await mx.get('/users', as('c'))).body.users).toEqual([]);
      expect((await mx.get('/_mx-sim/clock', as('c'))).body.offset_ms).toBe(0);
      expect(mx.sim.tenants.clientIds().sort()).toEqual(['a', 'b']);

      // The clients that have a world keep working.
      expect((await mx.post('/users', { user: { id: 'a2' } }, as('a'))).status).toBe(200);
      expect((await mx.get('/users', as('a'))).body.users).toHaveLength(2);
      expect((await mx.get('/_mx-sim/clock', as('b'))).body.offset_ms).toBe(1_000);

      await mx.post('/_mx-sim/reset', undefined, as('b'));
      expect(mx.sim.tenants.size).toBe(1);
      expect((await mx.post('/users', { user: { id: 'c' } }, as('c'))).status).toBe(200);
      expect(mx.sim.tenants.clientIds().sort()).toEqual(['a', 'c']);
    });
  });

  it('counts preset users from a startup scenario from the first request, reads included', async () => {
    const scenarios = scenario('users: [{ id: preset-user }]');
    await withServer({ maxTenants: 1, scenarios }, async (mx) => {
      expect((await mx.get('/users', as('a'))).body.users).toMatchObject([{ id: 'preset-user' }]);
      expect(mx.sim.tenants.clientIds()).toEqual(['a']);
      expectLimitError(await mx.get('/users', as('b')));
      expectLimitError(await mx.get('/_mx-sim/clock', as('b')));
      // Its reset brings the presets back: the world still holds them.
      await mx.post('/_mx-sim/reset', undefined, as('a'));
      expect(mx.sim.tenants.clientIds()).toEqual(['a']);
    });
  });

  it('counts a clock a startup scenario starts ahead, and keeps it', async () => {
    const scenarios = scenario('starts_at: 2030-01-01T00:00:00Z');
    await withServer({ maxTenants: 1, scenarios }, async (mx) => {
      expect((await mx.get('/_mx-sim/clock', as('a'))).body.now).toBe('2030-01-01T00:00:00.000Z');
      mx.clock.advance(5_000);
      expect((await mx.get('/_mx-sim/clock', as('a'))).body.now).toBe('2030-01-01T00:00:05.000Z');
      expectLimitError(await mx.get('/users', as('b')));
    });
  });

  it('counts reads in a world with faults, whose counts they move (a fault that fires once stays fired)', async () => {
    const scenarios = scenario('faults: [{ route: "GET /users", status: 500, times: 1 }]');
    await withServer({ maxTenants: 1, scenarios }, async (mx) => {
      expect((await mx.get('/users', as('a'))).status).toBe(500);
      expect((await mx.get('/users', as('a'))).status).toBe(200);
      expect(mx.sim.tenants.clientIds()).toEqual(['a']);
      expectLimitError(await mx.get('/institutions/mxbank', as('b')));
    });
  });

  it('counts a contract-watch report until it is cleared', async () => {
    await withServer({ maxTenants: 1, contract: await loadContractWatch('own') }, async (mx) => {
      expect((await mx.get('/institutions/mxbank', as('a'))).status).toBe(200);
      expect(mx.sim.tenants.clientIds()).toEqual(['a']);
      expectLimitError(await mx.get('/institutions/mxbank', as('b')));
      // A reset keeps the report (it survives resets), so the slot too.
      await mx.post('/_mx-sim/reset', undefined, as('a'));
      expect(mx.sim.tenants.size).toBe(1);
      expect((await mx.get('/_mx-sim/contract', as('a'))).body.operations).toHaveLength(1);
      expect((await mx.del('/_mx-sim/contract', as('a'))).body.operations).toEqual([]);
      expect(mx.sim.tenants.size).toBe(0);
      expect((await mx.get('/institutions/mxbank', as('b'))).status).toBe(200);
      expect(mx.sim.tenants.clientIds()).toEqual(['b']);
    });
  });

  it('refuses a limit below 1', async () => {
    const { createSimulator } = await import('../../src/server/app.js');
    expect(() => createSimulator({ maxTenants: 0 })).toThrow('maxTenants: expected a whole number of at least 1');
  });
});
