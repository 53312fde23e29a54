// Snapshots: a client's world exported as a scenario (GET /_mx-sim/export) and loaded into a fresh
// simulator with another seed reads back the same users, members, accounts and transactions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseScenario } from '../../src/scenarios/load.js';
import { createSimulator } from '../../src/server/app.js';
import { ManualClock } from '../../src/server/clock.js';
import { expectConformant } from '../helpers/contract.js';
import { credentialsFor, settle } from '../helpers/members.js';
import { basic, startServer, type TestServer, useServer } from '../helpers/server.js';

const DAY = 86_400_000;

const PRESET = `
name: snapshot-source
institutions:
  - { code: snapbank, name: Snap Bank, products: [transactions, account_verification] }
users:
  - id: preset-user
    email: preset@example.com
    members:
      - id: exact-member
        institution: mxbank
        products: [transactions, account_verification]
        accounts:
          - guid: ACT-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
            name: Everyday Checking
            type: CHECKING
            balance: 1234.56
            account_number: "9876543210"
            routing_number: "011000015"
            transactions:
              - { date: 2026-01-12, amount: 2500, type: CREDIT, description: Payroll, category: Paycheck }
              - { date: 2026-01-12, amount: 4.75, type: DEBIT, description: Corner Coffee, memo: oat milk }
              - { days_ago: 0, amount: 61.11, type: DEBIT, description: Fresh Fields Market, status: PENDING }
          - { name: Empty Card, type: CREDIT_CARD, balance: 0, credit_limit: 5000, transactions: [] }
      - { id: generated-member, institution: simbank, data: { accounts: 2, transactions: 20 }, status: DEGRADED }
`;

/** What a world shows through the API, for comparing two worlds. */
async function world(mx: TestServer) {
  const users = (await mx.get('/users?records_per_page=100')).body.users;
  const out = [];
  for (const u of users) {
    const members = (await mx.get(`/users/${u.guid}/members?records_per_page=100`)).body.members;
    const accounts = (await mx.get(`/users/${u.guid}/accounts?records_per_page=1000`)).body.accounts;
    const txns = (
      await mx.get(`/users/${u.guid}/transactions?records_per_page=1000&from_date=2024-01-01&to_date=2027-12-31`)
    ).body;
    expect(txns.pagination.total_pages).toBeLessThanOrEqual(1);
    out.push({
      user: [u.guid, u.id, u.email, u.metadata, u.is_disabled],
      members: members.map((m: any) => [m.guid, m.id, m.institution_code, m.connection_status, m.metadata]),
      accounts: accounts.map((a: any) => [
        a.guid,
        a.id,
        a.member_guid,
        a.name,
        a.type,
        a.subtype,
        a.balance,
        a.available_balance,
        a.account_number,
        a.credit_limit,
        a.apr,
        a.apy,
        a.interest_rate,
        a.original_balance,
      ]),
      transactions: txns.transactions.map((t: any) => [
        t.guid,
        t.id,
        t.account_guid,
        t.transacted_at,
        t.date,
        t.amount,
        t.type,
        t.description,
        t.original_description,
        t.category,
        t.status,
        t.memo,
        t.merchant_guid,
        t.check_number_string,
      ]),
    });
  }
  return out;
}

describe('exporting a world as a scenario', () => {
  const mx = useServer({
    seed: 'source-seed',
    scenarios: [{ scenario: parseScenario(PRESET, 'preset.yaml'), source: 'preset.yaml' }],
  });
  let copy: TestServer;
  let exported: string;

  beforeAll(async () => {
    // Users and members made through the API, with jobs run on the manual clock.
    const user = (
      await mx.post('/users', { user: { id: 'api-user', email: 'api@example.com', metadata: '{"tier":"gold"}' } })
    ).body.user.guid;
    const create = async (institution: string, password: string, extra: object = {}) => {
      const credentials = await credentialsFor(mx, institution, password);
      const res = await mx.post(`/users/${user}/members`, {
        member: { institution_code: institution, credentials, ...extra },
      });
      expect(res.status, res.text).toBe(202);
      return `/users/${user}/members/${res.body.member.guid}`;
    };
    const connected = await create('mxbank', 'password', { id: 'api-member', metadata: 'm-meta' });
    expect((await settle(mx, connected)).connection_status).toBe('CONNECTED');
    expect((await mx.post(`${connected}/verify`)).status).toBe(200);
    await settle(mx, connected);
    mx.clock.advance(2 * DAY);
    expect((await mx.post(`${connected}/aggregate`)).status).toBe(202);
    await settle(mx, connected);
    const denied = await create('mxbank', 'UNAUTHORIZED');
    expect((await settle(mx, denied)).connection_status).toBe('DENIED');
    const challenged = await create('mxbank', 'challenge');
    expect((await settle(mx, challenged)).connection_status).toBe('CHALLENGED');
    const snap = await create('snapbank', 'password');
    expect((await settle(mx, snap)).connection_status).toBe('CONNECTED');
    const disabled = (await mx.post('/users', { user: { id: 'disabled-user', is_disabled: true } })).body.user;
    expect(disabled.is_disabled).toBe(true);

    exported = (await mx.get('/_mx-sim/export')).text;
    copy = await startServer({ seed: 'another-seed', clock: new ManualClock(mx.clock.now()) });
  });

  afterAll(async () => {
    await copy.close();
    await expectConformant(copy.exchanges, copy.adminExchanges);
  });

  it('answers YAML by default and JSON on request, the same scenario, valid for parseScenario', async () => {
    const yaml = await mx.get('/_mx-sim/export');
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toMatch(/^application\/yaml/);
    const json = await mx.get('/_mx-sim/export?format=json');
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const scenario = parseScenario(yaml.text, 'export.yaml');
    expect(parseScenario(json.text, 'export.json')).toEqual(scenario);
    expect(parseYaml(yaml.text)).toEqual(json.body);
    expect(scenario.institutions).toEqual([
      { code: 'snapbank', name: 'Snap Bank', products: ['transactions', 'account_verification'], replace: true },
    ]);
    const members = scenario.users?.flatMap((u) => u.members ?? []) ?? [];
    // Ending statuses are kept; a member still in a job (CHALLENGED) is exported CONNECTED; a member no job
    // succeeded for comes without accounts.
    expect(members.map((m) => [m.id ?? m.institution, m.status ?? 'CONNECTED', m.accounts?.length])).toEqual([
      ['exact-member', 'CONNECTED', 2],
      ['generated-member', 'CONNECTED', 2], // DEGRADED at the start; background aggregation reconnected it
      ['api-member', 'CONNECTED', 6],
      ['mxbank', 'DENIED', 0],
      ['mxbank', 'CONNECTED', 0],
      ['snapbank', 'CONNECTED', 5],
    ]);
    // Full account numbers and the routing number gathered by the verify job.
    const checking = members[2]?.accounts?.find((a) => a.type === 'CHECKING');
    expect(checking?.account_number).toMatch(/^\d{10}$/);
    expect(checking?.routing_number).toMatch(/^\d{9}$/);
    expect(members[2]?.products).toContain('account_verification');
  });

  it('never holds credential values', () => {
    expect(exported).not.toMatch(/credentials|UNAUTHORIZED|challenge/);
  });

  it('gives identical bytes when nothing changed', async () => {
    expect((await mx.get('/_mx-sim/export')).text).toBe(exported);
    expect((await mx.get('/_mx-sim/export?format=json')).text).toBe((await mx.get('/_mx-sim/export?format=json')).text);
  });

  it('loaded into a fresh simulator with another seed, reads back the same world through the API', async () => {
    const loaded = await copy.post('/_mx-sim/scenarios?source=export.yaml', undefined, {
      raw: exported,
      headers: { 'Content-Type': 'application/yaml' },
    });
    expect(loaded.status, loaded.text).toBe(201);
    const source = await world(mx);
    const replica = await world(copy);
    // Members that were mid-job come back in the status the export gave them.
    const expected = source.map((u) => ({
      ...u,
      members: u.members.map((m: unknown[]) => (m[3] === 'CHALLENGED' ? [m[0], m[1], m[2], 'CONNECTED', m[4]] : m)),
    }));
    expect(replica).toEqual(expected);
    expect(source.flatMap((u) => u.transactions).length).toBeGreaterThan(300);
    // An exported transaction is found by its guid, and the world exports to the same document again.
    const [first] = source.find((u) => u.user[1] === 'api-user')?.transactions ?? [];
    const user = source.find((u) => u.user[1] === 'api-user')?.user[0];
    const read = await copy.get(`/users/${user}/transactions/${first?.[0]}`);
    expect(read.status).toBe(200);
    expect(read.body.transaction.description).toBe(first?.[7]);
    const member = source.flatMap((u) => u.accounts).find((a) => a[0] === first?.[2])?.[2];
    const byId = await copy.get(`/users/${user}/members/${member}/accounts/${first?.[2]}/transactions/${first?.[1]}`);
    expect(byId.body.transaction?.guid).toBe(first?.[0]);
    expect((await copy.get('/_mx-sim/export')).text).toBe(exported);
  });

  it('loaded at start (--scenario), gives the same world: it exports to the same document', async () => {
    const sim = createSimulator({
      seed: 'a-third-seed',
      clock: new ManualClock(mx.clock.now()),
      scenarios: [{ scenario: parseScenario(exported, 'snapshot.yaml'), source: 'snapshot.yaml' }],
    });
    const res = await sim.app.request('/_mx-sim/export', { headers: { Authorization: basic('test-client:key') } });
    expect(await res.text()).toBe(exported);
  });

  it("starts the loading client's time at the export's, where the simulator's clock is earlier", async () => {
    const scenario = parseScenario(exported, 'snapshot.yaml');
    expect(scenario.starts_at).toBe(new Date(mx.clock.now()).toISOString());
    const earlier = createSimulator({
      seed: 'a-fourth-seed',
      clock: new ManualClock(mx.clock.now() - 30 * DAY),
      scenarios: [{ scenario, source: 'snapshot.yaml' }],
    });
    const headers = { Authorization: basic('test-client:key') };
    const clock = await (await earlier.app.request('/_mx-sim/clock', { headers })).json();
    expect(clock).toMatchObject({ now: scenario.starts_at, offset_ms: 30 * DAY });
    const res = await earlier.app.request('/_mx-sim/export', { headers });
    expect(await res.text()).toBe(exported);
  });

  it('exports one user with ?user=, and 404 for an unknown one', async () => {
    const one = parseScenario((await mx.get('/_mx-sim/export?user=preset-user')).text, 'one.yaml');
    expect(one.users?.map((u) => u.id)).toEqual(['preset-user']);
    const missing = await mx.get('/_mx-sim/export?user=nobody');
    expect(missing.status).toBe(404);
    expect((await mx.get('/_mx-sim/export?format=xml')).status).toBe(400);
  });
});

describe('exporting a huge world', () => {
  const mx = useServer({ fast: true });

  it('refuses more than 100,000 transactions with a 400 that says what to do', async () => {
    const user = (await mx.post('/users', { user: { id: 'big' } })).body.user.guid;
    const credentials = await credentialsFor(mx, 'simbank', 'password', 'mxuser accounts=2 transactions=60000');
    const path = `/users/${user}/members/${(await mx.post(`/users/${user}/members`, { member: { institution_code: 'simbank', credentials } })).body.member.guid}`;
    await settle(mx, path, 1);
    await mx.post('/users', { user: { id: 'small' } });
    const res = await mx.get('/_mx-sim/export');
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe('export_too_large');
    expect(res.body.error.message).toMatch(/holds 1\d{5} transactions; an export holds up to 100000: export one user/);
    expect((await mx.get('/_mx-sim/export?user=small')).status).toBe(200);
  });
});
