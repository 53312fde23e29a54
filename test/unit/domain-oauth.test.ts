// OAuth members (src/server/domain/oauth.ts, docs/mx-behaviour.md#oauth): the single-use window URI, a
// new window taking the request's changes, the consent page's lookup of its token, and the user's answer
// (approve: the first job starts, or CONNECTED at once with skip_aggregation; deny: DENIED; a scenario may
// force the answer) with the redirect back to the client. Over an in-memory tenant: no HTTP.
import { describe, expect, it } from 'vitest';
import { createMember } from '../../src/server/domain/members.js';
import {
  answerConsent,
  checkRedirectUrl,
  consentFor,
  issueOAuthUri,
  oauthWindow,
} from '../../src/server/domain/oauth.js';
import type { TenantEvent } from '../../src/server/store/events.js';
import type { MemberRecord } from '../../src/server/store/members.js';
import { OAuthSessions } from '../../src/server/store/oauth.js';
import { type Tenant, Tenants } from '../../src/server/store/tenant.js';
import { addMember, addUser, mxErrorOf, START, TIMING, tenantWith } from './fixtures/tenant.js';

const ORIGIN = 'http://sim.test';
const JOB_MS = TIMING.authenticateMs + TIMING.syncMs;

const tokenOf = (uri: string | null) => (uri ?? '').slice(`${ORIGIN}/oauth/authorize/`.length);

function pending(
  options: { redirect?: string; skip?: boolean; referral?: string; yaml?: string; institution?: string } = {},
) {
  const { tenant, clock } = tenantWith(options.yaml ? { yaml: options.yaml } : {});
  const user = addUser(tenant, { id: 'oauth-user' });
  const sessions = new OAuthSessions();
  const { member } = createMember(
    tenant,
    user,
    {
      institution_code: options.institution ?? 'mx_bank_oauth',
      is_oauth: true,
      client_redirect_url: options.redirect,
      skip_aggregation: options.skip,
      referral_source: options.referral,
    },
    { sessions, base: ORIGIN },
  );
  const events: TenantEvent[] = [];
  tenant.events.subscribe((e) => events.push(e));
  return { tenant, clock, user, sessions, member, events, token: tokenOf(member.oauth_window_uri) };
}

const tenantsOf = (tenant: Tenant) =>
  new Tenants((clientId) => (clientId === tenant.clientId ? tenant : tenantWith().tenant));

describe('issueOAuthUri', () => {
  it('makes a single-use URI on the base with a 128-bit hex token, and records whose it is', () => {
    const { tenant } = tenantWith();
    const user = addUser(tenant);
    const member = addMember(tenant, user, 'mx_bank_oauth', {}, { is_oauth: true });
    const sessions = new OAuthSessions();
    const uri = issueOAuthUri(tenant, sessions, ORIGIN, member);
    expect(uri).toMatch(/^http:\/\/sim\.test\/oauth\/authorize\/[0-9a-f]{32}$/);
    expect(member.oauth_window_uri).toBe(uri);
    expect(sessions.peek(tokenOf(uri))).toEqual({
      clientId: 'unit-client',
      userGuid: user.guid,
      memberGuid: member.guid,
      uri,
      status: member.state.connection_status,
    });
  });

  // Before issue 12 the earlier URIs stayed valid until used: anyone holding an old one could still answer.
  it('makes a new URI each time; the earlier one stops working', () => {
    const { tenant, sessions, member, token } = pending();
    const second = issueOAuthUri(tenant, sessions, ORIGIN, member);
    expect(tokenOf(second)).not.toBe(token);
    expect(sessions.peek(token)).toBeUndefined();
    expect(sessions.peek(tokenOf(second))).toBeDefined();
  });

  it('gives tokens nobody can work out from the seed, client_id and member: keyed by a secret of the process', () => {
    // The old tokens were the tenant's next seeded guid (among its first draws): the draw is still taken,
    // so other guids stay put, but the token is none of them.
    const a = pending();
    const b = pending();
    // One process, one seed, the same requests: the same URI (runs compare equal) …
    expect(b.member.oauth_window_uri).toBe(a.member.oauth_window_uri);
    const { tenant } = tenantWith();
    const draws = Array.from({ length: 20 }, () => tenant.guids.next('X').slice(2).replace(/-/g, ''));
    expect(draws.filter((d) => d.includes(a.token.slice(0, 8)) || a.token.includes(d.slice(0, 8)))).toEqual([]);
    // … and each new window of a client gets a new token, even after a reset replays the same draws.
    const sessions = new OAuthSessions();
    const t1 = sessions.token('c', 'OAUTH-1');
    const t2 = sessions.token('c', 'OAUTH-1');
    expect(t1).toMatch(/^[0-9a-f]{32}$/);
    expect(t2).not.toBe(t1);
    expect(new OAuthSessions().token('c', 'OAUTH-1')).toBe(t1);
  });
});

describe('checkRedirectUrl', () => {
  it('takes an absolute http(s) URL, or nothing', () => {
    for (const ok of ['https://app.test/done?state=1', 'http://127.0.0.1:3000/cb', '', undefined]) {
      expect(checkRedirectUrl(ok)).toBe(ok);
    }
  });

  it('refuses anything else: 400 naming client_redirect_url', () => {
    for (const bad of ['notaurl', '/relative', 'javascript:alert(1)', 'myapp://oauth', 'ftp://x/']) {
      const e = mxErrorOf(() => checkRedirectUrl(bad));
      expect(e).toMatchObject({ status: 400, type: 'validation_error' });
      expect(e.message).toMatch(/^client_redirect_url: must be an absolute http:\/\/ or https:\/\/ URL/);
    }
  });
});

describe('oauthWindow', () => {
  it('issues a new URI, taking the changes given', () => {
    const { tenant, sessions, member, token } = pending({ redirect: 'https://app.test/a', referral: 'BROWSER' });
    const uri = oauthWindow(tenant, sessions, ORIGIN, member, {
      client_redirect_url: 'https://app.test/b',
      skip_aggregation: true,
      referral_source: 'APP',
    });
    expect(uri).toBe(member.oauth_window_uri);
    expect(tokenOf(uri)).not.toBe(token);
    expect(member.oauth).toEqual({
      client_redirect_url: 'https://app.test/b',
      referral_source: 'APP',
      skip_aggregation: true,
    });
  });

  it('keeps what the request does not change', () => {
    const { tenant, sessions, member } = pending({ redirect: 'https://app.test/a', referral: 'BROWSER', skip: true });
    oauthWindow(tenant, sessions, ORIGIN, member, {});
    expect(member.oauth).toEqual({
      client_redirect_url: 'https://app.test/a',
      referral_source: 'BROWSER',
      skip_aggregation: true,
    });
    oauthWindow(tenant, sessions, ORIGIN, member, { skip_aggregation: false });
    expect(member.oauth).toMatchObject({ client_redirect_url: 'https://app.test/a', skip_aggregation: false });
  });

  it('refuses a bad client_redirect_url before changing anything, keeping the current window', () => {
    const { tenant, sessions, member, token } = pending({ redirect: 'https://app.test/a' });
    const e = mxErrorOf(() =>
      oauthWindow(tenant, sessions, ORIGIN, member, { client_redirect_url: 'notaurl', skip_aggregation: true }),
    );
    expect(e).toMatchObject({ status: 400, type: 'validation_error' });
    expect(member.oauth).toMatchObject({ client_redirect_url: 'https://app.test/a', skip_aggregation: false });
    expect(tokenOf(member.oauth_window_uri)).toBe(token);
    expect(sessions.peek(token)).toBeDefined();
  });

  it('refuses a member that is not OAuth: 400 not_oauth', () => {
    const { tenant } = tenantWith();
    const member = addMember(tenant, addUser(tenant), 'mxbank');
    const sessions = new OAuthSessions();
    const e = mxErrorOf(() => oauthWindow(tenant, sessions, ORIGIN, member, {}));
    expect(e).toMatchObject({ status: 400, type: 'not_oauth' });
    expect(e.message).toBe(`member ${member.guid} is not an OAuth member (created without is_oauth: true)`);
    expect(member.oauth_window_uri).toBeNull();
    // Flagged OAuth without its request is refused too.
    member.is_oauth = true;
    expect(mxErrorOf(() => oauthWindow(tenant, sessions, ORIGIN, member, {})).type).toBe('not_oauth');
    // And an OAuth request on a member not flagged OAuth.
    member.is_oauth = false;
    member.oauth = { client_redirect_url: null, referral_source: null, skip_aggregation: false };
    expect(mxErrorOf(() => oauthWindow(tenant, sessions, ORIGIN, member, {})).type).toBe('not_oauth');
  });
});

describe('consentFor', () => {
  it('finds the tenant and member of an unused token', () => {
    const { tenant, sessions, member, token } = pending();
    const found = consentFor(tenantsOf(tenant), sessions, token);
    expect(found?.tenant).toBe(tenant);
    expect(found?.member).toBe(member);
  });

  it('finds nothing for an unknown or used token, or a deleted member', () => {
    const { tenant, sessions, member, token } = pending();
    const tenants = tenantsOf(tenant);
    expect(consentFor(tenants, sessions, 'nope')).toBeUndefined();
    const second = tokenOf(issueOAuthUri(tenant, sessions, ORIGIN, member));
    sessions.take(token);
    expect(consentFor(tenants, sessions, token)).toBeUndefined();
    tenant.members.delete(member);
    expect(consentFor(tenants, sessions, second)).toBeUndefined();
  });

  it('finds nothing once the member leaves the status its window was issued in, and forgets the token', () => {
    const { tenant, sessions, member, token } = pending();
    member.state = { ...member.state, connection_status: 'CONNECTED' };
    expect(consentFor(tenantsOf(tenant), sessions, token)).toBeUndefined();
    expect(sessions.peek(token)).toBeUndefined();
  });

  it("finds nothing for a token that is no longer the member's oauth_window_uri (the world was reset)", () => {
    const { tenant, sessions, member, token } = pending();
    member.oauth_window_uri = null;
    expect(consentFor(tenantsOf(tenant), sessions, token)).toBeUndefined();
  });

  it('finds a window issued for a member in another status (re-authentication) while it keeps it', () => {
    const { tenant, sessions, member } = pending();
    member.state = { ...member.state, connection_status: 'DENIED' };
    const again = tokenOf(issueOAuthUri(tenant, sessions, ORIGIN, member));
    expect(consentFor(tenantsOf(tenant), sessions, again)?.member).toBe(member);
  });

  it('finds nothing for a member that is no longer OAuth', () => {
    const { tenant, sessions, member, token } = pending();
    member.oauth = null;
    expect(consentFor(tenantsOf(tenant), sessions, token)).toBeUndefined();
  });

  it("looks the member up in the token's own tenant", () => {
    const { sessions, token } = pending();
    const elsewhere = tenantWith().tenant;
    const tenants = new Tenants(() => elsewhere);
    expect(consentFor(tenants, sessions, token)).toBeUndefined();
  });
});

describe('answerConsent', () => {
  it('approve: uses the token up and starts the first aggregation now (the member connects)', () => {
    const { tenant, clock, sessions, member, token } = pending();
    clock.set(START + 50);
    expect(answerConsent(tenant, sessions, token, member, 'approve')).toMatchObject({
      ending: { status: 'success' },
      redirect: null,
    });
    expect(sessions.peek(token)).toBeUndefined();
    expect(member.oauth_window_uri).toBeNull();
    expect(member.state).toMatchObject({ is_being_aggregated: true, jobs_started: 1 });
    expect(member.state.job).toMatchObject({ type: 'aggregate', started_at: START + 50, outcome: { kind: 'connect' } });
  });

  it('approve with skip_aggregation: CONNECTED and authenticated at once, no job', () => {
    const { tenant, sessions, member, token } = pending({ skip: true });
    answerConsent(tenant, sessions, token, member, 'approve');
    expect(member.state).toMatchObject({
      connection_status: 'CONNECTED',
      is_authenticated: true,
      is_being_aggregated: false,
      job: null,
      jobs_started: 0,
    });
  });

  it('approve with skip_aggregation after a denial: no longer needs updated credentials (jobs may run)', () => {
    const { tenant, sessions, member, token } = pending({ skip: true });
    member.state = { ...member.state, connection_status: 'DENIED', needs_updated_credentials: true, failed_logins: 1 };
    answerConsent(tenant, sessions, token, member, 'approve');
    expect(member.state).toMatchObject({
      connection_status: 'CONNECTED',
      needs_updated_credentials: false,
      failed_logins: 0,
      job: null,
    });
  });

  it('deny: the user cancelled, DENIED, announced as a status change now, whatever skip_aggregation says', () => {
    const { tenant, clock, sessions, member, token, events } = pending({ skip: true });
    clock.set(START + 9);
    expect(answerConsent(tenant, sessions, token, member, 'deny')).toEqual({
      ending: { status: 'error', error_reason: 'CANCELLED' },
      message: {
        mx: true,
        type: 'oauthComplete/error',
        metadata: { member_guid: member.guid, error_reason: 'CANCELLED' },
      },
      redirect: null,
    });
    expect(member.state).toMatchObject({ connection_status: 'DENIED', is_being_aggregated: false, job: null });
    expect(events).toEqual([{ kind: 'status_changed', member, status: 'DENIED', at: START + 9 }]);
    expect(member.oauth_window_uri).toBeNull();
    expect(sessions.peek(token)).toBeUndefined();
  });

  it('approve: the success message carries the member guid only', () => {
    const { tenant, sessions, member, token } = pending();
    expect(answerConsent(tenant, sessions, token, member, 'approve')).toEqual({
      ending: { status: 'success' },
      message: { mx: true, type: 'oauthComplete/success', metadata: { member_guid: member.guid } },
      redirect: null,
    });
  });

  it('approve announces only the job it starts until the job moves', () => {
    const { tenant, sessions, member, token, events } = pending();
    answerConsent(tenant, sessions, token, member, 'approve');
    expect(events.map((e: { kind: string }) => e.kind)).toEqual(['job_started']);
  });

  it("redirects to the client's URL with status and member_guid, keeping its own query, for referral_source APP", () => {
    const ok = pending({ redirect: 'https://app.test/done?state=abc', referral: 'APP' });
    const approved = answerConsent(ok.tenant, ok.sessions, ok.token, ok.member, 'approve');
    const a = new URL(approved.redirect as string);
    expect(`${a.origin}${a.pathname}`).toBe('https://app.test/done');
    expect(Object.fromEntries(a.searchParams)).toEqual({
      state: 'abc',
      status: 'success',
      member_guid: ok.member.guid,
    });

    const no = pending({ redirect: 'https://app.test/done', referral: 'APP' });
    const denied = answerConsent(no.tenant, no.sessions, no.token, no.member, 'deny');
    const d = new URL(denied.redirect as string);
    expect(Object.fromEntries(d.searchParams)).toEqual({
      status: 'error',
      member_guid: no.member.guid,
      error_reason: 'CANCELLED',
    });
  });

  it('does not redirect a browser window: client_redirect_url applies only with referral_source APP', () => {
    for (const referral of [undefined, 'BROWSER', 'app']) {
      const w = pending({ redirect: 'https://app.test/done', ...(referral ? { referral } : {}) });
      expect(answerConsent(w.tenant, w.sessions, w.token, w.member, 'approve').redirect).toBeNull();
    }
  });

  it("follows a scenario's forced answer over the user's, in the answer and the redirect", () => {
    const yaml = `
outcomes:
  - match: { institution: mx_bank_oauth }
    oauth: deny
  - match: { institution: mxcu_oauth }
    oauth: approve
`;
    const denied = pending({ yaml, redirect: 'https://app.test/cb', referral: 'APP' });
    const d = answerConsent(denied.tenant, denied.sessions, denied.token, denied.member, 'approve');
    expect(d.ending).toEqual({ status: 'error', error_reason: 'DENIED' });
    expect(Object.fromEntries(new URL(d.redirect as string).searchParams)).toMatchObject({
      status: 'error',
      error_reason: 'DENIED',
    });
    expect(denied.member.state.connection_status).toBe('DENIED');

    const approved = pending({ yaml, institution: 'mxcu_oauth' });
    expect(answerConsent(approved.tenant, approved.sessions, approved.token, approved.member, 'deny').ending).toEqual({
      status: 'success',
    });
    expect(approved.member.state.job?.type).toBe('aggregate');
  });

  it.each([
    ['CANCELLED', 'DENIED'],
    ['DENIED', 'DENIED'],
    ['IMPEDED', 'IMPEDED'],
    ['PROVIDER_ERROR', 'FAILED'],
    ['SERVER_ERROR', 'FAILED'],
  ] as const)("a rule's error_reason %s ends the member %s, announced", (reason, status) => {
    const yaml = `
outcomes:
  - match: { institution: mx_bank_oauth }
    oauth: { error_reason: ${reason} }
`;
    const w = pending({ yaml });
    const r = answerConsent(w.tenant, w.sessions, w.token, w.member, 'approve');
    expect(r.message).toEqual({
      mx: true,
      type: 'oauthComplete/error',
      metadata: { member_guid: w.member.guid, error_reason: reason },
    });
    expect(w.member.state).toMatchObject({ connection_status: status, is_being_aggregated: false, job: null });
    expect(w.events).toEqual([{ kind: 'status_changed', member: w.member, status, at: START }]);
  });

  it("a rule's SESSION_ERROR leaves the member as it was, with the window used up", () => {
    const yaml = `
outcomes:
  - match: { institution: mx_bank_oauth }
    oauth: { error_reason: SESSION_ERROR }
`;
    const w = pending({ yaml });
    const before = structuredClone(w.member.state);
    const r = answerConsent(w.tenant, w.sessions, w.token, w.member, 'approve');
    expect(r.ending).toEqual({ status: 'error', error_reason: 'SESSION_ERROR' });
    expect(w.member.state).toEqual(before);
    expect(w.events).toEqual([]);
    expect(w.member.oauth_window_uri).toBeNull();
    expect(w.sessions.peek(w.token)).toBeUndefined();
  });

  it("follows the user's answer when no scenario rule is about OAuth", () => {
    const yaml = `
outcomes:
  - match: { institution: mx_bank_oauth }
    data: { accounts: 2 }
`;
    const w = pending({ yaml });
    expect(answerConsent(w.tenant, w.sessions, w.token, w.member, 'approve').ending).toEqual({ status: 'success' });
  });

  it("starts the job a scenario's script gives the member", () => {
    const yaml = `
outcomes:
  - match: { user_id: oauth-user }
    jobs: [LOCKED]
`;
    const w = pending({ yaml });
    answerConsent(w.tenant, w.sessions, w.token, w.member, 'approve');
    expect(w.member.state.job?.outcome).toEqual({ kind: 'script', steps: [{ kind: 'status', status: 'LOCKED' }] });
  });

  it('settles what was due before the answer takes effect', () => {
    const { tenant, clock, sessions, member, token } = pending();
    answerConsent(tenant, sessions, token, member, 'approve');
    // The first job's steps fall due, unsettled; the user goes through a new window.
    clock.set(START + JOB_MS + 1);
    const again = tokenOf(issueOAuthUri(tenant, sessions, ORIGIN, member));
    answerConsent(tenant, sessions, again, member, 'approve');
    expect(member.state.successfully_aggregated_at).toBe(START + JOB_MS);
    expect(member.data?.accounts.length).toBeGreaterThan(0);
    expect(member.state.job?.started_at).toBe(START + JOB_MS + 1);
  });

  it('refuses an unusable client_redirect_url before changing anything', () => {
    const { tenant, sessions, member, token, events } = pending({ referral: 'APP' });
    // Only data from before URLs were checked could hold one; the answer must not half-apply.
    (member.oauth as { client_redirect_url: string | null }).client_redirect_url = 'notaurl';
    const before = structuredClone(member.state);
    const e = mxErrorOf(() => answerConsent(tenant, sessions, token, member, 'deny'));
    expect(e).toMatchObject({ status: 400, type: 'invalid_redirect' });
    expect(member.state).toEqual(before);
    expect(member.oauth_window_uri).not.toBeNull();
    expect(sessions.peek(token)).toBeDefined();
    expect(events).toEqual([]);
  });

  it('refuses a member without an OAuth request, leaving the token', () => {
    const { tenant, sessions, member, token } = pending();
    const plain: MemberRecord = { ...member, oauth: null };
    const e = mxErrorOf(() => answerConsent(tenant, sessions, token, plain, 'approve'));
    expect(e).toMatchObject({
      status: 400,
      type: 'not_oauth',
      message: `member ${member.guid} is not an OAuth member`,
    });
    expect(sessions.peek(token)).toBeDefined();
  });
});
