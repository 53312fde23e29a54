// A tenant's partner-managed members, accounts and transactions (MX's deprecated "managed data";
// docs/managed-data.md). Per user in creation order, and by guid.
import type { AccountRecord } from '../generators/records.js';
import { PerUser } from './per-user.js';

export interface ManagedMemberRecord {
  guid: string;
  user_guid: string;
  /** The partner's own identifier for the member, if it gave one. */
  id: string | null;
  institution_code: string;
  institution_guid: string;
  name: string;
  metadata: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

/** The account fields a partner writes (MX's ManagedAccountCreateRequest), as given; null when not given. */
export interface ManagedAccountFields {
  id: string;
  name: string;
  type: string;
  /** Required on create; v20250224's update may clear it (null). */
  balance: number | null;
  account_number: string | null;
  apr: number | null;
  apy: number | null;
  available_balance: number | null;
  available_credit: number | null;
  cash_surrender_value: number | null;
  credit_limit: number | null;
  currency_code: string | null;
  day_payment_is_due: number | null;
  death_benefit: number | null;
  interest_rate: number | null;
  is_closed: boolean;
  is_hidden: boolean;
  last_payment: number | null;
  last_payment_at: string | null;
  loan_amount: number | null;
  matures_on: string | null;
  metadata: string | null;
  minimum_balance: number | null;
  minimum_payment: number | null;
  nickname: string | null;
  original_balance: number | null;
  payment_due_at: string | null;
  payoff_balance: number | null;
  routing_number: string | null;
  started_on: string | null;
  subtype: string | null;
}

export interface ManagedAccountRecord extends ManagedAccountFields {
  guid: string;
  user_guid: string;
  /** The managed member it belongs to. */
  member_guid: string;
  created_at_ms: number;
  updated_at_ms: number;
}

/** The transaction fields a partner writes (MX's ManagedTransactionCreateRequest), as given. */
export interface ManagedTransactionFields {
  amount: number;
  description: string;
  status: 'POSTED' | 'PENDING';
  type: 'CREDIT' | 'DEBIT';
  /** transacted_at and posted_at, as instants. */
  transacted_at: number;
  posted_at: number;
  /** A default category's name (null: by type, as MX's uncategorized). */
  category: string | null;
  check_number_string: string | null;
  currency_code: string | null;
  id: string | null;
  is_international: boolean | null;
  latitude: number | null;
  localized_description: string | null;
  localized_memo: string | null;
  longitude: number | null;
  memo: string | null;
  merchant_category_code: number | null;
  merchant_guid: string | null;
  merchant_location_guid: string | null;
  metadata: string | null;
}

export interface ManagedTransactionRecord extends ManagedTransactionFields {
  guid: string;
  user_guid: string;
  account_guid: string;
  created_at_ms: number;
  updated_at_ms: number;
}

export class ManagedStore {
  readonly members = new PerUser<ManagedMemberRecord>();
  readonly accounts = new PerUser<ManagedAccountRecord>();
  readonly transactions = new PerUser<ManagedTransactionRecord>();
  /** Built records (not state): an account's record is made again after each change to it (`touch`). */
  readonly built = new Map<string, AccountRecord>();

  /** Forgets the built records of these account guids, so the next read sees the change. */
  touch(...guids: string[]): void {
    for (const guid of guids) this.built.delete(guid);
  }

  deleteForUser(userGuid: string): void {
    for (const a of this.accounts.forUser(userGuid)) this.built.delete(a.guid);
    this.members.deleteForUser(userGuid);
    this.accounts.deleteForUser(userGuid);
    this.transactions.deleteForUser(userGuid);
  }
}
