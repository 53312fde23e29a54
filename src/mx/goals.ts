// MX's goal vocabulary (its goals reference): what a goal is for (the type) and what it is about (the
// meta type). The server's goals and the scenario format both take these.

/** SAVE_AMOUNT: save up to an amount in the account; PAYOFF: pay down the debt account's balance. */
export const GOAL_TYPES = ['SAVE_AMOUNT', 'PAYOFF'] as const;
export type GoalType = (typeof GOAL_TYPES)[number];

/** MX's goal meta types ("Goal Meta Type"). */
export const GOAL_META_TYPES = [
  'AUTOMOBILE',
  'COLLEGE',
  'ELECTRONIC',
  'EMERGENCY_FUND',
  'HOUSE',
  'OTHER',
  'RECREATIONAL_VEHICLE',
  'RETIREMENT',
  'SETUP_BUDGETS',
  'START_MONEY_MANAGEMENT',
  'VACATION',
] as const;
