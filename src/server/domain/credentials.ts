// Verifiable credentials: what each one states, read from the same world as the API's reads (a member's
// accounts and numbers, its account owners, an account's transactions in a date range).
import { errors } from '../errors.js';
import type { AccountRecord, MemberData, NumberRecord, OwnerRecord } from '../generators/records.js';
import { type TransactionFacts, transactionFacts } from '../generators/transaction-facts.js';
import { DAY_MS, firstAtOrAfter } from '../generators/transactions.js';
import type { MemberRecord } from '../store/members.js';
import type { Tenant } from '../store/tenant.js';
import type { UserRecord } from '../store/users.js';
import { accountOf, accountsOf } from './lookup.js';
import { requireProduct } from './products.js';

export interface AccountsSubject {
  member: MemberRecord;
  accounts: Array<{ account: AccountRecord; numbers: NumberRecord | undefined }>;
}

export function accountsSubject(member: MemberRecord): AccountsSubject {
  const data: MemberData | null = member.data;
  return {
    member,
    accounts: (data?.accounts ?? []).map((account) => ({
      account,
      numbers: data?.numbers?.find((n) => n.account_guid === account.guid),
    })),
  };
}

/** The member's account owners (empty until an identify job succeeded). 403 without identity_verification. */
export function identitySubject(tenant: Tenant, member: MemberRecord): OwnerRecord[] {
  requireProduct(tenant, 'identity_verification', 'reading identity data');
  return member.data?.owners ?? [];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** MX: "The range is limited to 1 year." */
const MAX_RANGE_DAYS = 366;

function dayOf(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const at = DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(at)) throw errors.validation(`${name}: '${value}' is not a date; write YYYY-MM-DD`);
  return at;
}

export interface TransactionsSubject {
  account: AccountRecord;
  transactions: TransactionFacts[];
}

/**
 * An account's transactions from startTime to endTime (whole days, both in), oldest first. Without
 * them: the year up to the client's today. 400 for a range over a year or ending before it starts.
 */
export function transactionsSubject(
  tenant: Tenant,
  user: UserRecord,
  accountGuid: string,
  q: { startTime?: string | undefined; endTime?: string | undefined },
): TransactionsSubject {
  const account = accountOf(accountsOf(tenant, user), { account_guid: accountGuid });
  const today = Math.floor(tenant.clock.now() / DAY_MS) * DAY_MS;
  const end = dayOf('endTime', q.endTime) ?? today;
  const start = dayOf('startTime', q.startTime) ?? end - (MAX_RANGE_DAYS - 1) * DAY_MS;
  if (end < start) throw errors.validation(`endTime: ${q.endTime} is before startTime ${q.startTime}`);
  if ((end - start) / DAY_MS + 1 > MAX_RANGE_DAYS) {
    throw errors.validation('startTime, endTime: the range is limited to 1 year; ask for a shorter one');
  }
  const s = account.stream;
  const lo = Math.max(s.lo, firstAtOrAfter(s, start));
  const hi = Math.min(s.hi, firstAtOrAfter(s, end + DAY_MS) - 1);
  const transactions: TransactionFacts[] = [];
  for (let k = lo; k <= hi; k++) transactions.push(transactionFacts(account, k));
  return { account, transactions };
}
