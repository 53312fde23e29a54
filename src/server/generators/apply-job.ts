// What a successful job does to a member's data: `applyJob` is called when a job succeeds; everything is
// derived from the seed, the member and the job time, so one seed gives the same data. The records are in
// records.ts, accounts and balances in accounts.ts, owners, numbers, statements and rewards in gathered.ts.

import type { Product } from '../../mx/products.js';
import type { JobGather, JobType } from '../engine/lifecycle.js';
import { createAccounts, refreshBalance, syncTransactions } from './accounts.js';
import { newNumbers, newOwners, newRewards, newStatements } from './gathered.js';
import { EXTENDED_HISTORY_DAYS, HISTORY_DAYS, type JobContext, type MemberData } from './records.js';

/** What each job type gathers besides accounts and balances. */
const JOB_PRODUCT: Partial<Record<JobType, Product>> = {
  identify: 'identity_verification',
  verify: 'account_verification',
  fetch_statements: 'statements',
  extend_history: 'transaction_history',
  fetch_rewards: 'rewards',
};

/** The product a job needs the institution to support (400 otherwise). */
export function productForJob(type: JobType): Product | undefined {
  return JOB_PRODUCT[type];
}

/**
 * What a member's first successful job gathers when its products do not ask for transactions (neither
 * `transactions` nor `transaction_history`: a widget's include_transactions: false, or `data_request.products`
 * without them): accounts and balances only, as MX documents; a later job pulls the transactions. Undefined:
 * everything.
 */
export function firstJobGather(products: readonly Product[]): JobGather | undefined {
  return products.includes('transactions') || products.includes('transaction_history')
    ? undefined
    : { transactions: false, holdings: true };
}

/**
 * Applies a successful job at time `at`. The first success creates the accounts; every job refreshes
 * balances; every job but check_balance pulls new transactions; premium jobs add their data. The
 * first job also gathers what `data_request.products` asked for (without transactions when `gather` says so:
 * firstJobGather).
 */
export function applyJob(
  ctx: JobContext,
  type: JobType,
  at: number,
  gather: JobGather = { transactions: true, holdings: true },
): MemberData {
  const first = ctx.data === null;
  const data: MemberData = ctx.data ?? { accounts: [], owners: null, numbers: null, statements: null, rewards: null };
  if (first) data.accounts = createAccounts(ctx, at);
  const wants = (p: Product) => JOB_PRODUCT[type] === p || (first && ctx.member.products.includes(p));
  const history = wants('transaction_history') ? EXTENDED_HISTORY_DAYS : HISTORY_DAYS;
  for (const a of data.accounts) {
    const holdingsAt = a.holdings_at;
    // A scenario's exact accounts are all there is: a first job always has their transactions.
    if (first ? !gather.transactions && !ctx.accounts : type === 'check_balance' || !gather.transactions) {
      refreshBalance(a, at);
    } else syncTransactions(a, at, history);
    a.holdings_at = gather.holdings || first ? at : holdingsAt;
  }
  if (wants('identity_verification')) data.owners = newOwners(ctx, data.accounts);
  if (wants('account_verification')) data.numbers = newNumbers(ctx, data.accounts);
  if (wants('statements')) data.statements = newStatements(ctx, data.accounts, at, data.statements);
  if (wants('rewards')) data.rewards = newRewards(ctx, data.accounts, at, data.rewards);
  return data;
}
