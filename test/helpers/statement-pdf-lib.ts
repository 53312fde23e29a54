// The reference for statement PDFs: the same drawing (statement-pdf.ts `statementDrawing`: metadata, and each
// page's lines with their font, size and place) written by pdf-lib, as the simulator wrote statements before
// text-pdf.ts. test/http/statement-pdf.test.ts compares the two byte for byte.
import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { InstitutionRecord } from '../../src/server/generators/institution.js';
import type { AccountRecord, StatementRecord } from '../../src/server/generators/records.js';
import { statementDrawing } from '../../src/server/generators/statement-pdf.js';

export async function renderStatementPdfWithPdfLib(
  s: StatementRecord,
  account: AccountRecord,
  institution: InstitutionRecord,
  ownerName: string,
): Promise<{ bytes: Uint8Array; sha256: string }> {
  const drawing = statementDrawing(s, account, institution, ownerName);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const created = new Date(drawing.date);
  pdf.setTitle(drawing.title);
  pdf.setAuthor(drawing.author);
  pdf.setProducer(drawing.producer);
  pdf.setCreator(drawing.creator);
  pdf.setCreationDate(created);
  pdf.setModificationDate(created);
  const fonts = {
    Courier: await pdf.embedFont(StandardFonts.Courier),
    'Courier-Bold': await pdf.embedFont(StandardFonts.CourierBold),
  };
  for (const lines of drawing.pages) {
    const page = pdf.addPage([612, 792]);
    for (const l of lines) page.drawText(l.text, { x: l.x, y: l.y, size: l.size, font: fonts[l.font] });
  }
  const bytes = await pdf.save();
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
