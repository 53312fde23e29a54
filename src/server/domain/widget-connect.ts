// What the simulated Connect widget does for its user, through the same rules as the API: institution search,
// creating the member (credentials or OAuth), new credentials, MFA answers and a new OAuth window. The widget
// keeps no member logic of its own: a member it creates is the one GET /users/{u}/members lists, with the same
// jobs, statuses and webhooks. See docs/connect-widget.md.
import type { Product } from '../../mx/products.js';
import { errors } from '../errors.js';
import type { InstitutionRecord } from '../generators/institution.js';
import type { MemberCredential, MemberRecord } from '../store/members.js';
import type { OAuthSessions } from '../store/oauth.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import type { WidgetConfig, WidgetSession } from '../store/widget-sessions.js';
import { memberOf, userOf } from './lookup.js';
import { type CreatedMember, createMember, duplicateMember, institutionOf, updateMember } from './members.js';
import { oauthWindow } from './oauth.js';

/** The session's user (404 once it is gone: a reset world, a deleted user). */
export function sessionUser(tenant: Tenant, session: WidgetSession): UserRecord {
  return userOf(tenant, { user_guid: session.userGuid });
}

/** A member of the session's user (404 otherwise). */
export function sessionMember(tenant: Tenant, session: WidgetSession, guid: string): MemberRecord {
  return memberOf(tenant, sessionUser(tenant, session), { member_guid: guid });
}

/**
 * What the member the widget creates asks for: `data_request.products` when given, else what `mode` implies
 * (verification: account numbers) plus transactions when include_transactions (default true in aggregation
 * mode, false in verification mode), plus identity_verification with include_identity. Without transactions
 * the first job gathers accounts and balances only (generators/apply-job.ts), as create member does for
 * `data_request.products` without them.
 */
export function connectProducts(config: WidgetConfig): string[] {
  const base: Product[] = [
    ...(config.mode === 'verification' ? (['account_verification'] as const) : []),
    ...(config.include_transactions ? (['transactions'] as const) : []),
  ];
  const products: string[] = config.products ?? base;
  return config.include_identity && !products.includes('identity_verification')
    ? [...products, 'identity_verification']
    : products;
}

/** Institutions the widget's search shows: by name or code, the session's countries, the mode's product. */
export function searchInstitutions(
  tenant: Tenant,
  config: WidgetConfig,
  query: string,
  limit = 25,
): InstitutionRecord[] {
  const products: Product[] = config.mode === 'verification' ? ['account_verification'] : [];
  const countries = config.iso_country_code ?? undefined;
  const found = query.trim()
    ? tenant.institutions.search({ name: query, products, countries })
    : tenant.institutions.favorites(countries).filter((i) => products.every((p) => i.supported_products.includes(p)));
  return found.slice(0, limit);
}

export interface WidgetConnect {
  institution_code: string;
  credentials?: MemberCredential[] | undefined;
}

/**
 * The user connects an institution in the widget: a credential member (its first job starts) or, for an
 * institution without credential fields, an OAuth member waiting at its window. The session's options
 * apply as MX's widget applies them: products, background aggregation, use cases, the OAuth ending.
 */
export function widgetCreateMember(
  tenant: Tenant,
  session: WidgetSession,
  window: { sessions: OAuthSessions; base: string },
  req: WidgetConnect,
): CreatedMember {
  const config = session.config;
  const user = sessionUser(tenant, session);
  const inst = institutionOf(tenant, req.institution_code);
  const isOAuth = inst.supports_oauth && !req.credentials?.length;
  // MX's widget answers a duplicate (409) by updating the member it names: the same here, so a user who
  // connects the same login twice reconnects the member they have.
  const existing = isOAuth ? undefined : duplicateMember(tenant, user, inst.code, req.credentials ?? []);
  if (existing) {
    widgetUpdateCredentials(tenant, session, existing, req.credentials ?? []);
    return { member: existing, started: true, unsupported: [] };
  }
  const created = createMember(
    tenant,
    user,
    {
      institution_code: inst.code,
      is_oauth: isOAuth,
      credentials: isOAuth ? undefined : (req.credentials ?? []),
      products: connectProducts(config),
      background_aggregation_is_disabled: config.disable_background_agg,
      use_cases: config.use_cases ?? undefined,
      client_redirect_url: config.client_redirect_url ?? undefined,
      referral_source: config.oauth_referral_source,
    },
    window,
    { callback_payload: config.callback_payload ?? undefined, version: config.version ?? undefined },
  );
  const oauth = created.member.oauth;
  // An app's OAuth ends at the app: without client_redirect_url, at `<scheme>://oauth_complete` (MX's WebView form).
  if (oauth && oauth.referral_source === 'APP' && !oauth.client_redirect_url) {
    oauth.client_redirect_url = `${config.ui_message_webview_url_scheme}://oauth_complete`;
  }
  return created;
}

/** New credentials for a member of the session's user: an aggregation starts (UPDATED), as with PUT. */
export function widgetUpdateCredentials(
  tenant: Tenant,
  session: WidgetSession,
  member: MemberRecord,
  credentials: MemberCredential[],
): void {
  if (member.is_oauth) {
    throw errors.badRequest(
      `member ${member.guid} connects with OAuth: ask for a new OAuth window instead`,
      'not_credentials',
    );
  }
  updateMember(
    tenant,
    sessionUser(tenant, session),
    member,
    { credentials },
    {
      callback_payload: session.config.callback_payload ?? undefined,
    },
  );
}

/** A new OAuth window for an OAuth member of the session (the window's ending as the session's options say). */
export function widgetOAuthWindow(
  tenant: Tenant,
  session: WidgetSession,
  window: { sessions: OAuthSessions; base: string },
  member: MemberRecord,
): string {
  return oauthWindow(tenant, window.sessions, window.base, member, {
    referral_source: session.config.oauth_referral_source,
  });
}
