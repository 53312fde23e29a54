// Budgets: a user's monthly amount per category. What a budget has spent this calendar month (UTC) is
// derived from the user's transactions when it is read; auto-generated budgets come from the two
// previous calendar months. Scans are bounded per account (newest first). See docs/budgets-goals.md.
import { errors, MxError } from '../errors.js';
import { defaultCategory } from '../generators/categories.js';
import { round2 } from '../generators/records.js';
import { transactionFacts } from '../generators/transaction-facts.js';
import { firstAtOrAfter } from '../generators/transactions.js';
import type { BudgetRecord } from '../store/budgets.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { categoryOf } from './categories.js';
import { accountsOf } from './lookup.js';
import { overlayOf } from './transaction-edits.js';

/** At most this many of an account's transactions are read per month. */
export const BUDGET_SCAN = 1000;
/** Top-level categories whose debits move money rather than spend it: never auto-budgeted. */
const NOT_SPENDING = new Set(['Transfer', 'Investments', 'Income']);

export interface Budget extends BudgetRecord {
  name: string;
  transaction_total: number;
  projected_spending: number;
  percent_spent: number;
  is_exceeded: boolean;
  is_off_track: boolean;
}

export interface NewBudget {
  category_guid: string;
  parent_guid?: string | null | undefined;
  amount?: number | undefined;
  metadata?: string | undefined;
}

export interface BudgetChanges {
  amount?: number | undefined;
  metadata?: string | null | undefined;
}

/** Start of the UTC calendar month `offset` months from the one holding `ms`. */
function monthStart(ms: number, offset = 0): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
}

/** Debits in [from, to) per category guid and per top-level category guid (both in one map). */
function spending(tenant: Tenant, user: UserRecord, from: number, to: number): Map<string, number> {
  const totals = new Map<string, number>();
  const add = (k: string, v: number) => totals.set(k, (totals.get(k) ?? 0) + v);
  // The category the user gave a transaction (an update or a rule) counts, as the transaction reads.
  const overlay = overlayOf(tenant, user);
  for (const a of accountsOf(tenant, user)) {
    const s = a.stream;
    if (s.hi < s.lo) continue;
    const lo = Math.max(s.lo, firstAtOrAfter(s, from));
    let scanned = 0;
    for (let k = s.hi; k >= lo && scanned < BUDGET_SCAN; k--) {
      const t = transactionFacts(a, k);
      if (t.at >= to || t.at < from) continue;
      scanned++;
      if (t.type !== 'DEBIT') continue;
      const c = overlay ? overlay.category(a, k) : t.category;
      add(c.guid, t.amount);
      if (c.top_guid !== c.guid) add(c.top_guid, t.amount);
    }
  }
  return totals;
}

function nameOf(tenant: Tenant, user: UserRecord, categoryGuid: string): string {
  const d = defaultCategory(categoryGuid);
  if (d) return d.name;
  return tenant.categories.find(user.guid, categoryGuid)?.name ?? categoryGuid;
}

/** The user's budgets as read now: this month's spending by category, then each budget's figures. */
export function budgetsOf(tenant: Tenant, user: UserRecord, only?: BudgetRecord[]): Budget[] {
  const records = only ?? tenant.budgets.forUser(user.guid);
  if (records.length === 0) return [];
  const now = tenant.clock.now();
  const from = monthStart(now);
  const to = monthStart(now, 1);
  const totals = spending(tenant, user, from, now + 1);
  const elapsed = Math.max(1, now - from) / (to - from);
  return records.map((r) => {
    const total = round2(totals.get(r.category_guid) ?? 0);
    const projected = round2(total / elapsed);
    return {
      ...r,
      name: nameOf(tenant, user, r.category_guid),
      transaction_total: total,
      projected_spending: projected,
      percent_spent: r.amount === 0 ? 0 : round2((total / r.amount) * 100),
      is_exceeded: total > r.amount,
      is_off_track: projected > r.amount,
    };
  });
}

export function budgetRecordOf(tenant: Tenant, user: UserRecord, guid: string): BudgetRecord {
  const b = tenant.budgets.find(user.guid, guid);
  if (!b) throw errors.notFound('budget', guid);
  return b;
}

export function budgetOf(tenant: Tenant, user: UserRecord, guid: string): Budget {
  return budgetsOf(tenant, user, [budgetRecordOf(tenant, user, guid)])[0] as Budget;
}

/** The top-level category of a category the user can see (a custom category's is its parent). */
function topGuidOf(tenant: Tenant, user: UserRecord, guid: string): string | null {
  const c = categoryOf(tenant, user, guid);
  return c.category.parent_guid;
}

export function createBudget(tenant: Tenant, user: UserRecord, input: NewBudget): Budget {
  const parentCategory = topGuidOf(tenant, user, input.category_guid);
  const existing = tenant.budgets.forUser(user.guid).find((b) => b.category_guid === input.category_guid);
  if (existing) {
    throw new MxError(
      409,
      `budget.category_guid: the user already has a budget on category ${input.category_guid} (${existing.guid}); update it instead`,
      'conflict',
    );
  }
  let parent: string | null = null;
  if (parentCategory !== null) {
    // A budget on a subcategory sits under the user's budget on its top-level category.
    const given = input.parent_guid ?? '';
    if (given === '') {
      throw errors.validation(
        `budget.parent_guid: category ${input.category_guid} is a subcategory, so parent_guid must be the guid of the user's budget on category ${parentCategory}`,
      );
    }
    const p = budgetRecordOf(tenant, user, given);
    if (p.category_guid !== parentCategory) {
      throw errors.validation(
        `budget.parent_guid: budget ${given} is on category ${p.category_guid}, not on ${parentCategory}, the top-level category of ${input.category_guid}`,
      );
    }
    parent = p.guid;
  }
  const now = tenant.clock.now();
  const created = tenant.budgets.insert({
    guid: tenant.guids.next('BGT'),
    user_guid: user.guid,
    category_guid: input.category_guid,
    parent_guid: parent,
    amount: input.amount ?? 0,
    metadata: input.metadata ?? null,
    revision: 1,
    created_at_ms: now,
    updated_at_ms: now,
  });
  return budgetOf(tenant, user, created.guid);
}

export function updateBudget(tenant: Tenant, user: UserRecord, guid: string, changes: BudgetChanges): Budget {
  const b = budgetRecordOf(tenant, user, guid);
  if (changes.amount !== undefined) b.amount = changes.amount;
  if (changes.metadata !== undefined) b.metadata = changes.metadata;
  b.revision++;
  b.updated_at_ms = tenant.clock.now();
  return budgetOf(tenant, user, guid);
}

/** Deletes a budget and the budgets on its subcategories. */
export function deleteBudget(tenant: Tenant, user: UserRecord, guid: string): void {
  const b = budgetRecordOf(tenant, user, guid);
  for (const child of tenant.budgets.forUser(user.guid).filter((x) => x.parent_guid === b.guid)) {
    tenant.budgets.delete(child);
  }
  tenant.budgets.delete(b);
}

/**
 * Budgets on every top-level spending category with a debit in each of the two previous calendar
 * months, of their average (rounded to a whole amount). A category the user already budgets keeps its
 * budget unchanged (it is returned as it is); 422 when no category qualifies.
 */
export function autoGenerateBudgets(tenant: Tenant, user: UserRecord): Budget[] {
  const now = tenant.clock.now();
  const m2 = monthStart(now, -2);
  const m1 = monthStart(now, -1);
  const m0 = monthStart(now);
  const older = spending(tenant, user, m2, m1);
  const newer = spending(tenant, user, m1, m0);
  const guids: string[] = [];
  for (const [guid, inNewer] of newer) {
    const c = defaultCategory(guid);
    if (!c || c.parent_guid !== null || NOT_SPENDING.has(c.name)) continue;
    const inOlder = older.get(guid);
    if (inOlder === undefined) continue;
    guids.push(guid);
    const existing = tenant.budgets.forUser(user.guid).find((b) => b.category_guid === guid);
    if (existing) continue;
    const t = now;
    tenant.budgets.insert({
      guid: tenant.guids.next('BGT'),
      user_guid: user.guid,
      category_guid: guid,
      parent_guid: null,
      amount: Math.round((inOlder + inNewer) / 2),
      metadata: null,
      revision: 1,
      created_at_ms: t,
      updated_at_ms: t,
    });
  }
  if (guids.length === 0) {
    throw new MxError(422, "There aren't enough transactions to automatically create any budgets", '4221');
  }
  const set = new Set(guids);
  return budgetsOf(
    tenant,
    user,
    tenant.budgets.forUser(user.guid).filter((b) => set.has(b.category_guid)),
  );
}
