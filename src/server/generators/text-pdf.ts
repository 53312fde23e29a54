// A PDF of text lines in the standard Courier fonts, written directly: the same bytes pdf-lib 1.17 writes
// for `PDFDocument.create({ updateMetadata: false })`, the info fields set, Courier and Courier-Bold
// embedded, A4-letter pages (612 × 792) added and each line drawn with `page.drawText(text, { x, y, size,
// font })`, then `save()` (object streams, a cross-reference stream, every stream deflated with pako).
// pdf-lib builds an object graph per call and per line; a statement has a few dozen lines, so writing
// the bytes directly costs a fraction. test/http/statement-pdf.test.ts compares the two byte for byte.
//
// What pdf-lib writes, and so this: object 1 the page tree, 2 the catalog, 3 the info dictionary, 4 and 5
// the fonts, then per page its page object and its content stream; content streams are written as
// objects, every other object goes into one object stream; the cross-reference stream comes last.
// Every drawText names its font anew in the page's resources (`/Courier-<10 digits>`): the digits come
// from pdf-lib's seeded sequence (SimpleRNG, seed 1, one per document), so they are the same in every file.
import { createHash } from 'node:crypto';
import { deflate } from './deflate.js';

export type TextFont = 'Courier' | 'Courier-Bold';

export interface TextLine {
  text: string;
  font: TextFont;
  size: number;
  x: number;
  y: number;
}

export interface TextPdf {
  title: string;
  author: string;
  producer: string;
  creator: string;
  /** CreationDate and ModDate (ms since the epoch, written in UTC to the second). */
  date: number;
  /** The lines of each page, in drawing order. Text in the printable ASCII range (0x20–0x7e). */
  pages: TextLine[][];
}

const PAGE_TREE = 1;
const CATALOG = 2;
const INFO = 3;
const FONT_REF: Record<TextFont, number> = { Courier: 4, 'Courier-Bold': 5 };
/** pdf-lib's `objectsPerStream`. */
const OBJECTS_PER_STREAM = 50;

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** pdf-lib's SimpleRNG, as PDFContext seeds it for every document. */
class SuffixSequence {
  #seed = 1;
  next(tag: string): string {
    const x = Math.sin(this.#seed++) * 10000;
    return `${tag}-${Math.floor((x - Math.floor(x)) * 10 ** 10)}`;
  }
}

/** PDFHexString.fromText: UTF-16BE with a byte order mark, upper-case hex. */
function hexText(s: string): string {
  let out = '<FEFF';
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `${out}>`;
}

/** WinAnsi codes of printable ASCII are the characters' own codes. */
function hexAscii(s: string): string {
  let out = '<';
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).toUpperCase().padStart(2, '0');
  return `${out}>`;
}

/** PDFString.fromDate. */
function pdfDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z)`;
}

/** Bytes needed for n (pdf-lib's sizeInBytes: 1 for 0). */
const byteWidth = (n: number) => Math.ceil(n.toString(2).length / 8);

export function writeTextPdf(doc: TextPdf): { bytes: Uint8Array; sha256: string } {
  const suffixes = new SuffixSequence();
  const pageRefs: number[] = [];
  const contentRefs: number[] = [];
  const pageDicts: string[] = [];
  const contents: string[] = [];
  let ref = FONT_REF['Courier-Bold'];
  for (const lines of doc.pages) {
    const pageRef = ++ref;
    const contentRef = ++ref;
    pageRefs.push(pageRef);
    contentRefs.push(contentRef);
    const fontKeys = new Set<string>();
    let fonts = '';
    let ops = '';
    for (const line of lines) {
      let key = suffixes.next(line.font);
      while (fontKeys.has(key)) key = suffixes.next(line.font);
      fontKeys.add(key);
      fonts += `/${key} ${FONT_REF[line.font]} 0 R\n`;
      ops +=
        `q\nBT\n0 0 0 rg\n/${key} ${line.size} Tf\n24 TL\n1 0 0 1 ${line.x} ${line.y} Tm\n` +
        `${hexAscii(line.text)} Tj\nT*\nET\nQ\n`;
    }
    pageDicts.push(
      `<<\n/Type /Page\n/Parent ${PAGE_TREE} 0 R\n/Resources <<\n/Font <<\n${fonts}>>\n/XObject <<\n>>\n/ExtGState <<\n>>\n>>\n` +
        `/MediaBox [ 0 0 612 792 ]\n/Annots [ ]\n/Contents [ ${contentRef} 0 R ]\n>>`,
    );
    contents.push(ops);
  }
  const date = pdfDate(doc.date);
  const font = (name: TextFont) =>
    `<<\n/Type /Font\n/Subtype /Type1\n/BaseFont /${name}\n/Encoding /WinAnsiEncoding\n>>`;
  // Objects other than streams, by object number: they go into object streams.
  const packed: Array<[number, string]> = [
    [
      PAGE_TREE,
      `<<\n/Type /Pages\n/Kids [ ${pageRefs.map((r) => `${r} 0 R`).join(' ')} ]\n/Count ${pageRefs.length}\n>>`,
    ],
    [CATALOG, `<<\n/Type /Catalog\n/Pages ${PAGE_TREE} 0 R\n>>`],
    [
      INFO,
      `<<\n/Title ${hexText(doc.title)}\n/Author ${hexText(doc.author)}\n/Producer ${hexText(doc.producer)}\n` +
        `/Creator ${hexText(doc.creator)}\n/CreationDate ${date}\n/ModDate ${date}\n>>`,
    ],
    [FONT_REF.Courier, font('Courier')],
    [FONT_REF['Courier-Bold'], font('Courier-Bold')],
    ...pageRefs.map((r, i): [number, string] => [r, pageDicts[i] as string]),
  ];

  const chunks: Buffer[] = [];
  let size = 0;
  const push = (b: Buffer) => {
    chunks.push(b);
    size += b.length;
  };
  /** [object number, type, field 2, field 3] of the cross-reference stream. */
  const entries: Array<[number, number, number, number]> = [[0, 0, 0, 65535]];
  const streamObject = (n: number, dict: string, data: Uint8Array) => {
    entries.push([n, 1, size, 0]);
    push(latin1(`${n} 0 obj\n<<\n/Filter /FlateDecode\n${dict}/Length ${data.length}\n>>\nstream\n`));
    push(Buffer.from(data.buffer, data.byteOffset, data.length));
    push(latin1('\nendstream\nendobj\n\n'));
  };

  push(latin1('%PDF-1.7\n%\x81\x81\x81\x81\n\n'));
  let next = ref + 1;
  const streamRefs: number[] = [];
  for (let i = 0; i < packed.length; i += OBJECTS_PER_STREAM) streamRefs.push(next++);
  packed.forEach(([n], i) => {
    entries.push([n, 2, streamRefs[Math.floor(i / OBJECTS_PER_STREAM)] as number, i % OBJECTS_PER_STREAM]);
  });
  for (const [i, n] of contentRefs.entries()) streamObject(n, '', deflate(latin1(contents[i] as string)));
  for (const [s, streamRef] of streamRefs.entries()) {
    const objects = packed.slice(s * OBJECTS_PER_STREAM, (s + 1) * OBJECTS_PER_STREAM);
    let offsets = '';
    let offset = 0;
    for (const [n, text] of objects) {
      offsets += `${n} ${offset} `;
      offset += text.length + 1;
    }
    const body = latin1(offsets + objects.map(([, text]) => `${text}\n`).join(''));
    streamObject(streamRef, `/Type /ObjStm\n/N ${objects.length}\n/First ${offsets.length}\n`, deflate(body));
  }

  const xrefRef = next++;
  entries.push([xrefRef, 1, size, 0]);
  entries.sort((a, b) => a[0] - b[0]);
  const widths = [1, 1, 1];
  for (const [, a, b, c] of entries) {
    widths[0] = Math.max(widths[0] as number, byteWidth(a));
    widths[1] = Math.max(widths[1] as number, byteWidth(b));
    widths[2] = Math.max(widths[2] as number, byteWidth(c));
  }
  const [w0, w1, w2] = widths as [number, number, number];
  const table = Buffer.alloc((w0 + w1 + w2) * entries.length);
  let at = 0;
  for (const [, a, b, c] of entries) {
    for (const [value, width] of [
      [a, w0],
      [b, w1],
      [c, w2],
    ] as const) {
      for (let k = width - 1; k >= 0; k--) table[at++] = (value >> (k * 8)) & 0xff;
    }
  }
  const xrefOffset = size;
  const xref = deflate(table);
  push(
    latin1(
      `${xrefRef} 0 obj\n<<\n/Size ${next}\n/Root ${CATALOG} 0 R\n/Info ${INFO} 0 R\n/Filter /FlateDecode\n/Type /XRef\n` +
        `/Length ${xref.length}\n/W [ ${w0} ${w1} ${w2} ]\n/Index [ 0 ${next} ]\n>>\nstream\n`,
    ),
  );
  push(Buffer.from(xref.buffer, xref.byteOffset, xref.length));
  push(latin1(`\nendstream\nendobj\n\nstartxref\n${xrefOffset}\n%%EOF`));
  const bytes = new Uint8Array(Buffer.concat(chunks, size));
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
