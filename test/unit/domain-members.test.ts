// Members (src/server/domain/members.ts, docs/mx-behaviour.md#creating-members): the credential and
// product checks, creating a member (OAuth or credentials, duplicates, ids, whether the first job
// starts, the products reported for MX's 201), the one way a record is built, updating (new credentials
// clear needs_updated_credentials and start an UPDATED aggregation; the count of failed logins stays),
// and which credential fields a member has. Over an in-memory tenant: no HTTP.
import { describe, expect, it } from 'vitest';
import {
  checkCredentials,
  checkProducts,
  createMember,
  credentialFieldsOf,
  DEFAULT_PRODUCTS,
  insertMember,
  institutionOf,
  type NewMember,
  unsupportedProductsError,
  updateMember,
} from '../../src/server/domain/members.js';
import { settleMember } from '../../src/server/domain/settle.js';
import { initialLifecycle } from '../../src/server/engine/lifecycle.js';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../../src/server/generators/institutions.js';
import { OAuthSessions } from '../../src/server/store/oauth.js';
import type { Tenant } from '../../src/server/store/tenant.js';
import type { UserRecord } from '../../src/server/store/users.js';
import { addMember, addUser, mxErrorOf, START, TIMING, tenantWith } from './fixtures/tenant.js';

const ORIGIN = 'http://sim.test';
const LOGIN = MXBANK_LOGIN_GUID;
const PASSWORD = MXBANK_PASSWORD_GUID;
const creds = (password = 'password', login = 'mxuser') => [
  { guid: LOGIN, value: login },
  { guid: PASSWORD, value: password },
];

/** Supports transactions and statements only. */
const PLAIN = `
institutions:
  - { code: plainbank, name: Plain Bank, products: [transactions, statements] }
`;

function world(yaml?: string) {
  const { tenant, clock } = tenantWith(yaml ? { yaml } : {});
  const user = addUser(tenant);
  const sessions = new OAuthSessions();
  const create = (m: NewMember, who: UserRecord = user) => createMember(tenant, who, m, { sessions, base: ORIGIN });
  return { tenant, clock, user, sessions, create };
}

const inst = (tenant: Tenant, code: string) => institutionOf(tenant, code);

describe('institutionOf', () => {
  it("finds the institution by code, else MX's 404", () => {
    const { tenant } = world();
    expect(inst(tenant, 'mxbank').name).toBe('MX Bank');
    expect(mxErrorOf(() => inst(tenant, 'nobank'))).toMatchObject({
      status: 404,
      type: 'not_found',
      message: "institution not found: no institution with identifier 'nobank'",
    });
  });
});

describe('checkCredentials', () => {
  it('returns the credentials, copied down to guid and value', () => {
    const { tenant } = world();
    const given = [
      { guid: PASSWORD, value: 'pw', extra: 'x' },
      { guid: LOGIN, value: 'me' },
    ];
    const out = checkCredentials(inst(tenant, 'mxbank'), given, 'member.credentials');
    expect(out).toStrictEqual([
      { guid: PASSWORD, value: 'pw' },
      { guid: LOGIN, value: 'me' },
    ]);
    expect(out[1]).not.toBe(given[1]);
  });

  it('refuses a guid that is not one of the institution’s fields: 400 invalid_credentials at its index', () => {
    const { tenant } = world();
    const e = mxErrorOf(() =>
      checkCredentials(inst(tenant, 'mxbank'), [...creds(), { guid: 'CRD-other', value: 'v' }], 'member.credentials'),
    );
    expect(e).toMatchObject({ status: 400, type: 'invalid_credentials' });
    expect(e.message).toBe(
      'member.credentials[2].guid: CRD-other is not a credential of institution mxbank; list them with GET /institutions/mxbank/credentials',
    );
  });

  it('refuses a guid of another institution', () => {
    const { tenant } = world();
    const mxcu = inst(tenant, 'mxcu_credential').credentials.map((c) => ({ guid: c.guid, value: 'v' }));
    expect(mxErrorOf(() => checkCredentials(inst(tenant, 'mxbank'), mxcu, 'f')).message).toMatch(/^f\[0\]\.guid: /);
  });

  it('refuses a field left out or given empty: 400 naming the field and its guid', () => {
    const { tenant } = world();
    const mxbank = inst(tenant, 'mxbank');
    const missing = mxErrorOf(() => checkCredentials(mxbank, [{ guid: LOGIN, value: 'me' }], 'member.credentials'));
    expect(missing).toMatchObject({ status: 400, type: 'invalid_credentials' });
    expect(missing.message).toBe(`member.credentials: missing value for PASSWORD (guid ${PASSWORD})`);
    const empty = mxErrorOf(() => checkCredentials(mxbank, creds('', 'me'), 'member.credentials'));
    expect(empty.message).toBe(`member.credentials: missing value for PASSWORD (guid ${PASSWORD})`);
    const first = mxErrorOf(() => checkCredentials(mxbank, [], 'x'));
    expect(first.message).toBe(`x: missing value for LOGIN (guid ${LOGIN})`);
  });

  it('accepts no credentials for an institution without fields', () => {
    const { tenant } = world();
    expect(checkCredentials(inst(tenant, 'mx_bank_oauth'), [], 'f')).toEqual([]);
  });
});

describe('checkProducts', () => {
  it('defaults to transactions when none are given (a fresh array each time)', () => {
    const { tenant } = world();
    const out = checkProducts(inst(tenant, 'mxbank'), undefined, 'data_request.products');
    expect(out).toEqual(['transactions']);
    expect(DEFAULT_PRODUCTS).toEqual(['transactions']);
    out.push('rewards');
    expect(DEFAULT_PRODUCTS).toEqual(['transactions']);
  });

  it('takes an empty list as no products', () => {
    const { tenant } = world();
    expect(checkProducts(inst(tenant, 'mxbank'), [], 'f')).toEqual([]);
  });

  it("normalises MX's other names and drops repeats, in the order given", () => {
    const { tenant } = world();
    expect(
      checkProducts(inst(tenant, 'mxbank'), ['statements', 'history', 'statements', ' transaction_history '], 'f'),
    ).toEqual(['statements', 'transaction_history']);
  });

  it('refuses what the institution does not support: 400 unsupported_product listing both', () => {
    const { tenant } = world(PLAIN);
    const e = mxErrorOf(() =>
      checkProducts(
        inst(tenant, 'plainbank'),
        ['transactions', 'rewards', 'identity_verification'],
        'data_request.products',
      ),
    );
    expect(e).toMatchObject({ status: 400, type: 'unsupported_product' });
    expect(e.message).toBe(
      'data_request.products: plainbank does not support rewards, identity_verification (it supports transactions, statements)',
    );
    expect(checkProducts(inst(tenant, 'plainbank'), ['statements'], 'f')).toEqual(['statements']);
  });
});

describe('insertMember', () => {
  it('builds and stores the record with defaults for what is not given', () => {
    const { tenant, user } = world();
    const mxbank = inst(tenant, 'mxbank');
    const m = insertMember(
      tenant,
      user,
      mxbank,
      { is_oauth: false, products: ['transactions'], credentials: creds() },
      START + 7,
    );
    expect(m).toStrictEqual({
      guid: expect.stringMatching(/^MBR-/),
      id: null,
      user_guid: user.guid,
      institution_code: 'mxbank',
      institution_guid: mxbank.guid,
      name: 'MX Bank',
      metadata: null,
      is_oauth: false,
      background_aggregation_is_disabled: false,
      use_cases: [],
      products: ['transactions'],
      credentials: creds(),
      oauth: null,
      oauth_window_uri: null,
      state: initialLifecycle(),
      data: null,
      next_background_at: null,
      created_at_ms: START + 7,
    });
    expect(tenant.members.byGuid(m.guid)).toBe(m);
    expect(tenant.members.forUser(user.guid)).toEqual([m]);
  });

  it('takes the fields given, including a guid and a state', () => {
    const { tenant, user } = world();
    const state = { ...initialLifecycle(), connection_status: 'CONNECTED' as const };
    const m = insertMember(
      tenant,
      user,
      inst(tenant, 'mxbank'),
      {
        guid: 'MBR-given',
        id: 'partner',
        metadata: 'meta',
        is_oauth: false,
        background_aggregation_is_disabled: true,
        use_cases: ['PFM'],
        products: ['rewards'],
        credentials: creds(),
        state,
      },
      START,
    );
    expect(m).toMatchObject({
      guid: 'MBR-given',
      id: 'partner',
      metadata: 'meta',
      background_aggregation_is_disabled: true,
      use_cases: ['PFM'],
      products: ['rewards'],
      state,
    });
    expect(tenant.members.byGuid('MBR-given')).toBe(m);
  });

  it('gives an OAuth member no credentials and a default OAuth request, and a credential member no OAuth', () => {
    const { tenant, user } = world();
    const oauth = insertMember(
      tenant,
      user,
      inst(tenant, 'mx_bank_oauth'),
      { is_oauth: true, products: [], credentials: creds() },
      START,
    );
    expect(oauth).toMatchObject({
      is_oauth: true,
      credentials: [],
      oauth: { client_redirect_url: null, referral_source: null, skip_aggregation: false },
    });
    const request = { client_redirect_url: 'https://app.test/cb', referral_source: 'APP', skip_aggregation: true };
    const given = insertMember(
      tenant,
      user,
      inst(tenant, 'mx_bank_oauth'),
      { is_oauth: true, products: [], credentials: [], oauth: request },
      START,
    );
    expect(given.oauth).toEqual(request);
    const plain = insertMember(
      tenant,
      user,
      inst(tenant, 'mxbank'),
      { is_oauth: false, products: [], credentials: creds(), oauth: request },
      START,
    );
    expect(plain.oauth).toBeNull();
  });
});

describe('createMember with credentials', () => {
  it('stores the member and starts its first aggregation now, CREATED (202)', () => {
    const { tenant, clock, user, create } = world();
    clock.advance(42);
    const { member, started } = create({
      institution_code: 'mxbank',
      credentials: creds('LOCKED'),
      id: 'partner-m',
      metadata: 'meta',
      background_aggregation_is_disabled: true,
      use_cases: ['MONEY_MOVEMENT'],
      products: ['history'],
    });
    expect(started).toBe(true);
    expect(member).toMatchObject({
      id: 'partner-m',
      metadata: 'meta',
      user_guid: user.guid,
      institution_code: 'mxbank',
      is_oauth: false,
      background_aggregation_is_disabled: true,
      use_cases: ['MONEY_MOVEMENT'],
      products: ['transaction_history'],
      credentials: creds('LOCKED'),
      oauth: null,
      oauth_window_uri: null,
      created_at_ms: START + 42,
    });
    expect(member.state).toMatchObject({ connection_status: 'CREATED', is_being_aggregated: true, jobs_started: 1 });
    expect(member.state.job).toMatchObject({
      type: 'aggregate',
      started_at: START + 42,
      background: false,
      outcome: { kind: 'fail', status: 'LOCKED' },
    });
    expect(tenant.members.byGuid(member.guid)).toBe(member);
  });

  it('with skip_aggregation stores it without a job (200)', () => {
    const { create } = world();
    const { member, started } = create({ institution_code: 'mxbank', credentials: creds(), skip_aggregation: true });
    expect(started).toBe(false);
    expect(member.state).toEqual(initialLifecycle());
    expect(member.products).toEqual(['transactions']);
  });

  it('needs credentials: 400 validation_error', () => {
    const { tenant, create } = world();
    const e = mxErrorOf(() => create({ institution_code: 'mxbank' }));
    expect(e).toMatchObject({ status: 400, type: 'validation_error' });
    expect(e.message).toMatch(/^member\.credentials: is required .* unless member\.is_oauth is true$/);
    expect([...tenant.members.all()]).toEqual([]);
  });

  it('checks the credentials, storing nothing when they fail', () => {
    const { tenant, create } = world(PLAIN);
    expect(mxErrorOf(() => create({ institution_code: 'mxbank', credentials: creds('') }))).toMatchObject({
      status: 400,
      type: 'invalid_credentials',
      message: `member.credentials: missing value for PASSWORD (guid ${PASSWORD})`,
    });
    expect([...tenant.members.all()]).toEqual([]);
  });

  it('creates the member without the products the institution lacks, reports them, and aggregates (MX 201)', () => {
    const { tenant, create } = world(PLAIN);
    const plain = inst(tenant, 'plainbank').credentials.map((c) => ({ guid: c.guid, value: 'v' }));
    const out = create({
      institution_code: 'plainbank',
      credentials: plain,
      products: ['rewards', 'transactions', 'history', 'rewards'],
    });
    expect(out).toMatchObject({ started: true, unsupported: ['rewards', 'transaction_history'] });
    expect(out.member.products).toEqual(['transactions']);
    expect(out.member.state).toMatchObject({ connection_status: 'CREATED', is_being_aggregated: true });
    expect([...tenant.members.all()]).toEqual([out.member]);
    expect(unsupportedProductsError(out.member, inst(tenant, 'plainbank'), out.unsupported)).toEqual({
      message:
        'data_request.products: plainbank does not support rewards, transaction_history (it supports transactions, statements); ' +
        `member ${out.member.guid} was created without them. Ask for supported products only, or use another institution.`,
      status: 'bad_request',
      type: 'unsupported_product',
    });
    expect(unsupportedProductsError(out.member, inst(tenant, 'plainbank'), ['rewards']).message).toContain(
      'was created without it.',
    );
    // Every product supported: nothing to report.
    expect(create({ institution_code: 'mxbank', credentials: creds(), products: ['statements'] }).unsupported).toEqual(
      [],
    );
  });

  it('refuses an unknown institution: 404', () => {
    const { create } = world();
    expect(mxErrorOf(() => create({ institution_code: 'nobank', credentials: [] }))).toMatchObject({
      status: 404,
      type: 'not_found',
    });
  });

  it("refuses an id another of the user's members has: 409 duplicate_member_id", () => {
    const { tenant, user, create } = world();
    const first = create({ institution_code: 'mxbank', credentials: creds('a'), id: 'same' }).member;
    const e = mxErrorOf(() => create({ institution_code: 'mxbank', credentials: creds('b'), id: 'same' }));
    expect(e).toMatchObject({ status: 409, type: 'duplicate_member_id' });
    expect(e.message).toContain(first.guid);
    expect(tenant.members.forUser(user.guid)).toHaveLength(1);
    // Another user may use the same id.
    const other = addUser(tenant);
    expect(create({ institution_code: 'mxbank', credentials: creds('b'), id: 'same' }, other).member.id).toBe('same');
  });

  it('refuses a duplicate: same user, institution and every credential value (409 duplicate_member)', () => {
    const { tenant, user, create } = world();
    const first = create({ institution_code: 'mxbank', credentials: creds() }).member;
    // The order of the credentials does not matter.
    const e = mxErrorOf(() => create({ institution_code: 'mxbank', credentials: [...creds()].reverse() }));
    expect(e).toMatchObject({ status: 409, type: 'duplicate_member' });
    expect(e.message).toBe(
      `member ${first.guid} already connects this user to mxbank with these credentials; update it instead`,
    );
    expect(tenant.members.forUser(user.guid)).toHaveLength(1);
  });

  it('accepts the same institution with another value, or another user with the same values', () => {
    const { tenant, create } = world();
    create({ institution_code: 'mxbank', credentials: creds() });
    expect(create({ institution_code: 'mxbank', credentials: creds('other') }).started).toBe(true);
    expect(create({ institution_code: 'mxbank', credentials: creds('password', 'someone') }).started).toBe(true);
    expect(create({ institution_code: 'mxbank', credentials: creds() }, addUser(tenant)).started).toBe(true);
  });

  it('accepts the same values at another institution', () => {
    const { tenant, create } = world();
    create({ institution_code: 'mxbank', credentials: creds() });
    const fields = inst(tenant, 'mxcu_credential').credentials;
    const same = [
      { guid: fields[0]?.guid as string, value: 'mxuser' },
      { guid: fields[1]?.guid as string, value: 'password' },
    ];
    expect(create({ institution_code: 'mxcu_credential', credentials: same }).started).toBe(true);
  });

  it('is not a duplicate of a member that has only some of the values', () => {
    const { tenant, user, create } = world();
    addMember(tenant, user, 'mxbank', { LOGIN: 'mxuser' });
    expect(create({ institution_code: 'mxbank', credentials: creds() }).started).toBe(true);
  });

  it('checks the id before duplicates', () => {
    const { create } = world();
    create({ institution_code: 'mxbank', credentials: creds(), id: 'x' });
    expect(mxErrorOf(() => create({ institution_code: 'mxbank', credentials: creds(), id: 'x' })).type).toBe(
      'duplicate_member_id',
    );
  });
});

describe('createMember with OAuth', () => {
  it('waits in PENDING for the user at a new OAuth window on the origin (200, no job)', () => {
    const { tenant, user, sessions, create } = world();
    const { member, started } = create({
      institution_code: 'mx_bank_oauth',
      is_oauth: true,
      client_redirect_url: 'https://app.test/done',
      referral_source: 'APP',
      skip_aggregation: true,
    });
    expect(started).toBe(false);
    expect(member).toMatchObject({
      is_oauth: true,
      credentials: [],
      products: ['transactions'],
      oauth: { client_redirect_url: 'https://app.test/done', referral_source: 'APP', skip_aggregation: true },
    });
    expect(member.state).toMatchObject({ connection_status: 'PENDING', is_being_aggregated: false, job: null });
    const uri = member.oauth_window_uri as string;
    expect(uri.startsWith(`${ORIGIN}/oauth/authorize/`)).toBe(true);
    expect(sessions.peek(uri.split('/').pop() as string)).toEqual({
      clientId: tenant.clientId,
      userGuid: user.guid,
      memberGuid: member.guid,
      uri,
      status: 'PENDING',
    });
  });

  it('defaults the OAuth request, and ignores any credentials given', () => {
    const { create } = world();
    const { member } = create({
      institution_code: 'mx_bank_oauth',
      is_oauth: true,
      credentials: [{ guid: 'CRD-whatever', value: 'x' }],
    });
    expect(member.credentials).toEqual([]);
    expect(member.oauth).toEqual({ client_redirect_url: null, referral_source: null, skip_aggregation: false });
  });

  it('does not refuse a second OAuth member of the same user and institution', () => {
    const { tenant, user, create } = world();
    create({ institution_code: 'mxcu_oauth', is_oauth: true });
    create({ institution_code: 'mxcu_oauth', is_oauth: true });
    expect(tenant.members.forUser(user.guid)).toHaveLength(2);
  });

  it('still checks the id, and reports products the institution lacks', () => {
    const { create } = world();
    create({ institution_code: 'mx_bank_oauth', is_oauth: true, id: 'o' });
    expect(mxErrorOf(() => create({ institution_code: 'mx_bank_oauth', is_oauth: true, id: 'o' })).type).toBe(
      'duplicate_member_id',
    );
    const odd = create({ institution_code: 'mx_bank_oauth', is_oauth: true, products: ['nonsense'] });
    expect(odd).toMatchObject({ started: false, unsupported: ['nonsense'] });
    expect(odd.member.products).toEqual([]);
  });

  it('refuses OAuth at an institution without it: 400 oauth_not_supported', () => {
    const { tenant, create } = world();
    const e = mxErrorOf(() => create({ institution_code: 'mxbank', is_oauth: true, credentials: creds() }));
    expect(e).toMatchObject({ status: 400, type: 'oauth_not_supported' });
    expect(e.message).toContain('institution mxbank does not support OAuth');
    expect([...tenant.members.all()]).toEqual([]);
  });
});

describe('updateMember', () => {
  /** A member whose last job failed (DENIED twice). */
  function denied() {
    const w = world();
    const { member } = w.create({ institution_code: 'mxbank', credentials: creds('INVALID'), id: 'mine' });
    settleMember(member, w.tenant, START + TIMING.authenticateMs);
    member.state = { ...member.state, failed_logins: 2 };
    expect(member.state).toMatchObject({ connection_status: 'DENIED', needs_updated_credentials: true, job: null });
    return { ...w, member };
  }

  it('changes only the fields given', () => {
    const { tenant, user, member } = denied();
    const state = member.state;
    updateMember(tenant, user, member, { metadata: 'm2' });
    expect(member).toMatchObject({
      id: 'mine',
      metadata: 'm2',
      background_aggregation_is_disabled: false,
      use_cases: [],
    });
    updateMember(tenant, user, member, { background_aggregation_is_disabled: true, use_cases: ['PFM'] });
    expect(member).toMatchObject({
      id: 'mine',
      metadata: 'm2',
      background_aggregation_is_disabled: true,
      use_cases: ['PFM'],
    });
    updateMember(tenant, user, member, { id: null, metadata: null });
    expect(member).toMatchObject({ id: null, metadata: null });
    expect(member.state).toBe(state);
    expect(member.credentials).toEqual(creds('INVALID'));
  });

  it("refuses another member's id (409) but keeps the member's own", () => {
    const { tenant, user, member, create } = denied();
    create({ institution_code: 'mxbank', credentials: creds('b'), id: 'taken' });
    const e = mxErrorOf(() => updateMember(tenant, user, member, { id: 'taken', metadata: 'no' }));
    expect(e).toMatchObject({ status: 409, type: 'duplicate_member_id' });
    expect(member).toMatchObject({ id: 'mine', metadata: null });
    updateMember(tenant, user, member, { id: 'mine' });
    expect(member.id).toBe('mine');
  });

  it('checks new credentials before changing anything', () => {
    const { tenant, user, member } = denied();
    const e = mxErrorOf(() =>
      updateMember(tenant, user, member, { id: 'new', credentials: [{ guid: LOGIN, value: 'x' }] }),
    );
    expect(e).toMatchObject({ status: 400, type: 'invalid_credentials' });
    expect(e.message).toContain('member.credentials: missing value for PASSWORD');
    expect(member.id).toBe('mine');
    expect(member.credentials).toEqual(creds('INVALID'));
  });

  it('with new credentials clears needs_updated_credentials, keeps the failed-login count, starts UPDATED', () => {
    const { tenant, clock, user, member } = denied();
    clock.set(START + 1000);
    updateMember(tenant, user, member, { credentials: creds('LOCKED') });
    expect(member.credentials).toEqual(creds('LOCKED'));
    expect(member.state).toMatchObject({
      connection_status: 'UPDATED',
      needs_updated_credentials: false,
      failed_logins: 2,
      challenges: [],
      is_being_aggregated: true,
      aggregated_at: START + 1000,
    });
    expect(member.state.job).toMatchObject({
      type: 'aggregate',
      started_at: START + 1000,
      outcome: { kind: 'fail', status: 'LOCKED' },
    });
  });

  it('with new credentials and skip_aggregation clears needs_updated_credentials without a job', () => {
    const { tenant, user, member } = denied();
    const jobs = member.state.jobs_started;
    updateMember(tenant, user, member, { credentials: creds('good'), skip_aggregation: true });
    expect(member.credentials).toEqual(creds('good'));
    expect(member.state).toMatchObject({
      connection_status: 'DENIED',
      needs_updated_credentials: false,
      failed_logins: 2,
      job: null,
      jobs_started: jobs,
    });
  });

  it('makes the third wrong credentials in a row PREVENTED; right ones reset the count', () => {
    const { tenant, clock, user, member } = denied();
    member.state = { ...member.state, failed_logins: 1 };
    const tryCredentials = (password: string) => {
      updateMember(tenant, user, member, { credentials: creds(password) });
      clock.advance(TIMING.authenticateMs + TIMING.syncMs);
      settleMember(member, tenant, clock.now());
      return [member.state.connection_status, member.state.failed_logins, member.state.needs_updated_credentials];
    };
    expect(tryCredentials('UNAUTHORIZED')).toEqual(['DENIED', 2, true]);
    expect(tryCredentials('INVALID')).toEqual(['PREVENTED', 3, true]);
    expect(tryCredentials('right')).toEqual(['CONNECTED', 0, false]);
    expect(tryCredentials('INVALID')).toEqual(['DENIED', 1, true]);
  });

  it('with new credentials ends a challenged job', () => {
    const { tenant, user, create } = world();
    const { member } = create({ institution_code: 'mxbank', credentials: creds('challenge') });
    settleMember(member, tenant, START + TIMING.authenticateMs);
    expect(member.state.challenges).toHaveLength(1);
    updateMember(tenant, user, member, { credentials: creds('x'), skip_aggregation: true });
    expect(member.state).toMatchObject({ job: null, challenges: [] });
  });
});

describe('credentialFieldsOf', () => {
  it("lists the institution's fields the member has values for", () => {
    const { tenant, user } = world();
    const both = addMember(tenant, user, 'mxbank', { LOGIN: 'a', PASSWORD: 'b' });
    expect(credentialFieldsOf(tenant, both).map((f) => f.guid)).toEqual([LOGIN, PASSWORD]);
    const one = addMember(tenant, user, 'mxbank', { PASSWORD: 'b' });
    expect(credentialFieldsOf(tenant, one)).toEqual([inst(tenant, 'mxbank').credentials[1]]);
    const none = addMember(tenant, user, 'mxbank');
    expect(credentialFieldsOf(tenant, none)).toEqual([]);
  });
});
