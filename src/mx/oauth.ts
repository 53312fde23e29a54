// How MX's OAuth completion ends: the reasons its completion page gives with `oauthComplete/error`
// (docs.mx.com, resources/oauth-guide/oauth-in-browsers; restated in docs/mx-behaviour.md#oauth).

export const OAUTH_ERROR_REASONS = [
  'CANCELLED',
  'DENIED',
  'IMPEDED',
  'PROVIDER_ERROR',
  'SERVER_ERROR',
  'SESSION_ERROR',
] as const;

export type OAuthErrorReason = (typeof OAUTH_ERROR_REASONS)[number];

/** What each reason means, in MX's terms (shown on the simulator's completion page). */
export const OAUTH_ERROR_MEANINGS: Record<OAuthErrorReason, string> = {
  CANCELLED: 'The user cancelled or left the OAuth process.',
  DENIED: 'The user could not authenticate with the institution.',
  IMPEDED: "The user must take an action on the institution's website first.",
  PROVIDER_ERROR: 'An unknown error happened at the institution.',
  SERVER_ERROR: 'An unknown error happened.',
  SESSION_ERROR: 'The OAuth session was not valid (for example, it expired).',
};
