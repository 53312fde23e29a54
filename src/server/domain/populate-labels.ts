// A scenario user's custom categories, tags and taggings, put in after its members (taggings name their
// transactions). Used by populate.ts; the inverse is in store/snapshot.ts.
import { DEFAULT_CATEGORIES } from '../generators/categories.js';
import { findTransaction, transactionFacts } from '../generators/transaction-facts.js';
import { accountsOf } from './lookup.js';
import { transactionSources } from './manual.js';
import { claimNew, type UserPreset } from './preset.js';

const TOP_LEVEL = DEFAULT_CATEGORIES.filter((c) => c.parent_guid === null);

export function addLabels({ tenant, user, u, where, now, guids }: UserPreset): string[] {
  const problems: string[] = [];
  (u.categories ?? []).forEach((c, i) => {
    const at = `${where}.categories[${i}]`;
    const parent = TOP_LEVEL.find((t) => t.guid === c.parent || t.name.toLowerCase() === c.parent.toLowerCase());
    if (!parent) {
      problems.push(
        `${at}.parent: '${c.parent}' is not a top-level default category; use one of ${TOP_LEVEL.map((t) => t.name).join(', ')}`,
      );
      return;
    }
    if (!claimNew(guids, tenant.categories, c.guid, at)) return;
    tenant.categories.insert({
      guid: c.guid ?? tenant.guids.next('CAT'),
      user_guid: user.guid,
      name: c.name,
      parent_guid: parent.guid,
      metadata: c.metadata ?? null,
      created_at_ms: now,
      updated_at_ms: now,
    });
  });
  if (!u.tags) return problems;
  // The listed tags are all the user's tags: no Business tag is added to them.
  tenant.tags.tags.start(user.guid);
  const accounts = transactionSources(tenant, user, accountsOf(tenant, user));
  u.tags.forEach((t, i) => {
    const at = `${where}.tags[${i}]`;
    if (!claimNew(guids, tenant.tags.tags, t.guid, at)) return;
    const tag = tenant.tags.tags.insert({
      guid: t.guid ?? tenant.guids.next('TAG'),
      user_guid: user.guid,
      name: t.name,
    });
    const seen = new Set<string>();
    (t.taggings ?? []).forEach((g, j) => {
      const gAt = `${at}.taggings[${j}]`;
      const hit = findTransaction(accounts, g.transaction_guid, false);
      if (!hit) {
        problems.push(`${gAt}.transaction_guid: no transaction ${g.transaction_guid} among this user's members`);
        return;
      }
      const transaction = transactionFacts(hit.account, hit.k).guid;
      if (seen.has(transaction)) {
        problems.push(`${gAt}.transaction_guid: the tag is on ${transaction} already`);
        return;
      }
      seen.add(transaction);
      if (!claimNew(guids, tenant.tags.taggings, g.guid, gAt)) return;
      tenant.tags.taggings.insert({
        guid: g.guid ?? tenant.guids.next('TGN'),
        user_guid: user.guid,
        tag_guid: tag.guid,
        transaction_guid: transaction,
        member_is_managed_by_user: false,
      });
    });
  });
  return problems;
}
