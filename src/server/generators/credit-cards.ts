// The credit card product of a credit card account: its guid is the account's with MX's `CCA-` prefix
// (so a client that reads the account can find it), its terms derived from that guid.
import { createHash } from 'node:crypto';
import type { AccountRecord } from './records.js';

export const productGuidOf = (account: AccountRecord) => `CCA-${account.guid.slice(account.guid.indexOf('-') + 1)}`;

/** `CCA-…` → the `ACT-…` guid of the account whose product it is. */
export const accountGuidOfProduct = (guid: string) => (guid.startsWith('CCA-') ? `ACT-${guid.slice(4)}` : undefined);

const FEES = [0, 0, 0, 95, 250, 550] as const;
const INTRO_MONTHS = [null, 12, 15, 18, 21] as const;

export function creditCardProduct(account: AccountRecord, institutionName: string) {
  const d = createHash('sha256').update(`credit card product\u0000${account.guid}`).digest();
  const pick = <T>(list: readonly T[], i: number) => list[(d[i] as number) % list.length] as T;
  const bit = (i: number) => (d[i] as number) % 2 === 1;
  const annualFee = pick(FEES, 0);
  const purchases = pick(INTRO_MONTHS, 1);
  const transfers = pick(INTRO_MONTHS, 2);
  const travel = annualFee >= 95 && bit(3);
  return {
    annual_fee: annualFee,
    duration_of_introductory_rate_on_balance_transfer: transfers,
    duration_of_introductory_rate_on_purchases: purchases,
    guid: productGuidOf(account),
    has_cashback_rewards: !travel && bit(4),
    has_other_rewards: bit(5),
    has_travel_rewards: travel,
    has_zero_introductory_annual_fee: annualFee > 0 && bit(6),
    has_zero_percent_introductory_rate: purchases !== null,
    has_zero_percent_introductory_rate_on_balance_transfer: transfers !== null,
    is_accepting_applicants: (d[7] as number) % 8 !== 0,
    is_active_credit_card_product: true,
    is_small_business_card: (d[8] as number) % 6 === 0,
    name: `${institutionName} ${account.name}`,
  };
}
