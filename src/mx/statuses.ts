// MX's 22 connection statuses (docs/mx-behaviour.md#connection-statuses) and the message the member shows.

export const CONNECTION_STATUSES = [
  'CREATED',
  'PREVENTED',
  'DENIED',
  'CHALLENGED',
  'REJECTED',
  'LOCKED',
  'CONNECTED',
  'IMPEDED',
  'RECONNECTED',
  'DEGRADED',
  'DISCONNECTED',
  'DISCONTINUED',
  'CLOSED',
  'DELAYED',
  'FAILED',
  'UPDATED',
  'DISABLED',
  'IMPORTED',
  'RESUMED',
  'EXPIRED',
  'IMPAIRED',
  'PENDING',
] as const;

export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export function isConnectionStatus(value: string): value is ConnectionStatus {
  return (CONNECTION_STATUSES as readonly string[]).includes(value);
}

/** The user-facing message for a status at an institution (MX widget wording, restated). */
export function statusMessage(status: ConnectionStatus, institution: string): string {
  switch (status) {
    case 'CREATED':
      return `Connecting to ${institution}...`;
    case 'PREVENTED':
      return `The last 3 attempts to connect to ${institution} failed. Please re-enter your credentials to continue importing data.`;
    case 'DENIED':
      return `The credentials entered do not match those at ${institution}. Please correct them to continue importing data.`;
    case 'CHALLENGED':
      return `To authenticate your connection to ${institution}, please answer the following challenge(s).`;
    case 'REJECTED':
      return 'The answer or answers provided were incorrect. Please try again.';
    case 'LOCKED':
      return `Your account is locked. Please log in to the appropriate website for ${institution} and follow the steps to resolve the issue.`;
    case 'CONNECTED':
      return `Connected to ${institution}.`;
    case 'IMPEDED':
      return `Your attention is needed at this institution's website. Please log in to the appropriate website for ${institution} and follow the steps to resolve the issue.`;
    case 'RECONNECTED':
      return `The connection to ${institution} was re-established; data is being processed.`;
    case 'DEGRADED':
      return `We are upgrading this connection. Please try again later.`;
    case 'DISCONNECTED':
      return `It looks like your data from ${institution} cannot be imported. We are working to resolve the issue.`;
    case 'DISCONTINUED':
      return `Connections to ${institution} are no longer supported. You may need to manually track this account.`;
    case 'CLOSED':
      return 'This connection has been closed. You may need to manually track this account.';
    case 'DELAYED':
      return `Importing your data from ${institution} may take a while. Please check back later.`;
    case 'FAILED':
      return `There was a problem validating your credentials with ${institution}. Please try again later.`;
    case 'UPDATED':
      return `Your credentials for ${institution} were updated; connecting...`;
    case 'DISABLED':
      return `Importing data from ${institution} has been disabled. Please contact support.`;
    case 'IMPORTED':
      return `You must re-authenticate before your data can be imported. Please enter your credentials for ${institution}.`;
    case 'RESUMED':
      return `Answers received; connecting to ${institution}...`;
    case 'EXPIRED':
      return 'The answer or answers were not provided in time. Please try again.';
    case 'IMPAIRED':
      return `You must re-authenticate before your data can be imported. Please enter your credentials for ${institution}.`;
    case 'PENDING':
      return `Waiting for you to finish connecting to ${institution}.`;
  }
}

/** End states that need new credentials before MX aggregates again. */
export const NEEDS_CREDENTIALS: readonly ConnectionStatus[] = ['DENIED', 'PREVENTED', 'IMPAIRED', 'IMPORTED'];
