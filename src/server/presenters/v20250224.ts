// Record → wire body for v20250224. Records keep MX's field names, so this mostly selects fields.
import type { z } from '@hono/zod-openapi';
import { statusMessage } from '../../mx/statuses.js';
import { isoTime } from '../clock.js';
import { locationGuidFor } from '../domain/merchants.js';
import { recurrenceOf, repeatingGuid } from '../domain/repeating.js';
import type { Challenge } from '../engine/challenges.js';
import { balances, priceOn } from '../generators/accounts.js';
import type { CredentialField, InstitutionRecord } from '../generators/institution.js';
import {
  type AccountRecord,
  type HoldingRecord,
  type NumberRecord,
  type OwnerRecord,
  type RewardRecord,
  round2,
  type StatementRecord,
} from '../generators/records.js';
import { transactionFacts } from '../generators/transaction-facts.js';
import { DAY_MS } from '../generators/transactions.js';
import type {
  AccountNumberSchema,
  AccountOwnerSchema,
  AccountSchema,
  HoldingSchema,
  RewardSchema,
  StatementSchema,
  TransactionSchema,
} from '../schemas/v20250224/data.js';
import type { CredentialSchema, InstitutionSchema } from '../schemas/v20250224/institutions.js';
import type { ChallengeSchema, MemberSchema, MemberStatusSchema } from '../schemas/v20250224/members.js';
import type { UserSchema } from '../schemas/v20250224/users.js';
import type { MemberRecord } from '../store/members.js';
import type { UserRecord } from '../store/users.js';

export function institution(r: InstitutionRecord): z.infer<typeof InstitutionSchema> {
  return {
    code: r.code,
    created_at: r.created_at,
    forgot_password_url: r.forgot_password_url,
    forgot_username_url: r.forgot_username_url,
    guid: r.guid,
    instructional_text: r.instructional_text,
    instructional_text_steps: r.instructional_text_steps,
    is_disabled_by_client: r.is_disabled_by_client,
    is_hidden: r.is_hidden,
    iso_country_code: r.iso_country_code,
    medium_logo_url: r.medium_logo_url,
    name: r.name,
    small_logo_url: r.small_logo_url,
    supported_products: r.supported_products,
    supports_oauth: r.supports_oauth,
    supports_tax_document: r.supports_tax_document,
    trouble_signing_in_url: r.trouble_signing_in_url,
    url: r.url,
  };
}

export function credential(r: CredentialField): z.infer<typeof CredentialSchema> {
  return {
    display_order: r.display_order,
    field_name: r.field_name,
    field_type: r.field_type,
    guid: r.guid,
    label: r.label,
    type: r.type,
  };
}

export function user(r: UserRecord): z.infer<typeof UserSchema> {
  return { email: r.email, guid: r.guid, id: r.id, is_disabled: r.is_disabled, metadata: r.metadata };
}

const iso = (ms: number | null) => (ms === null ? null : isoTime(ms));

export function member(m: MemberRecord, u: UserRecord): z.infer<typeof MemberSchema> {
  const s = m.state;
  return {
    aggregated_at: iso(s.aggregated_at),
    background_aggregation_is_disabled: m.background_aggregation_is_disabled,
    connection_status: s.connection_status,
    connection_status_message: s.connection_status ? statusMessage(s.connection_status, m.name) : null,
    guid: m.guid,
    id: m.id,
    institution_code: m.institution_code,
    institution_guid: m.institution_guid,
    is_being_aggregated: s.is_being_aggregated,
    is_managed_by_user: false,
    is_manual: false,
    is_oauth: m.is_oauth,
    metadata: m.metadata,
    most_recent_job_detail_code: null,
    most_recent_job_detail_text: null,
    most_recent_job_guid: s.most_recent_job_guid,
    name: m.name,
    needs_updated_credentials: s.needs_updated_credentials,
    oauth_window_uri: m.oauth_window_uri,
    successfully_aggregated_at: iso(s.successfully_aggregated_at),
    use_cases: m.use_cases,
    user_guid: u.guid,
    user_id: u.id,
  };
}

export function challenge(ch: Challenge): z.infer<typeof ChallengeSchema> {
  return {
    field_name: ch.field_name,
    guid: ch.guid,
    image_data: ch.image_data,
    image_options: ch.image_options.map((o) => ({
      data_uri: o.data_uri ?? null,
      guid: o.guid,
      label: o.label,
      value: o.value,
    })),
    label: ch.label,
    options: ch.options.map((o) => ({ guid: o.guid, label: o.label, value: o.value })),
    type: ch.type,
  };
}

export function memberStatus(m: MemberRecord): z.infer<typeof MemberStatusSchema> {
  const s = m.state;
  return {
    aggregated_at: iso(s.aggregated_at),
    ...(s.connection_status === 'CHALLENGED' ? { challenges: s.challenges.map(challenge) } : {}),
    connection_status: s.connection_status,
    connection_status_message: s.connection_status ? statusMessage(s.connection_status, m.name) : null,
    guid: m.guid,
    has_processed_account_numbers: s.has_processed_account_numbers,
    has_processed_accounts: s.has_processed_accounts,
    has_processed_transactions: s.has_processed_transactions,
    is_authenticated: s.is_authenticated,
    is_being_aggregated: s.is_being_aggregated,
    successfully_aggregated_at: iso(s.successfully_aggregated_at),
  };
}

// ---- Member data ----------------------------------------------------------------------------

export function account(a: AccountRecord, m: MemberRecord, u: UserRecord): z.infer<typeof AccountSchema> {
  const b = balances(a);
  const liability = a.type !== 'CHECKING' && a.type !== 'SAVINGS' && a.type !== 'INVESTMENT';
  return {
    account_number: `XXXXXX${a.account_number.slice(-4)}`,
    account_ownership: a.type === 'CHECKING' && a.index === 0 ? 'JOINT' : 'INDIVIDUAL',
    annuity_policy_to_date: null,
    annuity_provider: null,
    annuity_term_year: null,
    apr: a.apr,
    apy: a.apy,
    available_balance: b.available_balance,
    available_credit: b.available_credit,
    balance: b.balance,
    cash_balance: b.cash_balance,
    cash_surrender_value: null,
    created_at: isoTime(a.created_at),
    credit_limit: a.credit_limit,
    currency_code: a.currency_code,
    day_payment_is_due: a.day_payment_is_due,
    death_benefit: null,
    federal_insurance_status: a.type === 'CHECKING' || a.type === 'SAVINGS' ? 'INSURED' : 'NOT_INSURED',
    guid: a.guid,
    id: a.id,
    imported_at: null,
    interest_rate: a.interest_rate,
    institution_code: a.institution_code,
    insured_name: null,
    is_closed: false,
    is_hidden: false,
    is_manual: false,
    last_payment: null,
    last_payment_at: null,
    loan_amount: a.original_balance,
    margin_balance: null,
    matures_on: null,
    member_guid: a.member_guid,
    member_id: m.id,
    member_is_managed_by_user: false,
    metadata: null,
    minimum_balance: null,
    minimum_payment:
      liability && a.type !== 'INVESTMENT' ? Math.round(Math.min(a.balance, 25 + a.balance * 0.02)) : null,
    name: a.name,
    nickname: null,
    original_balance: a.original_balance,
    pay_out_amount: null,
    payment_due_at: null,
    payoff_balance: a.type === 'LOAN' || a.type === 'MORTGAGE' ? a.balance : null,
    premium_amount: null,
    property_type: null,
    routing_number: null,
    started_on: null,
    statement_balance: a.type === 'CREDIT_CARD' ? a.balance : null,
    subtype: a.subtype,
    today_ugl_amount: null,
    today_ugl_percentage: null,
    total_account_value: a.type === 'INVESTMENT' ? b.balance : null,
    total_account_value_ugl: null,
    type: a.type,
    updated_at: isoTime(a.updated_at),
    user_guid: a.user_guid,
    user_id: u.id,
  };
}

export type Includes = ReadonlySet<'repeating_transactions' | 'merchants' | 'classifications' | 'geolocations'>;

export function transaction(
  a: AccountRecord,
  k: number,
  u: UserRecord,
  includes: Includes,
): z.infer<typeof TransactionSchema> {
  const t = transactionFacts(a, k);
  const merchant = t.merchant;
  const out: z.infer<typeof TransactionSchema> = {
    account_guid: a.guid,
    account_id: a.id,
    amount: t.amount,
    category: t.category.name,
    category_guid: t.category.guid,
    check_number_string: t.check_number,
    created_at: isoTime(t.created_at),
    currency_code: t.given?.currency_code ?? a.currency_code,
    date: isoTime(t.at).slice(0, 10),
    description: t.description,
    extended_transaction_type: null,
    guid: t.guid,
    id: t.id,
    is_bill_pay: t.flags.is_bill_pay ?? false,
    is_direct_deposit: t.flags.is_direct_deposit ?? false,
    is_expense: t.type === 'DEBIT' && t.parent_class === 'Spend',
    is_fee: t.flags.is_fee ?? false,
    is_income: t.flags.is_income ?? false,
    is_international: t.given?.is_international ?? false,
    is_manual: t.manual,
    is_overdraft_fee: false,
    is_payroll_advance: false,
    is_recurring: t.repeating !== null,
    is_subscription: t.flags.is_subscription ?? false,
    latitude: t.given?.latitude ?? null,
    localized_description: t.given?.localized_description ?? null,
    localized_memo: t.given?.localized_memo ?? null,
    longitude: t.given?.longitude ?? null,
    member_guid: a.member_guid,
    member_is_managed_by_user: t.manual,
    memo: t.memo,
    merchant_category_code: t.given?.merchant_category_code ?? null,
    merchant_guid: t.merchant_guid,
    merchant_location_guid: t.given?.merchant_location_guid ?? locationGuidFor(t.merchant_guid),
    metadata: t.metadata,
    original_description: t.original_description,
    posted_at: t.posted_at === null ? null : isoTime(t.posted_at),
    status: t.pending ? 'PENDING' : 'POSTED',
    top_level_category: t.category.top,
    transacted_at: isoTime(t.at),
    type: t.type,
    updated_at: isoTime(t.updated_at),
    user_guid: a.user_guid,
    user_id: u.id,
  };
  if (includes.has('classifications')) {
    out.classification = { guid: `MNC-${t.parent_class.toLowerCase()}`, parent_class: t.parent_class };
  }
  if (includes.has('geolocations')) {
    out.geolocation = merchant
      ? { city: merchant.city, country: 'US', 'postal code': merchant.postal_code, state: merchant.state }
      : null;
  }
  if (includes.has('merchants')) {
    out.merchant = merchant
      ? { guid: merchant.guid, logo_url: merchant.logo_url, name: merchant.name, website_url: merchant.website_url }
      : null;
  }
  if (includes.has('repeating_transactions')) {
    const recurrence_type = recurrenceOf(t.category, t.repeating);
    out.repeating_transaction = t.repeating
      ? {
          guid: repeatingGuid(a.guid, t.category, merchant),
          ...(recurrence_type ? { recurrence_type } : {}),
          repeating_transaction_type: t.repeating,
        }
      : null;
  }
  return out;
}

export function accountOwner(o: OwnerRecord): z.infer<typeof AccountOwnerSchema> {
  return {
    account_guid: o.account_guid,
    address: o.address,
    city: o.city,
    country: o.country,
    email: o.email,
    first_name: o.first_name,
    guid: o.guid,
    last_name: o.last_name,
    member_guid: o.member_guid,
    owner_name: o.owner_name,
    phone: o.phone,
    postal_code: o.postal_code,
    state: o.state,
    user_guid: o.user_guid,
  };
}

export function accountNumber(n: NumberRecord): z.infer<typeof AccountNumberSchema> {
  return {
    account_guid: n.account_guid,
    account_number: n.account_number,
    guid: n.guid,
    institution_number: n.institution_number,
    loan_guarantor: null,
    loan_reference_number: null,
    member_guid: n.member_guid,
    passed_validation: n.passed_validation,
    routing_number: n.routing_number,
    sequence_number: null,
    transit_number: n.transit_number,
    user_guid: n.user_guid,
  };
}

export function statement(s: StatementRecord, sha256: string): z.infer<typeof StatementSchema> {
  return {
    account_guid: s.account_guid,
    content_hash: sha256,
    created_at: isoTime(s.created_at),
    guid: s.guid,
    member_guid: s.member_guid,
    updated_at: isoTime(s.updated_at),
    uri: `/users/${s.user_guid}/members/${s.member_guid}/statements/${s.guid}.pdf`,
    user_guid: s.user_guid,
  };
}

export function holding(h: HoldingRecord, a: AccountRecord): z.infer<typeof HoldingSchema> {
  const price = priceOn(h, a.holdings_at);
  const previous = priceOn(h, a.holdings_at - DAY_MS);
  const value = round2(h.quantity * price);
  return {
    account_guid: h.account_guid,
    cost_basis: h.cost_basis,
    coupon_yield: null,
    created_at: isoTime(h.created_at),
    currency_code: a.currency_code,
    current_price: price,
    current_price_as_of: `${isoTime(a.holdings_at).slice(0, 10)}T00:00:00Z`,
    daily_change: round2(price - previous),
    description: h.description,
    expiration: null,
    face_value: null,
    frequency: null,
    guid: h.guid,
    holding_type: h.holding_type,
    issue_date: null,
    market_value: value,
    maturity_date: null,
    percentage_change: round2(((price - previous) / previous) * 100),
    purchase_price: h.purchase_price,
    put_or_call: null,
    quantity: h.quantity.toFixed(1),
    rate: null,
    strike_price: null,
    symbol: h.symbol,
    term: null,
    term_unit: null,
    today_ugl_amount: round2(h.quantity * (price - previous)),
    today_ugl_percentage: round2(((price - previous) / previous) * 100),
    total_ugl_amount: round2(value - h.cost_basis),
    total_ugl_percentage: round2(((value - h.cost_basis) / h.cost_basis) * 100),
    unvested_quantity: null,
    unvested_value: null,
    user_guid: h.user_guid,
    vested_quantity: null,
    vested_value: null,
    vesting_end_date: null,
    vesting_start_date: null,
  };
}

export function reward(r: RewardRecord): z.infer<typeof RewardSchema> {
  return {
    account_guid: r.account_guid,
    balance: r.balance,
    balance_type: r.balance_type,
    created_at: isoTime(r.created_at),
    description: r.description,
    expires_on: r.expires_on,
    guid: r.guid,
    member_guid: r.member_guid,
    unit_type: r.unit_type,
    updated_at: isoTime(r.updated_at),
    user_guid: r.user_guid,
  };
}
