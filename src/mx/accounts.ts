// The account types the simulator generates and scenarios may give (a subset of MX's `type` values).

export const ACCOUNT_TYPES = [
  'CHECKING',
  'SAVINGS',
  'CREDIT_CARD',
  'LOAN',
  'MORTGAGE',
  'INVESTMENT',
  'LINE_OF_CREDIT',
] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
