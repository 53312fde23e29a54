// OAuth members: the single-use window URI MX hands out, and what the user's answer at the institution's
// consent page does (approve: the first job starts; an error ends it in a status), and what MX's
// completion page then tells the app. See docs/mx-behaviour.md#oauth.
import type { OAuthErrorReason } from '../../mx/oauth.js';
import type { ConnectionStatus } from '../../mx/statuses.js';
import { oauthFailed } from '../engine/lifecycle.js';
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

/** How a consent ended: approved, or an error with MX's reason. */
export type ConsentEnding = { status: 'success' } | { status: 'error'; error_reason: OAuthErrorReason };

/**
 * What MX's OAuth completion page posts to `window.opener`: `oauthComplete/success` with the member's
 * guid, or `oauthComplete/error` with the guid and the reason.
 */
export type OAuthCompleteMessage =
  | { mx: true; type: 'oauthComplete/success'; metadata: { member_guid: string } }
  | { mx: true; type: 'oauthComplete/error'; metadata: { member_guid: string; error_reason: OAuthErrorReason } };

/**
 * The member's connection status after consent ends in `reason`, or null when the member keeps its status
 * (a session error: the window was not valid, the member is as it was and a new window may be asked for).
 * The user's refusal (CANCELLED) and the institution's (DENIED) give DENIED, as mx-sim always had for a
 * refusal; IMPEDED gives IMPEDED; an error at the institution or at MX gives FAILED.
 */
export function statusAfterOAuthError(reason: OAuthErrorReason): ConnectionStatus | null {
  switch (reason) {
    case 'CANCELLED':
    case 'DENIED':
      return 'DENIED';
    case 'IMPEDED':
      return 'IMPEDED';
    case 'PROVIDER_ERROR':
    case 'SERVER_ERROR':
      return 'FAILED';
    case 'SESSION_ERROR':
      return null;
  }
}

export function completeMessage(member: MemberRecord, ending: ConsentEnding): OAuthCompleteMessage {
  return ending.status === 'success'
    ? { mx: true, type: 'oauthComplete/success', metadata: { member_guid: member.guid } }
    : {
        mx: true,
        type: 'oauthComplete/error',
        metadata: { member_guid: member.guid, error_reason: ending.error_reason },
      };
}

/**
 * Where the browser goes after the answer, or null: `client_redirect_url` applies only to a window
 * requested with `referral_source=APP`, as in MX's flow (a browser gets the completion page). Throws
 * before anything changes when it cannot be built.
 */
function redirectAfter(member: MemberRecord, ending: ConsentEnding): string | null {
  const redirect = member.oauth?.client_redirect_url;
  if (!redirect || member.oauth?.referral_source !== 'APP') return null;
  let url: URL;
  try {
    url = new URL(redirect);
  } catch {
    throw errors.badRequest(
      `member ${member.guid} has an unusable client_redirect_url; set a new one with GET …/oauth_window_uri?client_redirect_url=`,
      'invalid_redirect',
    );
  }
  url.searchParams.set('status', ending.status);
  url.searchParams.set('member_guid', member.guid);
  if (ending.status === 'error') url.searchParams.set('error_reason', ending.error_reason);
  return url.toString();
}

export interface ConsentResult {
  ending: ConsentEnding;
  /** What the completion page posts to the window that opened it. */
  message: OAuthCompleteMessage;
  /** Where the browser goes instead of the completion page (referral_source APP), or null. */
  redirect: string | null;
}

/**
 * The user approved or denied at the consent page (Deny: CANCELLED, the user's refusal); a scenario's
 * `oauth:` rule may force the ending. Uses the token up. Returns how it ended, the completion page's
 * message and where the browser goes next. Everything that can refuse is checked before the member
 * changes.
 */
export function answerConsent(
  tenant: Tenant,
  sessions: OAuthSessions,
  token: string,
  member: MemberRecord,
  asked: 'approve' | 'deny',
): ConsentResult {
  const oauth = member.oauth;
  if (!oauth) throw errors.badRequest(`member ${member.guid} is not an OAuth member`, 'not_oauth');
  const now = tenant.clock.now();
  settleMember(member, tenant, now);
  const forced = tenant.world.rules.length ? ruleFor(tenant.world, factsOf(member, tenant), 'oauth')?.oauth : undefined;
  const chosen = forced ?? (asked === 'approve' ? 'approve' : 'CANCELLED');
  const ending: ConsentEnding =
    chosen === 'approve' ? { status: 'success' } : { status: 'error', error_reason: chosen };
  const redirect = redirectAfter(member, ending);
  sessions.take(token);
  if (ending.status === 'success' && oauth.skip_aggregation) {
    // Authorizing is what an OAuth member's new credentials are: the member may aggregate again.
    member.state = {
      ...member.state,
      connection_status: 'CONNECTED',
      is_authenticated: true,
      needs_updated_credentials: false,
      failed_logins: 0,
    };
  } else if (ending.status === 'success') {
    // Like any job: a scenario's script for this member applies (an OAuth member otherwise connects).
    startMemberJob(member, tenant, 'aggregate', now);
  } else {
    const status = statusAfterOAuthError(ending.error_reason);
    if (status) {
      member.state = oauthFailed(member.state, status);
      tenant.events.emit({ kind: 'status_changed', member, status, at: now });
    }
  }
  member.oauth_window_uri = null;
  return { ending, message: completeMessage(member, ending), redirect };
}
