// Partner-managed members, accounts and transactions in the state file (optional: files written before
// them load without them).
import { z } from 'zod';
import type { Tenant } from './tenant.js';

const str = z.string();
const text = str.nullable();
const num = z.number().nullable();
const time = z.number().int();

const ManagedMember = z.object({
  guid: str,
  user_guid: str,
  id: text,
  institution_code: str,
  institution_guid: str,
  name: str,
  metadata: text,
  created_at_ms: time,
  updated_at_ms: time,
});

const ManagedAccount = z.object({
  guid: str,
  user_guid: str,
  member_guid: str,
  id: str,
  name: str,
  type: str,
  balance: num,
  account_number: text,
  apr: num,
  apy: num,
  available_balance: num,
  available_credit: num,
  cash_surrender_value: num,
  credit_limit: num,
  currency_code: text,
  day_payment_is_due: num,
  death_benefit: num,
  interest_rate: num,
  is_closed: z.boolean(),
  is_hidden: z.boolean(),
  last_payment: num,
  last_payment_at: text,
  loan_amount: num,
  matures_on: text,
  metadata: text,
  minimum_balance: num,
  minimum_payment: num,
  nickname: text,
  original_balance: num,
  payment_due_at: text,
  payoff_balance: num,
  routing_number: text,
  started_on: text,
  subtype: text,
  created_at_ms: time,
  updated_at_ms: time,
});

const ManagedTransaction = z.object({
  guid: str,
  user_guid: str,
  account_guid: str,
  amount: z.number(),
  description: str,
  status: z.enum(['POSTED', 'PENDING']),
  type: z.enum(['CREDIT', 'DEBIT']),
  transacted_at: time,
  posted_at: time,
  category: text,
  check_number_string: text,
  currency_code: text,
  id: text,
  is_international: z.boolean().nullable(),
  latitude: num,
  localized_description: text,
  localized_memo: text,
  longitude: num,
  memo: text,
  merchant_category_code: num,
  merchant_guid: text,
  merchant_location_guid: text,
  metadata: text,
  created_at_ms: time,
  updated_at_ms: time,
});

export const ManagedState = z.object({
  members: z.array(ManagedMember),
  accounts: z.array(ManagedAccount).optional(),
  transactions: z.array(ManagedTransaction).optional(),
});
export type ManagedState = z.infer<typeof ManagedState>;

/** The tenant's managed data as the state file's `managed` (nothing when there is none). */
export function saveManaged(tenant: Tenant): { managed?: ManagedState } {
  const m = tenant.managed;
  const members = m.members.all();
  if (!members.length) return {};
  const copy = <R extends object>(list: R[]) => list.map((r) => ({ ...r }));
  return {
    managed: { members: copy(members), accounts: copy(m.accounts.all()), transactions: copy(m.transactions.all()) },
  };
}

export function restoreManaged(tenant: Tenant, saved: ManagedState | undefined, problems: string[]): void {
  const m = tenant.managed;
  (saved?.members ?? []).forEach((r, i) => {
    if (!tenant.users.find(r.user_guid)) problems.push(`managed.members[${i}].user_guid: no user ${r.user_guid}`);
    else if (m.members.has(r.guid) || tenant.members.find(r.user_guid, r.guid)) {
      problems.push(`managed.members[${i}]: ${r.guid} is there twice`);
    } else m.members.insert({ ...r });
  });
  (saved?.accounts ?? []).forEach((r, i) => {
    if (!m.members.find(r.user_guid, r.member_guid)) {
      problems.push(`managed.accounts[${i}].member_guid: no managed member ${r.member_guid} of ${r.user_guid}`);
    } else if (m.accounts.has(r.guid)) problems.push(`managed.accounts[${i}]: ${r.guid} is there twice`);
    else m.accounts.insert({ ...r });
  });
  (saved?.transactions ?? []).forEach((r, i) => {
    if (!m.accounts.find(r.user_guid, r.account_guid)) {
      problems.push(`managed.transactions[${i}].account_guid: no managed account ${r.account_guid} of ${r.user_guid}`);
    } else if (m.transactions.has(r.guid)) problems.push(`managed.transactions[${i}]: ${r.guid} is there twice`);
    else m.transactions.insert({ ...r });
  });
}
