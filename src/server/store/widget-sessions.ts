// Widget URLs and the Connect widget sessions they open, across tenants. The widget page is opened without
// MX auth (a user's browser has no API key): the single-use token in its URL opens one session, and the
// session's own secret (never in a URL) is what the page's script sends with each of its requests.
import { createHmac, randomBytes } from 'node:crypto';
import type { ApiVersion } from '../../mx/versions.js';
import type { ColorScheme, ConnectMode, OAuthReferralSource, WidgetType } from '../../mx/widgets.js';

/** Drawn once per process and never shown: URL tokens and session secrets are HMACs under it. */
const PROCESS_SECRET = randomBytes(32);

/** What a widget URL was requested with, resolved and checked (docs/connect-widget.md#options). */
export interface WidgetConfig {
  widget_type: WidgetType;
  mode: ConnectMode;
  color_scheme: ColorScheme;
  /** The member the widget opens on (wins over the institution fields). */
  current_member_guid: string | null;
  /** The institution the widget opens on (from current_institution_code or _guid). */
  current_institution_code: string | null;
  /** The microdeposit the widget opens on (mode verification): its account details, wait, amounts. */
  current_microdeposit_guid?: string | null;
  disable_institution_search: boolean;
  update_credentials: boolean;
  include_transactions: boolean;
  include_identity: boolean;
  disable_background_agg: boolean;
  is_mobile_webview: boolean;
  oauth_referral_source: OAuthReferralSource;
  ui_message_version: number;
  ui_message_webview_url_scheme: string;
  client_redirect_url: string | null;
  /** `data_request.products` as given (v20250224); null: what `mode` implies. */
  products: string[] | null;
  use_cases: Array<'MONEY_MOVEMENT' | 'PFM'> | null;
  iso_country_code: string[] | null;
  /** From `locale`, else Accept-Language: the page's language tag. */
  locale: string;
  /** The request's X-CALLBACK-PAYLOAD: echoed on the webhooks of the members the widget creates. */
  callback_payload: string | null;
  /** The API version the URL was requested in: its members are created in it (initial_data_ready is v20250224's). */
  version: ApiVersion | null;
}

export interface WidgetSession {
  clientId: string;
  userGuid: string;
  /** MX's `session_guid`, in every event the widget posts. */
  sessionGuid: string;
  config: WidgetConfig;
  /** Tenant-clock time the URL stops working unused. */
  expiresAt: number;
  /** Tenant-clock time of the session's last request, once the URL was opened. */
  lastUsedAt: number;
}

/** How long an opened session lasts without a request, on the tenant's clock. */
export const SESSION_IDLE_MS = 60 * 60_000;

/** At most this many unused URLs, and as many open sessions, per process: the oldest go first. */
export const MAX_WIDGET_SESSIONS = 10_000;

function bounded<V>(map: Map<string, V>, key: string, value: V): void {
  map.set(key, value);
  if (map.size > MAX_WIDGET_SESSIONS) map.delete(map.keys().next().value as string);
}

export class WidgetSessions {
  /** Unused widget URLs by token. */
  readonly #urls = new Map<string, WidgetSession>();
  /** Opened sessions by secret. */
  readonly #open = new Map<string, WidgetSession>();
  #count = 0;

  #mint(kind: string, clientId: string, draw: string): string {
    this.#count += 1;
    return createHmac('sha256', PROCESS_SECRET)
      .update(`${kind}\u0000${clientId}\u0000${draw}\u0000${this.#count}`)
      .digest('base64url')
      .slice(0, 32);
  }

  /** A new single-use URL under `base` for the session. */
  issue(base: string, session: WidgetSession): string {
    const token = this.#mint('url', session.clientId, session.sessionGuid);
    bounded(this.#urls, token, session);
    return `${base}${WIDGET_PATH_PREFIX}/${token}`;
  }

  /**
   * Uses a URL token up: its session, and the secret its page sends from now on; undefined when the token is
   * unknown, used, or expired at `now` (the tenant's clock: a function, as the tenant is found by the session).
   */
  open(token: string, now: (clientId: string) => number): { session: WidgetSession; secret: string } | undefined {
    const session = this.#urls.get(token);
    if (!session) return undefined;
    this.#urls.delete(token);
    const at = now(session.clientId);
    if (at > session.expiresAt) return undefined;
    session.lastUsedAt = at;
    const secret = this.#mint('session', session.clientId, session.sessionGuid);
    bounded(this.#open, secret, session);
    return { session, secret };
  }

  /** Whether a URL token would open now, without using it up (a HEAD request). */
  usable(token: string, now: (clientId: string) => number): boolean {
    const session = this.#urls.get(token);
    return session !== undefined && now(session.clientId) <= session.expiresAt;
  }

  /** The open session of a secret, or undefined (unknown, or idle too long at `now`: then forgotten). */
  find(secret: string, now: (clientId: string) => number): WidgetSession | undefined {
    const session = this.#open.get(secret);
    if (!session) return undefined;
    const at = now(session.clientId);
    if (at - session.lastUsedAt > SESSION_IDLE_MS) {
      this.#open.delete(secret);
      return undefined;
    }
    session.lastUsedAt = Math.max(session.lastUsedAt, at);
    return session;
  }
}

/** Where the widget's page, assets and session API are served (MX's own widget URLs are `…/md/connect/<token>`). */
export const WIDGET_PREFIX = '/md';
/** Where widget URLs point, under the simulator's public URL. */
export const WIDGET_PATH_PREFIX = `${WIDGET_PREFIX}/connect`;
