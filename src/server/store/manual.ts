// A tenant's manual accounts and manual transactions, the user's edits of aggregated accounts, and the
// accounts merged into others (docs/manual-accounts.md). Per user in creation order, and by guid.
import type { AccountRecord } from '../generators/records.js';
import { PerUser } from './per-user.js';

/** The account fields a user gives a manual account (MX's AccountCreateRequest), as given. */
export interface ManualAccountFields {
  name: string;
  account_type: string;
  account_subtype: string | null;
  apr: number | null;
  apy: number | null;
  available_balance: number | null;
  balance: number | null;
  cash_surrender_value: number | null;
  credit_limit: number | null;
  currency_code: string;
  death_benefit: number | null;
  interest_rate: number | null;
  is_business: boolean;
  is_closed: boolean;
  is_hidden: boolean;
  loan_amount: number | null;
  metadata: string | null;
  nickname: string | null;
  original_balance: number | null;
  property_type: string | null;
}

export interface ManualAccountRecord extends ManualAccountFields {
  guid: string;
  user_guid: string;
  /** The user's manual member (of the Manual Institution). */
  member_guid: string;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface ManualTransactionRecord {
  guid: string;
  user_guid: string;
  /** The account it lists under: the manual account it was made on, or the account that account merged into. */
  account_guid: string;
  amount: number;
  /** The day it happened, as midnight UTC. */
  at: number;
  description: string;
  type: 'CREDIT' | 'DEBIT';
  category: string | null;
  memo: string | null;
  metadata: string | null;
  created_at_ms: number;
}

/** What the user changed on an aggregated account (aggregation never overwrites it). */
export interface AccountEditRecord {
  /** The account's guid. */
  guid: string;
  user_guid: string;
  is_business?: boolean;
  is_hidden?: boolean;
  metadata?: string | null;
  updated_at_ms: number;
}

/** An aggregated account merged into another: gone from lists, its transactions listed under `into`. */
export interface MergeRecord {
  /** The merged-away account's guid. */
  guid: string;
  user_guid: string;
  into: string;
}

export interface ManualMemberRecord {
  guid: string;
  user_guid: string;
}

export class ManualStore {
  readonly members = new PerUser<ManualMemberRecord>();
  readonly accounts = new PerUser<ManualAccountRecord>();
  readonly transactions = new PerUser<ManualTransactionRecord>();
  readonly edits = new PerUser<AccountEditRecord>();
  readonly merges = new PerUser<MergeRecord>();
  /** Built records (not state): an account's record is made again after each change to it (`touch`). */
  readonly built = new Map<string, AccountRecord>();

  /** Forgets the built records of these account guids, so the next read sees the change. */
  touch(...guids: string[]): void {
    for (const guid of guids) this.built.delete(guid);
  }

  /** Forgets what refers to these (aggregated) accounts of the user: edits, merges, transactions moved onto them. */
  forgetAccounts(userGuid: string, guids: readonly string[]): void {
    if (!guids.length) return;
    const gone = new Set(guids);
    for (const e of this.edits.forUser(userGuid).filter((r) => gone.has(r.guid))) this.edits.delete(e);
    // An account merged into one of these stays merged away (MX deleted it); its transactions went with these.
    for (const m of this.merges.forUser(userGuid).filter((r) => gone.has(r.guid))) this.merges.delete(m);
    for (const t of this.transactions.forUser(userGuid).filter((r) => gone.has(r.account_guid))) {
      this.transactions.delete(t);
    }
    this.touch(...guids.map((g) => `+${g}`));
  }

  deleteForUser(userGuid: string): void {
    for (const a of this.accounts.forUser(userGuid)) this.built.delete(a.guid);
    for (const t of this.transactions.forUser(userGuid)) this.built.delete(`+${t.account_guid}`);
    this.members.deleteForUser(userGuid);
    this.accounts.deleteForUser(userGuid);
    this.transactions.deleteForUser(userGuid);
    this.edits.deleteForUser(userGuid);
    this.merges.deleteForUser(userGuid);
  }
}
