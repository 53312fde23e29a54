// MX's microdeposit vocabulary: the statuses (with the numbers MX's widget and webhook use) and the
// account types a microdeposit verifies.

/** Status names by MX's number. 4–8 are errors: the verification cannot go on. */
export const MICRODEPOSIT_STATUS_IDS = {
  INITIATED: 0,
  REQUESTED: 1,
  DEPOSITED: 2,
  VERIFIED: 3,
  ERRORED: 4,
  DENIED: 5,
  PREVENTED: 6,
  CONFLICTED: 7,
  REJECTED: 8,
  PREINITIATED: 9,
} as const;

export type MicrodepositStatus = keyof typeof MICRODEPOSIT_STATUS_IDS;

export const MICRODEPOSIT_STATUSES = Object.keys(MICRODEPOSIT_STATUS_IDS) as MicrodepositStatus[];

/** The statuses a verification ends in without success. */
export const MICRODEPOSIT_ERROR_STATUSES = ['ERRORED', 'DENIED', 'PREVENTED', 'CONFLICTED', 'REJECTED'] as const;
export type MicrodepositErrorStatus = (typeof MICRODEPOSIT_ERROR_STATUSES)[number];

/** Account types a microdeposit verifies, with the number MX's webhook and Nexus API give them. */
export const MICRODEPOSIT_ACCOUNT_TYPE_IDS = { CHECKING: 1, SAVINGS: 2 } as const;
export type MicrodepositAccountType = keyof typeof MICRODEPOSIT_ACCOUNT_TYPE_IDS;
