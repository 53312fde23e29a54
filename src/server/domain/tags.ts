// Tags (a user's labels, "Business" among them from the start) and taggings (a tag on one of the user's
// transactions), and the page of a tag's transactions. See docs/categories-tags.md.
import { errors } from '../errors.js';
import { stableGuid } from '../generators/ids.js';
import type { AccountRecord } from '../generators/records.js';
import { findTransaction, transactionFacts } from '../generators/transaction-facts.js';
import { type IndexSet, type Source, select } from '../generators/transactions.js';
import type { TaggingRecord, TagRecord } from '../store/tags.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { overlayOf } from './transaction-edits.js';
import { categoryTest, filterOf, sourcesPage, type TransactionQuery, transactionIn } from './transactions.js';

/** The tag every user has from the start (MX: "Each user includes the Business tag by default"). */
export const DEFAULT_TAG = 'Business';

/** The user's tags, in creation order; the first time, the user's Business tag is made. */
export function tagsOf(tenant: Tenant, user: UserRecord): readonly TagRecord[] {
  const tags = tenant.tags.tags;
  if (!tags.hasUser(user.guid)) {
    // Its guid comes from the user's: making it draws nothing from the client's id sequence.
    tags.insert({ guid: stableGuid('TAG', user.guid, DEFAULT_TAG), user_guid: user.guid, name: DEFAULT_TAG });
  }
  return tags.forUser(user.guid);
}

export function tagOf(tenant: Tenant, user: UserRecord, guid: string): TagRecord {
  tagsOf(tenant, user);
  const tag = tenant.tags.tags.find(user.guid, guid);
  if (!tag) throw errors.notFound('tag', guid);
  return tag;
}

export function createTag(tenant: Tenant, user: UserRecord, name: string): TagRecord {
  tagsOf(tenant, user);
  return tenant.tags.tags.insert({ guid: tenant.guids.next('TAG'), user_guid: user.guid, name });
}

export function updateTag(tenant: Tenant, user: UserRecord, guid: string, name: string): TagRecord {
  const tag = tagOf(tenant, user, guid);
  tag.name = name;
  return tag;
}

/** Deletes a tag and every tagging of it. */
export function deleteTag(tenant: Tenant, user: UserRecord, guid: string): void {
  const tag = tagOf(tenant, user, guid);
  const taggings = tenant.tags.taggings;
  for (const t of taggings.forUser(user.guid).filter((t) => t.tag_guid === tag.guid)) taggings.delete(t);
  tenant.tags.tags.delete(tag);
}

export function taggingsOf(tenant: Tenant, user: UserRecord): readonly TaggingRecord[] {
  return tenant.tags.taggings.forUser(user.guid);
}

export function taggingOf(tenant: Tenant, user: UserRecord, guid: string): TaggingRecord {
  const tagging = tenant.tags.taggings.find(user.guid, guid);
  if (!tagging) throw errors.notFound('tagging', guid);
  return tagging;
}

/** 409 when the tag is on the transaction already (through another tagging than `except`). */
function assertNotTagged(tenant: Tenant, user: UserRecord, tagGuid: string, trnGuid: string, except?: TaggingRecord) {
  const same = taggingsOf(tenant, user).find(
    (t) => t !== except && t.tag_guid === tagGuid && t.transaction_guid === trnGuid,
  );
  if (same) {
    throw errors.conflict(
      `tag ${tagGuid} is already on transaction ${trnGuid} (tagging ${same.guid}); a tag goes on a transaction once`,
      'duplicate_tagging',
    );
  }
}

export function createTagging(
  tenant: Tenant,
  user: UserRecord,
  accounts: readonly AccountRecord[],
  input: { tag_guid: string; transaction_guid: string },
): TaggingRecord {
  const tag = tagOf(tenant, user, input.tag_guid);
  const { account, k } = transactionIn(accounts, input.transaction_guid, false);
  const transactionGuid = transactionFacts(account, k).guid;
  assertNotTagged(tenant, user, tag.guid, transactionGuid);
  return tenant.tags.taggings.insert({
    guid: tenant.guids.next('TGN'),
    user_guid: user.guid,
    tag_guid: tag.guid,
    transaction_guid: transactionGuid,
    // mx-sim has no manual (user-managed) members.
    member_is_managed_by_user: false,
  });
}

/** Moves a tagging to another tag of the user (its transaction stays). */
export function updateTagging(tenant: Tenant, user: UserRecord, guid: string, tagGuid: string): TaggingRecord {
  const tagging = taggingOf(tenant, user, guid);
  const tag = tagOf(tenant, user, tagGuid);
  assertNotTagged(tenant, user, tag.guid, tagging.transaction_guid, tagging);
  tagging.tag_guid = tag.guid;
  return tagging;
}

export function deleteTagging(tenant: Tenant, user: UserRecord, guid: string): void {
  tenant.tags.taggings.delete(taggingOf(tenant, user, guid));
}

const inSet = (set: IndexSet, k: number) => set.some(([lo, hi]) => k >= lo && k <= hi);

/**
 * One page of the transactions the tag is on, newest first, under the same filters as every transaction
 * list (the default date window too). The cost follows the tag's taggings, not the accounts' history.
 * A tagged transaction that is gone (its member deleted) is left out.
 */
export function taggedTransactionPage(
  tenant: Tenant,
  user: UserRecord,
  accounts: readonly AccountRecord[],
  tagGuid: string,
  q: TransactionQuery,
  now: number,
) {
  const filter = filterOf(q, now);
  const overlay = overlayOf(tenant, user);
  const tagged = new Map<AccountRecord, Set<number>>();
  for (const t of taggingsOf(tenant, user)) {
    if (t.tag_guid !== tagGuid) continue;
    const hit = findTransaction(accounts, t.transaction_guid, false);
    if (!hit) continue;
    const ks = tagged.get(hit.account) ?? new Set<number>();
    ks.add(hit.k);
    tagged.set(hit.account, ks);
  }
  const sources: Array<Source<AccountRecord>> = [];
  for (const [account, ks] of tagged) {
    const selected = select(account.stream, filter);
    const keep = categoryTest(account, q, overlay);
    const set: IndexSet = [...ks]
      .sort((a, b) => a - b)
      .filter((k) => inSet(selected, k) && (!keep || keep(k)))
      .map((k) => [k, k]);
    sources.push({ owner: account, stream: account.stream, set });
  }
  return sourcesPage(sources, q);
}
