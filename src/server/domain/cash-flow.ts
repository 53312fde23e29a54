// The monthly cash-flow profile of a user: budgeted income and expenses are the user's monthly averages
// over the last CASH_FLOW_DAYS days of posted transactions (income: credits in an Income category;
// expenses: debits outside Transfer, Investments and Income; a time window: its cost does not grow with
// the history), the estimated goals contribution what is left of the income; the goals contribution and
// whether the estimate is used are the user's (PUT), kept in the tenant's CashFlowStore.
import { errors } from '../errors.js';
import { stableGuid } from '../generators/ids.js';
import { round2 } from '../generators/records.js';
import { transactionFacts } from '../generators/transaction-facts.js';
import { DAY_MS, firstAtOrAfter } from '../generators/transactions.js';
import type { CashFlowSettings } from '../store/cash-flow.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { accountsOf } from './lookup.js';

export const CASH_FLOW_DAYS = 90;
/** The window is three months of this many days. */
const MONTH_DAYS = CASH_FLOW_DAYS / 3;
/** At most this many of an account's transactions are read (the newest of the window). */
export const CASH_FLOW_SCAN = 500;
/** Top-level categories whose debits move money rather than spend it. */
const NOT_SPENDING = new Set(['Transfer', 'Investments', 'Income']);

export interface CashFlowProfile {
  guid: string;
  user_guid: string;
  budgeted_income: number;
  budgeted_expenses: number;
  goals_contribution: number;
  estimated_goals_contribution: number | null;
  uses_estimated_goals_contribution: boolean;
}

/** What a user shows before changing anything. */
const DEFAULTS = { goals_contribution: 0, uses_estimated_goals_contribution: false };

function totals(tenant: Tenant, user: UserRecord): { income: number; expenses: number } {
  const now = tenant.clock.now();
  const windowStart = now - CASH_FLOW_DAYS * DAY_MS;
  let income = 0;
  let expenses = 0;
  for (const a of accountsOf(tenant, user)) {
    const s = a.stream;
    if (s.hi < s.lo) continue;
    const from = Math.max(s.lo, firstAtOrAfter(s, windowStart));
    let accountIncome = 0;
    let accountExpenses = 0;
    let scanned = 0;
    let since = windowStart;
    // Newest first; an account whose window holds more than CASH_FLOW_SCAN transactions is averaged over
    // the span its newest CASH_FLOW_SCAN cover.
    for (let k = s.hi; k >= from; k--) {
      const t = transactionFacts(a, k);
      if (t.at > now || t.pending) continue;
      if (scanned === CASH_FLOW_SCAN) {
        since = t.at;
        break;
      }
      scanned++;
      // By category alone, so that a world exported and loaded again (exact transactions) reads the same.
      if (t.type === 'CREDIT' && t.category.top === 'Income') accountIncome += t.amount;
      else if (t.type === 'DEBIT' && !NOT_SPENDING.has(t.category.top)) accountExpenses += t.amount;
    }
    const months = Math.max(1, now - since) / (MONTH_DAYS * DAY_MS);
    income += accountIncome / months;
    expenses += accountExpenses / months;
  }
  return { income: round2(income), expenses: round2(expenses) };
}

export function cashFlowProfileOf(tenant: Tenant, user: UserRecord): CashFlowProfile {
  const settings = tenant.cashFlow.get(user.guid) ?? DEFAULTS;
  const { income, expenses } = totals(tenant, user);
  return {
    guid: stableGuid('MCF', 'monthly_cash_flow_profile', user.guid),
    user_guid: user.guid,
    budgeted_income: income,
    budgeted_expenses: expenses,
    goals_contribution: settings.goals_contribution,
    estimated_goals_contribution: round2(Math.max(0, income - expenses)),
    uses_estimated_goals_contribution: settings.uses_estimated_goals_contribution,
  };
}

export function updateCashFlowProfile(
  tenant: Tenant,
  user: UserRecord,
  change: Partial<Omit<CashFlowSettings, 'user_guid'>>,
): CashFlowProfile {
  if (change.goals_contribution === undefined && change.uses_estimated_goals_contribution === undefined) {
    throw errors.validation(
      'monthly_cash_flow_profile: set at least one of goals_contribution, uses_estimated_goals_contribution',
    );
  }
  const before = tenant.cashFlow.get(user.guid) ?? DEFAULTS;
  tenant.cashFlow.set({
    user_guid: user.guid,
    goals_contribution: change.goals_contribution ?? before.goals_contribution,
    uses_estimated_goals_contribution:
      change.uses_estimated_goals_contribution ?? before.uses_estimated_goals_contribution,
  });
  return cashFlowProfileOf(tenant, user);
}
