// Partner-managed members (MX's deprecated "managed data"): members the partner writes itself, of an
// institution from the managed institution list, that never aggregate, with the accounts and transactions
// the partner writes on them (docs/managed-data.md). How they list and show: managed-records.ts.
import { errors } from '../errors.js';
import { defaultCategoryNamed } from '../generators/categories.js';
import type {
  ManagedAccountFields,
  ManagedAccountRecord,
  ManagedMemberRecord,
  ManagedTransactionFields,
  ManagedTransactionRecord,
} from '../store/managed.js';
import type { MemberRecord } from '../store/members.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { userOf } from './lookup.js';
import { managedMemberIn, managedMemberRecord, managedTransactionsOn } from './managed-records.js';
import { untag } from './manual.js';
import { institutionOf } from './members.js';

export interface ManagedMemberInput {
  id?: string | undefined;
  institution_code: string;
  metadata?: string | undefined;
  name?: string | undefined;
}

export type ManagedMemberChanges = Partial<Pick<ManagedMemberInput, 'id' | 'metadata' | 'name'>>;

/** The user's managed members in creation order. */
export function managedMembersOf(tenant: Tenant, user: UserRecord): readonly ManagedMemberRecord[] {
  return tenant.managed.members.forUser(user.guid);
}

/** The user's managed member with this guid (404 otherwise, also for an ordinary member's guid). */
export function managedMemberOf(tenant: Tenant, user: UserRecord, guid: string): ManagedMemberRecord {
  const m = tenant.managed.members.find(user.guid, guid);
  if (!m || m.user_guid !== user.guid) throw errors.notFound('member', guid);
  return m;
}

/** A partner `id` is the user's one member's: no other member (managed or not) of the user may have it. */
function checkId(tenant: Tenant, user: UserRecord, id: string | undefined, self?: string): void {
  if (id === undefined) return;
  const taken =
    tenant.members.forUser(user.guid).some((m) => m.id === id) ||
    managedMembersOf(tenant, user).some((m) => m.id === id && m.guid !== self);
  if (taken) throw errors.conflict(`A member with id '${id}' already exists for this user.`);
}

export function createManagedMember(tenant: Tenant, user: UserRecord, input: ManagedMemberInput): ManagedMemberRecord {
  const inst = institutionOf(tenant, input.institution_code);
  checkId(tenant, user, input.id);
  const now = tenant.clock.now();
  return tenant.managed.members.insert({
    guid: tenant.guids.next('MBR'),
    user_guid: user.guid,
    id: input.id ?? null,
    institution_code: inst.code,
    institution_guid: inst.guid,
    name: input.name ?? inst.name,
    metadata: input.metadata ?? null,
    created_at_ms: now,
    updated_at_ms: now,
  });
}

export function updateManagedMember(
  tenant: Tenant,
  user: UserRecord,
  m: ManagedMemberRecord,
  changes: ManagedMemberChanges,
): ManagedMemberRecord {
  if (changes.id === undefined && changes.metadata === undefined && changes.name === undefined) {
    throw errors.validation('member: give at least one of id, metadata, name');
  }
  checkId(tenant, user, changes.id, m.guid);
  if (changes.id !== undefined) m.id = changes.id;
  if (changes.metadata !== undefined) m.metadata = changes.metadata;
  if (changes.name !== undefined) m.name = changes.name;
  m.updated_at_ms = tenant.clock.now();
  return m;
}

/** Deletes a managed member with its managed accounts and their transactions. */
export function deleteManagedMember(tenant: Tenant, m: ManagedMemberRecord): void {
  for (const a of tenant.managed.accounts.forUser(m.user_guid).filter((x) => x.member_guid === m.guid)) {
    deleteManagedAccount(tenant, a);
  }
  tenant.managed.members.delete(m);
}

/** A member route's user and managed member, when it names one (ordinary member reads show them too). */
export function managedMemberAt(
  tenant: Tenant,
  p: { user_guid?: string; user_identifier?: string; member_guid?: string; member_identifier?: string },
): { user: UserRecord; member: MemberRecord } | undefined {
  const user = userOf(tenant, p);
  const found = managedMemberIn(tenant, user.guid, p);
  return found ? { user, member: managedMemberRecord(found) } : undefined;
}

// ---- Managed accounts ---------------------------------------------------------------------------

/** A partner's account fields as the request gives them (null or absent: not given). */
export type ManagedAccountInput = { [K in keyof ManagedAccountFields]?: ManagedAccountFields[K] | null | undefined };

const ACCOUNT_REQUIRED = ['balance', 'id', 'name', 'type'] as const;

/** The managed account with this guid on this managed member (404 otherwise). */
export function managedAccountOf(tenant: Tenant, m: ManagedMemberRecord, guid: string): ManagedAccountRecord {
  const a = tenant.managed.accounts.find(m.user_guid, guid);
  if (!a || a.member_guid !== m.guid) throw errors.notFound('account', guid);
  return a;
}

/** An account `id` is one account's on the managed member. */
function checkAccountId(tenant: Tenant, m: ManagedMemberRecord, id: string | null | undefined, self?: string): void {
  if (id === undefined || id === null) return;
  const mine = tenant.managed.accounts.forUser(m.user_guid).filter((a) => a.member_guid === m.guid);
  if (mine.some((a) => a.id === id && a.guid !== self)) {
    throw errors.conflict(`An account with id '${id}' already exists for this member.`);
  }
}

/** A new managed account (with `guid`, a scenario's; else a seeded one). */
export function createManagedAccount(
  tenant: Tenant,
  m: ManagedMemberRecord,
  input: ManagedAccountInput,
  guid?: string,
): ManagedAccountRecord {
  for (const key of ACCOUNT_REQUIRED) {
    if (input[key] === undefined || input[key] === null) throw errors.validation(`account.${key}: required`);
  }
  checkAccountId(tenant, m, input.id);
  const now = tenant.clock.now();
  const given = Object.fromEntries(Object.entries(input).filter(([k, v]) => k !== 'skip_webhook' && v !== undefined));
  return tenant.managed.accounts.insert({
    ...NO_ACCOUNT_FIELDS,
    ...(given as Partial<ManagedAccountFields>),
    is_closed: input.is_closed ?? false,
    is_hidden: input.is_hidden ?? false,
    guid: guid ?? tenant.guids.next('ACT'),
    user_guid: m.user_guid,
    member_guid: m.guid,
    created_at_ms: now,
    updated_at_ms: now,
  } as ManagedAccountRecord);
}

/** Every optional field of a managed account, not given. */
const NO_ACCOUNT_FIELDS: Omit<ManagedAccountFields, (typeof ACCOUNT_REQUIRED)[number]> = {
  account_number: null,
  apr: null,
  apy: null,
  available_balance: null,
  available_credit: null,
  cash_surrender_value: null,
  credit_limit: null,
  currency_code: null,
  day_payment_is_due: null,
  death_benefit: null,
  interest_rate: null,
  is_closed: false,
  is_hidden: false,
  last_payment: null,
  last_payment_at: null,
  loan_amount: null,
  matures_on: null,
  metadata: null,
  minimum_balance: null,
  minimum_payment: null,
  nickname: null,
  original_balance: null,
  payment_due_at: null,
  payoff_balance: null,
  routing_number: null,
  started_on: null,
  subtype: null,
};

/** The fields an update gives (skip_webhook aside): 400 when none is, or when it clears one it must keep. */
function givenFields(input: Record<string, unknown>, what: string, kept: readonly string[]): string[] {
  const given = Object.keys(input).filter((k) => k !== 'skip_webhook' && input[k] !== undefined);
  if (given.length === 0) throw errors.validation(`${what}: give at least one field to change`);
  for (const key of kept) if (input[key] === null) throw errors.validation(`${what}.${key}: must not be null`);
  return given;
}

/** Updates what the request gives; `null` clears an optional field (a flag cleared is false). */
export function updateManagedAccount(
  tenant: Tenant,
  m: ManagedMemberRecord,
  a: ManagedAccountRecord,
  input: ManagedAccountInput,
): ManagedAccountRecord {
  // v20250224's update request lets the balance be null; the account's id, name and type stay.
  const given = givenFields(input, 'account', ['id', 'name', 'type']);
  checkAccountId(tenant, m, input.id, a.guid);
  const record = a as unknown as Record<string, unknown>;
  for (const key of given) {
    const value = (input as Record<string, unknown>)[key] ?? null;
    record[key] = value === null && typeof record[key] === 'boolean' ? false : value;
  }
  a.updated_at_ms = tenant.clock.now();
  tenant.managed.touch(a.guid);
  return a;
}

/** Deletes a managed account with its managed transactions (and their taggings). */
export function deleteManagedAccount(tenant: Tenant, a: ManagedAccountRecord): void {
  const txs = managedTransactionsOn(tenant, a);
  for (const t of txs) tenant.managed.transactions.delete(t);
  untag(
    tenant,
    a.user_guid,
    txs.map((t) => t.guid),
  );
  tenant.managed.accounts.delete(a);
  tenant.managed.touch(a.guid);
}

// ---- Managed transactions -----------------------------------------------------------------------

/** A partner's transaction fields as the request gives them: amounts as text, times as ISO 8601. */
export type ManagedTransactionInput = {
  [K in keyof ManagedTransactionFields]?:
    | (K extends 'amount'
        ? string | number
        : K extends 'transacted_at' | 'posted_at'
          ? string
          : ManagedTransactionFields[K])
    | null
    | undefined;
};

const TRANSACTION_REQUIRED = ['amount', 'description', 'status', 'posted_at', 'transacted_at', 'type'] as const;

export function managedTransactionOf(tenant: Tenant, a: ManagedAccountRecord, guid: string): ManagedTransactionRecord {
  const t = tenant.managed.transactions.find(a.user_guid, guid);
  if (!t || t.account_guid !== a.guid) throw errors.notFound('transaction', guid);
  return t;
}

function amountOf(value: string | number): number {
  const n = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(n))
    throw errors.validation(`transaction.amount: '${value}' is not a number; give it as '61.11'`);
  return n;
}

function instantOf(value: string, key: string): number {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || !Number.isFinite(at)) {
    throw errors.validation(
      `transaction.${key}: '${value}' is not a time; give ISO 8601, e.g. 2016-10-06T13:00:00.000Z`,
    );
  }
  return at;
}

function categoryOf(name: string): string {
  const c = defaultCategoryNamed(name);
  if (!c) {
    throw errors.validation(
      `transaction.category: '${name}' is not one of MX's default categories (GET /categories/default lists them)`,
    );
  }
  return c.name;
}

/** The stored form of the fields given (amount, times and category read and checked). */
function transactionFields(input: ManagedTransactionInput, keys: readonly string[]): Partial<ManagedTransactionFields> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (input as Record<string, unknown>)[key] ?? null;
    if (value === null) out[key] = null;
    else if (key === 'amount') out[key] = amountOf(value as string | number);
    else if (key === 'posted_at' || key === 'transacted_at') out[key] = instantOf(value as string, key);
    else if (key === 'category') out[key] = categoryOf(value as string);
    else out[key] = value;
  }
  return out as Partial<ManagedTransactionFields>;
}

const NO_TRANSACTION_FIELDS: Omit<ManagedTransactionFields, (typeof TRANSACTION_REQUIRED)[number]> = {
  category: null,
  check_number_string: null,
  currency_code: null,
  id: null,
  is_international: null,
  latitude: null,
  localized_description: null,
  localized_memo: null,
  longitude: null,
  memo: null,
  merchant_category_code: null,
  merchant_guid: null,
  merchant_location_guid: null,
  metadata: null,
};

/** A new managed transaction (with `guid`, a scenario's; else a seeded one). */
export function createManagedTransaction(
  tenant: Tenant,
  a: ManagedAccountRecord,
  input: ManagedTransactionInput,
  guid?: string,
): ManagedTransactionRecord {
  for (const key of TRANSACTION_REQUIRED) {
    if (input[key] === undefined || input[key] === null) throw errors.validation(`transaction.${key}: required`);
  }
  const keys = Object.keys(input).filter(
    (k) => k !== 'skip_webhook' && (input as Record<string, unknown>)[k] !== undefined,
  );
  const now = tenant.clock.now();
  const t = tenant.managed.transactions.insert({
    ...NO_TRANSACTION_FIELDS,
    ...(transactionFields(input, keys) as ManagedTransactionFields),
    guid: guid ?? tenant.guids.next('TRN'),
    user_guid: a.user_guid,
    account_guid: a.guid,
    created_at_ms: now,
    updated_at_ms: now,
  });
  tenant.managed.touch(a.guid);
  return t;
}

export function updateManagedTransaction(
  tenant: Tenant,
  t: ManagedTransactionRecord,
  input: ManagedTransactionInput,
): ManagedTransactionRecord {
  const given = givenFields(input, 'transaction', TRANSACTION_REQUIRED);
  Object.assign(t, transactionFields(input, given));
  t.updated_at_ms = tenant.clock.now();
  tenant.managed.touch(t.account_guid);
  return t;
}

export function deleteManagedTransaction(tenant: Tenant, t: ManagedTransactionRecord): void {
  tenant.managed.transactions.delete(t);
  untag(tenant, t.user_guid, [t.guid]);
  tenant.managed.touch(t.account_guid);
}
