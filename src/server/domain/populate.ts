// Puts a scenario's preset users into a fresh client world: each user, each member already aggregated
// once at the world's start (then in its given status), with generated data or exactly the accounts
// and transactions the scenario lists. Returns the problems that only the catalogue can reveal.

import type { Product } from '../../mx/products.js';
import { type ConnectionStatus, NEEDS_CREDENTIALS } from '../../mx/statuses.js';
import type { ScenarioAccount, ScenarioMember, ScenarioTransaction } from '../../scenarios/schema.js';
import { initialLifecycle, type Lifecycle } from '../engine/lifecycle.js';
import { MxError } from '../errors.js';
import { applyJob } from '../generators/apply-job.js';
import type { CredentialField, InstitutionRecord } from '../generators/institution.js';
import type { AccountSpec } from '../generators/records.js';
import { DAY_MS, type FixedTransaction } from '../generators/transactions.js';
import type { MemberCredential } from '../store/members.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import type { PresetUserEntry } from '../store/world.js';
import { presetAchReturn } from './ach-returns.js';
import { checkCredentials, checkProducts, insertMember } from './members.js';
import { presetMicrodeposit } from './microdeposits.js';
import { addBudgets } from './populate-budgets.js';
import { addTransactionEdits } from './populate-edits.js';
import { addGoals } from './populate-goals.js';
import { addLabels } from './populate-labels.js';
import { addManaged } from './populate-managed.js';
import { addManual } from './populate-manual.js';
import { addSpendingPlans } from './populate-spending.js';
import type { UserPreset } from './preset.js';
import { createUser } from './users.js';

const looksLikeLogin = (f: CredentialField) => f.type === 'LOGIN' || /^(LOGIN|USER(NAME)?)$/i.test(f.field_name);

function credentialsFor(inst: InstitutionRecord, given: Record<string, string> | undefined, where: string) {
  const problems: string[] = [];
  const known = new Set(inst.credentials.flatMap((f) => [f.field_name, f.guid]));
  for (const key of Object.keys(given ?? {})) {
    if (!known.has(key)) {
      const names = inst.credentials.map((f) => f.field_name).join(', ') || 'none (it is an OAuth institution)';
      problems.push(`${where}.credentials.${key}: ${inst.code} has no such credential; its fields are ${names}`);
    }
  }
  const credentials: MemberCredential[] = inst.credentials.map((f) => ({
    guid: f.guid,
    value: given?.[f.field_name] ?? given?.[f.guid] ?? (looksLikeLogin(f) ? 'mxuser' : 'password'),
  }));
  return { credentials, problems };
}

/** When a transaction happened: a day (at noon UTC, so its `date` is that day), a time, or days back. */
function timeOf(t: ScenarioTransaction, now: number): number {
  if (t.days_ago !== undefined) return now - t.days_ago * DAY_MS;
  const date = t.date as string;
  return date.length === 10 ? Date.parse(`${date}T12:00:00Z`) : Date.parse(date);
}

function accountSpec(a: ScenarioAccount, now: number): AccountSpec {
  const { transactions, ...rest } = a;
  const spec: AccountSpec = { ...rest };
  if (transactions) {
    spec.transactions = transactions.map(
      (t): FixedTransaction => ({
        at: timeOf(t, now),
        amount: t.amount,
        type: t.type,
        description: t.description,
        pending: t.status === 'PENDING',
        guid: t.guid,
        id: t.id,
        original_description: t.original_description,
        category: t.category,
        memo: t.memo,
        merchant_guid: t.merchant_guid,
        check_number_string: t.check_number_string,
      }),
    );
  }
  return spec;
}

/** The lifecycle of a member whose one job succeeded at `now`, shown in `status` since. */
function aggregatedOnce(status: ConnectionStatus, now: number, jobGuid: string): Lifecycle {
  return {
    ...initialLifecycle(),
    connection_status: status,
    is_authenticated: status === 'CONNECTED',
    aggregated_at: now,
    successfully_aggregated_at: now,
    has_processed_accounts: true,
    has_processed_transactions: true,
    needs_updated_credentials: NEEDS_CREDENTIALS.includes(status),
    most_recent_job_guid: jobGuid,
    // The preset counts as the member's create job (job 0 of an outcome script).
    jobs_started: 1,
  };
}

/** Guids a scenario gives must be unique in the world. */
class GuidRegistry {
  readonly #seen = new Map<string, string>();
  readonly problems: string[] = [];
  claim(guid: string | undefined, where: string): void {
    if (guid === undefined) return;
    const first = this.#seen.get(guid);
    if (first) this.problems.push(`${where}.guid: ${guid} is already used at ${first}`);
    else this.#seen.set(guid, where);
  }
}

function addMember(
  tenant: Tenant,
  user: UserRecord,
  m: ScenarioMember,
  where: string,
  now: number,
  guids: GuidRegistry,
): string[] {
  const inst = tenant.institutions.byCode(m.institution);
  if (!inst) return [`${where}.institution: no institution '${m.institution}'; add it under institutions first`];
  const problems: string[] = [];
  if (m.id !== undefined && tenant.members.forUser(user.guid).some((x) => x.id === m.id)) {
    problems.push(`${where}.id: member id '${m.id}' is used twice for this user`);
  }
  const oauth = inst.supports_oauth && inst.credentials.length === 0;
  const { credentials, problems: credentialProblems } = credentialsFor(inst, m.credentials, where);
  problems.push(...credentialProblems);
  let products: Product[] = [];
  try {
    products = checkProducts(inst, m.products, `${where}.products`);
  } catch (err) {
    if (!(err instanceof MxError)) throw err;
    problems.push(err.message);
  }
  guids.claim(m.guid, where);
  (m.accounts ?? []).forEach((a, i) => {
    guids.claim(a.guid, `${where}.accounts[${i}]`);
    (a.transactions ?? []).forEach((t, j) => {
      guids.claim(t.guid, `${where}.accounts[${i}].transactions[${j}]`);
    });
  });
  if (problems.length) return problems;
  const status = (m.status ?? 'CONNECTED') as ConnectionStatus;
  const member = insertMember(
    tenant,
    user,
    inst,
    {
      guid: m.guid,
      id: m.id,
      metadata: m.metadata,
      is_oauth: oauth,
      products,
      // Every field has a value by construction (the scenario's, else a default), so this never refuses.
      credentials: checkCredentials(inst, credentials, `${where}.credentials`),
      state: aggregatedOnce(status, now, tenant.guids.next('JOB')),
    },
    now,
  );
  member.next_background_at = now + tenant.timing.backgroundIntervalMs;
  const ctx = {
    seed: tenant.seed,
    member,
    institution: inst,
    profile: m.data ?? {},
    data: null,
    ...(m.accounts ? { accounts: m.accounts.map((a) => accountSpec(a, now)) } : {}),
  };
  member.data = applyJob(ctx, 'aggregate', now);
  member.state.has_processed_account_numbers = member.data.numbers !== null;
  return [];
}

/** Adds the preset users to a fresh tenant at `now`; returns what is wrong (the tenant is then unusable). */
export function populate(tenant: Tenant, users: readonly PresetUserEntry[], now: number): string[] {
  const problems: string[] = [];
  const guids = new GuidRegistry();
  for (const { user: u, where } of users) {
    if (u.id !== undefined && tenant.users.find(u.id)) {
      problems.push(`${where}.id: user id '${u.id}' is used twice`);
      continue;
    }
    guids.claim(u.guid, where);
    const user = createUser(tenant, u);
    (u.members ?? []).forEach((m, i) => {
      problems.push(...addMember(tenant, user, m, `${where}.members[${i}]`, now, guids));
    });
    (u.micro_deposits ?? []).forEach((md, i) => {
      guids.claim(md.guid, `${where}.micro_deposits[${i}]`);
      presetMicrodeposit(tenant, user, md, now);
    });
    (u.ach_returns ?? []).forEach((r, i) => {
      guids.claim(r.guid, `${where}.ach_returns[${i}]`);
      problems.push(...presetAchReturn(tenant, user, r, now, `${where}.ach_returns[${i}]`));
    });
    const preset: UserPreset = { tenant, user, u, where, now, guids };
    // Manual transactions first: tags may be on them; goals name accounts; edits name transactions.
    for (const add of [addManual, addManaged, addLabels, addBudgets, addGoals, addTransactionEdits]) {
      problems.push(...add(preset));
    }
    if (u.monthly_cash_flow_profile) {
      tenant.cashFlow.set({
        user_guid: user.guid,
        goals_contribution: u.monthly_cash_flow_profile.goals_contribution ?? 0,
        uses_estimated_goals_contribution: u.monthly_cash_flow_profile.uses_estimated_goals_contribution ?? false,
      });
    }
    problems.push(...addSpendingPlans(preset));
  }
  return [...problems, ...guids.problems];
}
