// A scenario user's goals and notifications, put in after its members and manual accounts (a goal names
// an account). Used by populate.ts; the inverse is in store/snapshot-goals.ts.
import { isLiability } from '../generators/finance.js';
import { parseGoalTime } from './goals.js';
import { accountsOf } from './lookup.js';
import { claimNew, type UserPreset } from './preset.js';

export function addGoals({ tenant, user, u, where, now, guids }: UserPreset): string[] {
  const problems: string[] = [];
  const accounts = accountsOf(tenant, user);
  (u.goals ?? []).forEach((g, i) => {
    const at = `${where}.goals[${i}]`;
    const a = accounts.find((x) => x.guid === g.account) ?? accounts.find((x) => x.name === g.account);
    if (!a) {
      problems.push(`${at}.account: '${g.account}' is neither the guid nor the name of one of the user's accounts`);
      return;
    }
    const type = g.goal_type_name ?? (isLiability(a.type) ? 'PAYOFF' : 'SAVE_AMOUNT');
    if ((type === 'PAYOFF') !== isLiability(a.type)) {
      problems.push(
        `${at}.goal_type_name: a ${type} goal cannot be on ${a.type} account ${a.guid} (PAYOFF goals need a debt account, SAVE_AMOUNT goals another)`,
      );
      return;
    }
    if (!claimNew(guids, tenant.goals, g.guid, at)) return;
    tenant.goals.insert({
      guid: g.guid ?? tenant.guids.next('GOL'),
      user_guid: user.guid,
      account_guid: a.guid,
      name: g.name,
      amount: g.amount,
      goal_type_name: type,
      meta_type_name: g.meta_type_name ?? 'OTHER',
      metadata: g.metadata ?? null,
      position: tenant.goals.forUser(user.guid).length + 1,
      has_been_spent: g.has_been_spent ?? false,
      marked_complete_at_ms:
        g.marked_complete_at === undefined ? null : parseGoalTime(`${at}.marked_complete_at`, g.marked_complete_at),
      targeted_to_complete_at_ms:
        g.targeted_to_complete_at === undefined
          ? null
          : parseGoalTime(`${at}.targeted_to_complete_at`, g.targeted_to_complete_at),
      created_at_ms: now,
      updated_at_ms: now,
    });
  });
  (u.notifications ?? []).forEach((n, i) => {
    const at = `${where}.notifications[${i}]`;
    if (!claimNew(guids, tenant.notifications, n.guid, at)) return;
    tenant.notifications.insert({
      guid: n.guid ?? tenant.guids.next('NTF'),
      user_guid: user.guid,
      subject: n.subject,
      content: n.content,
      created_at_ms: now,
    });
  });
  return problems;
}
