// Goals: a user's target amount on one of their accounts, saving up to it (SAVE_AMOUNT) or paying a debt
// off (PAYOFF). What a goal has reached (`current_amount`, `is_complete`, `completed_at`,
// `projected_to_complete_at`) is derived from the linked account's balance and recent transactions when it
// is read, so it follows aggregations. Positions are the user's priorities 1..n. See docs/budgets-goals.md.

import { GOAL_META_TYPES, GOAL_TYPES } from '../../mx/goals.js';
import { errors } from '../errors.js';
import { balances, transactionAmount } from '../generators/accounts.js';
import { isLiability } from '../generators/finance.js';
import { type AccountRecord, round2 } from '../generators/records.js';
import { DAY_MS, firstAtOrAfter, timeOf } from '../generators/transactions.js';
import type { GoalRecord, GoalType } from '../store/goals.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { accountsOf } from './lookup.js';
import { isManual } from './manual.js';

export { GOAL_META_TYPES, GOAL_TYPES };

/** How far back the pace of a goal is measured, and how many transactions that reads at most. */
export const PACE_DAYS = 90;
const SCAN = 1000;
/** A projection further than this is none. */
const HORIZON_MS = 100 * 365 * DAY_MS;

export type TrackType = 'DEBT_TRACK' | 'SAVINGS_TRACK' | 'RETIREMENT_TRACK' | 'EMERGENCY_FUND_TRACK';

export interface Goal extends GoalRecord {
  current_amount: number;
  is_complete: boolean;
  completed_at_ms: number | null;
  projected_to_complete_at_ms: number | null;
  track_type_name: TrackType;
}

export interface NewGoal {
  account_guid: string;
  amount: number;
  goal_type_name: GoalType | null;
  meta_type_name: string;
  name: string;
  completed_at?: string | undefined;
  has_been_spent?: boolean | undefined;
  is_complete?: boolean | undefined;
  metadata?: string | null | undefined;
  position?: number | undefined;
  targeted_to_complete_at?: string | null | undefined;
}

export type GoalChanges = Partial<Omit<NewGoal, 'goal_type_name'>> & { goal_type_name?: GoalType | null | undefined };

const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** An ISO 8601 day or time (MX's examples also write `2026-12-08 00:00:00.000000`); no zone is UTC. */
export function parseGoalTime(field: string, value: string): number {
  const m = TIME.exec(value.trim());
  const bad = () =>
    errors.validation(
      `${field}: '${value}' is not a date or time (use ISO 8601, e.g. 2026-12-08 or 2026-12-08T00:00:00Z)`,
    );
  if (!m) throw bad();
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0..99 as 1900..1999.
  const day = new Date(0);
  day.setUTCFullYear(y, mo - 1, d);
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) throw bad();
  const ms = day.getTime() + ((h * 60 + mi) * 60 + s) * 1000 + Math.floor(Number(`0.${m[7] ?? 0}`) * 1000);
  const zone = m[8];
  if (!zone || zone === 'Z') return ms;
  const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone) as RegExpExecArray;
  const offset = (Number(z[2]) * 60 + Number(z[3])) * 60_000;
  return z[1] === '+' ? ms - offset : ms + offset;
}

function trackOf(g: GoalRecord): TrackType {
  if (g.goal_type_name === 'PAYOFF') return 'DEBT_TRACK';
  if (g.meta_type_name === 'RETIREMENT') return 'RETIREMENT_TRACK';
  if (g.meta_type_name === 'EMERGENCY_FUND') return 'EMERGENCY_FUND_TRACK';
  return 'SAVINGS_TRACK';
}

/** What a balance means for the goal: saved so far (SAVE_AMOUNT) or paid off so far (PAYOFF). */
function progressOf(g: GoalRecord, balance: number): number {
  if (g.goal_type_name === 'PAYOFF') return Math.min(g.amount, Math.max(0, g.amount - Math.max(0, balance)));
  return Math.max(0, balance);
}

/** The change transaction k made to the account's balance as the account counts it. */
function balanceDelta(a: AccountRecord, k: number): number {
  const t = transactionAmount(a, k);
  const raises = isLiability(a.type) ? t.type === 'DEBIT' : t.type === 'CREDIT';
  return raises ? t.amount : -t.amount;
}

/**
 * Figures of a goal whose account is `a` (undefined: the account is gone); `manual`: `a` is a manual
 * account, whose balance the user sets.
 */
function figures(g: GoalRecord, a: AccountRecord | undefined, manual: boolean): Goal {
  const marked = g.marked_complete_at_ms;
  const track_type_name = trackOf(g);
  if (!a) {
    return {
      ...g,
      current_amount: 0,
      is_complete: marked !== null,
      completed_at_ms: marked,
      projected_to_complete_at_ms: null,
      track_type_name,
    };
  }
  const balance = balances(a).balance;
  const current = round2(progressOf(g, balance));
  const reached = current >= g.amount;
  const s = a.stream;
  // Generated streams make up the balance; a stream of exact transactions leaves it as given.
  const counted = !s.fixed && s.hi >= s.lo ? Math.min(s.hi, a.balance_k) : s.lo - 1;
  let completed: number | null = marked;
  if (reached && completed === null) {
    // Back through the counted transactions to the one that brought the goal over the line.
    let bal = balance;
    // Not found: a manual account reached it when its balance was last set; else at the goal's creation.
    let at = manual ? Math.max(g.created_at_ms, a.updated_at) : g.created_at_ms;
    for (let k = counted, n = 0; k >= s.lo && n < SCAN; k--, n++) {
      const before = bal - balanceDelta(a, k);
      if (progressOf(g, before) < g.amount) {
        at = Math.max(g.created_at_ms, timeOf(s, k));
        break;
      }
      bal = before;
    }
    completed = at;
  }
  let projected: number | null = null;
  if (reached || marked !== null) projected = completed;
  else {
    // The pace: how the account moved towards the goal over the last PACE_DAYS before its balance was read.
    const from = a.balance_at - PACE_DAYS * DAY_MS;
    let moved = 0;
    const lo = Math.max(s.lo, firstAtOrAfter(s, from + 1));
    for (let k = counted, n = 0; k >= lo && n < SCAN; k--, n++) {
      const d = balanceDelta(a, k);
      moved += g.goal_type_name === 'PAYOFF' ? -d : d;
    }
    if (moved > 0) {
      const left = (g.amount - current) * ((PACE_DAYS * DAY_MS) / moved);
      if (left <= HORIZON_MS) projected = a.balance_at + Math.ceil(left);
    }
  }
  return {
    ...g,
    current_amount: current,
    is_complete: reached || marked !== null,
    completed_at_ms: completed,
    projected_to_complete_at_ms: projected,
    track_type_name,
  };
}

function byPosition(records: readonly GoalRecord[]): GoalRecord[] {
  return [...records].sort((x, y) => x.position - y.position);
}

/** The user's goals as read now, by position (1 first). */
export function goalsOf(tenant: Tenant, user: UserRecord, only?: GoalRecord[]): Goal[] {
  const records = only ?? byPosition(tenant.goals.forUser(user.guid));
  if (records.length === 0) return [];
  const accounts = new Map(accountsOf(tenant, user).map((a) => [a.guid, a]));
  return records.map((g) => {
    const a = accounts.get(g.account_guid);
    return figures(g, a, a !== undefined && isManual(tenant, a));
  });
}

export function goalRecordOf(tenant: Tenant, user: UserRecord, guid: string): GoalRecord {
  const g = tenant.goals.find(user.guid, guid);
  if (!g) throw errors.notFound('goal', guid);
  return g;
}

export function goalOf(tenant: Tenant, user: UserRecord, guid: string): Goal {
  return goalsOf(tenant, user, [goalRecordOf(tenant, user, guid)])[0] as Goal;
}

/** The user's account a goal names, of the kind its type needs. */
function accountFor(tenant: Tenant, user: UserRecord, guid: string, type: GoalType | null): AccountRecord {
  const a = accountsOf(tenant, user).find((x) => x.guid === guid);
  if (!a) throw errors.notFound('account', guid);
  const liability = isLiability(a.type);
  if (type === 'PAYOFF' && !liability) {
    throw errors.validation(
      `goal.account_guid: a PAYOFF goal pays a debt off, but account ${guid} is a ${a.type} account; ` +
        'name a CREDIT_CARD, LOAN, MORTGAGE or LINE_OF_CREDIT account, or make it a SAVE_AMOUNT goal',
    );
  }
  if (type === 'SAVE_AMOUNT' && liability) {
    throw errors.validation(
      `goal.account_guid: a SAVE_AMOUNT goal saves up, but account ${guid} is a ${a.type} (debt) account; ` +
        'name a savings, checking or investment account, or make it a PAYOFF goal',
    );
  }
  return a;
}

function checkMetaType(value: string): void {
  if (!(GOAL_META_TYPES as readonly string[]).includes(value)) {
    throw errors.validation(`goal.meta_type_name: '${value}' is not one of ${GOAL_META_TYPES.join(', ')}`);
  }
}

function checkName(value: string): void {
  if (value.trim() === '') throw errors.validation('goal.name: must not be empty');
}

function checkAmount(value: number): void {
  if (!(value > 0)) throw errors.validation(`goal.amount: must be more than 0 (got ${value})`);
}

/** Puts `g` at `position` among the user's goals (the others keep their order) and renumbers 1..n. */
function place(tenant: Tenant, userGuid: string, g: GoalRecord, position: number): void {
  const others = byPosition(tenant.goals.forUser(userGuid)).filter((x) => x !== g);
  others.splice(position - 1, 0, g);
  others.forEach((x, i) => {
    x.position = i + 1;
  });
}

function checkPosition(position: number, max: number): void {
  if (!Number.isInteger(position) || position < 1 || position > max) {
    throw errors.validation(`goal.position: must be a whole number from 1 to ${max} (got ${position})`);
  }
}

/** Applies is_complete / completed_at as given. */
function applyCompletion(
  g: GoalRecord,
  input: { is_complete?: boolean | undefined; completed_at?: string | undefined },
  now: number,
): void {
  const at = input.completed_at !== undefined ? parseGoalTime('goal.completed_at', input.completed_at) : undefined;
  if (input.is_complete === false) g.marked_complete_at_ms = null;
  else if (input.is_complete === true) g.marked_complete_at_ms = at ?? g.marked_complete_at_ms ?? now;
  else if (at !== undefined) g.marked_complete_at_ms = at;
}

export function createGoal(tenant: Tenant, user: UserRecord, input: NewGoal): Goal {
  checkName(input.name);
  checkAmount(input.amount);
  checkMetaType(input.meta_type_name);
  const a = accountFor(tenant, user, input.account_guid, input.goal_type_name);
  const type: GoalType = input.goal_type_name ?? (isLiability(a.type) ? 'PAYOFF' : 'SAVE_AMOUNT');
  const count = tenant.goals.forUser(user.guid).length;
  if (input.position !== undefined) checkPosition(input.position, count + 1);
  const targeted =
    input.targeted_to_complete_at === undefined || input.targeted_to_complete_at === null
      ? null
      : parseGoalTime('goal.targeted_to_complete_at', input.targeted_to_complete_at);
  const now = tenant.clock.now();
  const g: GoalRecord = {
    guid: tenant.guids.next('GOL'),
    user_guid: user.guid,
    account_guid: a.guid,
    name: input.name,
    amount: input.amount,
    goal_type_name: type,
    meta_type_name: input.meta_type_name,
    metadata: input.metadata ?? null,
    position: count + 1,
    has_been_spent: input.has_been_spent ?? false,
    marked_complete_at_ms: null,
    targeted_to_complete_at_ms: targeted,
    created_at_ms: now,
    updated_at_ms: now,
  };
  applyCompletion(g, input, now);
  tenant.goals.insert(g);
  if (input.position !== undefined) place(tenant, user.guid, g, input.position);
  return goalOf(tenant, user, g.guid);
}

export function updateGoal(tenant: Tenant, user: UserRecord, guid: string, changes: GoalChanges): Goal {
  const g = goalRecordOf(tenant, user, guid);
  if (changes.name !== undefined) checkName(changes.name);
  if (changes.amount !== undefined) checkAmount(changes.amount);
  if (changes.meta_type_name !== undefined) checkMetaType(changes.meta_type_name);
  const type = changes.goal_type_name ?? g.goal_type_name;
  const accountGuid = changes.account_guid ?? g.account_guid;
  // The account must be the user's and fit the type whenever either changes.
  if (changes.account_guid !== undefined || changes.goal_type_name != null) accountFor(tenant, user, accountGuid, type);
  if (changes.position !== undefined) checkPosition(changes.position, tenant.goals.forUser(user.guid).length);
  const targeted =
    changes.targeted_to_complete_at === undefined
      ? g.targeted_to_complete_at_ms
      : changes.targeted_to_complete_at === null
        ? null
        : parseGoalTime('goal.targeted_to_complete_at', changes.targeted_to_complete_at);
  const now = tenant.clock.now();
  applyCompletion(g, changes, now);
  g.account_guid = accountGuid;
  g.goal_type_name = type;
  if (changes.name !== undefined) g.name = changes.name;
  if (changes.amount !== undefined) g.amount = changes.amount;
  if (changes.meta_type_name !== undefined) g.meta_type_name = changes.meta_type_name;
  if (changes.metadata !== undefined) g.metadata = changes.metadata;
  if (changes.has_been_spent !== undefined) g.has_been_spent = changes.has_been_spent;
  g.targeted_to_complete_at_ms = targeted;
  if (changes.position !== undefined) place(tenant, user.guid, g, changes.position);
  g.updated_at_ms = now;
  return goalOf(tenant, user, guid);
}

/** Deletes a goal; the goals after it move up one place. */
export function deleteGoal(tenant: Tenant, user: UserRecord, guid: string): void {
  const g = goalRecordOf(tenant, user, guid);
  tenant.goals.delete(g);
  byPosition(tenant.goals.forUser(user.guid)).forEach((x, i) => {
    x.position = i + 1;
  });
}

/**
 * Gives the named goals the positions asked for; the goals not named fill the other places in their
 * order. Every guid must be one of the user's goals, once; positions run 1..n, each at most once.
 * Answers all the user's goals by position.
 */
export function repositionGoals(
  tenant: Tenant,
  user: UserRecord,
  wanted: Array<{ guid: string; position: number }>,
): Goal[] {
  const mine = byPosition(tenant.goals.forUser(user.guid));
  const n = mine.length;
  if (wanted.length === 0) throw errors.validation('goals: name at least one goal with its new position');
  const seen = new Set<string>();
  const taken = new Map<number, string>();
  const slots: Array<GoalRecord | undefined> = new Array(n).fill(undefined);
  wanted.forEach((w, i) => {
    const g = tenant.goals.find(user.guid, w.guid);
    if (!g) throw errors.notFound('goal', w.guid);
    if (seen.has(w.guid)) throw errors.validation(`goals[${i}].guid: ${w.guid} is named twice`);
    seen.add(w.guid);
    if (!Number.isInteger(w.position) || w.position < 1 || w.position > n) {
      throw errors.validation(`goals[${i}].position: must be a whole number from 1 to ${n} (got ${w.position})`);
    }
    const other = taken.get(w.position);
    if (other !== undefined) {
      throw errors.validation(`goals[${i}].position: ${w.position} is given to ${other} too`);
    }
    taken.set(w.position, w.guid);
    slots[w.position - 1] = g;
  });
  const rest = mine.filter((g) => !seen.has(g.guid));
  const now = tenant.clock.now();
  for (let i = 0; i < n; i++) {
    const g = slots[i] ?? (rest.shift() as GoalRecord);
    if (g.position !== i + 1) {
      g.position = i + 1;
      g.updated_at_ms = now;
    }
  }
  return goalsOf(tenant, user);
}
