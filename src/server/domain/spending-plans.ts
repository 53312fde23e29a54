// Spending plans: a plan's iterations are calendar months (UTC) on the client's clock, iteration 1 the
// month the plan was made in, the current one the month holding "now"; iteration items are what the user
// plans per category, carried into each new month; their actual amounts are the month's transactions of
// the plan's accounts in that category; plan accounts are the user's accounts, less those taken off.
// See docs/spending-plans.md.
import { errors } from '../errors.js';
import { stableGuid } from '../generators/ids.js';
import type { AccountRecord } from '../generators/records.js';
import { round2 } from '../generators/records.js';
import { transactionFacts } from '../generators/transaction-facts.js';
import { firstAtOrAfter } from '../generators/transactions.js';
import type { SpendingPlanItemRecord, SpendingPlanRecord } from '../store/spending-plans.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { categoryOf } from './categories.js';
import { accountsOf } from './lookup.js';
import { overlayOf } from './transaction-edits.js';

/** At most this many of an account's transactions in an iteration are read for an item's actual amount. */
export const ITERATION_SCAN = 1000;
/** 0 RECURRING_EXPENSE, 1 PLANNED_EXPENSE, 2 OTHER_EXPENSE, 3 INCOME. */
export const INCOME_ITEM = 3;

export interface Iteration {
  guid: string;
  user_guid: string;
  spending_plan_guid: string;
  iteration_number: number;
  /** First and last day (YYYY-MM-DD); the period is [startMs, endMs). */
  start_on: string;
  end_on: string;
  startMs: number;
  endMs: number;
  created_at_ms: number;
}

const monthIndex = (ms: number) => {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};
const monthStart = (index: number) => Date.UTC(Math.floor(index / 12), index % 12, 1);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function spendingPlansOf(tenant: Tenant, user: UserRecord): readonly SpendingPlanRecord[] {
  return tenant.spendingPlans.plans.forUser(user.guid);
}

export function spendingPlanOf(tenant: Tenant, user: UserRecord, guid: string): SpendingPlanRecord {
  const plan = tenant.spendingPlans.plans.find(user.guid, guid);
  if (!plan) throw errors.notFound('spending_plan', guid);
  return plan;
}

export function createSpendingPlan(tenant: Tenant, user: UserRecord): SpendingPlanRecord {
  const now = tenant.clock.now();
  return tenant.spendingPlans.plans.insert({
    guid: tenant.guids.next('SPL'),
    user_guid: user.guid,
    created_at_ms: now,
    updated_at_ms: now,
    removed_account_guids: [],
    started_iterations: [1],
  });
}

/** Deletes the plan and its iteration items. */
export function deleteSpendingPlan(tenant: Tenant, user: UserRecord, guid: string): void {
  const plan = spendingPlanOf(tenant, user, guid);
  const items = tenant.spendingPlans.items;
  for (const i of items.forUser(user.guid).filter((i) => i.spending_plan_guid === plan.guid)) items.delete(i);
  tenant.spendingPlans.plans.delete(plan);
}

/** The number of the iteration holding "now" (1 while the clock is before the plan's month). */
export function currentIterationNumber(tenant: Tenant, plan: SpendingPlanRecord): number {
  return Math.max(1, monthIndex(tenant.clock.now()) - monthIndex(plan.created_at_ms) + 1);
}

export function iterationOf(plan: SpendingPlanRecord, n: number): Iteration {
  const index = monthIndex(plan.created_at_ms) + n - 1;
  const startMs = monthStart(index);
  const endMs = monthStart(index + 1);
  return {
    guid: stableGuid('SPI', plan.guid, n),
    user_guid: plan.user_guid,
    spending_plan_guid: plan.guid,
    iteration_number: n,
    start_on: day(startMs),
    end_on: day(endMs - 1),
    startMs,
    endMs,
    created_at_ms: Math.max(plan.created_at_ms, startMs),
  };
}

/** Iterations 1 to the current one, oldest first. */
export function iterationsOf(tenant: Tenant, plan: SpendingPlanRecord): Iteration[] {
  const current = currentIterationNumber(tenant, plan);
  return Array.from({ length: current }, (_, i) => iterationOf(plan, i + 1));
}

/** A past or the current iteration; 404 for one that has not begun (or a number below 1). */
export function iterationNumbered(tenant: Tenant, plan: SpendingPlanRecord, n: number): Iteration {
  if (!Number.isInteger(n) || n < 1 || n > currentIterationNumber(tenant, plan)) {
    throw errors.notFound('spending_plan_iteration', String(n));
  }
  return iterationOf(plan, n);
}

/** The plan's accounts: the user's accounts, less those taken off the plan. */
export function planAccountsOf(
  tenant: Tenant,
  user: UserRecord,
  plan: SpendingPlanRecord,
): Array<{ guid: string; account: AccountRecord }> {
  const removed = new Set(plan.removed_account_guids);
  return accountsOf(tenant, user)
    .filter((a) => !removed.has(a.guid))
    .map((account) => ({ guid: stableGuid('SPA', plan.guid, account.guid), account }));
}

export function planAccountOf(tenant: Tenant, user: UserRecord, plan: SpendingPlanRecord, guid: string) {
  const found = planAccountsOf(tenant, user, plan).find((p) => p.guid === guid);
  if (!found) throw errors.notFound('spending_plan_account', guid);
  return found;
}

export function deletePlanAccount(tenant: Tenant, user: UserRecord, plan: SpendingPlanRecord, guid: string): void {
  const { account } = planAccountOf(tenant, user, plan, guid);
  plan.removed_account_guids.push(account.guid);
  plan.updated_at_ms = tenant.clock.now();
}

/**
 * The current iteration's items. The first time a new iteration is read, the items of the latest earlier
 * iteration that has any are carried into it (same plan, same planned amounts, new guids).
 */
export function currentItemsOf(tenant: Tenant, user: UserRecord, plan: SpendingPlanRecord): SpendingPlanItemRecord[] {
  const n = currentIterationNumber(tenant, plan);
  const items = tenant.spendingPlans.items;
  const mine = () => items.forUser(user.guid).filter((i) => i.spending_plan_guid === plan.guid);
  if (!plan.started_iterations.includes(n)) {
    const earlier = mine().filter((i) => i.iteration_number < n);
    const from = Math.max(0, ...earlier.map((i) => i.iteration_number));
    const at = iterationOf(plan, n).created_at_ms;
    for (const i of earlier.filter((i) => i.iteration_number === from)) {
      items.insert({
        ...i,
        guid: stableGuid('SII', i.guid, n),
        iteration_number: n,
        created_at_ms: at,
        updated_at_ms: at,
      });
    }
    plan.started_iterations.push(n);
  }
  return mine().filter((i) => i.iteration_number === n);
}

export function itemOf(tenant: Tenant, user: UserRecord, plan: SpendingPlanRecord, guid: string) {
  const item = currentItemsOf(tenant, user, plan).find((i) => i.guid === guid);
  if (!item) throw errors.notFound('iteration_item', guid);
  return item;
}

export interface ItemInput {
  planned_amount: number;
  item_type?: number | undefined;
  category_guid?: string | undefined;
  top_level_category_guid?: string | undefined;
  scheduled_payment_guid?: string | undefined;
}

/** The categories an item names, checked: 404 for one the user does not have. */
function categoriesOfInput(tenant: Tenant, user: UserRecord, input: ItemInput) {
  let category_guid = input.category_guid ?? null;
  let top_level_category_guid = input.top_level_category_guid ?? null;
  if (category_guid !== null) {
    const c = categoryOf(tenant, user, category_guid).category;
    top_level_category_guid ??= c.parent_guid ?? c.guid;
    category_guid = c.guid;
  }
  if (top_level_category_guid !== null) categoryOf(tenant, user, top_level_category_guid);
  return { category_guid, top_level_category_guid };
}

export function createItem(
  tenant: Tenant,
  user: UserRecord,
  plan: SpendingPlanRecord,
  input: ItemInput,
): SpendingPlanItemRecord {
  // The iteration's carried items come first.
  currentItemsOf(tenant, user, plan);
  const now = tenant.clock.now();
  return tenant.spendingPlans.items.insert({
    guid: tenant.guids.next('SII'),
    user_guid: user.guid,
    spending_plan_guid: plan.guid,
    iteration_number: currentIterationNumber(tenant, plan),
    item_type: input.item_type ?? 1,
    planned_amount: input.planned_amount,
    ...categoriesOfInput(tenant, user, input),
    scheduled_payment_guid: input.scheduled_payment_guid ?? null,
    created_at_ms: now,
    updated_at_ms: now,
  });
}

/** Sets the fields given; planned_amount is always given. */
export function updateItem(
  tenant: Tenant,
  user: UserRecord,
  plan: SpendingPlanRecord,
  guid: string,
  input: ItemInput,
): SpendingPlanItemRecord {
  const item = itemOf(tenant, user, plan, guid);
  const cats = categoriesOfInput(tenant, user, {
    ...input,
    category_guid:
      input.category_guid ?? (input.top_level_category_guid ? undefined : (item.category_guid ?? undefined)),
    top_level_category_guid:
      input.top_level_category_guid ?? (input.category_guid ? undefined : (item.top_level_category_guid ?? undefined)),
  });
  Object.assign(item, cats, {
    planned_amount: input.planned_amount,
    ...(input.item_type !== undefined ? { item_type: input.item_type } : {}),
    ...(input.scheduled_payment_guid !== undefined ? { scheduled_payment_guid: input.scheduled_payment_guid } : {}),
    updated_at_ms: tenant.clock.now(),
  });
  return item;
}

export function deleteItem(tenant: Tenant, user: UserRecord, plan: SpendingPlanRecord, guid: string): void {
  tenant.spendingPlans.items.delete(itemOf(tenant, user, plan, guid));
}

/**
 * An item's actual amount and transactions: the posted transactions of the plan's accounts in the
 * iteration's period up to now, in the item's category (or under its top-level category when it names
 * only that); credits for an income item, debits otherwise. At most ITERATION_SCAN per account are read.
 */
export function actualOf(
  tenant: Tenant,
  user: UserRecord,
  plan: SpendingPlanRecord,
  item: SpendingPlanItemRecord,
): { actual_amount: number; transaction_guids: string[] } {
  const period = iterationOf(plan, item.iteration_number);
  const end = Math.min(period.endMs, tenant.clock.now() + 1);
  const type = item.item_type === INCOME_ITEM ? 'CREDIT' : 'DEBIT';
  const guids: string[] = [];
  let total = 0;
  if (item.category_guid === null && item.top_level_category_guid === null)
    return { actual_amount: 0, transaction_guids: [] };
  // The category the user sees: their transaction edits and rules apply.
  const overlay = overlayOf(tenant, user);
  for (const { account } of planAccountsOf(tenant, user, plan)) {
    const s = account.stream;
    if (s.hi < s.lo) continue;
    let scanned = 0;
    for (let k = Math.max(s.lo, firstAtOrAfter(s, period.startMs)); k <= s.hi && scanned < ITERATION_SCAN; k++) {
      const t = transactionFacts(account, k);
      if (t.at >= end) break;
      scanned++;
      if (t.pending || t.type !== type) continue;
      const category = overlay ? overlay.category(account, k) : t.category;
      const hit =
        item.category_guid !== null
          ? category.guid === item.category_guid
          : category.top_guid === item.top_level_category_guid;
      if (!hit) continue;
      total += t.amount;
      guids.push(t.guid);
    }
  }
  return { actual_amount: round2(total), transaction_guids: guids };
}
