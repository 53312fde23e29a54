// Transactions users can change: direct edits (description, memo, category) and transaction rules,
// applied when a transaction is presented, over histories that stay procedural. See
// docs/transaction-edits.md.
//
// Order: the transaction's own fields, then the user's rules and their direct edit of the transaction,
// in the order they were last written (a rule when made or updated, the edit at its last change). A rule matches when its match_description is in the transaction's description
// as it stands at that point (after earlier rules and edits), ignoring case, as MX matches the current
// description; a later rule that matches wins.
import { errors } from '../errors.js';
import { defaultCategory, topOf } from '../generators/categories.js';
import type { Category } from '../generators/finance.js';
import type { AccountRecord } from '../generators/records.js';
import { transactionFacts } from '../generators/transaction-facts.js';
import type { Tenant } from '../store/tenant.js';
import type { SplitRecord, TransactionEditRecord, TransactionRuleRecord } from '../store/transaction-edits.js';
import type { UserRecord } from '../store/users.js';

/** The fields of a presented transaction (either version) that an edit or a rule can change. */
export interface EditableJson {
  guid?: string | null | undefined;
  description?: string | null | undefined;
  memo?: string | null | undefined;
  category?: string | null | undefined;
  category_guid?: string | null | undefined;
  top_level_category?: string | null | undefined;
}

/** A user's edits and rules, ready to apply to presented transactions. */
export interface Overlay {
  /** Changes whenever what `apply` does changes (part of kept texts' stamps). */
  readonly stamp: string;
  /** The presented transaction with the user's changes (the object itself, changed). */
  apply<T extends EditableJson>(tx: T): T;
  /** The category transaction k of the account presents with (v20111101's category filters). */
  category(a: AccountRecord, k: number): { guid: string; top_guid: string };
  /** The split of a transaction (by its guid), if the user split it. */
  split(guid: string): SplitRecord | undefined;
  /** Whether the user split any transaction. */
  readonly splits: boolean;
}

/** A category guid the user may put a transaction in (default or their own) as presented; undefined otherwise. */
export function resolveCategory(tenant: Tenant, user: UserRecord, guid: string): Category | undefined {
  const d = defaultCategory(guid);
  if (d) {
    const top = topOf(d);
    return { guid: d.guid, name: d.name, top: top.name, top_guid: top.guid };
  }
  const c = tenant.categories.find(user.guid, guid);
  if (!c) return undefined;
  const parent = defaultCategory(c.parent_guid);
  return { guid: c.guid, name: c.name, top: parent?.name ?? c.name, top_guid: parent?.guid ?? c.guid };
}

/** 404 unless the category is a default one or the user's own. */
export function requireCategory(tenant: Tenant, user: UserRecord, guid: string): Category {
  const found = resolveCategory(tenant, user, guid);
  if (!found) throw errors.notFound('category', guid);
  return found;
}

export function ruleMatches(rule: TransactionRuleRecord, description: string): boolean {
  return description.toLowerCase().includes(rule.match_description.toLowerCase());
}

interface Change {
  description?: string;
  memo?: string;
  category?: Category;
}

/** The user's overlay, or undefined when they changed nothing (transactions present as generated). */
export function overlayOf(tenant: Tenant, user: UserRecord): Overlay | undefined {
  const store = tenant.transactionEdits;
  const rules = store.rules.forUser(user.guid);
  const edits = store.edits.forUser(user.guid);
  const splits = store.splits.forUser(user.guid);
  if (rules.length === 0 && edits.length === 0 && splits.length === 0) return undefined;
  const splitOf = new Map(splits.map((s) => [s.guid, s]));
  const byGuid = new Map<string, TransactionEditRecord>(edits.map((e) => [e.guid, e]));
  const customs = tenant.categories.forUser(user.guid);
  const stamp = `${store.version}|${customs.map((c) => `${c.guid}:${c.name}:${c.updated_at_ms}`).join(',')}`;
  const categoryCache = new Map<string, Category | undefined>();
  const category = (guid: string) => {
    if (!categoryCache.has(guid)) categoryCache.set(guid, resolveCategory(tenant, user, guid));
    return categoryCache.get(guid);
  };
  const ordered = [...rules].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const change = (guid: string, ownDescription: string): Change | undefined => {
    let out: Change | undefined;
    let description = ownDescription;
    const edit = byGuid.get(guid);
    let edited = false;
    const applyEdit = (e: TransactionEditRecord) => {
      edited = true;
      out ??= {};
      if (e.description !== undefined) out.description = description = e.description;
      if (e.memo !== undefined) out.memo = e.memo;
      const c = e.category_guid !== undefined ? category(e.category_guid) : undefined;
      if (c) out.category = c;
    };
    for (const rule of ordered) {
      if (edit && !edited && (edit.seq ?? 0) < (rule.seq ?? 0)) applyEdit(edit);
      if (!ruleMatches(rule, description)) continue;
      out ??= {};
      if (rule.description !== null) out.description = description = rule.description;
      const c = rule.category_guid !== null ? category(rule.category_guid) : undefined;
      if (c) out.category = c;
    }
    if (edit && !edited) applyEdit(edit);
    return out;
  };
  return {
    stamp,
    apply(tx) {
      if (typeof tx.guid !== 'string') return tx;
      if (splitOf.has(tx.guid)) (tx as { has_been_split?: boolean }).has_been_split = true;
      const ch = change(tx.guid, tx.description ?? '');
      if (!ch) return tx;
      if (ch.description !== undefined) tx.description = ch.description;
      if (ch.memo !== undefined) tx.memo = ch.memo;
      if (ch.category) {
        tx.category = ch.category.name;
        tx.category_guid = ch.category.guid;
        tx.top_level_category = ch.category.top;
      }
      return tx;
    },
    category(a, k) {
      const t = transactionFacts(a, k);
      const c = change(t.guid, t.description)?.category ?? t.category;
      return { guid: c.guid, top_guid: c.top_guid };
    },
    split: (guid) => splitOf.get(guid),
    splits: splits.length > 0,
  };
}

/** The fields updateTransaction takes (v20250224: description; v20111101 also memo, category_guid, date). */
export interface TransactionChanges {
  description?: string | undefined;
  memo?: string | undefined;
  category_guid?: string | undefined;
  date?: string | undefined;
}

/** Refuses changes that cannot be made (400 saying what to fix; 404 for an unknown category). */
export function checkChanges(tenant: Tenant, user: UserRecord, changes: TransactionChanges): void {
  const given = (['description', 'memo', 'category_guid'] as const).filter((f) => changes[f] !== undefined);
  if (changes.date !== undefined) {
    throw errors.validation(
      "transaction.date: a pulled transaction's date comes from its institution and cannot be changed here; " +
        'send description, memo or category_guid',
    );
  }
  if (given.length === 0) {
    throw errors.validation('transaction: send at least one of description, memo, category_guid');
  }
  if (changes.description !== undefined && changes.description.trim() === '') {
    throw errors.validation('transaction.description: must not be empty');
  }
  if (changes.category_guid !== undefined) requireCategory(tenant, user, changes.category_guid);
}

/** Records a user's change to one of their transactions (found by the caller). */
export function editTransaction(
  tenant: Tenant,
  user: UserRecord,
  transactionGuid: string,
  changes: TransactionChanges,
): void {
  checkChanges(tenant, user, changes);
  const store = tenant.transactionEdits;
  let edit = store.edits.find(user.guid, transactionGuid);
  if (!edit) {
    edit = store.edits.insert({ guid: transactionGuid, user_guid: user.guid, updated_at_ms: 0 });
  }
  if (changes.description !== undefined) edit.description = changes.description;
  if (changes.memo !== undefined) edit.memo = changes.memo;
  if (changes.category_guid !== undefined) edit.category_guid = changes.category_guid;
  edit.updated_at_ms = tenant.clock.now();
  edit.seq = store.changed();
}

/** A custom category went away: whatever was in it (edits, rules) is in its parent from now on. */
export function rehomeCategory(tenant: Tenant, userGuid: string, guid: string, parentGuid: string): void {
  const store = tenant.transactionEdits;
  for (const e of store.edits.forUser(userGuid)) if (e.category_guid === guid) e.category_guid = parentGuid;
  for (const r of store.rules.forUser(userGuid)) if (r.category_guid === guid) r.category_guid = parentGuid;
  store.changed();
}

// ---- Transaction rules ----

export interface NewRule {
  category_guid?: string | null | undefined;
  description?: string | null | undefined;
  match_description?: string | undefined;
}

function checkRule(tenant: Tenant, user: UserRecord, r: NewRule): void {
  if (r.match_description !== undefined && r.match_description.trim() === '') {
    throw errors.validation('transaction_rule.match_description: must not be empty');
  }
  if (r.description !== undefined && r.description !== null && r.description.trim() === '') {
    throw errors.validation('transaction_rule.description: must not be empty (leave it out to keep descriptions)');
  }
  if (r.category_guid !== undefined && r.category_guid !== null) requireCategory(tenant, user, r.category_guid);
}

export function createRule(tenant: Tenant, user: UserRecord, r: NewRule): TransactionRuleRecord {
  if (r.match_description === undefined) {
    throw errors.validation('transaction_rule.match_description: required (the text a description must contain)');
  }
  if (r.category_guid === undefined) {
    throw errors.validation('transaction_rule.category_guid: required (a category guid, or null to keep categories)');
  }
  checkRule(tenant, user, r);
  const now = tenant.clock.now();
  const rule = tenant.transactionEdits.rules.insert({
    guid: tenant.guids.next('TXR'),
    user_guid: user.guid,
    category_guid: r.category_guid,
    description: r.description ?? null,
    match_description: r.match_description,
    created_at_ms: now,
    updated_at_ms: now,
  });
  rule.seq = tenant.transactionEdits.changed();
  return rule;
}

export function ruleOf(tenant: Tenant, user: UserRecord, guid: string): TransactionRuleRecord {
  const rule = tenant.transactionEdits.rules.find(user.guid, guid);
  if (!rule) throw errors.notFound('transaction_rule', guid);
  return rule;
}

export function updateRule(tenant: Tenant, user: UserRecord, guid: string, r: NewRule): TransactionRuleRecord {
  const rule = ruleOf(tenant, user, guid);
  if (r.category_guid === undefined && r.description === undefined && r.match_description === undefined) {
    throw errors.validation('transaction_rule: send at least one of category_guid, description, match_description');
  }
  checkRule(tenant, user, r);
  if (r.category_guid !== undefined) rule.category_guid = r.category_guid;
  if (r.description !== undefined) rule.description = r.description;
  if (r.match_description !== undefined) rule.match_description = r.match_description;
  rule.updated_at_ms = tenant.clock.now();
  rule.seq = tenant.transactionEdits.changed();
  return rule;
}

export function deleteRule(tenant: Tenant, user: UserRecord, guid: string): void {
  tenant.transactionEdits.rules.delete(ruleOf(tenant, user, guid));
  tenant.transactionEdits.changed();
}

/** A presented transaction with the user's changes. */
export function edited<T extends EditableJson>(tenant: Tenant, user: UserRecord, tx: T): T {
  return overlayOf(tenant, user)?.apply(tx) ?? tx;
}
