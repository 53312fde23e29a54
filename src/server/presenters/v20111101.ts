// Record → wire body for v20111101: v20250224's presenter, except institutions (the `supports_*`
// booleans) and accounts (the feed, set-by and institution fields) and integer reward balances.
import type { InstitutionRecord } from '../generators/institution.js';
import { type AccountRecord, type RewardRecord, round2 } from '../generators/records.js';
import { FEED_FIELDS, SET_BY_FIELDS } from '../schemas/v20111101/data.js';
import type { MemberRecord } from '../store/members.js';
import type { UserRecord } from '../store/users.js';
import * as v25 from './v20250224.js';

export function institution(r: InstitutionRecord) {
  const { created_at, guid, is_hidden, supported_products, ...shared } = v25.institution(r);
  return {
    ...shared,
    supports_account_identification: supported_products.includes('identity_verification'),
    supports_account_statement: supported_products.includes('statements'),
    supports_account_verification: supported_products.includes('account_verification'),
    supports_transaction_history: supported_products.includes('transaction_history'),
  };
}

export function account(a: AccountRecord, m: MemberRecord, u: UserRecord) {
  const wire: Record<string, unknown> = v25.account(a, m, u);
  const holdingsValue =
    a.type === 'INVESTMENT'
      ? round2(a.holdings.reduce((sum, h) => sum + (v25.holding(h, a).market_value ?? 0), 0))
      : null;
  const values: Record<string, unknown> = { ...wire, holdings_value: holdingsValue };
  const out: Record<string, unknown> = {
    ...wire,
    calculated_apr: a.apr,
    holdings_value: holdingsValue,
    institution_guid: m.institution_guid,
  };
  // Every value came from the institution's feed: the feed fields repeat it; who set it is not modelled.
  for (const f of SET_BY_FIELDS) out[`${f}_set_by`] = null;
  for (const f of Object.keys(FEED_FIELDS)) {
    // The feed's account type and subtype are MX's internal integer codes, which the simulator does not model.
    out[`feed_${f}`] = f === 'account_type' || f === 'account_subtype' ? null : (values[f] ?? null);
  }
  return out;
}

export function reward(r: RewardRecord) {
  const wire = v25.reward(r);
  return { ...wire, balance: Math.round(wire.balance) };
}

export const {
  credential,
  user,
  member,
  memberStatus,
  challenge,
  transaction,
  accountOwner,
  accountNumber,
  statement,
  holding,
} = v25;
