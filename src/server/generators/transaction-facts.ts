// Everything about transaction k of an account, whether generated (a pure function of the stream and
// k) or given exactly by a scenario. Presenters of every version and the statement PDF read this.
import {
  type Category,
  categoryNamed,
  MERCHANTS,
  type Merchant,
  type ParentClass,
  pickKind,
  type Repeating,
  type TransactionKind,
} from './finance.js';
import { decodeTransactionGuid, encodeTransactionGuid } from './ids.js';
import type { AccountRecord } from './records.js';
import {
  createdAt,
  draws,
  type FixedTransaction,
  type GivenWireFields,
  isPending,
  timeOf,
  updatedAt,
} from './transactions.js';

/** The institution's id for a transaction: the account id and a positive sequence number. */
const TRANSACTION_ID_BIAS = 1_000_000_000;

export interface TransactionFacts {
  guid: string;
  id: string;
  amount: number;
  type: 'CREDIT' | 'DEBIT';
  category: Category;
  description: string;
  original_description: string;
  merchant: Merchant | null;
  merchant_guid: string | null;
  check_number: string | null;
  memo: string | null;
  /** When it happened (transacted_at; `date` is its day). */
  at: number;
  pending: boolean;
  posted_at: number | null;
  created_at: number;
  updated_at: number;
  parent_class: ParentClass;
  repeating: Repeating;
  flags: NonNullable<TransactionKind['flags']>;
  /** Made by the user (a manual transaction), with the metadata they gave. */
  manual: boolean;
  metadata: string | null;
  /** Wire fields a partner wrote (a managed transaction), shown as they are. */
  given: GivenWireFields | null;
}

function generated(a: AccountRecord, k: number): TransactionFacts {
  const s = a.stream;
  const d = draws(s, k);
  const kind = pickKind(a.type, d.next());
  const amount = d.money(kind.min, kind.max);
  const merchant = kind.merchants.length ? d.pick(kind.merchants) : null;
  const checkNumber = kind.check ? String(1000 + (Math.abs(k) % 9000)) : null;
  const at = timeOf(s, k);
  const pending = isPending(s, k);
  const description =
    merchant?.name ?? (checkNumber ? `Check #${checkNumber}` : (kind.description ?? kind.category.name));
  return {
    guid: guidOf(a, k),
    id: idOf(a, k),
    amount,
    type: kind.type,
    category: kind.category,
    description,
    original_description: merchant
      ? `${merchant.name.toUpperCase()} ${merchant.city.toUpperCase()} ${merchant.state}`
      : description.toUpperCase(),
    merchant,
    merchant_guid: merchant?.guid ?? null,
    check_number: checkNumber,
    memo: null,
    at,
    pending,
    posted_at: pending ? null : at + s.pendingMs,
    created_at: createdAt(s, k),
    updated_at: updatedAt(s, k),
    parent_class: kind.parent_class,
    repeating: kind.repeating,
    flags: kind.flags ?? {},
    manual: false,
    metadata: null,
    given: null,
  };
}

function given(a: AccountRecord, k: number, t: FixedTransaction): TransactionFacts {
  const s = a.stream;
  const category = categoryNamed(t.category ?? (t.type === 'CREDIT' ? 'Income' : 'Uncategorized'));
  return {
    guid: guidOf(a, k),
    id: idOf(a, k),
    amount: t.amount,
    type: t.type,
    category,
    description: t.description,
    original_description: t.original_description ?? t.description.toUpperCase(),
    merchant: t.merchant_guid ? (MERCHANTS.find((m) => m.guid === t.merchant_guid) ?? null) : null,
    merchant_guid: t.merchant_guid ?? null,
    check_number: t.check_number_string ?? null,
    memo: t.memo ?? null,
    at: t.at,
    pending: t.pending,
    posted_at: t.posted_at !== undefined ? t.posted_at : t.pending ? null : t.at,
    created_at: createdAt(s, k),
    updated_at: t.updated_at ?? updatedAt(s, k),
    parent_class: t.type === 'CREDIT' ? 'Income' : 'Spend',
    repeating: null,
    flags: {},
    manual: t.manual ?? false,
    metadata: t.metadata ?? null,
    given: t.given ?? null,
  };
}

export function transactionFacts(a: AccountRecord, k: number): TransactionFacts {
  const t = a.stream.fixed?.[k - 1];
  return t ? given(a, k, t) : generated(a, k);
}

/** The guid and id transaction k shows: the ones given to an exact transaction, else derived from (account, k). */
function guidOf(a: AccountRecord, k: number): string {
  return a.stream.fixed?.[k - 1]?.guid ?? encodeTransactionGuid(a.key, k);
}
function idOf(a: AccountRecord, k: number): string {
  return a.stream.fixed?.[k - 1]?.id ?? `${a.id}-${k + TRANSACTION_ID_BIAS}`;
}

/**
 * The pulled transaction of these accounts with this guid (or, when `byId`, this id). A generated one's
 * guid and id name its account and k; an exact one is matched on what it shows, since a given guid may
 * look generated yet stand for another k (a world exported from elsewhere).
 */
export function findTransaction(
  accounts: readonly AccountRecord[],
  identifier: string,
  byId: boolean,
): { account: AccountRecord; k: number } | undefined {
  for (const account of accounts) {
    const n = account.stream.fixed?.length ?? 0;
    for (let k = 1; k <= n; k++) {
      if (guidOf(account, k) === identifier || (byId && idOf(account, k) === identifier)) return { account, k };
    }
  }
  const generated = accounts.filter((a) => !a.stream.fixed);
  let hit: { account: AccountRecord; k: number } | undefined;
  const decoded = decodeTransactionGuid(identifier);
  const m = !decoded && byId ? /^(\d+)-(\d+)$/.exec(identifier) : null;
  if (decoded) {
    const account = generated.find((a) => a.key === decoded.key);
    if (account) hit = { account, k: decoded.k };
  } else if (m) {
    const account = generated.find((a) => a.id === m[1]);
    if (account) hit = { account, k: Number(m[2]) - TRANSACTION_ID_BIAS };
  }
  return hit && hit.k >= hit.account.stream.lo && hit.k <= hit.account.stream.hi ? hit : undefined;
}
