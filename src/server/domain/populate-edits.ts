// A scenario user's transaction rules, transaction edits and splits, put in after its members and custom
// categories (they name both). Used by populate.ts; the inverse is store/snapshot-edits.ts.
import { round2 } from '../generators/records.js';
import { findTransaction, transactionFacts } from '../generators/transaction-facts.js';
import { accountsOf } from './lookup.js';
import type { UserPreset } from './preset.js';
import { resolveCategory } from './transaction-edits.js';

export function addTransactionEdits({ tenant, user, u, where, now, guids }: UserPreset): string[] {
  const problems: string[] = [];
  const store = tenant.transactionEdits;
  const accounts = accountsOf(tenant, user);
  const category = (guid: string | null | undefined, at: string) => {
    if (guid === undefined || guid === null || resolveCategory(tenant, user, guid)) return true;
    problems.push(`${at}.category_guid: ${guid} is neither a default category nor one of this user's`);
    return false;
  };
  const transaction = (guid: string, at: string) => {
    const hit = findTransaction(accounts, guid, false);
    if (!hit) problems.push(`${at}.transaction_guid: no transaction ${guid} among this user's members`);
    return hit;
  };
  (u.transaction_rules ?? []).forEach((r, i) => {
    const at = `${where}.transaction_rules[${i}]`;
    guids.claim(r.guid, at);
    if (!category(r.category_guid, at) || (r.guid !== undefined && store.rules.has(r.guid))) return;
    const rule = store.rules.insert({
      guid: r.guid ?? tenant.guids.next('TXR'),
      user_guid: user.guid,
      category_guid: r.category_guid ?? null,
      description: r.description ?? null,
      match_description: r.match_description,
      created_at_ms: now,
      updated_at_ms: now,
    });
    rule.seq = store.changed();
  });
  (u.transaction_edits ?? []).forEach((e, i) => {
    const at = `${where}.transaction_edits[${i}]`;
    const hit = transaction(e.transaction_guid, at);
    if (!hit || !category(e.category_guid, at)) return;
    const guid = transactionFacts(hit.account, hit.k).guid;
    if (store.edits.has(guid)) {
      problems.push(`${at}.transaction_guid: ${guid} has an edit already`);
      return;
    }
    const edit = store.edits.insert({ guid, user_guid: user.guid, updated_at_ms: now });
    if (e.description !== undefined) edit.description = e.description;
    if (e.memo !== undefined) edit.memo = e.memo;
    if (e.category_guid !== undefined) edit.category_guid = e.category_guid;
    edit.seq = store.changed();
  });
  (u.transaction_splits ?? []).forEach((s, i) => {
    const at = `${where}.transaction_splits[${i}]`;
    const hit = transaction(s.transaction_guid, at);
    if (!hit) return;
    const t = transactionFacts(hit.account, hit.k);
    if (store.splits.has(t.guid)) {
      problems.push(`${at}.transaction_guid: ${t.guid} is split already`);
      return;
    }
    const sum = s.children.reduce((n, c) => n + Math.round(c.amount * 100), 0);
    if (sum !== Math.round(t.amount * 100)) {
      problems.push(`${at}.children: the amounts add up to ${sum / 100}, not the transaction's ${t.amount}`);
      return;
    }
    if (!s.children.every((c, j) => category(c.category_guid, `${at}.children[${j}]`))) return;
    s.children.forEach((c, j) => {
      guids.claim(c.guid, `${at}.children[${j}]`);
    });
    store.addSplit({
      guid: t.guid,
      user_guid: user.guid,
      account_guid: hit.account.guid,
      created_at_ms: now,
      children: s.children.map((c) => ({
        guid: c.guid ?? tenant.guids.next('TRN'),
        amount: round2(c.amount),
        ...(c.description !== undefined ? { description: c.description } : {}),
        ...(c.memo !== undefined ? { memo: c.memo } : {}),
        ...(c.category_guid !== undefined ? { category_guid: c.category_guid } : {}),
      })),
    });
  });
  return problems;
}
