// MX's widget vocabulary: widget types, Connect modes and options, and the Connect widget's events.

/** `widget_type` values MX's documents list (the v20250224 WidgetResponse enum, plus v20111101's Pulse widgets). */
export const WIDGET_TYPES = [
  'accounts_widget',
  'mini_accounts_widget',
  'actionable_integration_widget',
  'budgets_widget',
  'mini_budgets_widget',
  'cash_flow_widget',
  'mini_cash_flow_widget',
  'connect_widget',
  'connections_widget',
  'debts_widget',
  'finstrong_widget',
  'mini_finstrong_widget',
  'goals_widget',
  'help_widget',
  'master_widget',
  'money_dashboard_widget',
  'net_worth_widget',
  'mini_net_worth_widget',
  'notifications_settings_widget',
  'pulse_widget',
  'mini_pulse_carousel_widget',
  'recurringtransactions_widget',
  'mini_recurringtransactions_widget',
  'settings_widget',
  'spending_widget',
  'mini_spending_widget',
  'spending_plan_widget',
  'mini_spending_plan_widget',
  'transaction_rules_widget',
  'transactions_widget',
  'trends_widget',
  'mini_trends_widget',
] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];

/** v20250224's WidgetResponse enum: every type but v20111101's Pulse widgets. */
export const V20250224_WIDGET_TYPES: readonly WidgetType[] = WIDGET_TYPES.filter(
  (t) => t !== 'pulse_widget' && t !== 'mini_pulse_carousel_widget',
);

export const CONNECT_MODES = ['aggregation', 'verification'] as const;
export type ConnectMode = (typeof CONNECT_MODES)[number];

export const COLOR_SCHEMES = ['light', 'dark', 'browser'] as const;
export type ColorScheme = (typeof COLOR_SCHEMES)[number];

export const OAUTH_REFERRAL_SOURCES = ['BROWSER', 'APP'] as const;
export type OAuthReferralSource = (typeof OAUTH_REFERRAL_SOURCES)[number];

/** The postMessage format MX's widgets use by default (`ui_message_version`); below 4 is MX's older format. */
export const UI_MESSAGE_VERSION = 4;

/** How long an unused widget URL is good for (MX: ten minutes or the first use, whichever comes first). */
export const WIDGET_URL_TTL_MS = 10 * 60_000;

/**
 * The Connect widget's events (`mx/connect/<name>` in ui_message_version 4; `<scheme>://connect/<name>` in a
 * WebView), as MX's post-message definitions name them.
 */
export const CONNECT_EVENTS = [
  'loaded',
  'institutionSearch',
  'selectedInstitution',
  'enterCredentials',
  'updateCredentials',
  'memberConnected',
  'connected/primaryAction',
  'memberStatusUpdate',
  'memberError',
  'createMemberError',
  'memberDeleted',
  'oauthRequested',
  'oauthError',
  'submitMFA',
  'stepChange',
  'backToSearch',
  'invalidData',
] as const;
export type ConnectEvent = (typeof CONNECT_EVENTS)[number];
