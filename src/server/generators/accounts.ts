// A member's accounts: generated from templates or given exactly (a scenario's), their holdings, and how
// each sync pulls transactions and moves balances. Transactions are never stored (see transactions.ts).
import type { AccountType } from '../../mx/accounts.js';
import { ACCOUNT_TEMPLATES, type AccountTemplate, isLiability, kindTable, pickKind, SECURITIES } from './finance.js';
import { stableGuid } from './ids.js';
import type { InstitutionRecord } from './institution.js';
import {
  type AccountRecord,
  type AccountSpec,
  type DataProfile,
  HISTORY_DAYS,
  type HoldingRecord,
  type JobContext,
  MAX_ACCOUNTS,
  MAX_TRANSACTIONS,
  round2,
} from './records.js';
import { Draws, streamKey, unit } from './rng.js';
import { DAY_MS, draws, lastAtOrBefore, type Stream } from './transactions.js';

const PENDING_MS = 2 * DAY_MS;

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
    holdings_at: at,
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
/** Each symbol's price phase (a SHA-256 of the symbol): asked for every holding of every account read. */
const phases = new Map<string, number>();
const MAX_PHASES = 10_000;

function phaseOf(symbol: string): number {
  let phase = phases.get(symbol);
  if (phase === undefined) {
    phase = streamKey(symbol) % 360;
    if (phases.size >= MAX_PHASES) phases.clear();
    phases.set(symbol, phase);
  }
  return phase;
}

export function priceOn(h: HoldingRecord, at: number): number {
  if (h.holding_type === 'MONEY_MARKET') return 1;
  const day = Math.floor(at / DAY_MS);
  const phase = phaseOf(h.symbol);
  return round2(h.base_price * (1 + 0.08 * Math.sin((day + phase) / 23) + 0.02 * Math.sin((day + phase) / 3.7)));
}

export function holdingsValue(account: AccountRecord): number {
  return round2(account.holdings.reduce((s, h) => s + h.quantity * priceOn(h, account.holdings_at), 0));
}

/** The signed effect of transaction k on the account's balance. */
export function transactionAmount(account: AccountRecord, k: number): { type: 'CREDIT' | 'DEBIT'; amount: number } {
  const d = draws(account.stream, k);
  const kind = pickKind(account.type, d.next());
  return { type: kind.type, amount: d.money(kind.min, kind.max) };
}

/** Counts every transaction up to `at` into the balance (check_balance and every sync). */
export function refreshBalance(account: AccountRecord, at: number): void {
  if (account.stream.fixed) {
    account.balance_at = at;
    account.updated_at = at;
    return;
  }
  const last = lastAtOrBefore(account.stream, at);
  // Each transaction's amount as transactionAmount draws it, + when it raises the balance, summed without
  // allocations: after a long clock move this loop is most of what settling costs
  // (docs/lifecycle.md#moving-the-clock-a-long-way).
  const key = account.stream.key;
  // A credit raises an asset's balance and lowers a liability's.
  const raises = isLiability(account.type) ? 0 : 1;
  const { cumulative, min, max, credit } = kindTable(account.type);
  const lastKind = cumulative.length - 1;
  let balance = account.balance;
  for (let k = account.balance_k + 1; k <= last; k++) {
    // pickKind and Draws.money, inlined.
    const u = unit(key, k, 1);
    let i = 0;
    while (i < lastKind && !(u < (cumulative[i] as number))) i++;
    const low = min[i] as number;
    const amount = Math.round((low + unit(key, k, 2) * ((max[i] as number) - low)) * 100) / 100;
    balance += credit[i] === raises ? amount : -amount;
  }
  account.balance = round2(balance);
  account.balance_k = Math.max(account.balance_k, last);
  account.balance_at = at;
  account.updated_at = at;
}

/** Pulls transactions up to `at` (and back to `historyDays` before it) into the member's data. */
export function syncTransactions(account: AccountRecord, at: number, historyDays: number): void {
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

/** The first successful job's accounts: exactly those a scenario gives, else one per template. */
export function createAccounts(ctx: JobContext, at: number): AccountRecord[] {
  const ordinals = new Map<AccountType, number>();
  const ordinal = (type: AccountType) => {
    const n = (ordinals.get(type) ?? 0) + 1;
    ordinals.set(type, n);
    return n;
  };
  return ctx.accounts
    ? ctx.accounts.map((spec, i) => exactAccount(ctx, spec, i, ordinal(spec.type), at))
    : templatesFor(ctx.institution, ctx.profile).map((t, i) => newAccount(ctx, t, i, ordinal(t.type), at));
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
