// Microdeposits as a client and a tester use them: create, watch the status move on with the clock,
// read the amounts from the admin API, verify (right, wrong, too often), pre-initiate, delete; errors,
// scenario outcomes, the MICRODEPOSIT webhook and both versions.
import { describe, expect, it } from 'vitest';
import { createMember, newUser, settle } from '../helpers/members.js';
import { type TestServer, useServer, VERSION_HEADERS } from '../helpers/server.js';

const STEP = 60_000;
/** Passes the ABA checksum; no simulated institution has it. */
const ROUTING = '091000019';

let accounts = 0;
const account = (extra: Record<string, unknown> = {}) => ({
  micro_deposit: {
    account_number: String(3_331_000 + ++accounts),
    account_type: 'CHECKING',
    routing_number: ROUTING,
    account_name: 'Everyday checking',
    ...extra,
  },
});

const yaml = (text: string) => ({ raw: text, headers: { 'Content-Type': 'application/yaml' } });

async function amountsOf(mx: TestServer, guid: string) {
  const res = await mx.get('/_mx-sim/micro_deposits');
  expect(res.status, res.text).toBe(200);
  return (res.body.micro_deposits as any[]).find((m) => m.guid === guid);
}

async function create(mx: TestServer, user: string, body = account()) {
  const res = await mx.post(`/users/${user}/micro_deposits`, body);
  expect(res.status, res.text).toBe(200);
  return res.body.micro_deposit;
}

async function read(mx: TestServer, user: string, guid: string) {
  const res = await mx.get(`/users/${user}/micro_deposits/${guid}`);
  expect(res.status, res.text).toBe(200);
  return res.body.micro_deposit;
}

/** A DEPOSITED microdeposit (two steps on the clock) and its amounts. */
async function deposited(mx: TestServer, user: string, body = account()) {
  const md = await create(mx, user, body);
  mx.clock.advance(2 * STEP);
  expect((await read(mx, user, md.guid)).status).toBe('DEPOSITED');
  const admin = await amountsOf(mx, md.guid);
  return { md, amounts: [admin.deposit_amount_1, admin.deposit_amount_2] as [number, number] };
}

const verify = (mx: TestServer, guid: string, a: number, b: number) =>
  mx.put(`/micro_deposits/${guid}/verify`, { micro_deposit: { deposit_amount_1: a, deposit_amount_2: b } });

describe('microdeposit lifecycle', () => {
  const mx = useServer();

  it('goes INITIATED → REQUESTED → DEPOSITED, one step a minute of the client clock', async () => {
    const user = await newUser(mx);
    const md = await create(mx, user);
    expect(md).toMatchObject({
      guid: expect.stringMatching(/^MIC-/),
      status: 'INITIATED',
      account_type: 'CHECKING',
      routing_number: ROUTING,
      account_name: 'Everyday checking',
      error_message: null,
      verified_at: null,
      institution_code: null,
    });
    mx.clock.advance(STEP - 1);
    expect((await read(mx, user, md.guid)).status).toBe('INITIATED');
    mx.clock.advance(1);
    expect((await read(mx, user, md.guid)).status).toBe('REQUESTED');
    mx.clock.advance(STEP);
    expect((await read(mx, user, md.guid)).status).toBe('DEPOSITED');
  });

  it('verifies with the deposited amounts, in either order, VERIFIED one step later', async () => {
    const user = await newUser(mx);
    const { md, amounts } = await deposited(mx, user);
    expect(amounts[0]).not.toBe(amounts[1]);
    for (const a of amounts) expect(a).toBeGreaterThanOrEqual(0.01);
    const res = await verify(mx, md.guid, amounts[1], amounts[0]);
    expect(res.status, res.text).toBe(200);
    expect(res.body.micro_deposit).toMatchObject({ guid: md.guid, status: 'DEPOSITED', error_message: null });
    mx.clock.advance(STEP);
    const done = await read(mx, user, md.guid);
    expect(done.status).toBe('VERIFIED');
    expect(done.verified_at).toBe(done.updated_at);
  });

  it('counts wrong pairs and makes the third PREVENTED; then verify answers 405', async () => {
    const user = await newUser(mx);
    const { md, amounts } = await deposited(mx, user);
    const wrong = [amounts[0], amounts[1] === 0.99 ? 0.98 : Math.round(amounts[1] * 100 + 1) / 100] as const;
    const first = await verify(mx, md.guid, ...wrong);
    expect(first.body.micro_deposit).toMatchObject({
      status: 'DEPOSITED',
      error_message: expect.stringContaining('2 attempts left'),
    });
    expect((await amountsOf(mx, md.guid)).attempts_left).toBe(2);
    await verify(mx, md.guid, ...wrong);
    const third = await verify(mx, md.guid, ...wrong);
    expect(third.body.micro_deposit.status).toBe('PREVENTED');
    const after = await verify(mx, md.guid, ...amounts);
    expect(after.status).toBe(405);
    expect(after.body.error.message).toContain('PREVENTED');
  });

  it('refuses amounts before the deposits arrive (405) and a verify without both amounts (400)', async () => {
    const user = await newUser(mx);
    const md = await create(mx, user);
    const early = await verify(mx, md.guid, 0.1, 0.2);
    expect(early.status).toBe(405);
    expect(early.body.error.message).toMatch(/INITIATED.*DEPOSITED/);
    mx.clock.advance(2 * STEP);
    const half = await mx.put(`/micro_deposits/${md.guid}/verify`, { micro_deposit: { deposit_amount_1: 0.1 } });
    expect(half.status).toBe(400);
    expect(half.body.error.message).toContain('deposit_amount_2');
  });

  it('pre-initiates with only email, first and last name; a partial account is a 400', async () => {
    const user = await newUser(mx);
    const pre = await create(mx, user, {
      micro_deposit: { email: 'pat@example.com', first_name: 'Pat', last_name: 'Lee' },
    } as never);
    expect(pre).toMatchObject({ status: 'PREINITIATED', account_number: null, email: 'pat@example.com' });
    mx.clock.advance(10 * STEP);
    expect((await read(mx, user, pre.guid)).status).toBe('PREINITIATED');
    expect((await amountsOf(mx, pre.guid)).deposit_amount_1).toBeNull();
    const partial = await mx.post(`/users/${user}/micro_deposits`, {
      micro_deposit: { account_number: '3331999', email: 'pat@example.com' },
    });
    expect(partial.status).toBe(400);
    expect(partial.body.error.message).toContain('account_type, routing_number');
  });

  it('validates the routing number, account number and type', async () => {
    const user = await newUser(mx);
    for (const [extra, field] of [
      [{ routing_number: '12345' }, 'routing_number'],
      [{ account_number: '12' }, 'account_number'],
      [{ account_type: 'CREDIT_CARD' }, 'account_type'],
    ] as const) {
      const res = await mx.post(`/users/${user}/micro_deposits`, account(extra));
      expect(res.status, field).toBe(400);
      expect(res.body.error.message).toContain(field);
    }
  });

  it('DENIES a routing number that fails the ABA checksum, without deposits', async () => {
    const user = await newUser(mx);
    const md = await create(mx, user, account({ routing_number: '091000018' }));
    expect(md.status).toBe('INITIATED');
    mx.clock.advance(STEP);
    const denied = await read(mx, user, md.guid);
    expect(denied).toMatchObject({ status: 'DENIED', error_message: expect.stringContaining('checksum') });
  });

  it('CONFLICTS on an account already being verified, and PREVENTS a fourth account for one email', async () => {
    const user = await newUser(mx);
    const first = await create(mx, user, account({ email: 'four@example.com' }));
    const again = await create(mx, user, account({ account_number: first.account_number }));
    expect(again).toMatchObject({ status: 'CONFLICTED', error_message: expect.any(String) });
    await create(mx, user, account({ email: 'four@example.com' }));
    await create(mx, user, account({ email: 'FOUR@example.com' }));
    const fourth = await create(mx, user, account({ email: 'four@example.com' }));
    expect(fourth).toMatchObject({ status: 'PREVENTED', error_message: expect.stringContaining('3 accounts') });
  });

  it('lists, reads and deletes per user; another user gets 404', async () => {
    const user = await newUser(mx);
    const other = await newUser(mx);
    const a = await create(mx, user);
    const b = await create(mx, user);
    const list = await mx.get(`/users/${user}/micro_deposits`);
    expect(list.body.micro_deposits.map((m: any) => m.guid)).toEqual([a.guid, b.guid]);
    expect(list.body.pagination).toMatchObject({ current_page: 1, total_entries: 2 });
    const verifications = await mx.get(`/users/${user}/account_verifications`);
    expect(verifications.status).toBe(200);
    expect(verifications.body.micro_deposit.map((m: any) => m.status)).toEqual(['INITIATED', 'INITIATED']);
    expect((await mx.get(`/users/${other}/micro_deposits/${a.guid}`)).status).toBe(404);
    expect((await mx.del(`/users/${user}/micro_deposits/${a.guid}`)).status).toBe(204);
    const gone = await mx.get(`/users/${user}/micro_deposits/${a.guid}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toContain(a.guid);
    expect((await mx.put(`/micro_deposits/${a.guid}/verify`, { micro_deposit: {} })).status).toBe(404);
    expect((await mx.get('/users/USR-nobody/micro_deposits')).status).toBe(404);
  });

  it('sends a MICRODEPOSIT webhook on create and on each change of status', async () => {
    const user = await newUser(mx);
    const md = await create(mx, user);
    mx.clock.advance(2 * STEP);
    await read(mx, user, md.guid);
    const res = await mx.get('/_mx-sim/webhooks?type=MICRODEPOSIT');
    expect(res.status, res.text).toBe(200);
    const mine = (res.body.webhooks as any[]).filter((w) => w.payload.micro_deposit.guid === md.guid);
    expect(
      mine.map((w) => [w.payload.action, w.payload.micro_deposit.status_name, w.payload.micro_deposit.status]),
    ).toEqual([
      ['created', 'INITIATED', 0],
      ['updated', 'REQUESTED', 1],
      ['updated', 'DEPOSITED', 2],
    ]);
    const payload = mine[0].payload;
    expect(Object.keys(payload).sort()).toEqual(['action', 'micro_deposit', 'version']);
    expect(payload.version).toBe(1);
    expect(Object.keys(payload.micro_deposit).sort()).toEqual([
      'account_number',
      'account_type',
      'created_at',
      'guid',
      'institution_guid',
      'routing_number',
      'status',
      'status_name',
      'updated_at',
      'user_guid',
      'user_id',
      'verified_at',
    ]);
    expect(payload.micro_deposit).toMatchObject({ account_type: 1, user_guid: user, created_at: md.created_at });
    expect(Date.parse(mine[2].due_at)).toBe(Date.parse(mine[0].due_at) + 2 * STEP);
  });

  it('names the institution whose accounts carry the routing number', async () => {
    const user = await newUser(mx);
    const members = await mx.post(`/users/${user}/members`, {
      member: {
        institution_code: 'mxbank',
        credentials: (await mx.get('/institutions/mxbank/credentials')).body.credentials.map((c: any) => ({
          guid: c.guid,
          value: c.field_name === 'PASSWORD' ? 'password' : 'mxuser',
        })),
      },
    });
    expect(members.status).toBe(202);
    const path = `/users/${user}/members/${members.body.member.guid}`;
    await settle(mx, path);
    expect((await mx.post(`${path}/verify`)).status).toBeLessThan(300);
    await settle(mx, path);
    const numbers = (await mx.get(`${path}/account_numbers`)).body.account_numbers;
    const routing = numbers[0].routing_number as string;
    const md = await create(mx, user, account({ routing_number: routing }));
    expect(md).toMatchObject({ institution_code: 'mxbank', institution_name: 'MX Bank' });
  });
});

describe('microdeposit scenarios', () => {
  const mx = useServer({ fast: true });

  it('scripts an error status, where it happens, and the amounts', async () => {
    const loaded = await mx.post(
      '/_mx-sim/scenarios',
      undefined,
      yaml(`name: md-outcomes
microdeposits:
  outcomes:
    - match: { routing_number: '011000015' }
      status: REJECTED
    - match: { account_number: '4444000' }
      status: ERRORED
      after: INITIATED
      message: Provider down
    - match: { user_id: qa-fixed }
      amounts: [0.12, 0.15]
`),
    );
    expect(loaded.status, loaded.text).toBe(201);
    const user = (await mx.post('/users', { user: { id: 'qa-fixed' } })).body.user.guid;
    const rejected = await create(mx, user, account({ routing_number: '011000015' }));
    const errored = await create(mx, user, account({ account_number: '4444000' }));
    mx.clock.advance(1);
    expect(await read(mx, user, rejected.guid)).toMatchObject({ status: 'REQUESTED' });
    expect(await read(mx, user, errored.guid)).toMatchObject({ status: 'ERRORED', error_message: 'Provider down' });
    mx.clock.advance(1);
    expect(await read(mx, user, rejected.guid)).toMatchObject({
      status: 'REJECTED',
      error_message: expect.any(String),
    });
    const fixed = await create(mx, user);
    mx.clock.advance(2);
    expect(await amountsOf(mx, fixed.guid)).toMatchObject({ deposit_amount_1: 0.12, deposit_amount_2: 0.15 });
    expect((await verify(mx, fixed.guid, 0.12, 0.15)).status).toBe(200);
    mx.clock.advance(1);
    expect((await read(mx, user, fixed.guid)).status).toBe('VERIFIED');
  });

  it('refuses an invalid microdeposits section with located problems', async () => {
    const res = await mx.post(
      '/_mx-sim/scenarios',
      undefined,
      yaml(`microdeposits:
  outcomes:
    - match: { routing_number: '011000015' }
      status: VERIFIED
    - match: {}
      amounts: [0.12, 1.5]
`),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("microdeposits.outcomes[0].status: 'VERIFIED' is not a status");
    expect(res.body.error.message).toContain('microdeposits.outcomes[1].match: say what to match');
    expect(res.body.error.message).toContain('microdeposits.outcomes[1].amounts[1]: must be at most 0.99');
  });

  it('refuses preset microdeposits and ACH returns that cannot be, naming where', async () => {
    const res = await mx.post(
      '/_mx-sim/scenarios',
      undefined,
      yaml(`users:
  - id: preset-md
    micro_deposits:
      - status: PREINITIATED
        account_number: '3331261'
      - status: DEPOSITED
        routing_number: '091000019'
    ach_returns:
      - { id: r1, member_guid: MBR-none, account_guid: ACT-none, return_code: R01 }
`),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'users[0].micro_deposits[0]: a PREINITIATED microdeposit has no account yet',
    );
    expect(res.body.error.message).toContain(
      'users[0].micro_deposits[1]: give account_number, account_type and routing_number',
    );
    const members = await mx.post(
      '/_mx-sim/scenarios',
      undefined,
      yaml(`users:
  - id: preset-ach
    ach_returns:
      - { id: r1, member_guid: MBR-none, account_guid: ACT-none, return_code: R01 }
`),
    );
    expect(members.status).toBe(400);
    expect(members.body.error.message).toContain(
      'users[0].ach_returns[0].member_guid: no member MBR-none of this user',
    );
  });
});

describe('microdeposits in v20111101', () => {
  const mx = useServer({ version: 'v20111101', fast: true });

  it('answers application/json, as MX declares these operations in v20111101 too', async () => {
    const user = await newUser(mx);
    const res = await mx.post(`/users/${user}/micro_deposits`, account());
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const users = await mx.get(`/users/${user}`);
    expect(users.headers.get('content-type')).toBe(VERSION_HEADERS.v20111101.Accept);
    mx.clock.advance(2);
    const list = await mx.get(`/users/${user}/micro_deposits`);
    expect(list.headers.get('content-type')).toBe('application/json');
    expect(list.body.micro_deposits[0].status).toBe('DEPOSITED');
  });
});

describe('microdeposits and ACH returns in an export', () => {
  const mx = useServer({ fast: true });

  it('come back the same when the export is loaded into another world, and go on from there', async () => {
    const { user, path } = await createMember(mx, 'password');
    await settle(mx, path);
    const accountGuid = (await mx.get(`${path}/accounts`)).body.accounts[0].guid;
    const member = path.split('/').pop() as string;
    const returned = await mx.post('/ach_returns', {
      ach_return: { id: 'exp-1', user_guid: user, member_guid: member, account_guid: accountGuid, return_code: 'R03' },
    });
    expect(returned.status, returned.text).toBe(200);
    const deposited = await create(
      mx,
      user,
      account({ email: 'exp@example.com', first_name: 'Ex', last_name: 'Port' }),
    );
    const pre = await create(mx, user, {
      micro_deposit: { email: 'p@example.com', first_name: 'P', last_name: 'Q' },
    } as never);
    mx.clock.advance(2);
    const initiated = await create(mx, user, account());
    const denied = await create(mx, user, account({ routing_number: '091000018' }));
    mx.clock.advance(1);
    const wrongPair = await verify(mx, deposited.guid, 0.5, 0.5);
    expect(wrongPair.body.micro_deposit.error_message).toContain('2 attempts left');

    const read = async (server: TestServer) => ({
      list: (await server.get(`/users/${user}/micro_deposits`)).body.micro_deposits.map((m: any) => {
        const { created_at: _c, updated_at: _u, ...rest } = m;
        return rest;
      }),
      admin: (await server.get('/_mx-sim/micro_deposits')).body.micro_deposits.map((m: any) => {
        const { next_step_at: _n, ...rest } = m;
        return rest;
      }),
      // Another client's world: its own client_guid.
      ach: { ...(await server.get('/ach_returns/exp-1')).body.ach_return, client_guid: undefined },
    });
    const was = await read(mx);
    expect(was.list.map((m: any) => m.status)).toEqual(['DEPOSITED', 'PREINITIATED', 'REQUESTED', 'DENIED']);
    const exported = await mx.get('/_mx-sim/export');
    expect(exported.status).toBe(200);
    expect(exported.text).toContain('micro_deposits:');
    const copy = 'copy-client:test-key';
    const loaded = await mx.post('/_mx-sim/scenarios', undefined, { ...yaml(exported.text), auth: copy });
    expect(loaded.status, loaded.text).toBe(201);
    const other = {
      get: (p: string) => mx.get(p, { auth: copy }),
    } as TestServer;
    expect(await read(other)).toEqual(was);
    // The REQUESTED one goes on to DEPOSITED; the amounts kept still verify the other.
    mx.clock.advance(1);
    const list = (await mx.get(`/users/${user}/micro_deposits`, { auth: copy })).body.micro_deposits;
    expect(list.map((m: any) => m.status)).toEqual(['DEPOSITED', 'PREINITIATED', 'DEPOSITED', 'DENIED']);
    const [a, b] = [was.admin[0].deposit_amount_1, was.admin[0].deposit_amount_2];
    const ok = await mx.put(
      `/micro_deposits/${deposited.guid}/verify`,
      { micro_deposit: { deposit_amount_1: a, deposit_amount_2: b } },
      { auth: copy },
    );
    expect(ok.status, ok.text).toBe(200);
    expect([pre.guid, initiated.guid, denied.guid]).toEqual(list.slice(1).map((m: any) => m.guid));
  });
});
