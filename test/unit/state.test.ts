// The state file's format (src/server/store/state.ts, docs/shared-instance.md#state-that-survives-a-restart):
// a tenant to JSON and back gives the same tenant (users, members in every lifecycle state, data, ids,
// clock, faults, webhooks), never a credential value; what a restored member's credentials become; the
// checks on a file's version and content; scenario documents without their secrets. No HTTP.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenarios/load.js';
import { answerChallenges, profileFor, requestJob } from '../../src/server/domain/jobs.js';
import { createMember, type NewMember, updateMember } from '../../src/server/domain/members.js';
import { settleTenant } from '../../src/server/domain/settle.js';
import { GuidSequence } from '../../src/server/generators/ids.js';
import { MXBANK_LOGIN_GUID, MXBANK_PASSWORD_GUID } from '../../src/server/generators/institutions.js';
import type { MemberRecord } from '../../src/server/store/members.js';
import { OAuthSessions } from '../../src/server/store/oauth.js';
import {
  parseState,
  restoreTenant,
  STATE_FORMAT,
  StateFormatError,
  saveTenant,
  scenarioWithoutSecrets,
  type TenantState,
} from '../../src/server/store/state.js';
import type { Tenant } from '../../src/server/store/tenant.js';
import { addUser, mxErrorOf, tenantWith } from './fixtures/tenant.js';

const ORIGIN = 'http://sim.test';
const SECRET = 'S3cret-Value-71';
const creds = (password: string, login = 'login-Value-42') => [
  { guid: MXBANK_LOGIN_GUID, value: login },
  { guid: MXBANK_PASSWORD_GUID, value: password },
];

/** The guid of an institution's credential field. */
function fieldGuid(tenant: Tenant, code: string, fieldName: string): string {
  const guid = tenant.institutions.byCode(code)?.credentials.find((f) => f.field_name === fieldName)?.guid;
  if (!guid) throw new Error(`${code} has no ${fieldName} field`);
  return guid;
}

/** A world with a member in each state a client can see, data, webhooks, faults and a moved clock. */
function busyWorld() {
  const { tenant, clock } = tenantWith({ yaml: 'faults:\n  - { route: GET /users, status: 503, every: 2 }' });
  const sessions = new OAuthSessions();
  const user = addUser(tenant, { email: 'qa@example.com', metadata: '{"team":"qa"}' });
  const other = addUser(tenant, { is_disabled: true });
  const create = (m: NewMember) => createMember(tenant, user, m, { sessions, base: ORIGIN }).member;
  const connected = create({ institution_code: 'mxbank', credentials: creds(SECRET), products: ['statements'] });
  const challenged = create({ institution_code: 'mxbank', credentials: creds('challenge'), id: 'mine' });
  const oauth = create({ institution_code: 'mx_bank_oauth', is_oauth: true });
  // The client's own time: the first member connects and gathers, the second waits for answers (3 s).
  clock.advance(500);
  tenant.clock.advance(500);
  settleTenant(tenant, tenant.clock.now());
  const midJob = create({ institution_code: 'mxbank', credentials: creds(SECRET, 'other') });
  tenant.faults.matched[0] = 3;
  tenant.faults.fired[0] = 1;
  return { tenant, clock, sessions, user, other, connected, challenged, oauth, midJob };
}

const profileOf = () => undefined;

/** Through JSON, as a file holds it. */
const throughJson = (saved: TenantState): TenantState => JSON.parse(JSON.stringify(saved));

function restored(saved: TenantState, yaml = 'faults:\n  - { route: GET /users, status: 503, every: 2 }') {
  const { tenant, clock } = tenantWith({ yaml });
  const problems = restoreTenant(tenant, throughJson(saved));
  return { tenant, clock, problems };
}

const byGuid = (tenant: Tenant, guid: string) => tenant.members.byGuid(guid) as MemberRecord;

describe('a tenant to JSON and back', () => {
  it('gives the same tenant: saving the restored one gives the same JSON', () => {
    const { tenant, connected, challenged, midJob } = busyWorld();
    expect(connected.state.connection_status).toBe('CONNECTED');
    expect(connected.data?.statements?.length).toBeGreaterThan(0);
    expect(challenged.state.connection_status).toBe('CHALLENGED');
    expect(midJob.state.job?.phase).toBe('authenticating');
    expect(tenant.webhooks.entries().length).toBeGreaterThan(0);
    const saved = saveTenant(tenant, profileOf);
    const again = restored(saved);
    expect(again.problems).toEqual([]);
    expect(saveTenant(again.tenant, profileOf)).toEqual(throughJson(saved));
    expect(again.tenant.clock.offsetMs).toBe(tenant.clock.offsetMs);
    expect(again.tenant.users.list()).toEqual(tenant.users.list());
    expect(again.tenant.webhooks.entries()).toEqual(tenant.webhooks.entries());
    expect([...again.tenant.faults.matched]).toEqual([3]);
  });

  it('keeps every member field but the credential values and the OAuth window', () => {
    const { tenant } = busyWorld();
    const again = restored(saveTenant(tenant, profileOf)).tenant;
    for (const m of tenant.members.all()) {
      const r = byGuid(again, m.guid);
      expect(r).toEqual({
        ...m,
        credentials: m.credentials.map((c) => ({ guid: c.guid, value: '' })),
        oauth_window_uri: null,
      });
    }
    expect([...again.members.all()].map((m) => m.guid)).toEqual([...tenant.members.all()].map((m) => m.guid));
  });

  it('never writes a credential value or an OAuth window token', () => {
    const { tenant, oauth } = busyWorld();
    expect(oauth.oauth_window_uri).toMatch(/^http:\/\/sim\.test\/oauth\/authorize\/\w+/);
    const token = (oauth.oauth_window_uri as string).split('/').pop() as string;
    const text = JSON.stringify(saveTenant(tenant, profileOf));
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('login-Value-42');
    expect(text).not.toContain(token);
    expect(text).not.toContain('"value"');
  });

  it('goes on with the same ids: the next guid after a restore is the one the original issues next', () => {
    const { tenant } = busyWorld();
    const again = restored(saveTenant(tenant, profileOf)).tenant;
    expect(tenant.guids.position).toBeGreaterThan(0);
    expect(again.guids.next('USR')).toBe(tenant.guids.next('USR'));
    expect(again.webhooks.position).toBe(tenant.webhooks.position);
  });

  it('says what does not fit: a member of an unknown user or institution, a guid twice', () => {
    const saved = throughJson(saveTenant(busyWorld().tenant, profileOf));
    const [first, second] = saved.members as [TenantState['members'][0], TenantState['members'][0]];
    const broken: TenantState = {
      ...saved,
      users: [...saved.users, saved.users[0] as TenantState['users'][0]],
      members: [
        { ...first, user_guid: 'USR-nobody' },
        { ...second, institution_code: 'nobank' },
      ],
    };
    const { problems } = restored(broken);
    expect(problems).toEqual([
      `users[2].guid: ${saved.users[0]?.guid} is there twice`,
      'members[0].user_guid: no user USR-nobody',
      "members[1].institution_code: no institution 'nobank' in this world (was the simulator started with fewer --institutions?)",
    ]);
  });
});

describe("a restored member's credentials", () => {
  it('keep their field guids with empty values', () => {
    const { tenant, connected } = busyWorld();
    const r = byGuid(restored(saveTenant(tenant, profileOf)).tenant, connected.guid);
    expect(r.credentials).toEqual([
      { guid: MXBANK_LOGIN_GUID, value: '' },
      { guid: MXBANK_PASSWORD_GUID, value: '' },
    ]);
  });

  it('leave a challenge in progress working: answered right, the member connects', () => {
    const { tenant, challenged } = busyWorld();
    const again = restored(saveTenant(tenant, profileOf)).tenant;
    const r = byGuid(again, challenged.guid);
    expect(r.state.connection_status).toBe('CHALLENGED');
    answerChallenges(
      again,
      r,
      r.state.challenges.map((c) => ({ guid: c.guid, value: 'correct' })),
    );
    again.clock.advance(60_000);
    settleTenant(again, again.clock.now());
    expect(r.state.connection_status).toBe('CONNECTED');
    expect(r.data?.accounts.length).toBeGreaterThan(0);
  });

  it('leave a job in progress with its outcome (a wrong answer still fails it)', () => {
    const { tenant, challenged } = busyWorld();
    const again = restored(saveTenant(tenant, profileOf)).tenant;
    const r = byGuid(again, challenged.guid);
    answerChallenges(
      again,
      r,
      r.state.challenges.map((c) => ({ guid: c.guid, value: 'wrong' })),
    );
    again.clock.advance(60_000);
    settleTenant(again, again.clock.now());
    expect(r.state.connection_status).toBe('REJECTED');
  });

  it('make later jobs go as with the right credentials: MX Bank connects without a challenge', () => {
    const { tenant, challenged } = busyWorld();
    const again = restored(saveTenant(tenant, profileOf)).tenant;
    const r = byGuid(again, challenged.guid);
    again.clock.advance(3_600_000);
    settleTenant(again, again.clock.now());
    expect(r.state.connection_status).toBe('EXPIRED');
    expect(requestJob(again, r, 'aggregate')).toBe(true);
    expect(r.state.job?.outcome).toEqual({ kind: 'connect' });
    again.clock.advance(60_000);
    settleTenant(again, again.clock.now());
    expect(r.state.connection_status).toBe('CONNECTED');
  });

  it('never match a new member as a duplicate; new credentials make it an ordinary member again', () => {
    const { tenant, user, connected } = busyWorld();
    const again = restored(saveTenant(tenant, profileOf)).tenant;
    const sessions = new OAuthSessions();
    const restoredUser = again.users.get(user.guid);
    // The same values created before the restart are a 409 there; after it they cannot be compared.
    expect(
      mxErrorOf(() =>
        createMember(
          tenant,
          user,
          { institution_code: 'mxbank', credentials: creds(SECRET) },
          { sessions, base: ORIGIN },
        ),
      ).status,
    ).toBe(409);
    const twin = createMember(
      again,
      restoredUser,
      { institution_code: 'mxbank', credentials: creds(SECRET) },
      { sessions, base: ORIGIN },
    );
    expect(twin.started).toBe(true);
    const r = byGuid(again, connected.guid);
    updateMember(again, restoredUser, r, { credentials: creds('challenge') });
    expect(r.credentials.map((c) => c.value)).toEqual(['login-Value-42', 'challenge']);
    expect(r.state.job?.outcome).toEqual({ kind: 'challenge', challenges: ['TEXT'] });
  });

  it("keep the data volumes a member's credentials asked for while its first job runs", () => {
    const { tenant, clock } = tenantWith();
    const user = addUser(tenant);
    const login = fieldGuid(tenant, 'simbank', 'LOGIN');
    const password = fieldGuid(tenant, 'simbank', 'PASSWORD');
    const { member } = createMember(
      tenant,
      user,
      {
        institution_code: 'simbank',
        credentials: [
          { guid: login, value: 'qa accounts=3' },
          { guid: password, value: 'challenge' },
        ],
      },
      { sessions: new OAuthSessions(), base: ORIGIN },
    );
    clock.advance(1_000);
    settleTenant(tenant, tenant.clock.now());
    expect(member.state.connection_status).toBe('CHALLENGED');
    const saved = throughJson(saveTenant(tenant, (m) => profileFor(m, tenant)));
    expect(saved.members[0]?.data_profile).toEqual({ accounts: 3 });
    expect(JSON.stringify(saved)).not.toContain('qa accounts=3');
    const again = restored(saved, '').tenant;
    const r = byGuid(again, member.guid);
    expect(profileFor(r, again)).toEqual({ accounts: 3 });
    answerChallenges(
      again,
      r,
      r.state.challenges.map((c) => ({ guid: c.guid, value: 'correct' })),
    );
    again.clock.advance(60_000);
    settleTenant(again, again.clock.now());
    expect(r.data?.accounts).toHaveLength(3);
    // Once there is data, the volumes no longer matter and are not saved.
    expect(saveTenant(again, (m) => profileFor(m, again)).members[0]?.data_profile).toBeUndefined();
  });
});

describe('guid sequences', () => {
  it('move on to a position as if the ids in between had been issued', () => {
    const a = new GuidSequence('seed', 'client');
    const b = new GuidSequence('seed', 'client');
    for (let i = 0; i < 5; i++) a.next('X');
    b.moveTo(a.position);
    expect(b.next('X')).toBe(a.next('X'));
    expect(() => b.moveTo(0)).toThrow(RangeError);
  });
});

describe('a state file', () => {
  const valid = {
    mx_sim_state: STATE_FORMAT,
    saved_at: '2026-01-01T00:00:00.000Z',
    startup_scenarios: [],
    clients: [],
  };

  it('is read when its format is 1 and its content fits', () => {
    expect(parseState(valid)).toEqual(valid);
  });

  it.each([
    [[], 'it is not an mx-sim state file (no "mx_sim_state" field at the top)'],
    [{ clients: [] }, 'it is not an mx-sim state file (no "mx_sim_state" field at the top)'],
    [
      { ...valid, mx_sim_state: 2 },
      'it is in state format 2, and this mx-sim reads format 1 only (it was written by a newer mx-sim)',
    ],
    [{ ...valid, mx_sim_state: '1' }, 'it is in state format "1", and this mx-sim reads format 1 only'],
  ])('is refused with a clear reason: %j', (data, message) => {
    expect(() => parseState(data)).toThrow(new StateFormatError(message));
  });

  it('with broken content says where', () => {
    const broken = { ...valid, clients: [{ client_id: 'qa', seed: 's', clock_offset_ms: -1 }] };
    expect(() => parseState(broken)).toThrow(
      /^its content is not valid \(clients\[0\]\.clock_offset_ms: .*; and \d+ more\)$/,
    );
  });
});

describe('scenario documents', () => {
  it('are kept without credential values or basic_auth', () => {
    const scenario = parseScenario(
      `
name: secrets
outcomes:
  - match: { institution: mxbank, username: kept-rule }
    jobs: [CONNECTED]
webhooks:
  url: http://127.0.0.1:9/hooks
  basic_auth: { username: mx, password: basic-Pass-8 }
users:
  - id: u
    members:
      - { institution: mxbank, credentials: { LOGIN: preset-login, PASSWORD: preset-Pass-7 } }
`,
      'secrets.yaml',
    );
    const { scenario: out, removed } = scenarioWithoutSecrets(scenario);
    const text = JSON.stringify(out);
    for (const secret of ['basic-Pass-8', 'preset-Pass-7', 'preset-login']) {
      expect(text).not.toContain(secret);
    }
    expect(out.webhooks).toEqual({ url: 'http://127.0.0.1:9/hooks' });
    expect(out.users?.[0]?.members?.[0]).toEqual({ institution: 'mxbank' });
    expect(out.outcomes).toEqual(scenario.outcomes);
    expect(removed).toEqual(["the webhooks' basic_auth", "preset members' credentials"]);
    // The original is left as it was.
    expect(scenario.webhooks?.basic_auth?.password).toBe('basic-Pass-8');
  });

  it('without secrets are left as they are', () => {
    const scenario = parseScenario('name: plain\nwebhooks: { url: "http://127.0.0.1:9/h" }', 'plain.yaml');
    expect(scenarioWithoutSecrets(scenario)).toEqual({ scenario, removed: [] });
  });
});
