// Split transactions: a parent transaction split into two or more children whose amounts add up to the
// parent's. The children are the user's records beside the procedural history (never in it); they are
// presented from their parent as presented (its edits and rules applied), with their own guid, amount
// and whatever the split gave them. See docs/transaction-edits.md#splits.
import { errors, MxError } from '../errors.js';
import { type AccountRecord, round2 } from '../generators/records.js';
import { findTransaction, transactionFacts } from '../generators/transaction-facts.js';
import { type IndexSet, type StreamFilter, select } from '../generators/transactions.js';
import type { Tenant } from '../store/tenant.js';
import type { SplitChildRecord, SplitRecord } from '../store/transaction-edits.js';
import type { UserRecord } from '../store/users.js';
import {
  checkChanges,
  type EditableJson,
  type Overlay,
  overlayOf,
  requireCategory,
  resolveCategory,
  type TransactionChanges,
} from './transaction-edits.js';
import { categoryTest, type TransactionQuery } from './transactions.js';

/** One part as the request gives it. */
export interface SplitPart {
  amount?: number | undefined;
  description?: string | undefined;
  memo?: string | undefined;
  category_guid?: string | null | undefined;
}

const cents = (n: number) => Math.round(n * 100);

function checkPart(tenant: Tenant, user: UserRecord, p: SplitPart, at: string): void {
  if (typeof p.amount !== 'number' || !Number.isFinite(p.amount) || p.amount <= 0) {
    throw errors.validation(`${at}.amount: required, a positive amount (the part of the parent's amount)`);
  }
  if (Math.abs(cents(p.amount) - p.amount * 100) > 1e-6) {
    throw errors.validation(`${at}.amount: at most two decimals`);
  }
  if (p.description !== undefined && p.description.trim() === '') {
    throw errors.validation(`${at}.description: must not be empty (leave it out to keep the parent's)`);
  }
  if (p.category_guid !== undefined && p.category_guid !== null) requireCategory(tenant, user, p.category_guid);
}

/**
 * Splits transaction k of the account. `parts` is either every part (two or more, adding up to the
 * parent's amount) or one part, the amount to recategorize: the rest of the parent's amount becomes a
 * second child that keeps the parent's description and category.
 */
export function createSplit(
  tenant: Tenant,
  user: UserRecord,
  account: AccountRecord,
  k: number,
  parts: SplitPart | SplitPart[],
): SplitRecord {
  const t = transactionFacts(account, k);
  const store = tenant.transactionEdits;
  if (store.splits.find(user.guid, t.guid)) {
    throw new MxError(
      409,
      `transaction ${t.guid} has been split already; delete its split (DELETE …/transactions/${t.guid}/split) to split it again`,
      'already_split',
    );
  }
  const total = cents(t.amount);
  let given: SplitPart[];
  if (Array.isArray(parts)) {
    if (parts.length < 2) {
      throw errors.validation(
        `transactions: give two or more parts whose amounts add up to the parent's amount (${t.amount}), or one part to recategorize`,
      );
    }
    for (const [i, p] of parts.entries()) checkPart(tenant, user, p, `transactions[${i}]`);
    const sum = parts.reduce((s, p) => s + cents(p.amount as number), 0);
    if (sum !== total) {
      throw errors.validation(
        `transactions: the parts add up to ${sum / 100}, not the parent's amount ${t.amount}; make their amounts sum to it`,
      );
    }
    given = parts;
  } else {
    checkPart(tenant, user, parts, 'transactions');
    const rest = total - cents(parts.amount as number);
    if (rest <= 0) {
      throw errors.validation(
        `transactions.amount: ${parts.amount} is not less than the parent's amount ${t.amount}; give the part to recategorize`,
      );
    }
    given = [parts, { amount: rest / 100 }];
  }
  const children: SplitChildRecord[] = given.map((p) => {
    const child: SplitChildRecord = { guid: tenant.guids.next('TRN'), amount: round2(p.amount as number) };
    if (p.description !== undefined) child.description = p.description;
    if (p.memo !== undefined) child.memo = p.memo;
    if (p.category_guid !== undefined && p.category_guid !== null) child.category_guid = p.category_guid;
    return child;
  });
  return store.addSplit({
    guid: t.guid,
    user_guid: user.guid,
    account_guid: account.guid,
    children,
    created_at_ms: tenant.clock.now(),
  });
}

/** Deletes the split of a transaction (its children go; the parent shows unsplit). 404 when it has none. */
export function deleteSplit(tenant: Tenant, user: UserRecord, parentGuid: string): void {
  const split = tenant.transactionEdits.splits.find(user.guid, parentGuid);
  if (!split) throw new MxError(404, `transaction ${parentGuid} has not been split`, 'not_found');
  tenant.transactionEdits.deleteSplit(split);
}

type Presented = EditableJson & { guid?: unknown; id?: unknown; amount?: unknown };

/** The children of a split, presented from their parent as presented (edits and rules applied). */
export function presentChildren<T extends Presented>(
  tenant: Tenant,
  user: UserRecord,
  parent: T,
  split: SplitRecord,
): Array<T & { parent_guid: string; has_been_split: boolean }> {
  return split.children.map((child, i) => {
    const out = { ...parent, guid: child.guid, amount: child.amount, parent_guid: split.guid, has_been_split: false };
    if (typeof parent.id === 'string') (out as { id: unknown }).id = `${parent.id}-${i + 1}`;
    if (child.description !== undefined) out.description = child.description;
    if (child.memo !== undefined) out.memo = child.memo;
    const c = child.category_guid !== undefined ? resolveCategory(tenant, user, child.category_guid) : undefined;
    if (c) {
      out.category = c.name;
      out.category_guid = c.guid;
      out.top_level_category = c.top;
    }
    return out;
  });
}

const inSet = (set: IndexSet, k: number) => set.some(([lo, hi]) => k >= lo && k <= hi);

/** How many split children the accounts' transactions under the filter bring (their parents match it). */
export function splitChildrenUnder(
  tenant: Tenant,
  user: UserRecord,
  accounts: readonly AccountRecord[],
  q: TransactionQuery,
  filter: StreamFilter,
  overlay: Overlay | undefined,
): number {
  let n = 0;
  for (const split of tenant.transactionEdits.splits.forUser(user.guid)) {
    const account = accounts.find((a) => a.guid === split.account_guid);
    if (!account) continue;
    const hit = findTransaction([account], split.guid, false);
    if (!hit) continue;
    const keep = categoryTest(account, q, overlay);
    if (inSet(select(account.stream, filter), hit.k) && (!keep || keep(hit.k))) n += split.children.length;
  }
  return n;
}

/** Changes a split child of the user's (its description, memo, category); 404 when there is no such child. */
export function editSplitChild(tenant: Tenant, user: UserRecord, guid: string, changes: TransactionChanges): void {
  const split = tenant.transactionEdits.splitOfChild(user.guid, guid);
  const child = split?.children.find((c) => c.guid === guid);
  if (!child) throw errors.notFound('transaction', guid);
  checkChanges(tenant, user, changes);
  if (changes.description !== undefined) child.description = changes.description;
  if (changes.memo !== undefined) child.memo = changes.memo;
  if (changes.category_guid !== undefined) child.category_guid = changes.category_guid;
  tenant.transactionEdits.changed();
}

/** A split child of the user's by guid: its parent's account and index, and the split. */
export function childIn(tenant: Tenant, user: UserRecord, accounts: readonly AccountRecord[], guid: string) {
  const split = tenant.transactionEdits.splitOfChild(user.guid, guid);
  if (!split) return undefined;
  const account = accounts.find((a) => a.guid === split.account_guid);
  const hit = account ? findTransaction([account], split.guid, false) : undefined;
  return hit ? { ...hit, split } : undefined;
}

type PresentOne = (a: AccountRecord, k: number) => object;

/**
 * A transaction of these accounts as the user sees it (edits, rules, split flag), or one of the user's
 * split children by guid; 404 otherwise.
 */
export function readTransactionOrChild(
  tenant: Tenant,
  user: UserRecord,
  accounts: readonly AccountRecord[],
  identifier: string,
  byId: boolean,
  present: PresentOne,
): object {
  const overlay = overlayOf(tenant, user);
  const hit = findTransaction(accounts, identifier, byId);
  if (hit) {
    const tx = present(hit.account, hit.k) as Presented;
    return overlay ? overlay.apply(tx) : tx;
  }
  const child = childIn(tenant, user, accounts, identifier);
  if (!child) throw errors.notFound('transaction', identifier);
  const parent = present(child.account, child.k) as Presented;
  const presented = presentChildren(tenant, user, overlay ? overlay.apply(parent) : parent, child.split);
  return presented.find((c) => c.guid === identifier) as object;
}

/** Presented rows, each split parent followed by its children, as a JSON array's text. */
export function listWithChildren(
  tenant: Tenant,
  user: UserRecord,
  rows: readonly { account: AccountRecord; k: number }[],
  overlay: Overlay,
  present: PresentOne,
): string {
  const out: object[] = [];
  for (const { account, k } of rows) {
    const tx = overlay.apply(present(account, k) as Presented);
    out.push(tx);
    const split = typeof tx.guid === 'string' ? overlay.split(tx.guid) : undefined;
    if (split) out.push(...presentChildren(tenant, user, tx, split));
  }
  return JSON.stringify(out);
}
