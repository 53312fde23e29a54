// What a member's jobs gather: accounts (with their transaction streams), owners, account numbers,
// statements, holdings and rewards. `applyJob` is called when a job succeeds; everything is derived
// from the seed, the member and the job time, so one seed gives the same data.
import type { Faker } from '@faker-js/faker';
import {
  ACCOUNT_TEMPLATES,
  type AccountTemplate,
  type AccountType,
  isLiability,
  pickKind,
  SECURITIES,
} from '../data/finance.js';
import type { InstitutionRecord } from '../data/institution.js';
import type { Product } from '../data/products.js';
import { Draws, streamKey } from '../data/rng.js';
import { seededFaker, stableGuid } from '../ids.js';
import type { JobType } from './lifecycle.js';
import { DAY_MS, draws, type FixedTransaction, lastAtOrBefore, type Stream, timeOf } from './transactions.js';

/** History a first aggregation pulls, and what extend_history reaches (MX: up to 24 months). */
export const HISTORY_DAYS = 90;
export const EXTENDED_HISTORY_DAYS = 730;
const PENDING_MS = 2 * DAY_MS;
const STATEMENT_MONTHS = 6;

/** Volumes a member is asked for (simbank login tokens; scenarios later). */
export interface DataProfile {
  /** How many accounts; the default set has six, one of each kind. */
  accounts?: number;
  /** Transactions per account in the first 90-day window (default: per account kind). */
  transactions?: number;
}

export const MAX_ACCOUNTS = 500;
export const MAX_TRANSACTIONS = 100_000;

export interface HoldingRecord {
  guid: string;
  account_guid: string;
  member_guid: string;
  user_guid: string;
  symbol: string;
  description: string;
  holding_type: string;
  quantity: number;
  cost_basis: number;
  purchase_price: number;
  base_price: number;
  created_at: number;
}

export interface AccountRecord {
  guid: string;
  id: string;
  /** 16 hex digits that identify the account inside transaction guids. */
  key: string;
  index: number;
  member_guid: string;
  user_guid: string;
  institution_code: string;
  type: AccountType;
  subtype: string | null;
  name: string;
  account_number: string;
  currency_code: 'USD' | 'CAD';
  credit_limit: number | null;
  apr: number | null;
  apy: number | null;
  interest_rate: number | null;
  original_balance: number | null;
  day_payment_is_due: number | null;
  /** Balance (investments: cash) once transactions up to `balance_k` are counted. */
  balance: number;
  balance_k: number;
  balance_at: number;
  created_at: number;
  updated_at: number;
  stream: Stream;
  holdings: HoldingRecord[];
  /** A routing number given by a scenario (default: the institution's). */
  routing_number?: string;
}

export interface OwnerRecord {
  guid: string;
  account_guid: string;
  member_guid: string;
  user_guid: string;
  owner_name: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  address: string;
  city: string;
  state: string;
  postal_code: string;
  country: string;
}

export interface NumberRecord {
  guid: string;
  account_guid: string;
  member_guid: string;
  user_guid: string;
  account_number: string;
  routing_number: string | null;
  institution_number: string | null;
  transit_number: string | null;
  passed_validation: boolean;
}

export interface StatementRecord {
  guid: string;
  account_guid: string;
  member_guid: string;
  user_guid: string;
  /** The statement period, first and last day (YYYY-MM-DD). */
  period_start: string;
  period_end: string;
  created_at: number;
  updated_at: number;
  /** Rendered on first use; content_hash is the SHA-256 of these bytes. */
  pdf?: { bytes: Uint8Array; sha256: string };
}

export interface RewardRecord {
  guid: string;
  account_guid: string;
  member_guid: string;
  user_guid: string;
  balance: number;
  balance_type: 'BALANCE' | 'EXPIRING_BALANCE';
  unit_type: 'POINTS' | 'MILES' | 'CASH';
  description: string;
  expires_on: string;
  created_at: number;
  updated_at: number;
}

export interface MemberData {
  accounts: AccountRecord[];
  owners: OwnerRecord[] | null;
  numbers: NumberRecord[] | null;
  statements: StatementRecord[] | null;
  rewards: RewardRecord[] | null;
}

/** An account given exactly (by a scenario); what it leaves out is generated as usual. */
export interface AccountSpec {
  guid?: string | undefined;
  id?: string | undefined;
  name?: string | undefined;
  type: AccountType;
  subtype?: string | undefined;
  /** The balance now (for investments: the total, holdings included). */
  balance?: number | undefined;
  account_number?: string | undefined;
  routing_number?: string | undefined;
  credit_limit?: number | undefined;
  apr?: number | undefined;
  apy?: number | undefined;
  interest_rate?: number | undefined;
  original_balance?: number | undefined;
  /** Exactly these transactions, in any order; undefined: generated ones. */
  transactions?: FixedTransaction[] | undefined;
}

export interface JobContext {
  seed: string;
  member: {
    guid: string;
    user_guid: string;
    institution_code: string;
    products: readonly Product[];
  };
  institution: InstitutionRecord;
  profile: DataProfile;
  /** The member's data so far (null before the first successful job). */
  data: MemberData | null;
  /** Exact accounts for the first job (a scenario's preset member) instead of generated ones. */
  accounts?: readonly AccountSpec[];
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The ABA check digit: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function abaCheckDigit(first8: string): number {
  const d = [...first8].map(Number) as number[];
  const sum =
    3 * ((d[0] ?? 0) + (d[3] ?? 0) + (d[6] ?? 0)) +
    7 * ((d[1] ?? 0) + (d[4] ?? 0) + (d[7] ?? 0)) +
    ((d[2] ?? 0) + (d[5] ?? 0));
  return (10 - (sum % 10)) % 10;
}

export function isValidAba(routing: string): boolean {
  return /^\d{9}$/.test(routing) && abaCheckDigit(routing.slice(0, 8)) === Number(routing[8]);
}

/** A valid routing number for an institution (Federal Reserve prefix 01–12). */
export function routingNumberFor(seed: string, institutionCode: string): string {
  const d = new Draws(streamKey(seed, 'routing', institutionCode), 0);
  const first8 = String(d.int(1, 12)).padStart(2, '0') + d.digits(6);
  return first8 + String(abaCheckDigit(first8));
}

function templatesFor(inst: InstitutionRecord, profile: DataProfile): AccountTemplate[] {
  const banking = inst.supported_products.some((p) => p !== 'investments');
  const investing = inst.supported_products.includes('investments');
  let base = ACCOUNT_TEMPLATES.filter((t) => (t.type === 'INVESTMENT' ? investing : banking));
  if (base.length === 0) base = ACCOUNT_TEMPLATES.slice(0, 1);
  const count = Math.min(profile.accounts ?? base.length, MAX_ACCOUNTS);
  return Array.from({ length: count }, (_, i) => base[i % base.length] as AccountTemplate);
}

function newAccount(ctx: JobContext, template: AccountTemplate, index: number, ordinal: number, at: number) {
  const { seed, member } = ctx;
  const guid = stableGuid('ACT', seed, member.guid, 'account', index);
  const d = new Draws(streamKey(seed, guid, 'account'), 0);
  const perWindow = Math.min(ctx.profile.transactions ?? template.perWindow, MAX_TRANSACTIONS);
  const stream: Stream = {
    key: streamKey(seed, guid, 'transactions'),
    t0: at,
    interval: (HISTORY_DAYS * DAY_MS) / Math.max(perWindow, 1),
    lo: 1,
    hi: 0,
    batches: [],
    syncs: [],
    pendingMs: template.pending ? PENDING_MS : 0,
  };
  const balance = d.money(template.balance[0], template.balance[1]);
  const account: AccountRecord = {
    guid,
    id: d.digits(10),
    key: guid.slice(4, 12) + guid.slice(13, 17) + guid.slice(18, 22),
    index,
    member_guid: member.guid,
    user_guid: member.user_guid,
    institution_code: member.institution_code,
    type: template.type,
    subtype: template.subtype,
    name: ordinal > 1 ? `${template.name} ${ordinal}` : template.name,
    account_number: d.digits(template.type === 'CREDIT_CARD' ? 16 : 10),
    currency_code: ctx.institution.iso_country_code === 'CA' ? 'CAD' : 'USD',
    credit_limit: template.creditLimit ? Math.round(d.money(...template.creditLimit) / 100) * 100 : null,
    apr: template.apr ?? null,
    apy: template.apy ?? null,
    interest_rate: template.interestRate ?? null,
    original_balance: template.type === 'LOAN' || template.type === 'MORTGAGE' ? Math.round(balance * 1.35) : null,
    day_payment_is_due: isLiability(template.type) ? d.int(1, 28) : null,
    balance,
    balance_k: 0,
    balance_at: at,
    created_at: at,
    updated_at: at,
    stream,
    holdings: [],
  };
  if (template.type === 'INVESTMENT') account.holdings = newHoldings(ctx, account, at);
  return account;
}

/** The template an exact account's missing fields come from. */
function templateOf(type: AccountType): AccountTemplate {
  const t = ACCOUNT_TEMPLATES.find((x) => x.type === type);
  if (t) return t;
  return {
    ...(ACCOUNT_TEMPLATES.find((x) => x.type === 'CREDIT_CARD') as AccountTemplate),
    type,
    name: 'Line of Credit',
  };
}

function exactAccount(ctx: JobContext, spec: AccountSpec, index: number, ordinal: number, at: number): AccountRecord {
  const template = templateOf(spec.type);
  const a = newAccount(ctx, { ...template, subtype: spec.subtype ?? template.subtype }, index, ordinal, at);
  if (spec.guid) {
    const guid = spec.guid;
    a.guid = guid;
    a.key = keyOf(guid);
    a.holdings = a.holdings.map((h) => ({ ...h, account_guid: guid }));
  }
  if (spec.id !== undefined) a.id = spec.id;
  if (spec.name !== undefined) a.name = spec.name;
  if (spec.account_number !== undefined) a.account_number = spec.account_number;
  if (spec.routing_number !== undefined) a.routing_number = spec.routing_number;
  if (spec.credit_limit !== undefined) a.credit_limit = spec.credit_limit;
  if (spec.apr !== undefined) a.apr = spec.apr;
  if (spec.apy !== undefined) a.apy = spec.apy;
  if (spec.interest_rate !== undefined) a.interest_rate = spec.interest_rate;
  if (spec.original_balance !== undefined) a.original_balance = spec.original_balance;
  if (spec.transactions) {
    // Ascending time; on a tie the one listed first is newer, so lists (newest first) keep file order.
    const fixed = spec.transactions
      .map((t, i) => ({ t, i }))
      .sort((x, y) => x.t.at - y.t.at || y.i - x.i)
      .map((x) => x.t);
    a.stream = { ...a.stream, fixed, lo: 1, hi: fixed.length, pendingMs: 0 };
    if (fixed.length > 0) a.stream.batches = [{ lo: 1, hi: fixed.length, at }];
    a.balance_k = fixed.length;
  }
  if (spec.balance !== undefined) {
    if (a.type === 'INVESTMENT' && a.holdings.length > 0) {
      // Holdings make up 90 % of the given total, cash the rest.
      const value = holdingsValue(a);
      const scale = value > 0 ? (spec.balance * 0.9) / value : 0;
      a.holdings = a.holdings.map((h) => {
        const quantity = round2(h.quantity * scale);
        return { ...h, quantity, cost_basis: round2(quantity * h.purchase_price) };
      });
      a.balance = round2(spec.balance - holdingsValue(a));
    } else {
      a.balance = spec.balance;
    }
  }
  return a;
}

/** The 16 hex digits that stand for an account inside transaction guids. */
function keyOf(guid: string): string {
  const hex = guid
    .slice(4)
    .replace(/[^0-9a-f]/gi, '')
    .toLowerCase();
  if (hex.length >= 16 && /^ACT-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/i.test(guid)) return hex.slice(0, 16);
  return (
    streamKey('account-key', guid).toString(16).padStart(8, '0') +
    streamKey('account-key-2', guid).toString(16).padStart(8, '0')
  );
}

function newHoldings(ctx: JobContext, account: AccountRecord, at: number): HoldingRecord[] {
  const d = new Draws(streamKey(ctx.seed, account.guid, 'holdings'), 0);
  const count = d.int(3, 6);
  const start = d.int(0, SECURITIES.length - 1);
  return Array.from({ length: count }, (_, i) => {
    const sec = SECURITIES[(start + i) % SECURITIES.length] as (typeof SECURITIES)[number];
    const quantity = sec.holding_type === 'MONEY_MARKET' ? d.int(500, 5000) : round2(d.int(50, 4000) / 10);
    const purchase = round2(sec.price * (0.7 + d.next() * 0.4));
    return {
      guid: stableGuid('HOL', ctx.seed, account.guid, sec.symbol),
      account_guid: account.guid,
      member_guid: account.member_guid,
      user_guid: account.user_guid,
      symbol: sec.symbol,
      description: sec.description,
      holding_type: sec.holding_type,
      quantity,
      cost_basis: round2(quantity * purchase),
      purchase_price: purchase,
      base_price: sec.price,
      created_at: at,
    };
  });
}

/** A security's price on a day: a slow deterministic wave around its base price. */
export function priceOn(h: HoldingRecord, at: number): number {
  if (h.holding_type === 'MONEY_MARKET') return 1;
  const day = Math.floor(at / DAY_MS);
  const phase = streamKey(h.symbol) % 360;
  return round2(h.base_price * (1 + 0.08 * Math.sin((day + phase) / 23) + 0.02 * Math.sin((day + phase) / 3.7)));
}

export function holdingsValue(account: AccountRecord): number {
  return round2(account.holdings.reduce((s, h) => s + h.quantity * priceOn(h, account.balance_at), 0));
}

/** The signed effect of transaction k on the account's balance. */
export function transactionAmount(account: AccountRecord, k: number): { type: 'CREDIT' | 'DEBIT'; amount: number } {
  const d = draws(account.stream, k);
  const kind = pickKind(account.type, d.next());
  return { type: kind.type, amount: d.money(kind.min, kind.max) };
}

function signed(account: AccountRecord, k: number): number {
  const { type, amount } = transactionAmount(account, k);
  const up = isLiability(account.type) ? type === 'DEBIT' : type === 'CREDIT';
  return up ? amount : -amount;
}

/** Counts every transaction up to `at` into the balance (check_balance and every sync). */
function refreshBalance(account: AccountRecord, at: number): void {
  if (account.stream.fixed) {
    account.balance_at = at;
    account.updated_at = at;
    return;
  }
  const last = lastAtOrBefore(account.stream, at);
  let balance = account.balance;
  for (let k = account.balance_k + 1; k <= last; k++) balance += signed(account, k);
  account.balance = round2(balance);
  account.balance_k = Math.max(account.balance_k, last);
  account.balance_at = at;
  account.updated_at = at;
}

/** Pulls transactions up to `at` (and back to `historyDays` before it) into the member's data. */
function syncTransactions(account: AccountRecord, at: number, historyDays: number): void {
  const s = account.stream;
  if (s.fixed) {
    // Exact transactions are all there is: nothing new arrives, the balance stays as given.
    s.syncs.push(at);
    account.balance_at = at;
    account.updated_at = at;
    return;
  }
  const newest = lastAtOrBefore(s, at);
  const from = lastAtOrBefore(s, at - historyDays * DAY_MS) + 1;
  const oldest = s.hi < s.lo ? from : Math.min(from, s.lo);
  if (s.hi < s.lo) {
    s.lo = oldest;
    s.hi = newest;
    if (newest >= oldest) s.batches.push({ lo: oldest, hi: newest, at });
  } else {
    if (oldest < s.lo) s.batches.push({ lo: oldest, hi: s.lo - 1, at });
    if (newest > s.hi) s.batches.push({ lo: s.hi + 1, hi: newest, at });
    s.lo = Math.min(s.lo, oldest);
    s.hi = Math.max(s.hi, newest);
  }
  s.syncs.push(at);
  refreshBalance(account, at);
}

function person(f: Faker) {
  const first = f.person.firstName();
  const last = f.person.lastName();
  return { first, last };
}

function newOwners(ctx: JobContext, accounts: AccountRecord[]): OwnerRecord[] {
  const f = seededFaker(ctx.seed, ctx.member.guid, 'owners');
  const primary = person(f);
  const joint = { first: f.person.firstName(), last: primary.last };
  const address = {
    address: f.location.streetAddress(),
    city: f.location.city(),
    state: f.location.state({ abbreviated: true }),
    postal_code: f.location.zipCode('#####'),
    country: ctx.institution.iso_country_code,
  };
  const phone = f.string.numeric(3).replace(/^[01]/, '8');
  const phoneNumber = `${phone}-555-${f.string.numeric(4)}`;
  const owners: OwnerRecord[] = [];
  for (const a of accounts) {
    const people = a.type === 'CHECKING' && a.index === 0 ? [primary, joint] : [primary];
    people.forEach((p, i) => {
      owners.push({
        guid: stableGuid('ACO', ctx.seed, a.guid, 'owner', i),
        account_guid: a.guid,
        member_guid: a.member_guid,
        user_guid: a.user_guid,
        owner_name: `${p.first} ${p.last}`,
        first_name: p.first,
        last_name: p.last,
        email: `${p.first}.${p.last}@example.com`.toLowerCase(),
        phone: phoneNumber,
        ...address,
      });
    });
  }
  return owners;
}

function newNumbers(ctx: JobContext, accounts: AccountRecord[]): NumberRecord[] {
  const canadian = ctx.institution.iso_country_code === 'CA';
  const routing = routingNumberFor(ctx.seed, ctx.member.institution_code);
  const d = new Draws(streamKey(ctx.seed, ctx.member.institution_code, 'transit'), 0);
  const institutionNumber = d.digits(3);
  const transit = d.digits(5);
  return accounts
    .filter((a) => a.type === 'CHECKING' || a.type === 'SAVINGS')
    .map((a) => ({
      guid: stableGuid('ACN', ctx.seed, a.guid, 'numbers'),
      account_guid: a.guid,
      member_guid: a.member_guid,
      user_guid: a.user_guid,
      account_number: a.account_number,
      routing_number: canadian ? null : (a.routing_number ?? routing),
      institution_number: canadian ? institutionNumber : null,
      transit_number: canadian ? transit : null,
      passed_validation: canadian || isValidAba(a.routing_number ?? routing),
    }));
}

function monthStart(ms: number, monthsBack: number): Date {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 1));
}

function newStatements(ctx: JobContext, accounts: AccountRecord[], at: number, old: StatementRecord[] | null) {
  const known = new Map((old ?? []).map((s) => [s.guid, s]));
  const out: StatementRecord[] = [];
  for (const a of accounts) {
    for (let m = 1; m <= STATEMENT_MONTHS; m++) {
      const start = monthStart(at, m);
      const end = new Date(monthStart(at, m - 1).getTime() - DAY_MS);
      const period = dayOf(start.getTime()).slice(0, 7);
      const guid = stableGuid('STA', ctx.seed, a.guid, period);
      out.push(
        known.get(guid) ?? {
          guid,
          account_guid: a.guid,
          member_guid: a.member_guid,
          user_guid: a.user_guid,
          period_start: dayOf(start.getTime()),
          period_end: dayOf(end.getTime()),
          created_at: at,
          updated_at: at,
        },
      );
    }
  }
  return out;
}

function newRewards(ctx: JobContext, accounts: AccountRecord[], at: number, old: RewardRecord[] | null) {
  const known = new Map((old ?? []).map((r) => [r.guid, r]));
  const out: RewardRecord[] = [];
  for (const a of accounts.filter((x) => x.type === 'CREDIT_CARD')) {
    const d = new Draws(streamKey(ctx.seed, a.guid, 'rewards', Math.floor(at / DAY_MS)), 0);
    const points = {
      guid: stableGuid('RWD', ctx.seed, a.guid, 'points'),
      balance_type: 'BALANCE' as const,
      unit_type: 'POINTS' as const,
      description: `${a.name} rewards points`,
      balance: d.int(1_000, 90_000),
      expires_on: dayOf(monthStart(at, -24).getTime() - DAY_MS),
    };
    const expiring = {
      guid: stableGuid('RWD', ctx.seed, a.guid, 'expiring'),
      balance_type: 'EXPIRING_BALANCE' as const,
      unit_type: 'POINTS' as const,
      description: `${a.name} points expiring soon`,
      balance: d.int(100, 5_000),
      expires_on: dayOf(monthStart(at, -3).getTime() - DAY_MS),
    };
    for (const r of [points, expiring]) {
      const before = known.get(r.guid);
      out.push({
        ...r,
        account_guid: a.guid,
        member_guid: a.member_guid,
        user_guid: a.user_guid,
        created_at: before?.created_at ?? at,
        updated_at: at,
      });
    }
  }
  return out;
}

/** What each job type gathers besides accounts and balances. */
const JOB_PRODUCT: Partial<Record<JobType, Product>> = {
  identify: 'identity_verification',
  verify: 'account_verification',
  fetch_statements: 'statements',
  extend_history: 'transaction_history',
  fetch_rewards: 'rewards',
};

/** The product a job needs the institution to support (400 otherwise). */
export function productForJob(type: JobType): Product | undefined {
  return JOB_PRODUCT[type];
}

/**
 * Applies a successful job at time `at`. The first success creates the accounts; every job refreshes
 * balances; every job but check_balance pulls new transactions; premium jobs add their data. The
 * first job also gathers what `data_request.products` asked for.
 */
export function applyJob(ctx: JobContext, type: JobType, at: number): MemberData {
  const first = ctx.data === null;
  const data: MemberData = ctx.data ?? { accounts: [], owners: null, numbers: null, statements: null, rewards: null };
  if (first) {
    const ordinals = new Map<AccountType, number>();
    const ordinal = (type: AccountType) => {
      const n = (ordinals.get(type) ?? 0) + 1;
      ordinals.set(type, n);
      return n;
    };
    data.accounts = ctx.accounts
      ? ctx.accounts.map((spec, i) => exactAccount(ctx, spec, i, ordinal(spec.type), at))
      : templatesFor(ctx.institution, ctx.profile).map((t, i) => newAccount(ctx, t, i, ordinal(t.type), at));
  }
  const wants = (p: Product) => JOB_PRODUCT[type] === p || (first && ctx.member.products.includes(p));
  const history = wants('transaction_history') ? EXTENDED_HISTORY_DAYS : HISTORY_DAYS;
  for (const a of data.accounts) {
    if (type === 'check_balance' && !first) refreshBalance(a, at);
    else syncTransactions(a, at, history);
  }
  if (wants('identity_verification')) data.owners = newOwners(ctx, data.accounts);
  if (wants('account_verification')) data.numbers = newNumbers(ctx, data.accounts);
  if (wants('statements')) data.statements = newStatements(ctx, data.accounts, at, data.statements);
  if (wants('rewards')) data.rewards = newRewards(ctx, data.accounts, at, data.rewards);
  return data;
}

/** The balance fields of an account as of its last refresh. */
export function balances(a: AccountRecord) {
  if (a.type === 'INVESTMENT') {
    const cash = a.balance;
    const total = round2(cash + holdingsValue(a));
    return { balance: total, available_balance: null, available_credit: null, cash_balance: cash };
  }
  if (a.type === 'CREDIT_CARD' || a.type === 'LINE_OF_CREDIT') {
    const available = a.credit_limit === null ? null : round2(Math.max(0, a.credit_limit - a.balance));
    return { balance: a.balance, available_balance: null, available_credit: available, cash_balance: null };
  }
  if (isLiability(a.type))
    return { balance: a.balance, available_balance: null, available_credit: null, cash_balance: null };
  return { balance: a.balance, available_balance: a.balance, available_credit: null, cash_balance: null };
}

export { timeOf };
