// Applies every lifecycle step that is due by `now` to a tenant's members, in time order per member,
// including background aggregation. Runs before each request: the server has no timers.

import type { MemberRecord } from '../store/members.js';
import type { Tenant } from '../store/tenant.js';
import { advance, type LifecycleEvent, startJob, type Timing } from './lifecycle.js';
import { credentialOutcome } from './outcomes.js';

function passwordOf(member: MemberRecord, tenant: Tenant): string | undefined {
  const inst = tenant.institutions.byCode(member.institution_code);
  const field = inst?.credentials.find((c) => c.field_name === 'PASSWORD' || c.type === 'PASSWORD');
  return member.credentials.find((c) => c.guid === field?.guid)?.value;
}

export function outcomeFor(member: MemberRecord, tenant: Tenant) {
  return member.is_oauth
    ? ({ kind: 'connect' } as const)
    : credentialOutcome(member.institution_code, passwordOf(member, tenant));
}

function backgroundDue(member: MemberRecord, tenant: Tenant, now: number): boolean {
  if (member.state.job || member.next_background_at === null || member.next_background_at > now) return false;
  if (member.background_aggregation_is_disabled || member.state.needs_updated_credentials) return false;
  const user = tenant.users.find(member.user_guid);
  return !!user && !user.is_disabled;
}

export function settleMember(member: MemberRecord, tenant: Tenant, now: number, timing: Timing): LifecycleEvent[] {
  const events: LifecycleEvent[] = [];
  const guid = (prefix: string) => tenant.guids.next(prefix);
  for (;;) {
    const job = member.state.job;
    if (job && job.due_at <= now) {
      const step = advance(member.state, timing, guid);
      member.state = step.state;
      for (const e of step.events) {
        events.push(e);
        if (e.kind === 'job_succeeded') member.next_background_at = e.at + timing.backgroundIntervalMs;
      }
      continue;
    }
    if (backgroundDue(member, tenant, now)) {
      const at = member.next_background_at as number;
      member.next_background_at = null;
      member.state = startJob(
        member.state,
        { guid: guid('JOB'), type: 'aggregate', outcome: outcomeFor(member, tenant), background: true },
        at,
        timing,
      );
      continue;
    }
    return events;
  }
}

export function settleTenant(tenant: Tenant, now: number, timing: Timing): void {
  for (const member of tenant.members.all()) settleMember(member, tenant, now, timing);
}
