// Transaction queries (src/server/domain/transactions.ts, docs/member-data.md#transactions): `includes`,
// the date window (MX's default: 120 days back to 5 days ahead, whole UTC days), created/updated ranges
// with Unix-second or YYYY-MM-DD bounds, inverted ranges refused, category filters, one page newest first,
// and finding one transaction. Pages are checked against a brute-force count over the generated streams.
import { describe, expect, it } from 'vitest';
import { startMemberJob } from '../../src/server/domain/jobs.js';
import { settleMember } from '../../src/server/domain/settle.js';
import {
  filterOf,
  INCLUDES,
  parseIncludes,
  type TransactionQuery,
  transactionIn,
  transactionPage,
} from '../../src/server/domain/transactions.js';
import type { AccountRecord } from '../../src/server/generators/records.js';
import { transactionFacts } from '../../src/server/generators/transaction-facts.js';
import { DAY_MS } from '../../src/server/generators/transactions.js';
import { addMember, addUser, mxErrorOf, START, TIMING, tenantWith } from './fixtures/tenant.js';

/** 2026-01-15T00:00Z: the UTC day START (noon) falls in. */
const TODAY = Date.parse('2026-01-15T00:00:00Z');
const seconds = (iso: string) => String(Date.parse(iso) / 1000);

function validation(fn: () => unknown) {
  const e = mxErrorOf(fn);
  expect(e).toMatchObject({ status: 400, type: 'validation_error' });
  return e.message;
}

describe('parseIncludes', () => {
  it('is empty without a value', () => {
    expect(parseIncludes(undefined)).toEqual(new Set());
    expect(parseIncludes('')).toEqual(new Set());
  });

  it('reads a comma list, trimming and skipping empty parts', () => {
    expect([...parseIncludes(' merchants, classifications,,merchants ,')]).toEqual(['merchants', 'classifications']);
    expect(parseIncludes(INCLUDES.join(','))).toEqual(new Set(INCLUDES));
  });

  it('refuses an unknown enhancement: 400 naming it and the ones there are', () => {
    expect(validation(() => parseIncludes('merchants,Merchants'))).toBe(
      "includes: 'Merchants' is not an enhancement; use any of repeating_transactions, merchants, classifications, geolocations",
    );
  });
});

describe('filterOf: the date window', () => {
  it('defaults to 120 days back and 5 days ahead of today, whole UTC days (to exclusive)', () => {
    expect(filterOf({}, START)).toStrictEqual({ date: { from: TODAY - 120 * DAY_MS, to: TODAY + 6 * DAY_MS } });
    // Any time of the day gives the same window.
    expect(filterOf({}, TODAY)).toStrictEqual(filterOf({}, TODAY + DAY_MS - 1));
  });

  it('takes YYYY-MM-DD bounds as whole days, to_date included', () => {
    expect(filterOf({ from_date: '2025-12-01', to_date: '2025-12-31' }, START).date).toEqual({
      from: Date.parse('2025-12-01T00:00:00Z'),
      to: Date.parse('2026-01-01T00:00:00Z'),
    });
  });

  it('takes Unix-second bounds as the day they fall in', () => {
    const q = { from_date: seconds('2025-12-01T17:30:00Z'), to_date: seconds('2025-12-31T23:59:59Z') };
    expect(filterOf(q, START).date).toEqual({
      from: Date.parse('2025-12-01T00:00:00Z'),
      to: Date.parse('2026-01-01T00:00:00Z'),
    });
  });

  it('keeps the default for the bound not given', () => {
    expect(filterOf({ from_date: '2026-01-01' }, START).date).toEqual({
      from: Date.parse('2026-01-01T00:00:00Z'),
      to: TODAY + 6 * DAY_MS,
    });
    expect(filterOf({ to_date: '2025-12-01' }, START).date).toEqual({
      from: TODAY - 120 * DAY_MS,
      to: Date.parse('2025-12-02T00:00:00Z'),
    });
  });

  it('accepts a one-day window', () => {
    expect(filterOf({ from_date: '2025-12-01', to_date: '2025-12-01' }, START).date).toEqual({
      from: Date.parse('2025-12-01T00:00:00Z'),
      to: Date.parse('2025-12-02T00:00:00Z'),
    });
  });

  it('refuses a from_date after to_date (400), naming a default it was compared with', () => {
    expect(validation(() => filterOf({ from_date: '2025-12-02', to_date: '2025-12-01' }, START))).toBe(
      'from_date: 2025-12-02 is after to_date (2025-12-01)',
    );
    expect(validation(() => filterOf({ from_date: '2026-01-21' }, START))).toBe(
      'from_date: 2026-01-21 is after to_date (the default)',
    );
    expect(validation(() => filterOf({ to_date: '2025-09-16' }, START))).toBe(
      'from_date: the default is after to_date (2025-09-16)',
    );
    // The defaults' own edges are fine.
    expect(filterOf({ from_date: '2026-01-20' }, START).date.from).toBe(TODAY + 5 * DAY_MS);
    expect(filterOf({ to_date: '2025-09-17' }, START).date.to).toBe(TODAY - 119 * DAY_MS);
  });
});

describe('filterOf: created and updated ranges', () => {
  it('has none unless asked', () => {
    const f = filterOf({}, START);
    expect('created' in f).toBe(false);
    expect('updated' in f).toBe(false);
  });

  it('takes Unix seconds exactly, the end second included', () => {
    const from = seconds('2026-01-10T08:00:00Z');
    const to = seconds('2026-01-12T09:30:15Z');
    expect(filterOf({ from_created_at: from, to_created_at: to }, START).created).toStrictEqual({
      from: Date.parse('2026-01-10T08:00:00Z'),
      to: Date.parse('2026-01-12T09:30:16Z'),
    });
    expect(filterOf({ from_updated_at: from, to_updated_at: to }, START).updated).toStrictEqual({
      from: Date.parse('2026-01-10T08:00:00Z'),
      to: Date.parse('2026-01-12T09:30:16Z'),
    });
  });

  it('takes dates as whole days', () => {
    expect(filterOf({ from_updated_at: '2026-01-10', to_updated_at: '2026-01-12' }, START).updated).toStrictEqual({
      from: Date.parse('2026-01-10T00:00:00Z'),
      to: Date.parse('2026-01-13T00:00:00Z'),
    });
  });

  it('leaves an open end open', () => {
    expect(filterOf({ from_created_at: '2026-01-10' }, START).created).toStrictEqual({
      from: Date.parse('2026-01-10T00:00:00Z'),
    });
    expect(filterOf({ to_updated_at: '2026-01-10' }, START).updated).toStrictEqual({
      to: Date.parse('2026-01-11T00:00:00Z'),
    });
  });

  it("reads v20250224's from_timestamp/to_timestamp as the created range; the created_at names win", () => {
    expect(filterOf({ from_timestamp: '2026-01-10', to_timestamp: '2026-01-11' }, START).created).toStrictEqual({
      from: Date.parse('2026-01-10T00:00:00Z'),
      to: Date.parse('2026-01-12T00:00:00Z'),
    });
    const both = {
      from_created_at: '2026-01-05',
      from_timestamp: '2026-01-10',
      to_created_at: '2026-01-06',
      to_timestamp: '2026-01-11',
    };
    expect(filterOf(both, START).created).toStrictEqual({
      from: Date.parse('2026-01-05T00:00:00Z'),
      to: Date.parse('2026-01-07T00:00:00Z'),
    });
  });

  it('accepts a range of one second, refuses a start after the end (400 naming the pair)', () => {
    const t = seconds('2026-01-10T08:00:00Z');
    expect(filterOf({ from_created_at: t, to_created_at: t }, START).created).toBeDefined();
    const later = String(Number(t) + 1);
    expect(validation(() => filterOf({ from_created_at: later, to_created_at: t }, START))).toBe(
      `from_created_at/to_created_at: the start (${later}) is after the end (${t})`,
    );
    expect(validation(() => filterOf({ from_updated_at: '2026-01-11', to_updated_at: '2026-01-10' }, START))).toBe(
      'from_updated_at/to_updated_at: the start (2026-01-11) is after the end (2026-01-10)',
    );
    expect(validation(() => filterOf({ from_timestamp: '2026-01-11', to_timestamp: '2026-01-10' }, START))).toMatch(
      /^from_created_at\/to_created_at: /,
    );
  });
});

/** The accounts of an MX Bank member after its first aggregation. */
function accounts(): AccountRecord[] {
  const { tenant } = tenantWith();
  const member = addMember(tenant, addUser(tenant), 'mxbank', { LOGIN: 'mxuser', PASSWORD: 'password' });
  startMemberJob(member, tenant, 'aggregate', START);
  settleMember(member, tenant, START + TIMING.authenticateMs + TIMING.syncMs);
  const out = member.data?.accounts ?? [];
  expect(out.length).toBeGreaterThan(1);
  return out;
}

/** Every pulled transaction of the accounts that passes `keep`, by brute force. */
function everyTransaction(list: readonly AccountRecord[], keep: (a: AccountRecord, k: number) => boolean) {
  const out: Array<{ guid: string; at: number }> = [];
  for (const a of list) {
    for (let k = a.stream.lo; k <= a.stream.hi; k++) {
      if (keep(a, k)) out.push({ guid: transactionFacts(a, k).guid, at: transactionFacts(a, k).at });
    }
  }
  return out;
}

const shown = (rows: Array<{ account: AccountRecord; k: number }>) =>
  rows.map((r) => ({ guid: transactionFacts(r.account, r.k).guid, at: transactionFacts(r.account, r.k).at }));

describe('transactionPage', () => {
  const all = accounts();
  const inWindow = (from: number, to: number) => (a: AccountRecord, k: number) => {
    const at = transactionFacts(a, k).at;
    return at >= from && at < to;
  };

  it("pages the accounts' transactions in the default window, newest first, 25 a page", () => {
    const now = START + 40 * DAY_MS;
    const day = Date.parse('2026-02-24T00:00:00Z');
    const expected = everyTransaction(all, inWindow(day - 120 * DAY_MS, day + 6 * DAY_MS));
    expect(expected.length).toBeLessThan(everyTransaction(all, () => true).length);
    expect(expected.length).toBeGreaterThan(50);
    const { rows, pagination } = transactionPage(all, {}, now);
    expect(pagination).toEqual({
      current_page: 1,
      per_page: 25,
      total_entries: expected.length,
      total_pages: Math.ceil(expected.length / 25),
    });
    const page = shown(rows);
    expect(page).toHaveLength(25);
    const newestFirst = [...expected].sort((a, b) => b.at - a.at);
    expect(page.map((r) => r.at)).toEqual(newestFirst.slice(0, 25).map((r) => r.at));
  });

  it('gives the page asked for, with the per-page rules (over 1000 falls back to 25, under 10 is 10)', () => {
    const total = everyTransaction(all, inWindow(TODAY - 120 * DAY_MS, TODAY + 6 * DAY_MS)).length;
    const second = transactionPage(all, { page: 2, records_per_page: 10 }, START);
    expect(second.pagination).toEqual({
      current_page: 2,
      per_page: 10,
      total_entries: total,
      total_pages: Math.ceil(total / 10),
    });
    const first20 = shown(transactionPage(all, { records_per_page: 20 }, START).rows);
    expect(shown(second.rows)).toEqual(first20.slice(10, 20));
    expect(transactionPage(all, { records_per_page: 1000 }, START).pagination.per_page).toBe(1000);
    expect(transactionPage(all, { records_per_page: 1001 }, START).pagination.per_page).toBe(25);
    expect(transactionPage(all, { records_per_page: 3 }, START).pagination.per_page).toBe(10);
    const last = Math.ceil(total / 10);
    expect(transactionPage(all, { page: last, records_per_page: 10 }, START).rows).toHaveLength(
      total - (last - 1) * 10,
    );
    expect(transactionPage(all, { page: last + 1, records_per_page: 10 }, START).rows).toEqual([]);
  });

  it('applies the date bounds given', () => {
    const q = { from_date: '2025-12-20', to_date: '2025-12-31', records_per_page: 1000 };
    const expected = everyTransaction(
      all,
      inWindow(Date.parse('2025-12-20T00:00:00Z'), Date.parse('2026-01-01T00:00:00Z')),
    );
    const { rows, pagination } = transactionPage(all, q, START);
    expect(pagination.total_entries).toBe(expected.length);
    expect(
      shown(rows)
        .map((r) => r.guid)
        .sort(),
    ).toEqual(expected.map((r) => r.guid).sort());
  });

  it("keeps v20111101's categories and top-level categories, each and together", () => {
    const q: TransactionQuery = { from_date: '2025-10-01', records_per_page: 1000 };
    const facts = everyTransaction(all, inWindow(Date.parse('2025-10-01T00:00:00Z'), TODAY + 6 * DAY_MS)).length;
    const sample = all.flatMap((a) =>
      Array.from({ length: a.stream.hi - a.stream.lo + 1 }, (_, i) => transactionFacts(a, a.stream.lo + i).category),
    );
    const category = sample[0];
    const top = sample.find((c) => c.top !== category?.top);
    if (!category || !top) throw new Error('expected two top-level categories among the transactions');
    const topGuid = top.top_guid;
    const inCategory = (guids: string[] | undefined, tops: string[] | undefined) =>
      transactionPage(
        all,
        { ...q, ...(guids ? { categories: guids } : {}), ...(tops ? { topCategories: tops } : {}) },
        START,
      ).rows.map((r) => transactionFacts(r.account, r.k).category);

    const byCategory = inCategory([category.guid], undefined);
    expect(byCategory.length).toBeGreaterThan(0);
    expect(byCategory.every((c) => c.guid === category.guid)).toBe(true);

    const byTop = inCategory(undefined, [topGuid]);
    expect(byTop.length).toBeGreaterThan(0);
    expect(byTop.length).toBeLessThan(facts);
    expect(byTop.every((c) => c.top === top.top)).toBe(true);

    const both = inCategory([category.guid, top.guid], [topGuid]);
    expect(both.length).toBeGreaterThan(0);
    expect(both.every((c) => c.guid === top.guid)).toBe(true);
    expect(inCategory([], undefined)).toEqual([]);
  });

  it('applies a created range', () => {
    // Every transaction was pulled by the first sync; a range before it keeps none.
    expect(transactionPage(all, { to_created_at: '2026-01-14' }, START).pagination.total_entries).toBe(0);
    expect(transactionPage(all, { from_created_at: '2026-01-15' }, START).pagination.total_entries).toBeGreaterThan(0);
  });

  it('is empty for no accounts', () => {
    expect(transactionPage([], {}, START)).toEqual({
      rows: [],
      pagination: { current_page: 1, per_page: 25, total_entries: 0, total_pages: 0 },
    });
  });
});

describe('transactionIn', () => {
  const all = accounts();
  const a = all[1] as AccountRecord;
  const facts = transactionFacts(a, a.stream.hi);

  it('finds a pulled transaction by guid, and by id when asked', () => {
    expect(transactionIn(all, facts.guid, false)).toEqual({ account: a, k: a.stream.hi });
    expect(transactionIn(all, facts.id, true)).toEqual({ account: a, k: a.stream.hi });
  });

  it('answers 404 naming the identifier otherwise', () => {
    expect(mxErrorOf(() => transactionIn(all, facts.id, false))).toMatchObject({
      status: 404,
      type: 'not_found',
      message: `transaction not found: no transaction with identifier '${facts.id}'`,
    });
    expect(mxErrorOf(() => transactionIn(all.slice(0, 1), facts.guid, false)).status).toBe(404);
  });
});
