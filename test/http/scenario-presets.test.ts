// Scenario presets: users and members that exist, already aggregated, when the world starts, with
// generated data or exactly the accounts and transactions a scenario lists.
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/scenarios/load.js';
import { createSimulator } from '../../src/server/app.js';
import { ManualClock } from '../../src/server/clock.js';
import { isValidAba } from '../../src/server/generators/gathered.js';
import { settle } from '../helpers/members.js';
import { useServer } from '../helpers/server.js';

const PRESET = `
name: preset-world
outcomes:
  - match: { member_id: qa-savings }
    jobs: [CONNECTED, DEGRADED]
users:
  - id: qa-user
    email: qa@example.com
    members:
      - id: qa-checking
        guid: MBR-11111111-2222-3333-4444-555555555555
        institution: mxbank
        products: [transactions, account_verification]
        accounts:
          - guid: ACT-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
            id: acct-1
            name: Everyday Checking
            type: CHECKING
            balance: 1234.56
            account_number: "9876543210"
            routing_number: "011000015"
            transactions:
              - { guid: TRN-00000000-0000-0000-0000-000000000001, id: t-1, date: 2026-01-10, amount: 2500, type: CREDIT, description: Payroll, category: Paycheck }
              - { date: 2026-01-12, amount: 4.75, type: DEBIT, description: Corner Coffee, category: Coffee Shops }
              - { days_ago: 1, amount: 61.11, type: DEBIT, description: Fresh Fields Market, status: PENDING, memo: weekly shop }
          - name: Empty Card
            type: CREDIT_CARD
            balance: 0
            credit_limit: 5000
            transactions: []
      - id: qa-savings
        institution: simbank
        credentials: { LOGIN: saver, PASSWORD: password }
        data: { accounts: 2, transactions: 30 }
        products: [identity_verification]
  - id: locked-out
    members:
      - institution: mxbank
        status: DENIED
`;

const preset = parseScenario(PRESET, 'preset.yaml');

describe('preset users and members', () => {
  const mx = useServer({ scenarios: [{ scenario: preset, source: 'preset.yaml' }] });
  // Routes whose MX path says {user_guid} take the guid only.
  const qaUser = async () => (await mx.get('/users/qa-user')).body.user.guid as string;

  it('exist when the world starts, connected and not aggregating', async () => {
    const user = (await mx.get('/users/qa-user')).body.user;
    expect(user).toMatchObject({ id: 'qa-user', email: 'qa@example.com' });
    const members = (await mx.get('/users/qa-user/members')).body.members;
    expect(members.map((m: any) => m.id)).toEqual(['qa-checking', 'qa-savings']);
    const status = (await mx.get('/users/qa-user/members/qa-checking/status')).body.member;
    expect(status).toMatchObject({
      guid: 'MBR-11111111-2222-3333-4444-555555555555',
      connection_status: 'CONNECTED',
      is_being_aggregated: false,
      has_processed_accounts: true,
      has_processed_account_numbers: true,
    });
    expect(Date.parse(status.successfully_aggregated_at)).toBe(mx.clock.now());
    const denied = (await mx.get('/users/locked-out/members')).body.members[0];
    expect(denied.connection_status).toBe('DENIED');
    expect((await mx.get(`/users/locked-out/members/${denied.guid}/status`)).body.member.is_being_aggregated).toBe(
      false,
    );
  });

  it('serves exactly the accounts and transactions the scenario lists', async () => {
    const accounts = (await mx.get('/users/qa-user/members/qa-checking/accounts')).body.accounts;
    expect(accounts).toHaveLength(2);
    expect(accounts[0]).toMatchObject({
      guid: 'ACT-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      id: 'acct-1',
      name: 'Everyday Checking',
      type: 'CHECKING',
      balance: 1234.56,
      available_balance: 1234.56,
      account_number: 'XXXXXX3210',
    });
    expect(accounts[1]).toMatchObject({ name: 'Empty Card', type: 'CREDIT_CARD', balance: 0, credit_limit: 5000 });
    const txns = (
      await mx.get(
        `/users/${await qaUser()}/accounts/${accounts[0].guid}/transactions?from_date=2026-01-01&to_date=2026-01-31`,
      )
    ).body;
    expect(txns.pagination.total_entries).toBe(3);
    expect(txns.transactions.map((t: any) => [t.date, t.description, t.amount, t.type, t.status])).toEqual([
      ['2026-01-14', 'Fresh Fields Market', 61.11, 'DEBIT', 'PENDING'],
      ['2026-01-12', 'Corner Coffee', 4.75, 'DEBIT', 'POSTED'],
      ['2026-01-10', 'Payroll', 2500, 'CREDIT', 'POSTED'],
    ]);
    const [pending, coffee, payroll] = txns.transactions;
    expect(payroll).toMatchObject({
      guid: 'TRN-00000000-0000-0000-0000-000000000001',
      id: 't-1',
      category: 'Paycheck',
    });
    expect(coffee).toMatchObject({ category: 'Coffee Shops', top_level_category: 'Food & Dining' });
    expect(pending).toMatchObject({ memo: 'weekly shop', posted_at: null });
    // Date filters apply to them; the card has none.
    const jan12 = (
      await mx.get(
        `/users/${await qaUser()}/accounts/${accounts[0].guid}/transactions?from_date=2026-01-11&to_date=2026-01-12`,
      )
    ).body.transactions;
    expect(jan12.map((t: any) => t.description)).toEqual(['Corner Coffee']);
    const card = (await mx.get(`/users/${await qaUser()}/accounts/${accounts[1].guid}/transactions`)).body;
    expect(card.pagination.total_entries).toBe(0);
    // Read by the given guid, by a generated one, and by id through the account.
    const byGuid = await mx.get(`/users/${await qaUser()}/transactions/${payroll.guid}`);
    expect(byGuid.body.transaction.description).toBe('Payroll');
    const generated = await mx.get(`/users/${await qaUser()}/transactions/${coffee.guid}`);
    expect(generated.body.transaction.description).toBe('Corner Coffee');
    const byId = await mx.get(`/users/qa-user/members/qa-checking/accounts/acct-1/transactions/t-1`);
    expect(byId.body.transaction.guid).toBe(payroll.guid);
    expect(
      (await mx.get(`/users/${await qaUser()}/transactions/TRN-00000000-0000-0000-0000-000000000009`)).status,
    ).toBe(404);
  });

  it('gathers the products asked for: account numbers with the given routing number', async () => {
    const numbers = (
      await mx.get(`/users/${await qaUser()}/members/MBR-11111111-2222-3333-4444-555555555555/account_numbers`)
    ).body.account_numbers;
    expect(numbers).toHaveLength(1);
    expect(numbers[0]).toMatchObject({
      account_guid: 'ACT-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      account_number: '9876543210',
      routing_number: '011000015',
      passed_validation: isValidAba('011000015'),
    });
    const owners = (await mx.get('/users/qa-user/members/qa-savings/account_owners')).body.account_owners;
    expect(owners.length).toBeGreaterThanOrEqual(2);
  });

  it('generates data at the volumes asked for', async () => {
    const accounts = (await mx.get('/users/qa-user/members/qa-savings/accounts')).body.accounts;
    expect(accounts).toHaveLength(2);
    const txns = (
      await mx.get(`/users/${await qaUser()}/accounts/${accounts[0].guid}/transactions?records_per_page=10`)
    ).body;
    expect(txns.pagination.total_entries).toBeGreaterThanOrEqual(25);
  });

  it('a later aggregation adds nothing to exact accounts, and outcome rules script preset members', async () => {
    const path = '/users/qa-user/members/qa-checking';
    mx.clock.advance(86_400_000);
    expect((await mx.post(`${path}/aggregate`)).status).toBe(202);
    expect((await settle(mx, path)).connection_status).toBe('CONNECTED');
    const account = (await mx.get(`${path}/accounts`)).body.accounts[0];
    expect(account.balance).toBe(1234.56);
    expect(
      (await mx.get(`/users/${await qaUser()}/accounts/${account.guid}/transactions`)).body.pagination.total_entries,
    ).toBe(3);
    // The preset is job 0: qa-savings's next job is jobs[1], DEGRADED.
    const savings = '/users/qa-user/members/qa-savings';
    expect((await mx.post(`${savings}/aggregate`)).status).toBe(202);
    expect((await settle(mx, savings)).connection_status).toBe('DEGRADED');
  });

  it('come back as they were after a reset', async () => {
    await mx.del('/users/qa-user');
    expect((await mx.get('/users/qa-user')).status).toBe(404);
    expect((await mx.post('/_mx-sim/reset')).status).toBe(200);
    const accounts = (await mx.get('/users/qa-user/members/qa-checking/accounts')).body.accounts;
    expect(accounts[0].balance).toBe(1234.56);
  });
});

describe('preset validation', () => {
  function problems(text: string): string[] {
    try {
      createSimulator({
        clock: new ManualClock(),
        scenarios: [{ scenario: parseScenario(text, 'p.yaml'), source: 'p.yaml' }],
      });
    } catch (e) {
      if (e instanceof ScenarioError) return e.problems;
      throw e;
    }
    throw new Error('expected the scenario to be rejected');
  }

  it('refuses a user defined twice in one file; a later file replaces it', () => {
    const twice = parseScenario('users: [{ id: u1 }, { id: u1 }]', 'a.yaml');
    expect(() =>
      createSimulator({ clock: new ManualClock(), scenarios: [{ scenario: twice, source: 'a.yaml' }] }),
    ).toThrow('a.yaml users[1]: user u1 is already defined at users[0] of this file');
    const a = parseScenario('users: [{ id: u1, email: a@example.com }]', 'a.yaml');
    const b = parseScenario('users: [{ id: u1, email: b@example.com }]', 'b.yaml');
    const sim = createSimulator({
      clock: new ManualClock(),
      scenarios: [
        { scenario: a, source: 'a.yaml' },
        { scenario: b, source: 'b.yaml' },
      ],
    });
    expect(sim.tenants.get('x').users.get('u1').email).toBe('b@example.com');
  });

  it('names the place and the fix for what only the catalogue can tell', () => {
    expect(
      problems(`
institutions:
  - { code: tinybank, name: Tiny Bank }
users:
  - id: u1
    members:
      - institution: nobank
      - institution: tinybank
        credentials: { PIN: "1234" }
        products: [investments]
      - { institution: simbank, guid: MBR-1 }
      - { institution: simbank, guid: MBR-1 }
`),
    ).toEqual([
      "p.yaml users[0].members[0].institution: no institution 'nobank'; add it under institutions first",
      'p.yaml users[0].members[1].credentials.PIN: tinybank has no such credential; its fields are LOGIN, PASSWORD',
      expect.stringMatching(
        /^p\.yaml users\[0\]\.members\[1\]\.products: tinybank does not support investments \(it supports transactions\)$/,
      ),
      'p.yaml users[0].members[3].guid: MBR-1 is already used at p.yaml users[0].members[2]',
    ]);
  });
});

describe('determinism', () => {
  it('one scenario and seed give identical preset data', async () => {
    const bodies: string[] = [];
    for (let run = 0; run < 2; run++) {
      const sim = createSimulator({
        clock: new ManualClock(),
        scenarios: [{ scenario: preset, source: 'preset.yaml' }],
      });
      const headers = { Authorization: `Basic ${btoa('det:key')}`, 'Accept-Version': 'v20250224' };
      const accounts = await (await sim.app.request('/users/qa-user/accounts', { headers })).text();
      const txns = await (
        await sim.app.request('/users/qa-user/transactions?records_per_page=100', { headers })
      ).text();
      bodies.push(accounts + txns);
    }
    expect(bodies[0]).toBe(bodies[1]);
  });
});
