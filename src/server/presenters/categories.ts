// Record → wire body for categories, tags and taggings: the same in every version.
import { isoTime } from '../clock.js';
import type { AnyCategory } from '../domain/categories.js';
import type { TaggingRecord, TagRecord } from '../store/tags.js';

/** A default category has no times and no metadata (MX: null when is_default is true). */
export function category(c: AnyCategory) {
  if (c.kind === 'default') {
    const d = c.category;
    return {
      created_at: null,
      guid: d.guid,
      is_default: true,
      is_income: d.is_income,
      metadata: null,
      name: d.name,
      parent_guid: d.parent_guid,
      updated_at: null,
    };
  }
  const r = c.category;
  return {
    created_at: isoTime(r.created_at_ms),
    guid: r.guid,
    is_default: false,
    // MX: always false for custom categories.
    is_income: false,
    metadata: r.metadata,
    name: r.name,
    parent_guid: r.parent_guid,
    updated_at: isoTime(r.updated_at_ms),
  };
}

export function tag(t: TagRecord) {
  return { guid: t.guid, name: t.name, user_guid: t.user_guid };
}

export function tagging(t: TaggingRecord) {
  return {
    guid: t.guid,
    member_is_managed_by_user: t.member_is_managed_by_user,
    tag_guid: t.tag_guid,
    transaction_guid: t.transaction_guid,
    user_guid: t.user_guid,
  };
}
