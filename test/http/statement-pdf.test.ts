// Statement PDFs are written directly (src/server/generators/text-pdf.ts), no longer through pdf-lib: the
// files, and so every statement's content_hash, must stay byte for byte what pdf-lib wrote.
// test/helpers/statement-pdf-lib.ts writes the same drawing with pdf-lib, and both render every statement
// of members with one page, many pages, the 400-row cap, no transactions, and names outside ASCII.
import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/server/app.js';
import { ManualClock } from '../../src/server/clock.js';
import type { InstitutionRecord } from '../../src/server/generators/institution.js';
import { renderStatementPdf } from '../../src/server/generators/statement-pdf.js';
import type { MemberRecord } from '../../src/server/store/members.js';
import { renderStatementPdfWithPdfLib } from '../helpers/statement-pdf-lib.js';

const clock = new ManualClock(Date.UTC(2026, 10, 20, 12));
const sim = createSimulator({ clock, fast: true, seed: 'statement-pdf' });
const headers = {
  authorization: `Basic ${Buffer.from('pdf-test:key').toString('base64')}`,
  'accept-version': 'v20250224',
  accept: 'application/json',
  'content-type': 'application/json',
};

async function call(method: string, path: string, body?: unknown): Promise<any> {
  const res = await sim.app.request(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  expect(res.status, path).toBeLessThan(300);
  return res.json();
}

/** A connected member with statements and owners; its records, as the routes see them. */
async function member(institution: string, login: string) {
  const user = (await call('POST', '/users', { user: { id: `u-${institution}-${login}` } })).user.guid;
  const fields = (await call('GET', `/institutions/${institution}/credentials`)).credentials;
  const credentials = fields.map((f: any) => ({ guid: f.guid, value: f.field_name === 'LOGIN' ? login : 'password' }));
  const guid = (
    await call('POST', `/users/${user}/members`, {
      member: { institution_code: institution, credentials },
      data_request: { products: ['statements', 'identity_verification'] },
    })
  ).member.guid;
  clock.advance(60_000);
  expect((await call('GET', `/users/${user}/members/${guid}/status`)).member.connection_status).toBe('CONNECTED');
  const tenant = sim.tenants.find('pdf-test');
  const record = tenant?.members.byGuid(guid) as MemberRecord;
  const inst = tenant?.institutions.byCode(institution) as InstitutionRecord;
  return { record, inst };
}

function pageText(bytes: Uint8Array): string {
  // The content streams, inflated: enough to see which layouts the members covered.
  const text = Buffer.from(bytes).toString('latin1');
  let out = '';
  for (const m of text.matchAll(/\/Length (\d+)\n>>\nstream\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    out += inflateSync(Buffer.from(bytes.subarray(start, start + Number(m[1])))).toString('latin1');
  }
  return out;
}

describe('statement PDFs, written without pdf-lib', () => {
  it('are byte for byte what pdf-lib wrote, for one page, many pages, the row cap and empty periods', async () => {
    const layouts = { multiPage: 0, capped: 0, empty: 0, total: 0 };
    for (const [institution, login] of [
      ['mxbank', 'mxuser'],
      ['simbank', 'mxuser accounts=4 transactions=3000'],
      ['simbank', 'mxuser accounts=3 transactions=20'],
    ] as const) {
      const { record, inst } = await member(institution, login);
      for (const s of record.data?.statements ?? []) {
        const account = record.data?.accounts.find((a) => a.guid === s.account_guid);
        if (!account) throw new Error('no account');
        const owner = record.data?.owners?.find((o) => o.account_guid === s.account_guid)?.owner_name ?? record.name;
        const ours = await renderStatementPdf(s, account, inst, owner);
        const theirs = await renderStatementPdfWithPdfLib(s, account, inst, owner);
        expect(Buffer.from(ours.bytes).equals(Buffer.from(theirs.bytes)), `${login}: ${s.period_start}`).toBe(true);
        expect(ours.sha256).toBe(theirs.sha256);
        layouts.total++;
        const pages = (await PDFDocument.load(ours.bytes)).getPageCount();
        if (pages > 1) layouts.multiPage++;
        const text = pageText(ours.bytes);
        if (text.includes(Buffer.from('... and ').toString('hex').toUpperCase())) layouts.capped++;
        if (text.includes(Buffer.from('No transactions in this period.').toString('hex').toUpperCase()))
          layouts.empty++;
      }
    }
    expect(layouts.total).toBeGreaterThan(60);
    expect(layouts.multiPage).toBeGreaterThan(0);
    expect(layouts.capped).toBeGreaterThan(0);
    expect(layouts.empty).toBeGreaterThan(0);
  });

  it('writes names outside ASCII as pdf-lib did: UTF-16 in the document info, "?" on the page', async () => {
    const { record, inst } = await member('mxbank', 'unicode');
    const s = record.data?.statements?.[0];
    const account = record.data?.accounts.find((a) => a.guid === s?.account_guid);
    if (!s || !account) throw new Error('no statement');
    const named = { ...inst, name: 'Caisse Ré​gionale — Crédit 🏦' };
    const ours = await renderStatementPdf(s, account, named, 'Zoë Ångström');
    const theirs = await renderStatementPdfWithPdfLib(s, account, named, 'Zoë Ångström');
    expect(Buffer.from(ours.bytes).equals(Buffer.from(theirs.bytes))).toBe(true);
  });
});
