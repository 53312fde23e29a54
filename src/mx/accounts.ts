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

/** Every account `type` MX's documents name (manual accounts may have any of them). */
export const MX_ACCOUNT_TYPES = [
  'ANY',
  'CASH',
  'CHECKING',
  'CHECKING_LINE_OF_CREDIT',
  'CREDIT_CARD',
  'LOAN',
  'LINE_OF_CREDIT',
  'SAVINGS',
  'INVESTMENT',
  'MORTGAGE',
  'INSURANCE',
  'PREPAID',
  'PROPERTY',
] as const;

/** MX's `property_type` values (a PROPERTY account's kind). */
export const PROPERTY_TYPES = [
  'APPLIANCES',
  'ART',
  'COMPUTER',
  'ELECTRONICS',
  'FURNITURE',
  'JEWELRY',
  'MISCELLANEOUS',
  'REAL_ESTATE',
  'SPORTS_EQUIPMENT',
  'VEHICLE',
] as const;
