// Processor tokens' records → wire bodies, the same in both versions' documents (account numbers and
// owners are presented as a member's are: `accountNumber`, `accountOwner`).
import type { z } from '@hono/zod-openapi';
import { isoTime } from '../clock.js';
import { balances } from '../generators/accounts.js';
import type { AccountRecord, NumberRecord } from '../generators/records.js';
import type * as s from '../schemas/v20250224/processor.js';
import type { AccessTokenRecord } from '../store/processor.js';

type Item<T> = T extends ReadonlyArray<infer I> ? I : never;

export function token(
  t: AccessTokenRecord,
  active: boolean,
): Item<z.infer<typeof s.TokenResponseBodySchema>['tokens']> {
  return {
    payment_processor_guid: t.payment_processor_guid,
    expires_at: isoTime(t.expires_at),
    // Only a prefix is kept: the token itself is the processor's secret.
    access_token: `${t.prefix}...`,
    active,
  };
}

export function paymentAccount(
  a: AccountRecord,
  n: NumberRecord | undefined,
): z.infer<typeof s.PaymentAccountBodySchema>['payment_account'] {
  const b = balances(a);
  return {
    account_guid: a.guid,
    account_name: a.name,
    account_number: n?.account_number ?? a.account_number,
    account_type: a.type,
    available_balance: b.available_balance,
    balance: b.balance,
    created_at: isoTime(a.created_at),
    member_guid: a.member_guid,
    routing_number: n?.routing_number ?? null,
    transit_number: n?.transit_number ?? null,
    updated_at: isoTime(a.updated_at),
    user_guid: a.user_guid,
  };
}

/** A digit string as the integer MX's processor document types it (null when there is none or it has other characters). */
const integer = (value: string | null | undefined): number | null =>
  value != null && /^\d{1,15}$/.test(value) ? Number(value) : null;

/** A member's account number as a version presents it, with the account and routing numbers as integers (MX's ProcessorAccountNumber). */
export function processorAccountNumber(
  presented: object,
): z.infer<typeof s.ProcessorAccountNumberBodySchema>['account_numbers'][number] {
  const n = presented as { account_number?: string | null; routing_number?: string | null };
  return {
    ...(presented as z.infer<typeof s.ProcessorAccountNumberBodySchema>['account_numbers'][number]),
    account_number: integer(n.account_number),
    routing_number: integer(n.routing_number),
  };
}
