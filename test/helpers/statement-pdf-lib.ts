// A monthly statement as a real PDF (pdf-lib): the account, the period, the period's totals and its
// transactions. Deterministic: the dates inside the file are the statement's own, so one seed gives
// byte-identical files (and content hashes).
import { createHash } from 'node:crypto';
import { PDFDocument, type PDFFont, StandardFonts } from 'pdf-lib';
import type { InstitutionRecord } from '../../src/server/generators/institution.js';
import type { AccountRecord, StatementRecord } from '../../src/server/generators/records.js';
import { round2 } from '../../src/server/generators/records.js';
import { transactionFacts } from '../../src/server/generators/transaction-facts.js';
import { DAY_MS, firstAtOrAfter } from '../../src/server/generators/transactions.js';

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

export async function renderStatementPdfWithPdfLib(
  s: StatementRecord,
  account: AccountRecord,
  institution: InstitutionRecord,
  ownerName: string,
): Promise<{ bytes: Uint8Array; sha256: string }> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const created = new Date(s.created_at);
  pdf.setTitle(`${institution.name} statement ${s.period_start} to ${s.period_end}`);
  pdf.setAuthor(institution.name);
  pdf.setProducer('mx-sim');
  pdf.setCreator('mx-sim');
  pdf.setCreationDate(created);
  pdf.setModificationDate(created);
  const font = await pdf.embedFont(StandardFonts.Courier);
  const bold = await pdf.embedFont(StandardFonts.CourierBold);
  const { count, credits, debits, rows } = periodRows(account, s);
  const header: Array<[string, PDFFont, number]> = [
    [ascii(institution.name), bold, 16],
    ['Account statement', bold, 12],
    ['', font, 10],
    [`Account holder:  ${ascii(ownerName)}`, font, 10],
    [`Account:         ${ascii(account.name)} (XXXXXX${account.account_number.slice(-4)})`, font, 10],
    [`Period:          ${s.period_start} to ${s.period_end}`, font, 10],
    [`Transactions:    ${count}`, font, 10],
    [`Total credits:   ${money(credits)} ${account.currency_code}`, font, 10],
    [`Total debits:    ${money(debits)} ${account.currency_code}`, font, 10],
    ['', font, 10],
  ];
  const body = rows.length ? rows : ['No transactions in this period.'];
  if (count > rows.length) body.push(`... and ${count - rows.length} more`);
  let page = pdf.addPage([612, 792]);
  let y = 740;
  const line = (text: string, f: PDFFont, size: number) => {
    if (y < 60) {
      page = pdf.addPage([612, 792]);
      y = 740;
    }
    page.drawText(text, { x: 50, y, size, font: f });
    y -= size + 4;
  };
  for (const [text, f, size] of header) line(text, f, size);
  for (const [i, text] of body.entries()) {
    if (i > 0 && i % LINES_PER_PAGE === 0) y = 0;
    line(text, font, 9);
  }
  const bytes = await pdf.save();
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
