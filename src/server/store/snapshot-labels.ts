// A user's custom categories, tags and taggings as a scenario user's `categories` and `tags` (the
// inverse of domain/populate-labels.ts). A user whose tags were never listed has none written: its
// Business tag is made again, with the same guid, when first asked for.
import type { ScenarioCategory, ScenarioTag } from '../../scenarios/schema.js';
import type { Tenant } from './tenant.js';
import type { UserRecord } from './users.js';

export function labelsOf(tenant: Tenant, u: UserRecord): { categories?: ScenarioCategory[]; tags?: ScenarioTag[] } {
  const categories = tenant.categories.forUser(u.guid).map((c) => ({
    guid: c.guid,
    name: c.name,
    parent: c.parent_guid,
    ...(c.metadata !== null ? { metadata: c.metadata } : {}),
  }));
  const taggings = tenant.tags.taggings.forUser(u.guid);
  const tags = tenant.tags.tags.hasUser(u.guid)
    ? tenant.tags.tags.forUser(u.guid).map((t) => {
        const mine = taggings
          .filter((g) => g.tag_guid === t.guid)
          .map((g) => ({ guid: g.guid, transaction_guid: g.transaction_guid }));
        return { guid: t.guid, name: t.name, ...(mine.length ? { taggings: mine } : {}) };
      })
    : undefined;
  return { ...(categories.length ? { categories } : {}), ...(tags ? { tags } : {}) };
}

/** The user's monthly cash-flow profile settings, when the user changed them. */
export function cashFlowOf(
  tenant: Tenant,
  u: UserRecord,
): { monthly_cash_flow_profile?: { goals_contribution: number; uses_estimated_goals_contribution: boolean } } {
  const settings = tenant.cashFlow.get(u.guid);
  if (!settings) return {};
  const { goals_contribution, uses_estimated_goals_contribution } = settings;
  return { monthly_cash_flow_profile: { goals_contribution, uses_estimated_goals_contribution } };
}
