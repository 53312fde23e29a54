// OAuth members: the single-use window URI MX hands out, and what the user's answer at the institution's
// consent page does (approve: the first job starts; deny: DENIED). See docs/mx-behaviour.md#oauth.
import { oauthDenied } from '../engine/lifecycle.js';
import { errors } from '../errors.js';
import type { MemberRecord } from '../store/members.js';
import type { OAuthSessions } from '../store/oauth.js';
import type { Tenant, Tenants } from '../store/tenant.js';
import { ruleFor } from '../store/world.js';
import { factsOf, startMemberJob } from './jobs.js';
import { settleMember } from './settle.js';

/**
 * A new single-use OAuth window URI under `base` (the simulator's public URL) for the member. Its token
 * is unguessable; any earlier URI of the member stops working, and this one does once the member leaves
 * the connection status it has now (PENDING, for a new OAuth member).
 */
export function issueOAuthUri(tenant: Tenant, sessions: OAuthSessions, base: string, member: MemberRecord): string {
  // The seeded draw keeps the tenant's guid sequence as it always was; the token itself is keyed (store/oauth.ts).
  const token = sessions.token(tenant.clientId, tenant.guids.next('OAUTH'));
  member.oauth_window_uri = sessions.issue(base, token, {
    clientId: tenant.clientId,
    userGuid: member.user_guid,
    memberGuid: member.guid,
    status: member.state.connection_status,
  });
  return member.oauth_window_uri;
}

/**
 * `client_redirect_url` as given: an absolute http(s) URL, or empty for none (400 naming the parameter
 * otherwise). Checked when it is given, so a consent never fails half-way on it.
 */
export function checkRedirectUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return value;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw errors.validation(
      'client_redirect_url: must be an absolute http:// or https:// URL, e.g. https://app.example.com/oauth/done',
    );
  }
  return value;
}

export interface OAuthWindowChanges {
  client_redirect_url?: string | undefined;
  skip_aggregation?: boolean | undefined;
  referral_source?: string | undefined;
}

/** `GET …/oauth_window_uri`: a new URI, taking the request's changes to how the window ends. */
export function oauthWindow(
  tenant: Tenant,
  sessions: OAuthSessions,
  base: string,
  member: MemberRecord,
  changes: OAuthWindowChanges,
): string {
  if (!member.is_oauth || !member.oauth) {
    throw errors.badRequest(
      `member ${member.guid} is not an OAuth member (created without is_oauth: true)`,
      'not_oauth',
    );
  }
  checkRedirectUrl(changes.client_redirect_url);
  if (changes.client_redirect_url !== undefined) member.oauth.client_redirect_url = changes.client_redirect_url;
  if (changes.skip_aggregation !== undefined) member.oauth.skip_aggregation = changes.skip_aggregation;
  if (changes.referral_source !== undefined) member.oauth.referral_source = changes.referral_source;
  return issueOAuthUri(tenant, sessions, base, member);
}

/**
 * The member a consent token is for, or undefined: unknown or used, no longer the member's newest
 * window, its member deleted or no longer OAuth, or the member left the status the window was issued
 * in (due lifecycle steps are applied first, as for any request). A dead token is forgotten.
 */
export function consentFor(tenants: Tenants, sessions: OAuthSessions, token: string) {
  const session = sessions.peek(token);
  if (!session) return undefined;
  const tenant = tenants.get(session.clientId);
  const member = tenant.members.byGuid(session.memberGuid);
  if (member?.oauth && member.oauth_window_uri === session.uri) {
    settleMember(member, tenant, tenant.clock.now());
    if (member.state.connection_status === session.status) return { tenant, member };
  }
  sessions.take(token);
  return undefined;
}

/** Where the browser goes after the answer, or null; throws before anything changes when it cannot be built. */
function redirectAfter(member: MemberRecord, action: 'approve' | 'deny'): string | null {
  const redirect = member.oauth?.client_redirect_url;
  if (!redirect) return null;
  let url: URL;
  try {
    url = new URL(redirect);
  } catch {
    throw errors.badRequest(
      `member ${member.guid} has an unusable client_redirect_url; set a new one with GET …/oauth_window_uri?client_redirect_url=`,
      'invalid_redirect',
    );
  }
  url.searchParams.set('status', action === 'approve' ? 'success' : 'error');
  url.searchParams.set('member_guid', member.guid);
  if (action === 'deny') url.searchParams.set('error_reason', 'DENIED');
  return url.toString();
}

/**
 * The user approved or denied at the consent page (a scenario may force the answer). Uses the token up.
 * Returns what actually happened and where the browser goes next. Everything that can refuse is checked
 * before the member changes.
 */
export function answerConsent(
  tenant: Tenant,
  sessions: OAuthSessions,
  token: string,
  member: MemberRecord,
  asked: 'approve' | 'deny',
): { action: 'approve' | 'deny'; redirect: string | null } {
  const oauth = member.oauth;
  if (!oauth) throw errors.badRequest(`member ${member.guid} is not an OAuth member`, 'not_oauth');
  const now = tenant.clock.now();
  settleMember(member, tenant, now);
  const forced = tenant.world.rules.length ? ruleFor(tenant.world, factsOf(member, tenant), 'oauth')?.oauth : undefined;
  const action = forced ?? asked;
  const redirect = redirectAfter(member, action);
  sessions.take(token);
  if (action === 'approve' && oauth.skip_aggregation) {
    // Authorizing is what an OAuth member's new credentials are: the member may aggregate again.
    member.state = {
      ...member.state,
      connection_status: 'CONNECTED',
      is_authenticated: true,
      needs_updated_credentials: false,
      failed_logins: 0,
    };
  } else if (action === 'approve') {
    // Like any job: a scenario's script for this member applies (an OAuth member otherwise connects).
    startMemberJob(member, tenant, 'aggregate', now);
  } else {
    member.state = oauthDenied(member.state);
    tenant.events.emit({ kind: 'status_changed', member, status: 'DENIED', at: now });
  }
  member.oauth_window_uri = null;
  return { action, redirect };
}
