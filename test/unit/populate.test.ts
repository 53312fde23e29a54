// A scenario's preset users (src/server/domain/populate.ts, docs/scenarios.md): each member already
// aggregated once at the world's start, in its given status, with generated or exactly given data; and
// the problems only the catalogue can reveal. Over an in-memory tenant.
import { describe, expect, it } from 'vitest';
import { populate } from '../../src/server/domain/populate.js';
import { initialLifecycle } from '../../src/server/engine/lifecycle.js';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../../src/server/generators/institutions.js';
import { START, TIMING, tenantWith } from './fixtures/tenant.js';

const DAY = 86_400_000;

function populated(users: string, extra = '') {
  const { tenant } = tenantWith({ yaml: `${extra}\nusers:\n${users}` });
  const problems = populate(tenant, tenant.world.users, START);
  return { tenant, problems };
}

const only = <T>(items: Iterable<T>): T => {
  const all = [...items];
  expect(all).toHaveLength(1);
  return all[0] as T;
};

describe('users', () => {
  it('are added with their fields, or defaults, created at the start', () => {
    const { tenant, problems } = populated(`
  - { id: alice, email: a@example.com, metadata: m, is_disabled: true, guid: USR-alice }
  - { id: bob }
`);
    expect(problems).toEqual([]);
    expect(tenant.users.find('alice')).toEqual({
      guid: 'USR-alice',
      id: 'alice',
      email: 'a@example.com',
      is_disabled: true,
      metadata: 'm',
      created_at_ms: START,
    });
    expect(tenant.users.find('bob')).toEqual({
      guid: expect.stringMatching(/^USR-/),
      id: 'bob',
      email: null,
      is_disabled: false,
      metadata: null,
      created_at_ms: START,
    });
  });

  it('without an id get none', () => {
    const { tenant } = populated('  - { email: x@example.com }');
    expect(only(tenant.users.list())).toMatchObject({ id: null, email: 'x@example.com' });
  });

  it('whose id the world already has are a problem, and are skipped', () => {
    const { tenant } = tenantWith({ yaml: 'users:\n  - { id: alice, members: [{ institution: mxbank }] }' });
    tenant.users.insert({
      guid: 'USR-x',
      id: 'alice',
      email: null,
      is_disabled: false,
      metadata: null,
      created_at_ms: 0,
    });
    const problems = populate(tenant, tenant.world.users, START);
    expect(problems).toEqual(["test.yaml users[0].id: user id 'alice' is used twice"]);
    expect([...tenant.members.all()]).toEqual([]);
  });
});

describe('members', () => {
  it('are aggregated once at the start and CONNECTED by default, with background aggregation a day on', () => {
    const { tenant, problems } = populated('  - { id: u, members: [{ institution: mxbank, id: m1, metadata: md }] }');
    expect(problems).toEqual([]);
    const user = tenant.users.get('u');
    const member = only(tenant.members.all());
    expect(member).toMatchObject({
      guid: expect.stringMatching(/^MBR-/),
      id: 'm1',
      user_guid: user.guid,
      institution_code: 'mxbank',
      institution_guid: tenant.institutions.byCode('mxbank')?.guid,
      name: 'MX Bank',
      metadata: 'md',
      is_oauth: false,
      background_aggregation_is_disabled: false,
      use_cases: [],
      products: ['transactions'],
      credentials: [
        { guid: MXBANK_LOGIN_GUID, value: 'mxuser' },
        { guid: MXBANK_PASSWORD_GUID, value: 'password' },
      ],
      oauth: null,
      oauth_window_uri: null,
      next_background_at: START + TIMING.backgroundIntervalMs,
      created_at_ms: START,
    });
    expect(member.state).toEqual({
      ...initialLifecycle(),
      connection_status: 'CONNECTED',
      is_authenticated: true,
      aggregated_at: START,
      successfully_aggregated_at: START,
      has_processed_accounts: true,
      has_processed_transactions: true,
      has_processed_account_numbers: false,
      needs_updated_credentials: false,
      most_recent_job_guid: expect.stringMatching(/^JOB-/),
      jobs_started: 1,
    });
    expect(member.data?.accounts.length).toBeGreaterThan(0);
    expect(member.data?.numbers).toBeNull();
  });

  it('with no metadata and no id have none', () => {
    const { tenant } = populated('  - { id: u, members: [{ institution: mxbank }] }');
    expect(only(tenant.members.all())).toMatchObject({ id: null, metadata: null });
  });

  it('start in their given status; those that need credentials say so; only CONNECTED is authenticated', () => {
    const { tenant } = populated(`
  - id: u
    members:
      - { institution: mxbank, id: a, status: DENIED }
      - { institution: mxbank, id: b, status: IMPAIRED, credentials: { LOGIN: other } }
      - { institution: mxbank, id: c, status: LOCKED, credentials: { LOGIN: third } }
`);
    const byId = (id: string) => tenant.members.find(tenant.users.get('u').guid, id)?.state;
    expect(byId('a')).toMatchObject({
      connection_status: 'DENIED',
      needs_updated_credentials: true,
      is_authenticated: false,
    });
    expect(byId('b')).toMatchObject({ connection_status: 'IMPAIRED', needs_updated_credentials: true });
    expect(byId('c')).toMatchObject({
      connection_status: 'LOCKED',
      needs_updated_credentials: false,
      is_authenticated: false,
    });
  });

  it('take credential values by field name or guid; the rest default to mxuser (login) and password', () => {
    const { tenant } = populated(`
  - id: u
    members:
      - { institution: mxbank, id: a, credentials: { PASSWORD: secret } }
      - { institution: mxbank, id: b, credentials: { ${MXBANK_LOGIN_GUID}: jane } }
`);
    const creds = (id: string) => tenant.members.find(tenant.users.get('u').guid, id)?.credentials;
    expect(creds('a')).toEqual([
      { guid: MXBANK_LOGIN_GUID, value: 'mxuser' },
      { guid: MXBANK_PASSWORD_GUID, value: 'secret' },
    ]);
    expect(creds('b')).toEqual([
      { guid: MXBANK_LOGIN_GUID, value: 'jane' },
      { guid: MXBANK_PASSWORD_GUID, value: 'password' },
    ]);
  });

  it("default a scenario institution's login-like fields to mxuser and the others to password", () => {
    const { tenant } = populated(
      '  - { id: u, members: [{ institution: fieldbank }] }',
      `institutions:
  - code: fieldbank
    name: Field Bank
    credentials:
      - { field_name: code, type: LOGIN }
      - { field_name: Username }
      - { field_name: user }
      - { field_name: login_hint }
      - { field_name: pin, type: PASSWORD }
`,
    );
    expect(only(tenant.members.all()).credentials.map((c) => c.value)).toEqual([
      'mxuser',
      'mxuser',
      'mxuser',
      'password',
      'password',
    ]);
  });

  it('at an OAuth institution are OAuth members without credentials', () => {
    const { tenant, problems } = populated('  - { id: u, members: [{ institution: mx_bank_oauth }] }');
    expect(problems).toEqual([]);
    expect(only(tenant.members.all())).toMatchObject({
      is_oauth: true,
      credentials: [],
      oauth: { client_redirect_url: null, referral_source: null, skip_aggregation: false },
    });
  });

  it('keep the products asked for (normalised, once each) and gather their data', () => {
    const { tenant } = populated(`
  - id: u
    members:
      - { institution: mxbank, products: [transactions, account_verification, history, transaction_history, identity_verification] }
`);
    const member = only(tenant.members.all());
    expect(member.products).toEqual([
      'transactions',
      'account_verification',
      'transaction_history',
      'identity_verification',
    ]);
    expect(member.data?.numbers).not.toBeNull();
    expect(member.state.has_processed_account_numbers).toBe(true);
  });

  it('take the given guid', () => {
    const { tenant } = populated('  - { id: u, members: [{ institution: mxbank, guid: MBR-given }] }');
    expect(only(tenant.members.all()).guid).toBe('MBR-given');
  });

  it('follow the generated data volumes asked for', () => {
    const { tenant } = populated('  - { id: u, members: [{ institution: mxbank, data: { accounts: 3 } }] }');
    expect(only(tenant.members.all()).data?.accounts).toHaveLength(3);
  });

  it('have exactly the accounts and transactions given, dated by date, time or days back', () => {
    const { tenant, problems } = populated(`
  - id: u
    members:
      - institution: mxbank
        accounts:
          - guid: ACT-one
            type: CHECKING
            name: Main
            transactions:
              - { days_ago: 2, amount: 5, type: DEBIT, description: Coffee, status: PENDING }
              - { date: "2026-01-10", amount: 7, type: CREDIT, description: Refund, guid: TRN-r, id: r1, memo: m, check_number_string: "12", original_description: ORIG, category: Food }
              - { date: "2026-01-11T08:30:00Z", amount: 9, type: DEBIT, description: Lunch }
`);
    expect(problems).toEqual([]);
    const account = only(only(tenant.members.all()).data?.accounts ?? []);
    expect(account).toMatchObject({ guid: 'ACT-one', name: 'Main', type: 'CHECKING' });
    const fixed = [...(account.stream.fixed ?? [])].sort((a, b) => a.at - b.at);
    expect(fixed.map((t) => [t.at, t.amount, t.type, t.description, t.pending])).toEqual([
      [Date.parse('2026-01-10T12:00:00Z'), 7, 'CREDIT', 'Refund', false],
      [Date.parse('2026-01-11T08:30:00Z'), 9, 'DEBIT', 'Lunch', false],
      [START - 2 * DAY, 5, 'DEBIT', 'Coffee', true],
    ]);
    expect(fixed[0]).toMatchObject({
      guid: 'TRN-r',
      id: 'r1',
      memo: 'm',
      check_number_string: '12',
      original_description: 'ORIG',
      category: 'Food',
    });
  });
});

describe('problems', () => {
  it('an institution the catalogue lacks', () => {
    const { tenant, problems } = populated('  - { id: u, members: [{ institution: nobank }] }');
    expect(problems).toEqual([
      "test.yaml users[0].members[0].institution: no institution 'nobank'; add it under institutions first",
    ]);
    expect([...tenant.members.all()]).toEqual([]);
  });

  it('a credential the institution does not have, naming its fields', () => {
    const { problems } = populated(`
  - id: u
    members:
      - { institution: mxbank, credentials: { PIN: "1" } }
      - { institution: mx_bank_oauth, credentials: { LOGIN: x } }
`);
    expect(problems).toEqual([
      'test.yaml users[0].members[0].credentials.PIN: mxbank has no such credential; its fields are LOGIN, PASSWORD',
      'test.yaml users[0].members[1].credentials.LOGIN: mx_bank_oauth has no such credential; its fields are none (it is an OAuth institution)',
    ]);
  });

  it('a product the institution does not support', () => {
    const { problems } = populated(
      '  - { id: u, members: [{ institution: tinybank, products: [transactions, statements, rewards] }] }',
      'institutions:\n  - { code: tinybank, name: Tiny Bank, products: [transactions, investments] }',
    );
    expect(problems).toEqual([
      'test.yaml users[0].members[0].products: tinybank does not support statements, rewards (it supports transactions, investments)',
    ]);
  });

  it('a member id used twice for one user (the second is not added)', () => {
    const { tenant, problems } = populated(
      '  - { id: u, members: [{ institution: mxbank, id: m }, { institution: simbank, id: m }] }',
    );
    expect(problems).toEqual(["test.yaml users[0].members[1].id: member id 'm' is used twice for this user"]);
    expect(only(tenant.members.all()).institution_code).toBe('mxbank');
  });

  it('the same member id for two users is fine', () => {
    const { problems } = populated(`
  - { id: u1, members: [{ institution: mxbank, id: m }] }
  - { id: u2, members: [{ institution: mxbank, id: m }] }
`);
    expect(problems).toEqual([]);
  });

  it('a guid used twice anywhere in the world, after the other problems', () => {
    const { problems } = populated(`
  - guid: USR-one
    id: u1
    members:
      - guid: MBR-same
        institution: mxbank
        accounts:
          - { guid: ACT-same, type: CHECKING, transactions: [{ guid: TRN-same, days_ago: 1, amount: 1, type: DEBIT, description: d }] }
  - guid: USR-two
    id: u2
    members:
      - { institution: nobank }
      - guid: MBR-same
        institution: mxbank
        accounts:
          - { guid: ACT-same, type: CHECKING, transactions: [{ guid: TRN-same, days_ago: 1, amount: 1, type: DEBIT, description: d }] }
`);
    expect(problems).toEqual([
      "test.yaml users[1].members[0].institution: no institution 'nobank'; add it under institutions first",
      'test.yaml users[1].members[1].guid: MBR-same is already used at test.yaml users[0].members[0]',
      'test.yaml users[1].members[1].accounts[0].guid: ACT-same is already used at test.yaml users[0].members[0].accounts[0]',
      'test.yaml users[1].members[1].accounts[0].transactions[0].guid: TRN-same is already used at test.yaml users[0].members[0].accounts[0].transactions[0]',
    ]);
  });
});
