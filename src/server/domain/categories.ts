// Categories: MX's default tree (the same for everyone) and each user's custom categories, which sit
// under a top-level default category. See docs/categories-tags.md.
import { errors, MxError } from '../errors.js';
import { DEFAULT_CATEGORIES, type DefaultCategory, defaultCategory } from '../generators/categories.js';
import type { CategoryRecord } from '../store/categories.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { rehomeCategory } from './transaction-edits.js';

export type AnyCategory = { kind: 'default'; category: DefaultCategory } | { kind: 'custom'; category: CategoryRecord };

export interface NewCategory {
  name: string;
  parent_guid: string;
  metadata?: string | undefined;
}

export interface CategoryChanges {
  name?: string | undefined;
  metadata?: string | null | undefined;
}

/** A default category by guid; 404 otherwise (a custom category is read under its user). */
export function defaultCategoryOf(guid: string): DefaultCategory {
  const c = defaultCategory(guid);
  if (!c) throw errors.notFound('category', guid);
  return c;
}

/** A default category or one of the user's own; 404 otherwise. */
export function categoryOf(tenant: Tenant, user: UserRecord, guid: string): AnyCategory {
  const d = defaultCategory(guid);
  if (d) return { kind: 'default', category: d };
  const c = tenant.categories.find(user.guid, guid);
  if (!c) throw errors.notFound('category', guid);
  return { kind: 'custom', category: c };
}

/** Default categories, then the user's custom ones in creation order. */
export function categoriesOf(tenant: Tenant, user: UserRecord): AnyCategory[] {
  return [
    ...DEFAULT_CATEGORIES.map((category) => ({ kind: 'default', category }) as const),
    ...tenant.categories.forUser(user.guid).map((category) => ({ kind: 'custom', category }) as const),
  ];
}

const notCustom = (guid: string, what: string) =>
  new MxError(
    400,
    `category ${guid} is one of MX's default categories, which cannot be ${what}; only a custom category (is_default: false) can`,
    'default_category',
  );

/** The parent a custom category may have: a top-level default category (404 when there is no such category). */
function parentOf(tenant: Tenant, user: UserRecord, guid: string): DefaultCategory {
  const found = categoryOf(tenant, user, guid);
  if (found.kind === 'custom' || found.category.parent_guid !== null) {
    throw errors.validation(
      `category.parent_guid: ${guid} is not a top-level default category; a custom category goes under a default ` +
        'category whose parent_guid is null (GET /categories/default lists them)',
    );
  }
  return found.category;
}

export function createCategory(tenant: Tenant, user: UserRecord, input: NewCategory): CategoryRecord {
  const parent = parentOf(tenant, user, input.parent_guid);
  const now = tenant.clock.now();
  return tenant.categories.insert({
    guid: tenant.guids.next('CAT'),
    user_guid: user.guid,
    name: input.name,
    parent_guid: parent.guid,
    metadata: input.metadata ?? null,
    created_at_ms: now,
    updated_at_ms: now,
  });
}

export function updateCategory(
  tenant: Tenant,
  user: UserRecord,
  guid: string,
  changes: CategoryChanges,
): CategoryRecord {
  const found = categoryOf(tenant, user, guid);
  if (found.kind === 'default') throw notCustom(guid, 'changed');
  const c = found.category;
  if (changes.name !== undefined) c.name = changes.name;
  if (changes.metadata !== undefined) c.metadata = changes.metadata;
  c.updated_at_ms = tenant.clock.now();
  return c;
}

/**
 * Deletes a custom category. MX moves its transactions to the parent category: the user's edits and
 * rules that named it name the parent from now on.
 */
export function deleteCategory(tenant: Tenant, user: UserRecord, guid: string): void {
  const found = categoryOf(tenant, user, guid);
  if (found.kind === 'default') throw notCustom(guid, 'deleted');
  tenant.categories.delete(found.category);
  rehomeCategory(tenant, user.guid, guid, found.category.parent_guid);
}
