// Users' insight state (displayed, dismissed) in the state file (optional: files written before it
// existed load without it).
import { z } from 'zod';
import type { InsightStateRecord } from './insights.js';
import type { Tenant } from './tenant.js';

const InsightState: z.ZodType<InsightStateRecord> = z.object({
  guid: z.string(),
  user_guid: z.string(),
  has_been_displayed: z.boolean(),
  is_dismissed: z.boolean(),
  updated_at_ms: z.number().int(),
});

export const InsightsState = z.array(InsightState);

/** The tenant's insight state, or nothing when there is none (a world without it saves as before). */
export function saveInsights(tenant: Tenant): { insights?: InsightStateRecord[] } {
  const all = tenant.insights.all();
  return all.length ? { insights: all.map((r) => ({ ...r })) } : {};
}

export function restoreInsights(tenant: Tenant, saved: InsightStateRecord[] | undefined, problems: string[]): void {
  (saved ?? []).forEach((r, i) => {
    if (!tenant.users.find(r.user_guid)) problems.push(`insights[${i}].user_guid: no user ${r.user_guid}`);
    else if (tenant.insights.has(r.guid)) problems.push(`insights[${i}].guid: ${r.guid} is there twice`);
    else tenant.insights.insert({ ...r });
  });
}
