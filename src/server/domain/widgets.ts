// Widget URLs (POST /users/{user}/widget_urls, v20111101's connect_widget_url): MX's request options checked
// and resolved into a session's config, and the single-use URL of the simulated widget page.
// See docs/connect-widget.md.
import { normalizeProduct } from '../../mx/products.js';
import type { ApiVersion } from '../../mx/versions.js';
import {
  type ColorScheme,
  type ConnectMode,
  type OAuthReferralSource,
  UI_MESSAGE_VERSION,
  WIDGET_TYPES,
  WIDGET_URL_TTL_MS,
  type WidgetType,
} from '../../mx/widgets.js';
import { errors } from '../errors.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import type { WidgetConfig, WidgetSessions } from '../store/widget-sessions.js';
import { memberOf } from './lookup.js';
import { checkRedirectUrl } from './oauth.js';
import { widgetMicrodeposit } from './widget-microdeposits.js';

/** A widget URL request as MX's WidgetRequest has it (v20111101's connect_widget_url config too). */
export interface WidgetRequest {
  widget_type: string;
  mode?: string | undefined;
  color_scheme?: ColorScheme | null | undefined;
  current_member_guid?: string | null | undefined;
  current_institution_code?: string | null | undefined;
  current_institution_guid?: string | undefined;
  current_microdeposit_guid?: string | undefined;
  disable_institution_search?: boolean | null | undefined;
  update_credentials?: boolean | undefined;
  include_transactions?: boolean | undefined;
  include_identity?: boolean | undefined;
  disable_background_agg?: boolean | undefined;
  is_mobile_webview?: boolean | undefined;
  oauth_referral_source?: string | undefined;
  ui_message_version?: number | undefined;
  ui_message_webview_url_scheme?: string | undefined;
  client_redirect_url?: string | undefined;
  data_request?: { products: string[] } | undefined;
  use_cases?: Array<'MONEY_MOVEMENT' | 'PFM'> | undefined;
  iso_country_code?: string[] | undefined;
  locale?: string | undefined;
}

const SCHEME = /^[a-z][a-z0-9+.-]*$/i;
/** A language tag as a browser sends one: `en`, `en-US`, `fr-CA`, `zh-Hant-TW`. */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,3}$/i;

/** The page's language: `locale` when it is a language tag, else the first of Accept-Language, else en-US. */
export function widgetLocale(locale: string | undefined, acceptLanguage: string | undefined): string {
  if (locale && LANGUAGE_TAG.test(locale)) return locale;
  const first = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim();
  return first && LANGUAGE_TAG.test(first) ? first : 'en-US';
}

function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!found) throw errors.validation(`${field}: must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  return found;
}

/** The institution a request names by code and/or guid (404 when unknown; 400 when the two disagree). */
function currentInstitution(tenant: Tenant, r: WidgetRequest): string | null {
  const byCode = r.current_institution_code ? tenant.institutions.byCode(r.current_institution_code) : undefined;
  if (r.current_institution_code && !byCode) throw errors.notFound('institution', r.current_institution_code);
  const byGuid = r.current_institution_guid ? tenant.institutions.byIdentifier(r.current_institution_guid) : undefined;
  if (r.current_institution_guid && !byGuid) throw errors.notFound('institution', r.current_institution_guid);
  if (byCode && byGuid && byCode !== byGuid) {
    throw errors.validation(
      `current_institution_guid: ${byGuid.guid} is ${byGuid.code}, not current_institution_code ${byCode.code}; give one of them`,
    );
  }
  return (byCode ?? byGuid)?.code ?? null;
}

/** MX's options resolved, with MX's defaults (docs/connect-widget.md#options); 400/404 naming the field. */
export function widgetConfig(
  tenant: Tenant,
  user: UserRecord,
  r: WidgetRequest,
  headers: { acceptLanguage?: string | undefined; callbackPayload?: string | undefined; version?: ApiVersion },
  types: readonly WidgetType[] = WIDGET_TYPES,
): WidgetConfig {
  const widget_type = oneOf<WidgetType>('widget_type', r.widget_type, types);
  const mode = oneOf<ConnectMode>('mode', r.mode ?? 'aggregation', ['aggregation', 'verification']);
  // current_member_guid wins over the institution fields (MX's document); a member of another user is unknown.
  const member = r.current_member_guid ? memberOf(tenant, user, { member_guid: r.current_member_guid }) : undefined;
  const institution = member ? member.institution_code : currentInstitution(tenant, r);
  if (r.disable_institution_search && !institution) {
    throw errors.validation(
      'disable_institution_search: needs current_institution_code, current_institution_guid or current_member_guid, the institution the widget stays on',
    );
  }
  const scheme = r.ui_message_webview_url_scheme ?? 'mx';
  if (!SCHEME.test(scheme)) {
    throw errors.validation(
      `ui_message_webview_url_scheme: must be a URL scheme such as mx or myapp (got ${JSON.stringify(scheme)})`,
    );
  }
  checkRedirectUrl(r.client_redirect_url);
  const isWebview = r.is_mobile_webview ?? false;
  const products = r.data_request?.products.map((p) => normalizeProduct(p) ?? p) ?? null;
  const microdeposit = r.current_microdeposit_guid
    ? widgetMicrodeposit(
        tenant,
        user,
        r.current_microdeposit_guid,
        mode === 'verification' || (products?.includes('account_verification') ?? false),
      )
    : undefined;
  return {
    widget_type,
    mode,
    color_scheme: r.color_scheme ?? 'light',
    current_member_guid: member?.guid ?? null,
    current_institution_code: institution,
    current_microdeposit_guid: microdeposit?.guid ?? null,
    disable_institution_search: r.disable_institution_search ?? false,
    update_credentials: r.update_credentials ?? false,
    include_transactions: r.include_transactions ?? mode === 'aggregation',
    include_identity: r.include_identity ?? false,
    disable_background_agg: r.disable_background_agg ?? mode === 'verification',
    is_mobile_webview: isWebview,
    oauth_referral_source: oneOf<OAuthReferralSource>(
      'oauth_referral_source',
      r.oauth_referral_source ?? (isWebview ? 'APP' : 'BROWSER'),
      ['BROWSER', 'APP'],
    ),
    ui_message_version: r.ui_message_version ?? UI_MESSAGE_VERSION,
    ui_message_webview_url_scheme: scheme,
    client_redirect_url: r.client_redirect_url || null,
    products: products ? [...new Set(products)] : null,
    use_cases: r.use_cases ?? null,
    iso_country_code: r.iso_country_code?.map((c) => c.toUpperCase()) ?? null,
    locale: widgetLocale(r.locale, headers.acceptLanguage),
    callback_payload: headers.callbackPayload ?? null,
    version: headers.version ?? null,
  };
}

/**
 * A new single-use widget URL for the user under `base` (the simulator's public URL): good once, for ten
 * minutes of the client's clock. Each URL is its own session (MX's `session_guid`).
 */
export function requestWidgetUrl(
  tenant: Tenant,
  sessions: WidgetSessions,
  base: string,
  user: UserRecord,
  config: WidgetConfig,
): string {
  const now = tenant.clock.now();
  return sessions.issue(base, {
    clientId: tenant.clientId,
    userGuid: user.guid,
    sessionGuid: tenant.guids.next('ANS'),
    config,
    expiresAt: now + WIDGET_URL_TTL_MS,
    lastUsedAt: now,
  });
}
