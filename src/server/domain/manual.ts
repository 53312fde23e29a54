// Manual accounts (under the user's member of the Manual Institution), manual transactions, the user's
// edits of aggregated accounts, and merging accounts. See docs/manual-accounts.md.
//
// A manual account is kept as what the user gave (store/manual.ts) and shown through an AccountRecord
// built from it, whose stream holds its manual transactions exactly (a `fixed` stream), so transaction
// lists, pages and reads treat it as any other account. Every change builds the record and its stream
// anew, which is what tells transaction-json.ts's kept texts and pages that they are stale.
import { MX_ACCOUNT_TYPES as ACCOUNT_TYPES } from '../../mx/accounts.js';
import { isoTime } from '../clock.js';
import { errors } from '../errors.js';
import { defaultCategory } from '../generators/categories.js';
import { stableGuid } from '../generators/ids.js';
import type { AccountRecord } from '../generators/records.js';
import type { Stream } from '../generators/transactions.js';
import type {
  AccountEditRecord,
  ManualAccountFields,
  ManualAccountRecord,
  ManualMemberRecord,
  ManualTransactionRecord,
} from '../store/manual.js';
import type { MemberRecord } from '../store/members.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { type GivenTransaction, givenAccountRecord, givenStream, keyOf, showGiven } from './given-accounts.js';
import {
  managedAccountsOf,
  managedAccountValues,
  managedMemberIn,
  managedMemberNamed,
  managedMemberRecord,
} from './managed-records.js';
import { editTransaction } from './transaction-edits.js';

export const MANUAL_INSTITUTION_CODE = 'manual_institution';
export const MANUAL_INSTITUTION_GUID = stableGuid('INS', 'institution', MANUAL_INSTITUTION_CODE);

/** The fields an aggregated account's update may set (MX: every other field comes from the institution). */
export const AGGREGATED_EDITABLE = ['is_business', 'is_hidden', 'metadata'] as const;

// ---- The manual member ----------------------------------------------------------------------------

/** The user's member of the Manual Institution: made with the first manual account. */
export function manualMemberOf(tenant: Tenant, user: UserRecord): ManualMemberRecord | undefined {
  return tenant.manual.members.forUser(user.guid)[0];
}

function ensureManualMember(tenant: Tenant, user: UserRecord): ManualMemberRecord {
  return (
    manualMemberOf(tenant, user) ??
    tenant.manual.members.insert({ guid: tenant.guids.next('MBR'), user_guid: user.guid })
  );
}

/** The MemberRecord the presenters read for a manual account (its guid, id and institution). */
export function manualMemberRecord(m: ManualMemberRecord): MemberRecord {
  return {
    guid: m.guid,
    id: null,
    user_guid: m.user_guid,
    institution_code: MANUAL_INSTITUTION_CODE,
    institution_guid: MANUAL_INSTITUTION_GUID,
    name: 'Manual Institution',
    metadata: null,
  } as MemberRecord;
}

// ---- Records built for presenting and listing -----------------------------------------------------

/** What a stream of these manual transactions holds. */
function givenOf(txs: readonly ManualTransactionRecord[]): GivenTransaction[] {
  return txs.map((t) => ({
    created_at_ms: t.created_at_ms,
    fixed: {
      at: t.at,
      amount: t.amount,
      type: t.type,
      description: t.description,
      pending: false,
      guid: t.guid,
      id: t.guid,
      ...(t.category !== null ? { category: t.category } : {}),
      ...(t.memo !== null ? { memo: t.memo } : {}),
      manual: true,
      metadata: t.metadata,
    },
  }));
}

function transactionsOn(tenant: Tenant, userGuid: string, accountGuid: string): ManualTransactionRecord[] {
  return tenant.manual.transactions.forUser(userGuid).filter((t) => t.account_guid === accountGuid);
}

/** The record a manual account lists and presents as (built again after each change to it). */
export function manualAccountRecord(tenant: Tenant, a: ManualAccountRecord): AccountRecord {
  const built = tenant.manual.built.get(a.guid);
  if (built) return built;
  const record = givenAccountRecord(
    {
      ...a,
      id: a.guid,
      institution_code: MANUAL_INSTITUTION_CODE,
      type: a.account_type,
      subtype: a.account_subtype,
      day_payment_is_due: null,
      account_number: null,
    },
    givenOf(transactionsOn(tenant, a.user_guid, a.guid)),
  );
  tenant.manual.built.set(a.guid, record);
  return record;
}

export function isManual(tenant: Tenant, a: AccountRecord): boolean {
  return tenant.manual.accounts.has(a.guid) && a.institution_code === MANUAL_INSTITUTION_CODE;
}

/** The user's manual accounts' records, in creation order. */
export function manualAccountsOf(tenant: Tenant, user: UserRecord): AccountRecord[] {
  return tenant.manual.accounts.forUser(user.guid).map((a) => manualAccountRecord(tenant, a));
}

/** Without the accounts merged into another. */
export function withoutMerged(tenant: Tenant, userGuid: string, accounts: readonly AccountRecord[]): AccountRecord[] {
  const merges = tenant.manual.merges;
  if (merges.forUser(userGuid).length === 0) return accounts as AccountRecord[];
  return accounts.filter((a) => !merges.has(a.guid));
}

function aggregatedOf(tenant: Tenant, userGuid: string): AccountRecord[] {
  return tenant.members.forUser(userGuid).flatMap((m) => m.data?.accounts ?? []);
}

const satellites = new WeakMap<AccountRecord, { into: AccountRecord; stream: Stream; record: AccountRecord }>();

/**
 * What lists the transactions of these accounts: each account, then for each the transactions that
 * moved onto it (manual transactions of a manual account merged into it; the history of an aggregated
 * account merged into it, shown with its guid).
 */
export function transactionSources(
  tenant: Tenant,
  user: UserRecord,
  accounts: readonly AccountRecord[],
): AccountRecord[] {
  const store = tenant.manual;
  const merges = store.merges.forUser(user.guid);
  const moved = store.transactions.forUser(user.guid).some((t) => !store.accounts.has(t.account_guid));
  if (merges.length === 0 && !moved) return accounts as AccountRecord[];
  const out: AccountRecord[] = [];
  const aggregated = merges.length ? aggregatedOf(tenant, user.guid) : [];
  for (const a of accounts) {
    out.push(a);
    if (!isManual(tenant, a)) {
      const txs = transactionsOn(tenant, user.guid, a.guid);
      if (txs.length) {
        let built = store.built.get(`+${a.guid}`);
        if (!built || built.member_guid !== a.member_guid) {
          built = { ...a, key: keyOf(`+${a.guid}`), stream: givenStream(givenOf(txs), a.created_at), holdings: [] };
          store.built.set(`+${a.guid}`, built);
        }
        out.push(built);
      }
    }
    for (const m of merges) {
      if (m.into !== a.guid) continue;
      const away = aggregated.find((x) => x.guid === m.guid);
      if (!away) continue;
      let s = satellites.get(away);
      if (!s || s.into !== a || s.stream !== away.stream) {
        const record = { ...away, guid: a.guid, id: a.id, member_guid: a.member_guid };
        s = { into: a, stream: away.stream, record };
        satellites.set(away, s);
      }
      out.push(s.record);
    }
  }
  return out;
}

// ---- Presenting ---------------------------------------------------------------------------------

/** The wire account with what the user gave or changed: a manual account's fields, an aggregated one's edits. */
export function withUserFields(
  tenant: Tenant,
  a: AccountRecord,
  wire: Record<string, unknown>,
): Record<string, unknown> {
  const managed = managedAccountValues(tenant, a);
  if (managed) return showGiven(wire, managed);
  const manual = tenant.manual.accounts.find(a.user_guid, a.guid);
  if (manual) {
    const liability = ['CREDIT_CARD', 'LOAN', 'LINE_OF_CREDIT', 'MORTGAGE', 'CHECKING_LINE_OF_CREDIT'];
    return showGiven(wire, {
      account_number: null,
      day_payment_is_due: null,
      minimum_payment: null,
      payoff_balance: null,
      type: manual.account_type,
      subtype: manual.account_subtype,
      balance: manual.balance,
      available_balance: manual.available_balance,
      available_credit:
        liability.includes(manual.account_type) && manual.credit_limit !== null
          ? Math.max(0, manual.credit_limit - (manual.balance ?? 0))
          : null,
      cash_surrender_value: manual.cash_surrender_value,
      currency_code: manual.currency_code,
      death_benefit: manual.death_benefit,
      is_business: manual.is_business,
      is_closed: manual.is_closed,
      is_hidden: manual.is_hidden,
      is_manual: true,
      loan_amount: manual.loan_amount,
      member_is_managed_by_user: true,
      metadata: manual.metadata,
      nickname: manual.nickname,
      property_type: manual.property_type,
    });
  }
  const set = (key: string, value: unknown) => {
    if (key in wire) wire[key] = value;
  };
  const edit = tenant.manual.edits.find(a.user_guid, a.guid);
  if (edit) {
    if (edit.is_business !== undefined) set('is_business', edit.is_business);
    if (edit.is_hidden !== undefined) set('is_hidden', edit.is_hidden);
    if (edit.metadata !== undefined) set('metadata', edit.metadata);
    if (edit.updated_at_ms > a.updated_at) set('updated_at', isoTime(edit.updated_at_ms));
  }
  return wire;
}

// ---- Manual accounts ----------------------------------------------------------------------------

/** 400 for a partner-managed account or transaction on an operation of manual ones: the managed operations change it. */
function refuseManaged(tenant: Tenant, userGuid: string, guid: string, why: string): void {
  const what = tenant.managed.accounts.find(userGuid, guid)
    ? 'account'
    : tenant.managed.transactions.find(userGuid, guid)
      ? 'transaction'
      : undefined;
  if (!what) return;
  throw errors.badRequest(
    `${what} ${guid} is partner-managed: ${why}; change it with the managed data operations ` +
      '(/users/{user_guid}/managed_members/{member_guid}/accounts…)',
  );
}

export type ManualAccountInput = { [K in keyof ManualAccountFields]?: ManualAccountFields[K] | null | undefined };

const nullable = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

export function createManualAccount(tenant: Tenant, user: UserRecord, input: ManualAccountInput): ManualAccountRecord {
  if (input.name === undefined || input.name === null || input.name.trim() === '') {
    throw errors.validation('account.name: required; give the manual account a name');
  }
  if (input.account_type === undefined || input.account_type === null) {
    throw errors.validation(`account.account_type: required; one of ${ACCOUNT_TYPES.join(', ')}`);
  }
  const member = ensureManualMember(tenant, user);
  const now = tenant.clock.now();
  return tenant.manual.accounts.insert({
    guid: tenant.guids.next('ACT'),
    user_guid: user.guid,
    member_guid: member.guid,
    name: input.name,
    account_type: input.account_type,
    account_subtype: nullable(input.account_subtype),
    apr: nullable(input.apr),
    apy: nullable(input.apy),
    available_balance: nullable(input.available_balance),
    balance: nullable(input.balance),
    cash_surrender_value: nullable(input.cash_surrender_value),
    credit_limit: nullable(input.credit_limit),
    currency_code: input.currency_code ?? 'USD',
    death_benefit: nullable(input.death_benefit),
    interest_rate: nullable(input.interest_rate),
    is_business: input.is_business ?? false,
    is_closed: input.is_closed ?? false,
    is_hidden: input.is_hidden ?? false,
    loan_amount: nullable(input.loan_amount),
    metadata: nullable(input.metadata),
    nickname: nullable(input.nickname),
    original_balance: nullable(input.original_balance),
    property_type: nullable(input.property_type),
    created_at_ms: now,
    updated_at_ms: now,
  });
}

/** Deletes a manual account and its manual transactions; 404 for no such account, 400 for an aggregated one. */
export function deleteManualAccount(
  tenant: Tenant,
  user: UserRecord,
  accounts: readonly AccountRecord[],
  guid: string,
): void {
  const store = tenant.manual;
  const manual = store.accounts.find(user.guid, guid);
  if (!manual) {
    refuseManaged(tenant, user.guid, guid, 'only manual accounts are deleted here');
    if (accounts.some((a) => a.guid === guid)) {
      throw errors.badRequest(
        `account ${guid} is aggregated from an institution, not manual: only manual accounts can be deleted; ` +
          'to drop an aggregated account, delete its member',
      );
    }
    throw errors.notFound('account', guid);
  }
  const txs = transactionsOn(tenant, user.guid, guid);
  for (const t of txs) store.transactions.delete(t);
  untag(
    tenant,
    user.guid,
    txs.map((t) => t.guid),
  );
  store.accounts.delete(manual);
  store.touch(guid);
}

/**
 * Updates an account: any field of a manual account; only `is_business`, `is_hidden` and `metadata` of an
 * aggregated one (400 naming the others). What the user sets on an aggregated account is kept apart from
 * what aggregation writes, so a later aggregation never overwrites it.
 */
export function updateAccount(tenant: Tenant, user: UserRecord, a: AccountRecord, input: ManualAccountInput): void {
  const now = tenant.clock.now();
  const given = Object.keys(input).filter(
    (k) => k !== 'skip_webhook' && (input as Record<string, unknown>)[k] !== undefined,
  );
  if (given.length === 0) {
    throw errors.validation('account: give at least one field to change (for example is_hidden, name or metadata)');
  }
  const manual = tenant.manual.accounts.find(user.guid, a.guid);
  if (manual) {
    if (input.name === null || (input.name !== undefined && input.name.trim() === '')) {
      throw errors.validation('account.name: must not be empty');
    }
    if (input.account_type === null) throw errors.validation('account.account_type: must not be null');
    const m = manual as unknown as Record<string, unknown>;
    for (const key of given) {
      const value = (input as Record<string, unknown>)[key] ?? null;
      // null clears a field; a flag cleared is false.
      m[key] = value === null && typeof m[key] === 'boolean' ? false : value;
    }
    if (manual.currency_code === null) manual.currency_code = 'USD';
    manual.updated_at_ms = now;
    tenant.manual.touch(a.guid);
    return;
  }
  const refused = given.filter((k) => !(AGGREGATED_EDITABLE as readonly string[]).includes(k));
  if (refused.length) {
    refuseManaged(tenant, user.guid, a.guid, `only ${AGGREGATED_EDITABLE.join(', ')} are updated here`);
    throw errors.badRequest(
      `account ${a.guid} is aggregated: only ${AGGREGATED_EDITABLE.join(', ')} can be updated; ` +
        `${refused.join(', ')} come${refused.length === 1 ? 's' : ''} from the institution`,
      'validation_error',
    );
  }
  const managed = tenant.managed.accounts.find(user.guid, a.guid);
  if (managed) {
    // A managed account keeps what the user changes with what the partner wrote (it has no is_business).
    if (input.is_hidden !== undefined && input.is_hidden !== null) managed.is_hidden = input.is_hidden;
    if (input.metadata !== undefined) managed.metadata = input.metadata;
    managed.updated_at_ms = now;
    tenant.managed.touch(a.guid);
    return;
  }
  let edit = tenant.manual.edits.find(user.guid, a.guid);
  if (!edit)
    edit = tenant.manual.edits.insert({ guid: a.guid, user_guid: user.guid, updated_at_ms: now } as AccountEditRecord);
  if (input.is_business !== undefined && input.is_business !== null) edit.is_business = input.is_business;
  if (input.is_hidden !== undefined && input.is_hidden !== null) edit.is_hidden = input.is_hidden;
  if (input.metadata !== undefined) edit.metadata = input.metadata;
  edit.updated_at_ms = now;
}

// ---- Manual transactions ------------------------------------------------------------------------

/** Deleted transactions take their taggings with them. */
export function untag(tenant: Tenant, userGuid: string, transactionGuids: readonly string[]): void {
  if (!transactionGuids.length) return;
  const gone = new Set(transactionGuids);
  const taggings = tenant.tags.taggings;
  for (const g of taggings.forUser(userGuid).filter((x) => gone.has(x.transaction_guid))) taggings.delete(g);
}

export interface ManualTransactionInput {
  amount: number;
  date: string;
  description: string;
  type: 'CREDIT' | 'DEBIT';
  category_guid?: string | null | undefined;
  memo?: string | undefined;
  metadata?: string | undefined;
}

function dayOf(date: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(date);
  const at = m ? Date.parse(`${m[1]}T00:00:00Z`) : Number.NaN;
  if (!Number.isFinite(at)) throw errors.validation(`transaction.date: '${date}' is not a date; give YYYY-MM-DD`);
  return at;
}

export function createManualTransaction(
  tenant: Tenant,
  user: UserRecord,
  accounts: readonly AccountRecord[],
  accountGuid: string,
  input: ManualTransactionInput,
): { record: AccountRecord; k: number } {
  const manual = tenant.manual.accounts.find(user.guid, accountGuid);
  if (!manual) {
    refuseManaged(tenant, user.guid, accountGuid, 'manual transactions are made on manual accounts only');
    if (accounts.some((a) => a.guid === accountGuid)) {
      throw errors.badRequest(
        `account ${accountGuid} is aggregated: manual transactions can only be made on a manual account ` +
          '(POST /users/{user_guid}/accounts makes one)',
      );
    }
    throw errors.notFound('account', accountGuid);
  }
  let category: string | null = null;
  /** A user's own category goes on as a user's edit does (the overlay), so it reads back as any edit. */
  let custom: string | undefined;
  if (input.category_guid) {
    const c = defaultCategory(input.category_guid);
    if (c) category = c.name;
    else if (tenant.categories.find(user.guid, input.category_guid)) custom = input.category_guid;
    else {
      throw errors.validation(
        `transaction.category_guid: '${input.category_guid}' is neither one of MX's default categories ` +
          "(GET /categories/default) nor one of the user's own (GET /users/{user_guid}/categories)",
      );
    }
  }
  const t = tenant.manual.transactions.insert({
    guid: tenant.guids.next('MAN'),
    user_guid: user.guid,
    account_guid: manual.guid,
    amount: input.amount,
    at: dayOf(input.date),
    description: input.description,
    type: input.type,
    category,
    memo: input.memo ?? null,
    metadata: input.metadata ?? null,
    created_at_ms: tenant.clock.now(),
  });
  if (custom) editTransaction(tenant, user, t.guid, { category_guid: custom });
  tenant.manual.touch(manual.guid);
  const record = manualAccountRecord(tenant, manual);
  const k = (record.stream.fixed ?? []).findIndex((f) => f.guid === t.guid) + 1;
  return { record, k };
}

/** Deletes a manual transaction; 404 for no such one, 400 for a transaction aggregated from an institution. */
export function deleteManualTransaction(
  tenant: Tenant,
  user: UserRecord,
  guid: string,
  isAggregated: () => boolean,
): void {
  const t = tenant.manual.transactions.find(user.guid, guid);
  if (!t) {
    refuseManaged(tenant, user.guid, guid, 'only manual transactions are deleted here');
    if (isAggregated()) {
      throw errors.badRequest(
        `transaction ${guid} is aggregated from an institution: only manual transactions can be deleted`,
      );
    }
    throw errors.notFound('transaction', guid);
  }
  tenant.manual.transactions.delete(t);
  untag(tenant, user.guid, [t.guid]);
  tenant.manual.touch(t.account_guid, `+${t.account_guid}`);
}

// ---- Merging ------------------------------------------------------------------------------------

/**
 * Merges accounts the user names as duplicates into one. The one kept is the first aggregated account
 * named (else the first named); every other one goes: a manual account is deleted and its manual
 * transactions move to the one kept; an aggregated one leaves the lists and its transactions list under
 * the one kept (with their own guids).
 */
export function mergeAccounts(
  tenant: Tenant,
  user: UserRecord,
  accounts: readonly AccountRecord[],
  guids: readonly string[],
): AccountRecord {
  const unique = [...new Set(guids)];
  if (unique.length < 2) {
    throw errors.validation('account.account_guids: give at least two different account guids of the user');
  }
  const found = unique.map((g) => {
    const a = accounts.find((x) => x.guid === g);
    if (!a) throw errors.notFound('account', g);
    refuseManaged(tenant, user.guid, g, 'what the partner writes is not merged');
    return a;
  });
  const kept = found.find((a) => !isManual(tenant, a)) ?? (found[0] as AccountRecord);
  const store = tenant.manual;
  for (const away of found) {
    if (away === kept) continue;
    for (const m of store.merges.forUser(user.guid)) if (m.into === away.guid) m.into = kept.guid;
    for (const t of store.transactions.forUser(user.guid)) if (t.account_guid === away.guid) t.account_guid = kept.guid;
    const manual = store.accounts.find(user.guid, away.guid);
    if (manual) store.accounts.delete(manual);
    else store.merges.insert({ guid: away.guid, user_guid: user.guid, into: kept.guid });
    store.touch(away.guid, `+${away.guid}`);
  }
  store.touch(kept.guid, `+${kept.guid}`);
  const manualKept = store.accounts.find(user.guid, kept.guid);
  return manualKept ? manualAccountRecord(tenant, manualKept) : kept;
}

/** The accounts of a member named in a path: the user's manual member's manual accounts, or an aggregated member's. */
export function manualMemberAt(
  tenant: Tenant,
  user: UserRecord,
  identifier: string | undefined,
): ManualMemberRecord | undefined {
  const m = manualMemberOf(tenant, user);
  return m && identifier === m.guid ? m : undefined;
}

/**
 * The member a `{member_…}` path names and its accounts: the user's manual member and manual accounts, a
 * managed member (by guid) and its managed accounts, else the aggregated member (404 when the user has none such) without the accounts merged away.
 */
export function memberAccountsAt(
  tenant: Tenant,
  user: UserRecord,
  p: { member_guid?: string; member_identifier?: string },
  memberOf: (tenant: Tenant, user: UserRecord, p: { member_guid?: string; member_identifier?: string }) => MemberRecord,
): { member: MemberRecord; accounts: AccountRecord[] } {
  const manual = manualMemberAt(tenant, user, p.member_identifier ?? p.member_guid);
  if (manual) return { member: manualMemberRecord(manual), accounts: manualAccountsOf(tenant, user) };
  const managed = managedMemberIn(tenant, user.guid, p);
  if (managed)
    return { member: managedMemberRecord(managed), accounts: managedAccountsOf(tenant, user.guid, managed.guid) };
  const member = memberOf(tenant, user, p);
  return { member, accounts: withoutMerged(tenant, user.guid, member.data?.accounts ?? []) };
}

/** The member an account of the user belongs to (its manual member for a manual account). */
export function memberOfAccount(tenant: Tenant, a: AccountRecord): MemberRecord {
  const manual = tenant.manual.members.find(a.user_guid, a.member_guid);
  if (manual) return manualMemberRecord(manual);
  const managed = managedMemberNamed(tenant, a.user_guid, a.member_guid);
  if (managed) return managedMemberRecord(managed);
  return tenant.members.byGuid(a.member_guid) as MemberRecord;
}
