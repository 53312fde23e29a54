// The state file's format (docs/shared-instance.md#state-that-survives-a-restart): a client's world as
// JSON and back, and the scenario documents it ran, without any secret. Pure: no file, no clock. A
// credential's value, an OAuth consent token and a webhook's basic_auth are never written; a restored
// member's credentials keep their field guids with empty values.
import { z } from 'zod';
import { onFirstUse } from '../../first-use.js';
import { ACCOUNT_TYPES } from '../../mx/accounts.js';
import { CHALLENGE_KINDS } from '../../mx/challenges.js';
import {
  MICRODEPOSIT_ACCOUNT_TYPE_IDS,
  MICRODEPOSIT_ERROR_STATUSES,
  MICRODEPOSIT_STATUSES,
  type MicrodepositAccountType,
} from '../../mx/microdeposits.js';
import { PRODUCTS } from '../../mx/products.js';
import { CONNECTION_STATUSES } from '../../mx/statuses.js';
import { API_VERSIONS } from '../../mx/versions.js';
import { type Scenario, WEBHOOK_TYPES } from '../../scenarios/schema.js';
import { JOB_TYPES, type Lifecycle } from '../engine/lifecycle.js';
import type { MicrodepositRecord } from '../engine/microdeposits.js';
import type {
  AccountRecord,
  DataProfile,
  HoldingRecord,
  MemberData,
  NumberRecord,
  OwnerRecord,
  RewardRecord,
  StatementRecord,
} from '../generators/records.js';
import type { FixedTransaction, Stream } from '../generators/transactions.js';
import type { AchReturnRecord } from './ach-returns.js';
import { BudgetsState, restoreBudgets, saveBudgets } from './budgets-state.js';
import type { CategoryRecord } from './categories.js';
import { GoalsState, NotificationsState, restoreGoals, saveGoals } from './goals-state.js';
import { InsightsState, restoreInsights, saveInsights } from './insights-state.js';
import { ManagedState, restoreManaged, saveManaged } from './managed-state.js';
import { ManualState, restoreManual, saveManual } from './manual-state.js';
import type { MemberRecord } from './members.js';
import { restoreSpendingPlans, SpendingPlansState, saveSpendingPlans } from './spending-plans-state.js';
import type { TaggingRecord, TagRecord } from './tags.js';
import type { Tenant } from './tenant.js';
import type { SplitRecord, TransactionEditRecord, TransactionRuleRecord } from './transaction-edits.js';
import type { UserRecord } from './users.js';
import type { WebhookEntry, WebhookValue } from './webhook-log.js';

/** The format this code writes and reads: `{"mx_sim_state": 1, ...}`. */
export const STATE_FORMAT = 1;

/**
 * The state file's schemas, made on first use: about 1,400 zod constructor calls that only `--state` needs.
 */
function build() {
  // ---- Records, as the stores hold them (each schema is checked against its record type) ----

  const int = z.number().int();
  const time = int;
  const num = z.number();
  const str = z.string();
  const nullableStr = str.nullable();
  const status = z.enum(CONNECTION_STATUSES);
  const challengeKind = z.enum(CHALLENGE_KINDS);

  const User: z.ZodType<UserRecord> = z.object({
    guid: str,
    id: nullableStr,
    email: nullableStr,
    is_disabled: z.boolean(),
    metadata: nullableStr,
    created_at_ms: time,
  });

  const Category: z.ZodType<CategoryRecord> = z.object({
    guid: str,
    user_guid: str,
    name: str,
    parent_guid: str,
    metadata: nullableStr,
    created_at_ms: time,
    updated_at_ms: time,
  });

  const Tag: z.ZodType<TagRecord> = z.object({ guid: str, user_guid: str, name: str });

  const Tagging: z.ZodType<TaggingRecord> = z.object({
    guid: str,
    user_guid: str,
    tag_guid: str,
    transaction_guid: str,
    member_is_managed_by_user: z.boolean(),
  });

  const TransactionEdit: z.ZodType<TransactionEditRecord> = z.object({
    guid: str,
    user_guid: str,
    description: str.optional(),
    memo: str.optional(),
    category_guid: str.optional(),
    updated_at_ms: time,
    seq: int.optional(),
  });

  const TransactionRule: z.ZodType<TransactionRuleRecord> = z.object({
    guid: str,
    user_guid: str,
    category_guid: nullableStr,
    description: nullableStr,
    match_description: str,
    created_at_ms: time,
    updated_at_ms: time,
    seq: int.optional(),
  });

  const TransactionSplit: z.ZodType<SplitRecord> = z.object({
    guid: str,
    user_guid: str,
    account_guid: str,
    children: z.array(
      z.object({
        guid: str,
        amount: num,
        description: str.optional(),
        memo: str.optional(),
        category_guid: str.optional(),
      }),
    ),
    created_at_ms: time,
  });

  const ScriptStep = z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('challenge'), challenges: z.array(challengeKind), answer: str, onWrong: status }),
    z.object({ kind: z.literal('status'), status }),
  ]);

  const Outcome = z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('connect') }),
    z.object({ kind: z.literal('fail'), status }),
    z.object({ kind: z.literal('challenge'), challenges: z.array(challengeKind) }),
    z.object({ kind: z.literal('script'), steps: z.array(ScriptStep) }),
  ]);

  const Verdict = z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('correct') }),
    z.object({ kind: z.literal('followup'), challenges: z.array(challengeKind) }),
    z.object({ kind: z.literal('wrong') }),
    z.object({ kind: z.literal('fail'), status }),
  ]);

  const ChallengeOption = z.object({ guid: str, label: str, value: str, data_uri: str.optional() });

  const Challenge = z.object({
    guid: str,
    type: str,
    field_name: str,
    label: str,
    image_data: nullableStr,
    options: z.array(ChallengeOption),
    image_options: z.array(ChallengeOption),
  });

  const Job = z.object({
    guid: str,
    type: z.enum(JOB_TYPES),
    phase: z.enum(['authenticating', 'challenged', 'resumed', 'syncing']),
    background: z.boolean(),
    started_at: time,
    due_at: time,
    outcome: Outcome,
    step: int.nonnegative(),
    gather: z.object({ transactions: z.boolean(), holdings: z.boolean() }).optional(),
    verdict: Verdict.optional(),
    callback_payload: str.optional(),
  });

  const State: z.ZodType<Lifecycle> = z.object({
    connection_status: status.nullable(),
    is_being_aggregated: z.boolean(),
    is_authenticated: z.boolean(),
    aggregated_at: time.nullable(),
    successfully_aggregated_at: time.nullable(),
    has_processed_accounts: z.boolean(),
    has_processed_transactions: z.boolean(),
    has_processed_account_numbers: z.boolean(),
    needs_updated_credentials: z.boolean(),
    most_recent_job_guid: nullableStr,
    failed_logins: int.nonnegative(),
    jobs_started: int.nonnegative(),
    challenges: z.array(Challenge),
    job: Job.nullable(),
  });

  const Fixed: z.ZodType<FixedTransaction> = z.object({
    at: time,
    amount: num,
    type: z.enum(['CREDIT', 'DEBIT']),
    description: str,
    pending: z.boolean(),
    guid: str.optional(),
    id: str.optional(),
    original_description: str.optional(),
    category: str.optional(),
    memo: str.optional(),
    merchant_guid: str.optional(),
    check_number_string: str.optional(),
  });

  const TransactionStream: z.ZodType<Stream> = z.object({
    key: num,
    t0: time,
    interval: num,
    lo: int,
    hi: int,
    batches: z.array(z.object({ lo: int, hi: int, at: time })),
    syncs: z.array(time),
    pendingMs: num,
    fixed: z.array(Fixed).optional(),
  });

  const Holding: z.ZodType<HoldingRecord> = z.object({
    guid: str,
    account_guid: str,
    member_guid: str,
    user_guid: str,
    symbol: str,
    description: str,
    holding_type: str,
    quantity: num,
    cost_basis: num,
    purchase_price: num,
    base_price: num,
    created_at: time,
  });

  const Account: z.ZodType<AccountRecord> = z.object({
    guid: str,
    id: str,
    key: str,
    index: int,
    member_guid: str,
    user_guid: str,
    institution_code: str,
    type: z.enum(ACCOUNT_TYPES),
    subtype: nullableStr,
    name: str,
    account_number: str,
    currency_code: z.enum(['USD', 'CAD']),
    credit_limit: num.nullable(),
    apr: num.nullable(),
    apy: num.nullable(),
    interest_rate: num.nullable(),
    original_balance: num.nullable(),
    day_payment_is_due: int.nullable(),
    balance: num,
    balance_k: int,
    balance_at: time,
    holdings_at: time,
    created_at: time,
    updated_at: time,
    stream: TransactionStream,
    holdings: z.array(Holding),
    routing_number: str.optional(),
  });

  const Owner: z.ZodType<OwnerRecord> = z.object({
    guid: str,
    account_guid: str,
    member_guid: str,
    user_guid: str,
    owner_name: str,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    address: str,
    city: str,
    state: str,
    postal_code: str,
    country: str,
  });

  const AccountNumber: z.ZodType<NumberRecord> = z.object({
    guid: str,
    account_guid: str,
    member_guid: str,
    user_guid: str,
    account_number: str,
    routing_number: nullableStr,
    institution_number: nullableStr,
    transit_number: nullableStr,
    passed_validation: z.boolean(),
  });

  /** Without its rendered PDF: rendering is deterministic, so the same bytes come back on first use. */
  const Statement: z.ZodType<StatementRecord> = z.object({
    guid: str,
    account_guid: str,
    member_guid: str,
    user_guid: str,
    period_start: str,
    period_end: str,
    created_at: time,
    updated_at: time,
  });

  const Reward: z.ZodType<RewardRecord> = z.object({
    guid: str,
    account_guid: str,
    member_guid: str,
    user_guid: str,
    balance: num,
    balance_type: z.enum(['BALANCE', 'EXPIRING_BALANCE']),
    unit_type: z.enum(['POINTS', 'MILES', 'CASH']),
    description: str,
    expires_on: str,
    created_at: time,
    updated_at: time,
  });

  const Data: z.ZodType<MemberData> = z.object({
    accounts: z.array(Account),
    owners: z.array(Owner).nullable(),
    numbers: z.array(AccountNumber).nullable(),
    statements: z.array(Statement).nullable(),
    rewards: z.array(Reward).nullable(),
  });

  const Profile: z.ZodType<DataProfile> = z.object({
    accounts: int.positive().optional(),
    transactions: int.positive().optional(),
  });

  /** A member as saved: its credentials' field guids only, no OAuth window (its token is a secret). */
  const Member = z.object({
    guid: str,
    id: nullableStr,
    user_guid: str,
    institution_code: str,
    institution_guid: str,
    name: str,
    metadata: nullableStr,
    is_oauth: z.boolean(),
    background_aggregation_is_disabled: z.boolean(),
    use_cases: z.array(z.enum(['MONEY_MOVEMENT', 'PFM'])),
    products: z.array(z.enum(PRODUCTS)),
    credentials: z.array(z.object({ guid: str })),
    oauth: z
      .object({ client_redirect_url: nullableStr, referral_source: nullableStr, skip_aggregation: z.boolean() })
      .nullable(),
    state: State,
    data: Data.nullable(),
    data_profile: Profile.optional(),
    next_background_at: time.nullable(),
    created_at_ms: time,
    created_version: z.enum(API_VERSIONS).optional(),
  });

  const Delivery = z.discriminatedUnion('state', [
    z.object({ state: z.literal('logged') }),
    z.object({
      state: z.literal('pending'),
      attempts: int.nonnegative(),
      last_error: nullableStr,
      next_attempt_at: time.nullable().default(null),
    }),
    z.object({ state: z.literal('delivered'), attempts: int.positive(), status: int }),
    z.object({ state: z.literal('failed'), attempts: int.positive(), last_error: str }),
  ]);

  /** A payload value: MEMBER's payload nests the member. */
  const PayloadValue: z.ZodType<WebhookValue> = z.lazy(() =>
    z.union([str, num, z.boolean(), z.array(str), z.null(), z.record(str, PayloadValue)]),
  );

  const Webhook: z.ZodType<WebhookEntry> = z.object({
    guid: str,
    type: z.enum(WEBHOOK_TYPES),
    due_at: time,
    payload: z.record(str, PayloadValue),
    callback_payload: str.optional(),
    delivery: Delivery,
    attempt_log: z.array(z.object({ at: time, status: int.nullable(), error: nullableStr })).optional(),
  });

  const Scope = { user_guid: str, member_guid: str, account_guid: str };

  /** Processor codes and tokens: their SHA-256 only (store/processor.ts), never the secrets themselves. */
  const Processor = z.object({
    codes: z.array(z.object({ ...Scope, hash: str, issued_at: time, expires_at: time, used_at: time.nullable() })),
    tokens: z.array(
      z.object({
        ...Scope,
        hash: str,
        prefix: str,
        payment_processor_guid: str,
        issued_at: time,
        expires_at: time,
        revoked_at: time.nullable(),
      }),
    ),
  });

  const Microdeposit: z.ZodType<MicrodepositRecord> = z.object({
    guid: str,
    user_guid: str,
    account_name: nullableStr,
    account_number: nullableStr,
    account_type: z
      .enum(Object.keys(MICRODEPOSIT_ACCOUNT_TYPE_IDS) as [MicrodepositAccountType, ...MicrodepositAccountType[]])
      .nullable(),
    routing_number: nullableStr,
    email: nullableStr,
    first_name: nullableStr,
    last_name: nullableStr,
    institution_code: nullableStr,
    institution_guid: nullableStr,
    institution_name: nullableStr,
    status: z.enum(MICRODEPOSIT_STATUSES as [MicrodepositRecord['status'], ...MicrodepositRecord['status'][]]),
    error_message: nullableStr,
    created_at_ms: time,
    updated_at_ms: time,
    verified_at_ms: time.nullable(),
    amounts: z.tuple([int, int]),
    failed_attempts: int.nonnegative(),
    verifying: z.boolean(),
    due_at: time.nullable(),
    failure: z
      .object({
        status: z.enum(MICRODEPOSIT_ERROR_STATUSES),
        after: z.enum(['INITIATED', 'REQUESTED']),
        message: nullableStr,
      })
      .nullable(),
  });

  const AchReturn: z.ZodType<AchReturnRecord> = z.object({
    guid: str,
    id: str,
    user_guid: str,
    member_guid: str,
    account_guid: str,
    institution_guid: str,
    account_type: z.enum(ACCOUNT_TYPES).nullable(),
    account_number_last_four: nullableStr,
    ach_initiated_at: nullableStr,
    corrected_account_number: nullableStr,
    corrected_routing_number: nullableStr,
    return_account_number: nullableStr,
    return_routing_number: nullableStr,
    return_code: str,
    return_notes: nullableStr,
    return_status: str,
    returned_at: nullableStr,
    sec_code: nullableStr,
    transaction_amount: num.nullable(),
    created_at_ms: time,
    updated_at_ms: time,
    submitted_at_ms: time,
  });

  /** One client's world, apart from the scenarios it runs. */
  const TenantSchema = z.object({
    client_id: str.min(1),
    seed: str,
    /** How far ahead of the simulator's clock this client's time is. */
    clock_offset_ms: int.nonnegative(),
    /** How far the client's seeded id sequence has gone (random draws), so new ids never repeat old ones. */
    guid_position: int.nonnegative(),
    faults: z.object({ matched: z.array(int.nonnegative()), fired: z.array(int.nonnegative()) }),
    users: z.array(User),
    members: z.array(Member),
    /** Users' custom categories, tags and taggings (absent in files written before they existed). */
    categories: z.array(Category).optional(),
    tags: z.array(Tag).optional(),
    /** The users whose tag list was started (their Business tag made), even when it is empty now. */
    tag_users: z.array(str).optional(),
    taggings: z.array(Tagging).optional(),
    /** Manual accounts and transactions, account edits and merges (absent: none, or an older file). */
    manual: ManualState.optional(),
    /** Partner-managed members (absent: none, or an older file). */
    managed: ManagedState.optional(),
    /** Users' budgets (absent in files written before they existed). */
    budgets: BudgetsState.optional(),
    /** Users' goals and notifications (absent in files written before they existed). */
    goals: GoalsState.optional(),
    notifications: NotificationsState.optional(),
    /** Users' changes to transactions and their transaction rules (absent in files written before them). */
    transaction_edits: z.array(TransactionEdit).optional(),
    transaction_rules: z.array(TransactionRule).optional(),
    transaction_splits: z.array(TransactionSplit).optional(),
    webhooks: z.object({ guid_position: int.nonnegative(), entries: z.array(Webhook) }),
    processor: Processor.optional(),
    holdings_deactivated: z.array(str).optional(),
    /** Absent in files written before microdeposits and ACH returns were simulated. */
    micro_deposits: z.array(Microdeposit).optional(),
    ach_returns: z.array(AchReturn).optional(),
    /** Users' monthly cash-flow profile settings (absent in files written before they existed). */
    cash_flow_profiles: z
      .array(z.object({ user_guid: str, goals_contribution: num, uses_estimated_goals_contribution: z.boolean() }))
      .optional(),
    /** What the client set on users' insights (absent: none, or an older file). */
    insights: InsightsState.optional(),
    /** Users' spending plans and iteration items (absent: none, or an older file). */
    spending_plans: SpendingPlansState.optional(),
  });

  // ---- The file ----

  /** A scenario document as the client's world ran it, secrets taken out. */
  const SavedScenarioSchema = z.object({
    source: str,
    scenario: z.record(str, z.unknown()),
    /** What was taken out of it (scenarioWithoutSecrets), for a warning when it is loaded. */
    removed: z.array(str).optional(),
  });

  /** A client's stack: an entry is one of the file's startup scenarios (by index) or a document of its own. */
  const StackEntry = z.union([z.object({ startup: int.nonnegative() }).strict(), SavedScenarioSchema.strict()]);

  const ClientSchema = TenantSchema.extend({
    /** False: the client ran the scenarios given at start (`--scenario`); true: a stack of its own. */
    own_stack: z.boolean(),
    scenarios: z.array(StackEntry),
  });

  const StateSchema = z.object({
    mx_sim_state: z.literal(STATE_FORMAT),
    /** When it was written (the system clock, for people). */
    saved_at: str,
    /** The scenarios the simulator was started with, once for all clients. */
    startup_scenarios: z.array(SavedScenarioSchema),
    clients: z.array(ClientSchema),
  });

  return { ClientSchema, Member, SavedScenarioSchema, StackEntry, StateSchema, TenantSchema };
}

type Schemas = ReturnType<typeof build>;
const schemas = onFirstUse(build);

export type SavedMember = z.infer<Schemas['Member']>;
export type TenantState = z.infer<Schemas['TenantSchema']>;
export type SavedScenario = z.infer<Schemas['SavedScenarioSchema']>;
export type SavedStackEntry = z.infer<Schemas['StackEntry']>;
export type ClientState = z.infer<Schemas['ClientSchema']>;
export type StateDocument = z.infer<Schemas['StateSchema']>;

/** Why a state document cannot be loaded; the message is one line, meant for people. */
export class StateFormatError extends Error {
  override name = 'StateFormatError';
}

const pathText = (path: ReadonlyArray<PropertyKey>) =>
  path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  ) || '(top level)';

/** Checks a parsed state file: its format number first (a clear word for another version), then every field. */
export function parseState(data: unknown): StateDocument {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !('mx_sim_state' in data)) {
    throw new StateFormatError('it is not an mx-sim state file (no "mx_sim_state" field at the top)');
  }
  const format = (data as { mx_sim_state: unknown }).mx_sim_state;
  if (format !== STATE_FORMAT) {
    const newer = typeof format === 'number' && format > STATE_FORMAT;
    throw new StateFormatError(
      `it is in state format ${JSON.stringify(format)}, and this mx-sim reads format ${STATE_FORMAT} only` +
        (newer ? ' (it was written by a newer mx-sim)' : ''),
    );
  }
  const result = schemas().StateSchema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const shown = issues
    .slice(0, 3)
    .map((i) => `${pathText(i.path)}: ${i.message}`)
    .join('; ');
  throw new StateFormatError(
    `its content is not valid (${shown}${issues.length > 3 ? `; and ${issues.length - 3} more` : ''})`,
  );
}

// ---- A tenant to JSON and back ----

function statementsWithoutPdf(statements: StatementRecord[] | null): StatementRecord[] | null {
  return statements ? statements.map(({ pdf: _, ...s }) => s) : null;
}

function savedMember(m: MemberRecord, profile: DataProfile | undefined): SavedMember {
  const { credentials, oauth_window_uri: _, data, data_profile, ...rest } = m;
  const pinned = data_profile ?? profile;
  return {
    ...rest,
    credentials: credentials.map((c) => ({ guid: c.guid })),
    data: data && { ...data, statements: statementsWithoutPdf(data.statements) },
    // Only while no job has gathered data: later jobs never ask for volumes.
    ...(data === null && pinned && Object.keys(pinned).length ? { data_profile: pinned } : {}),
  };
}

/**
 * A tenant as JSON. `profileOf` says which data volumes a member's credentials ask for (the domain
 * knows), kept for members that have no data yet, since the credentials themselves are not.
 */
export function saveTenant(tenant: Tenant, profileOf: (m: MemberRecord) => DataProfile | undefined): TenantState {
  const dense = (counts: readonly number[]) => Array.from(counts, (n) => n ?? 0);
  return {
    client_id: tenant.clientId,
    seed: tenant.seed,
    clock_offset_ms: tenant.clock.offsetMs,
    guid_position: tenant.guids.position,
    faults: { matched: dense(tenant.faults.matched), fired: dense(tenant.faults.fired) },
    users: tenant.users.list().map((u) => ({ ...u })),
    members: [...tenant.members.all()].map((m) => savedMember(m, m.data === null ? profileOf(m) : undefined)),
    categories: tenant.categories.all().map((c) => ({ ...c })),
    tags: tenant.tags.tags.all().map((t) => ({ ...t })),
    tag_users: tenant.tags.tags.users(),
    taggings: tenant.tags.taggings.all().map((t) => ({ ...t })),
    ...saveManual(tenant),
    ...saveManaged(tenant),
    transaction_edits: tenant.transactionEdits.edits.all().map((e) => ({ ...e })),
    transaction_rules: tenant.transactionEdits.rules.all().map((r) => ({ ...r })),
    transaction_splits: tenant.transactionEdits.splits.all().map((r) => structuredClone(r)),
    webhooks: { guid_position: tenant.webhooks.position, entries: tenant.webhooks.entries() },
    ...(tenant.processor.size
      ? { processor: { codes: tenant.processor.codes(), tokens: tenant.processor.tokens() } }
      : {}),
    ...(tenant.holdingsDeactivated.size ? { holdings_deactivated: [...tenant.holdingsDeactivated] } : {}),
    // Only when there are some: a world without them saves as it did before they existed.
    ...(tenant.microdeposits.size
      ? { micro_deposits: tenant.microdeposits.all().map((md) => structuredClone(md)) }
      : {}),
    ...(tenant.achReturns.size ? { ach_returns: tenant.achReturns.all().map((r) => ({ ...r })) } : {}),
    ...(tenant.cashFlow.size ? { cash_flow_profiles: tenant.cashFlow.all().map((p) => ({ ...p })) } : {}),
    ...saveBudgets(tenant),
    ...saveGoals(tenant),
    ...saveSpendingPlans(tenant),
    ...saveInsights(tenant),
  };
}

/**
 * Fills an empty tenant (the same client, seed and scenarios) with a saved world. Returns what does not
 * fit (a member of an unknown user or institution, a guid twice); the tenant is unusable then.
 */
export function restoreTenant(tenant: Tenant, saved: TenantState): string[] {
  const problems: string[] = [];
  saved.users.forEach((u, i) => {
    if (tenant.users.find(u.guid)) problems.push(`users[${i}].guid: ${u.guid} is there twice`);
    else if (u.id !== null && tenant.users.find(u.id)) problems.push(`users[${i}].id: '${u.id}' is there twice`);
    else tenant.users.insert({ ...u });
  });
  saved.members.forEach((m, i) => {
    const where = `members[${i}]`;
    const inst = tenant.institutions.byCode(m.institution_code);
    if (!tenant.users.find(m.user_guid)) problems.push(`${where}.user_guid: no user ${m.user_guid}`);
    else if (!inst) {
      problems.push(
        `${where}.institution_code: no institution '${m.institution_code}' in this world ` +
          '(was the simulator started with fewer --institutions?)',
      );
    } else if (tenant.members.byGuid(m.guid)) problems.push(`${where}.guid: ${m.guid} is there twice`);
    else {
      const { credentials, data_profile, ...rest } = m;
      const member: MemberRecord = {
        ...rest,
        // Values are never saved: the field guids stay, each with an empty (unknown) value.
        credentials: credentials.map((c) => ({ guid: c.guid, value: '' })),
        // Its consent token was not saved: GET …/oauth_window_uri gives a new one.
        oauth_window_uri: null,
        ...(data_profile ? { data_profile } : {}),
      };
      tenant.members.insert(member);
    }
  });
  (saved.micro_deposits ?? []).forEach((md, i) => {
    if (!tenant.users.find(md.user_guid)) problems.push(`micro_deposits[${i}].user_guid: no user ${md.user_guid}`);
    else if (tenant.microdeposits.find(md.guid)) problems.push(`micro_deposits[${i}].guid: ${md.guid} is there twice`);
    else tenant.microdeposits.insert(structuredClone(md));
  });
  (saved.ach_returns ?? []).forEach((r, i) => {
    if (!tenant.users.find(r.user_guid)) problems.push(`ach_returns[${i}].user_guid: no user ${r.user_guid}`);
    else if (tenant.achReturns.find(r.guid) || tenant.achReturns.find(r.id)) {
      problems.push(`ach_returns[${i}]: ${r.guid} (id '${r.id}') is there twice`);
    } else tenant.achReturns.insert({ ...r });
  });
  (saved.cash_flow_profiles ?? []).forEach((p, i) => {
    if (!tenant.users.find(p.user_guid)) problems.push(`cash_flow_profiles[${i}].user_guid: no user ${p.user_guid}`);
    else tenant.cashFlow.set({ ...p });
  });
  restoreLabels(tenant, saved, problems);
  restoreManual(tenant, saved.manual, problems);
  restoreManaged(tenant, saved.managed, problems);
  restoreBudgets(tenant, saved.budgets, problems);
  restoreGoals(tenant, saved, problems);
  restoreSpendingPlans(tenant, saved.spending_plans, problems);
  restoreInsights(tenant, saved.insights, problems);
  if (problems.length) return problems;
  if (saved.clock_offset_ms > tenant.clock.offsetMs)
    tenant.clock.advance(saved.clock_offset_ms - tenant.clock.offsetMs);
  tenant.guids.moveTo(saved.guid_position);
  tenant.faults.matched.push(...saved.faults.matched);
  tenant.faults.fired.push(...saved.faults.fired);
  tenant.webhooks.restore(saved.webhooks.entries, saved.webhooks.guid_position);
  for (const code of saved.processor?.codes ?? []) tenant.processor.addCode({ ...code });
  for (const token of saved.processor?.tokens ?? []) tenant.processor.addToken({ ...token });
  for (const guid of saved.holdings_deactivated ?? []) tenant.holdingsDeactivated.add(guid);
  return [];
}

/** Custom categories, tags and taggings, each of a user restored. */
function restoreLabels(tenant: Tenant, saved: TenantState, problems: string[]): void {
  const known = (what: string, i: number, r: { guid: string; user_guid: string }, seen: (guid: string) => boolean) => {
    if (!tenant.users.find(r.user_guid)) problems.push(`${what}[${i}].user_guid: no user ${r.user_guid}`);
    else if (seen(r.guid)) problems.push(`${what}[${i}].guid: ${r.guid} is there twice`);
    else return true;
    return false;
  };
  const guids = new Set<string>();
  const once = (guid: string) => {
    if (guids.has(guid)) return true;
    guids.add(guid);
    return false;
  };
  (saved.categories ?? []).forEach((c, i) => {
    if (known('categories', i, c, once)) tenant.categories.insert({ ...c });
  });
  for (const user of saved.tag_users ?? []) if (tenant.users.find(user)) tenant.tags.tags.start(user);
  (saved.tags ?? []).forEach((t, i) => {
    if (known('tags', i, t, once)) tenant.tags.tags.insert({ ...t });
  });
  (saved.taggings ?? []).forEach((t, i) => {
    if (known('taggings', i, t, once)) tenant.tags.taggings.insert({ ...t });
  });
  (saved.transaction_rules ?? []).forEach((r, i) => {
    if (known('transaction_rules', i, r, once)) tenant.transactionEdits.rules.insert({ ...r });
  });
  const edited = new Set<string>();
  (saved.transaction_edits ?? []).forEach((e, i) => {
    if (known('transaction_edits', i, e, (g) => edited.has(g) || !edited.add(g))) {
      tenant.transactionEdits.edits.insert({ ...e });
    }
  });
  const split = new Set<string>();
  (saved.transaction_splits ?? []).forEach((r, i) => {
    if (known('transaction_splits', i, r, (g) => split.has(g) || !split.add(g))) {
      tenant.transactionEdits.addSplit(structuredClone(r));
    }
  });
  tenant.transactionEdits.restored();
}

// ---- Scenario documents without secrets ----

/**
 * A scenario as the state file keeps it: without its preset members' credential values or its webhooks'
 * basic_auth. `removed` says what went (for a warning). A webhook url never holds a user or password (the
 * scenario schema refuses one).
 */
export function scenarioWithoutSecrets(scenario: Scenario): { scenario: Scenario; removed: string[] } {
  const removed: string[] = [];
  const out: Scenario = structuredClone(scenario);
  const hooks = out.webhooks;
  if (hooks?.basic_auth) {
    delete hooks.basic_auth;
    removed.push("the webhooks' basic_auth");
  }
  let credentials = false;
  for (const user of out.users ?? []) {
    for (const member of user.members ?? []) {
      if (member.credentials) {
        delete member.credentials;
        credentials = true;
      }
    }
  }
  if (credentials) removed.push("preset members' credentials");
  return { scenario: out, removed };
}
