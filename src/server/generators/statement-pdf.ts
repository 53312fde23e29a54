// A monthly statement as a real PDF: the account, the period, the period's totals and its transactions.
// Deterministic: the dates inside the file are the statement's own, so one seed gives byte-identical
// files (and content hashes). Written by text-pdf.ts, byte for byte what pdf-lib wrote for the same
// drawing (test/http/statement-pdf.test.ts renders with the pdf-lib version and compares).
import type { InstitutionRecord } from './institution.js';
import type { AccountRecord, StatementRecord } from './records.js';
import { round2 } from './records.js';
import { type TextFont, type TextLine, type TextPdf, writeTextPdf } from './text-pdf.js';
import { transactionFacts } from './transaction-facts.js';
import { DAY_MS, firstAtOrAfter } from './transactions.js';

const LINES_PER_PAGE = 42;
const MAX_LISTED = 400;

/** One formatter for every amount: `toLocaleString` with options builds a new Intl.NumberFormat per call. */
const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const money = (n: number) => MONEY.format(n);

/** Keeps text inside the standard fonts' WinAnsi character set. */
const ascii = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');

function periodRows(account: AccountRecord, s: StatementRecord) {
  const from = Date.parse(`${s.period_start}T00:00:00Z`);
  const to = Date.parse(`${s.period_end}T00:00:00Z`) + DAY_MS;
  const first = firstAtOrAfter(account.stream, from);
  const last = firstAtOrAfter(account.stream, to) - 1;
  let credits = 0;
  let debits = 0;
  const rows: string[] = [];
  for (let k = first; k <= last; k++) {
    const t = transactionFacts(account, k);
    if (t.type === 'CREDIT') credits += t.amount;
    else debits += t.amount;
    if (rows.length < MAX_LISTED) {
      const date = new Date(t.at).toISOString().slice(0, 10);
      const sign = t.type === 'CREDIT' ? '+' : '-';
      rows.push(`${date}   ${ascii(t.description).padEnd(34).slice(0, 34)} ${sign + money(t.amount)}`);
    }
  }
  return { count: Math.max(0, last - first + 1), credits: round2(credits), debits: round2(debits), rows };
}

/** What a statement's PDF shows: its metadata and the lines of each page, where they are drawn. */
export function statementDrawing(
  s: StatementRecord,
  account: AccountRecord,
  institution: InstitutionRecord,
  ownerName: string,
): TextPdf {
  const { count, credits, debits, rows } = periodRows(account, s);
  const header: Array<[string, TextFont, number]> = [
    [ascii(institution.name), 'Courier-Bold', 16],
    ['Account statement', 'Courier-Bold', 12],
    ['', 'Courier', 10],
    [`Account holder:  ${ascii(ownerName)}`, 'Courier', 10],
    [`Account:         ${ascii(account.name)} (XXXXXX${account.account_number.slice(-4)})`, 'Courier', 10],
    [`Period:          ${s.period_start} to ${s.period_end}`, 'Courier', 10],
    [`Transactions:    ${count}`, 'Courier', 10],
    [`Total credits:   ${money(credits)} ${account.currency_code}`, 'Courier', 10],
    [`Total debits:    ${money(debits)} ${account.currency_code}`, 'Courier', 10],
    ['', 'Courier', 10],
  ];
  const body = rows.length ? rows : ['No transactions in this period.'];
  if (count > rows.length) body.push(`... and ${count - rows.length} more`);
  const pages: TextLine[][] = [[]];
  let y = 740;
  const line = (text: string, font: TextFont, size: number) => {
    if (y < 60) {
      pages.push([]);
      y = 740;
    }
    pages[pages.length - 1]?.push({ text, font, size, x: 50, y });
    y -= size + 4;
  };
  for (const [text, font, size] of header) line(text, font, size);
  for (const [i, text] of body.entries()) {
    if (i > 0 && i % LINES_PER_PAGE === 0) y = 0;
    line(text, 'Courier', 9);
  }
  return {
    title: `${institution.name} statement ${s.period_start} to ${s.period_end}`,
    author: institution.name,
    producer: 'mx-sim',
    creator: 'mx-sim',
    date: s.created_at,
    pages,
  };
}

export async function renderStatementPdf(
  s: StatementRecord,
  account: AccountRecord,
  institution: InstitutionRecord,
  ownerName: string,
): Promise<{ bytes: Uint8Array; sha256: string }> {
  return writeTextPdf(statementDrawing(s, account, institution, ownerName));
}
