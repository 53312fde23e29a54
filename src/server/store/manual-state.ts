// Manual accounts and transactions, users' account edits and merges in the state file (optional: files
// written before they existed load without them).
import { z } from 'zod';
import type { Tenant } from './tenant.js';

const str = z.string();
const nullableStr = str.nullable();
const nullableNum = z.number().nullable();
const time = z.number().int();

const ManualAccount = z.object({
  guid: str,
  user_guid: str,
  member_guid: str,
  name: str,
  account_type: str,
  account_subtype: nullableStr,
  apr: nullableNum,
  apy: nullableNum,
  available_balance: nullableNum,
  balance: nullableNum,
  cash_surrender_value: nullableNum,
  credit_limit: nullableNum,
  currency_code: str,
  death_benefit: nullableNum,
  interest_rate: nullableNum,
  is_business: z.boolean(),
  is_closed: z.boolean(),
  is_hidden: z.boolean(),
  loan_amount: nullableNum,
  metadata: nullableStr,
  nickname: nullableStr,
  original_balance: nullableNum,
  property_type: nullableStr,
  created_at_ms: time,
  updated_at_ms: time,
});

const ManualTransaction = z.object({
  guid: str,
  user_guid: str,
  account_guid: str,
  amount: z.number(),
  at: time,
  description: str,
  type: z.enum(['CREDIT', 'DEBIT']),
  category: nullableStr,
  memo: nullableStr,
  metadata: nullableStr,
  created_at_ms: time,
});

const AccountEdit = z.object({
  guid: str,
  user_guid: str,
  is_business: z.boolean().optional(),
  is_hidden: z.boolean().optional(),
  metadata: nullableStr.optional(),
  updated_at_ms: time,
});

export const ManualState = z.object({
  members: z.array(z.object({ guid: str, user_guid: str })),
  accounts: z.array(ManualAccount),
  transactions: z.array(ManualTransaction),
  edits: z.array(AccountEdit),
  merges: z.array(z.object({ guid: str, user_guid: str, into: str })),
});
export type ManualStateRecord = z.infer<typeof ManualState>;

/** The tenant's manual records, or nothing when it has none. */
export function saveManual(tenant: Tenant): { manual?: ManualStateRecord } {
  const m = tenant.manual;
  const saved = {
    members: m.members.all().map((r) => ({ ...r })),
    accounts: m.accounts.all().map((r) => ({ ...r })),
    transactions: m.transactions.all().map((r) => ({ ...r })),
    edits: m.edits.all().map((r) => ({ ...r })),
    merges: m.merges.all().map((r) => ({ ...r })),
  };
  const empty = Object.values(saved).every((list) => list.length === 0);
  return empty ? {} : { manual: saved };
}

/** Puts the saved records back, each of a user restored; what is wrong goes into `problems`. */
export function restoreManual(tenant: Tenant, saved: ManualStateRecord | undefined, problems: string[]): void {
  if (!saved) return;
  const m = tenant.manual;
  const put = <R extends { guid: string; user_guid: string }>(
    what: string,
    list: R[],
    store: { has(guid: string): boolean; insert(r: R): R },
  ) => {
    list.forEach((r, i) => {
      if (!tenant.users.find(r.user_guid)) problems.push(`manual.${what}[${i}].user_guid: no user ${r.user_guid}`);
      else if (store.has(r.guid)) problems.push(`manual.${what}[${i}].guid: ${r.guid} is there twice`);
      else store.insert({ ...r });
    });
  };
  put('members', saved.members, m.members);
  put('accounts', saved.accounts, m.accounts);
  put('transactions', saved.transactions, m.transactions);
  put('edits', saved.edits, m.edits);
  put('merges', saved.merges, m.merges);
}
