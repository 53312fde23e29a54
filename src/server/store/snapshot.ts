// A client's world as a scenario document (GET /_mx-sim/export): its users and members with exactly the
// data they show now, and the institutions its scenarios added, so that loading the document into any
// simulator (whatever its seed) reproduces them. The inverse of populate.ts.
import { Document } from 'yaml';
import type { Product } from '../../mx/products.js';
import type { LoadedScenario } from '../../scenarios/load.js';
import {
  ENDING_STATUSES,
  type Scenario,
  type ScenarioAccount,
  type ScenarioInstitution,
  type ScenarioMember,
  type ScenarioTransaction,
  type ScenarioUser,
} from '../../scenarios/schema.js';
import { isoTime } from '../clock.js';
import { balances } from '../generators/accounts.js';
import type { AccountRecord, MemberData } from '../generators/records.js';
import { transactionFacts } from '../generators/transaction-facts.js';
import { defined } from './defined.js';
import type { MemberRecord } from './members.js';
import { budgetsPreset } from './snapshot-budgets.js';
import { editsOf } from './snapshot-edits.js';
import { goalsPreset } from './snapshot-goals.js';
import { cashFlowOf, labelsOf } from './snapshot-labels.js';
import { managedOf } from './snapshot-managed.js';
import { manualOf } from './snapshot-manual.js';
import { spendingPlansOf } from './snapshot-spending.js';
import { achReturnPreset, microdepositPreset } from './snapshot-verification.js';
import type { Tenant } from './tenant.js';
import type { UserRecord } from './users.js';

/** More than this many transactions makes a document too big to be useful (tens of MB of YAML). */
export const MAX_EXPORT_TRANSACTIONS = 100_000;

export class SnapshotTooLarge extends Error {
  constructor(readonly transactions: number) {
    super(`this world holds ${transactions} transactions; an export holds up to ${MAX_EXPORT_TRANSACTIONS}`);
  }
}

/** What a member's data holds beyond its accounts, as the product that gathers it on the preset's first job. */
function gatheredProducts(data: MemberData | null): Product[] {
  if (!data) return [];
  const out: Product[] = [];
  if (data.numbers) out.push('account_verification');
  if (data.owners) out.push('identity_verification');
  if (data.statements) out.push('statements');
  if (data.rewards) out.push('rewards');
  return out;
}

function transactionsOf(a: AccountRecord): ScenarioTransaction[] {
  const out: ScenarioTransaction[] = [];
  // Newest first, as the API lists them; a preset keeps the file's order among equal times.
  for (let k = a.stream.hi; k >= a.stream.lo; k--) {
    const t = transactionFacts(a, k);
    out.push({
      guid: t.guid,
      id: t.id,
      date: isoTime(t.at),
      amount: t.amount,
      type: t.type,
      description: t.description,
      original_description: t.original_description,
      category: t.category.name,
      status: t.pending ? 'PENDING' : 'POSTED',
      ...(t.memo !== null ? { memo: t.memo } : {}),
      ...(t.merchant_guid !== null ? { merchant_guid: t.merchant_guid } : {}),
      ...(t.check_number !== null ? { check_number_string: t.check_number } : {}),
    });
  }
  return out;
}

/** The fields that have a value: a scenario leaves out what a record holds as null. */

function accountOf(a: AccountRecord, data: MemberData): ScenarioAccount {
  const routing = data.numbers?.find((n) => n.account_guid === a.guid)?.routing_number;
  return {
    type: a.type,
    ...defined({
      guid: a.guid,
      id: a.id,
      name: a.name,
      subtype: a.subtype,
      // As presented now: for an investment account, the total (cash and holdings).
      balance: balances(a).balance,
      account_number: a.account_number,
      routing_number: routing,
      credit_limit: a.credit_limit,
      apr: a.apr,
      apy: a.apy,
      interest_rate: a.interest_rate,
      original_balance: a.original_balance,
    }),
    transactions: transactionsOf(a),
  };
}

function memberOf(m: MemberRecord): ScenarioMember {
  const current = m.state.connection_status;
  const status = current && (ENDING_STATUSES as readonly string[]).includes(current) ? current : 'CONNECTED';
  return {
    ...defined({ guid: m.guid, id: m.id }),
    institution: m.institution_code,
    products: [...new Set([...m.products, ...gatheredProducts(m.data)])],
    ...(status !== 'CONNECTED' ? { status } : {}),
    ...defined({ metadata: m.metadata }),
    // A member no job has succeeded for has no data: it comes back with none (not with generated data).
    accounts: m.data ? m.data.accounts.map((a) => accountOf(a, m.data as MemberData)) : [],
  };
}

function userOf(tenant: Tenant, u: UserRecord): ScenarioUser {
  const members = tenant.members.forUser(u.guid);
  const microdeposits = tenant.microdeposits.forUser(u.guid);
  const returns = tenant.achReturns.all().filter((r) => r.user_guid === u.guid);
  return {
    ...defined({ guid: u.guid, id: u.id, email: u.email, metadata: u.metadata }),
    ...(u.is_disabled ? { is_disabled: true } : {}),
    ...(members.length ? { members: members.map(memberOf) } : {}),
    ...(microdeposits.length ? { micro_deposits: microdeposits.map(microdepositPreset) } : {}),
    ...(returns.length ? { ach_returns: returns.map(achReturnPreset) } : {}),
    ...labelsOf(tenant, u),
    ...budgetsPreset(tenant, u),
    ...goalsPreset(tenant, u),
    ...manualOf(tenant, u),
    ...managedOf(tenant, u),
    ...editsOf(tenant, u),
    ...cashFlowOf(tenant, u),
    ...spendingPlansOf(tenant, u),
  };
}

/** The institutions the client's scenarios add, as written (a later one with the same code wins). */
function institutionsOf(stack: readonly LoadedScenario[]): ScenarioInstitution[] {
  const byCode = new Map<string, ScenarioInstitution>();
  for (const { scenario } of stack) {
    for (const inst of scenario.institutions ?? []) {
      byCode.delete(inst.code);
      // replace: loading the snapshot on top of the scenarios that added it must not clash with them.
      // (Always last, so that a snapshot of a loaded snapshot is the same document.)
      const { replace: _, ...rest } = inst;
      byCode.set(inst.code, { ...rest, replace: true });
    }
  }
  return [...byCode.values()];
}

/** Counts first, so a huge world is refused before any transaction is computed. */
export function transactionCount(tenant: Tenant, users: readonly UserRecord[]): number {
  let n = 0;
  for (const u of users) {
    for (const m of tenant.members.forUser(u.guid)) {
      for (const a of m.data?.accounts ?? []) n += Math.max(0, a.stream.hi - a.stream.lo + 1);
    }
  }
  return n;
}

/** The snapshot of a client's world (or of some of its users) as a scenario. */
export function snapshotScenario(
  tenant: Tenant,
  stack: readonly LoadedScenario[],
  users: readonly UserRecord[] = tenant.users.list(),
): Scenario {
  const count = transactionCount(tenant, users);
  if (count > MAX_EXPORT_TRANSACTIONS) throw new SnapshotTooLarge(count);
  const institutions = institutionsOf(stack);
  return {
    name: `snapshot-${tenant.clientId}`.replace(/\s+/g, '-'),
    description:
      `The users, members, accounts and transactions of client ${tenant.clientId}'s world, exported by mx-sim ` +
      '(GET /_mx-sim/export). Outcome rules, faults and timing are not part of it.',
    starts_at: isoTime(tenant.clock.now()),
    ...(institutions.length ? { institutions } : {}),
    users: users.map((u) => userOf(tenant, u)),
  };
}

/** YAML with one line per transaction, so a snapshot stays readable and diffs line by line. */
export function snapshotYaml(scenario: Scenario): string {
  const doc = new Document(scenario);
  const users = scenario.users ?? [];
  users.forEach((u, i) => {
    (u.members ?? []).forEach((m, j) => {
      (m.accounts ?? []).forEach((_a, k) => {
        const list = doc.getIn(['users', i, 'members', j, 'accounts', k, 'transactions'], true) as
          | { items: Array<{ flow?: boolean }> }
          | undefined;
        for (const t of list?.items ?? []) t.flow = true;
      });
    });
  });
  return doc.toString({ lineWidth: 0 });
}
