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

/** A new single-use OAuth window URI on `origin` for the member (the previous one stays valid until used). */
export function issueOAuthUri(tenant: Tenant, sessions: OAuthSessions, origin: string, member: MemberRecord): string {
  const token = tenant.guids.next('OAUTH').slice(6).replace(/-/g, '');
  member.oauth_window_uri = sessions.issue(origin, token, {
    clientId: tenant.clientId,
    userGuid: member.user_guid,
    memberGuid: member.guid,
  });
  return member.oauth_window_uri;
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
  origin: string,
  member: MemberRecord,
  changes: OAuthWindowChanges,
): string {
  if (!member.is_oauth || !member.oauth) {
    throw errors.badRequest(
      `member ${member.guid} is not an OAuth member (created without is_oauth: true)`,
      'not_oauth',
    );
  }
  if (changes.client_redirect_url !== undefined) member.oauth.client_redirect_url = changes.client_redirect_url;
  if (changes.skip_aggregation !== undefined) member.oauth.skip_aggregation = changes.skip_aggregation;
  if (changes.referral_source !== undefined) member.oauth.referral_source = changes.referral_source;
  return issueOAuthUri(tenant, sessions, origin, member);
}

/** The member an unused consent token is for, or undefined (used, unknown, or its member deleted). */
export function consentFor(tenants: Tenants, sessions: OAuthSessions, token: string) {
  const session = sessions.peek(token);
  const tenant = session && tenants.get(session.clientId);
  const member = session && tenant?.members.byGuid(session.memberGuid);
  if (!tenant || !member?.oauth) return undefined;
  return { tenant, member };
}

/**
 * The user approved or denied at the consent page (a scenario may force the answer). Uses the token up.
 * Returns what actually happened and where the browser goes next.
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
  sessions.take(token);
  const now = tenant.clock.now();
  settleMember(member, tenant, now);
  const forced = tenant.world.rules.length ? ruleFor(tenant.world, factsOf(member, tenant), 'oauth')?.oauth : undefined;
  const action = forced ?? asked;
  if (action === 'approve' && oauth.skip_aggregation) {
    member.state = { ...member.state, connection_status: 'CONNECTED', is_authenticated: true };
  } else if (action === 'approve') {
    // Like any job: a scenario's script for this member applies (an OAuth member otherwise connects).
    startMemberJob(member, tenant, 'aggregate', now);
  } else {
    member.state = oauthDenied(member.state);
    tenant.events.emit({ kind: 'status_changed', member, status: 'DENIED', at: now });
  }
  member.oauth_window_uri = null;
  const redirect = oauth.client_redirect_url;
  if (!redirect) return { action, redirect: null };
  const url = new URL(redirect);
  url.searchParams.set('status', action === 'approve' ? 'success' : 'error');
  url.searchParams.set('member_guid', member.guid);
  if (action === 'deny') url.searchParams.set('error_reason', 'DENIED');
  return { action, redirect: url.toString() };
}
