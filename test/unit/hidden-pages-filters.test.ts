/**
 * Pages hidden behind /Count whose page objects sit in object streams coded with filters other than Flate alone (LZW,
 * ASCIIHex, ASCII85, or chains of them with Flate or RunLength): PDFium reads such streams, so the hidden pages are in the
 * file as much as Flate-compressed ones, and the result must say so (PAGES_HIDDEN).
 */
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { test } from 'node:test';
import type { PageInput } from '../../app/documents/document-types';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { oneLineResult } from '../helpers/one-line-result';

/** Each page reads as one word naming its pixel width. */
const widthOcr = (input: PageInput) => {
  assert.equal(input.kind, 'pixels');
  const { width, height } = input.image;
  return Promise.resolve(oneLineResult(width, height, `w${width}`, [100, 100, 400, 160]));
};

/** ASCIIHexDecode's input for `data`. */
const asciiHex = (data: Buffer) => Buffer.from(`${data.toString('hex')}>`, 'latin1');

/** ASCII85Decode's input for `data`, four bytes a group (a short last group padded, as the filter says). */
function ascii85(data: Buffer): Buffer {
  let out = '';
  for (let i = 0; i < data.length; i += 4) {
    const group = Buffer.alloc(4);
    data.copy(group, 0, i, i + 4);
    let n = group.readUInt32BE(0);
    const digits: string[] = [];
    for (let k = 0; k < 5; k++) {
      digits.unshift(String.fromCharCode(33 + (n % 85)));
      n = Math.floor(n / 85);
    }
    out += digits.slice(0, Math.min(4, data.length - i) + 1).join('');
  }
  return Buffer.from(`${out}~>`, 'latin1');
}

/** LZWDecode's input for `data`: every byte its own 9-bit code, a clear code before the table would widen the codes. */
function lzw(data: Buffer): Buffer {
  const codes = [256];
  data.forEach((b, i) => {
    if (i > 0 && i % 200 === 0) codes.push(256);
    codes.push(b);
  });
  codes.push(257);
  const out = Buffer.alloc(Math.ceil((codes.length * 9) / 8) + 1);
  codes.forEach((code, i) => {
    for (let bit = 0; bit < 9; bit++)
      if ((code >> (8 - bit)) & 1) out[(i * 9 + bit) >> 3]! |= 0x80 >> ((i * 9 + bit) & 7);
  });
  return out;
}

/** RunLengthDecode's input for `data`: literal runs of up to 128 bytes (the text stays legible alone), then the end mark. */
function runLength(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += 128) {
    const run = data.subarray(i, i + 128);
    parts.push(Buffer.from([run.length - 1]), run);
  }
  return Buffer.concat([...parts, Buffer.from([128])]);
}

/**
 * Three pages (300, 400, 500 pt wide) whose tree claims 2, the page objects in one object stream coded by `encode`
 * under `filter`, the cross-reference in a stream (as an object stream needs).
 */
function objectStreamPdf(filter: string, encode: (data: Buffer) => Buffer): Buffer {
  const pages = [300, 400, 500].map((w) => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} 200] >>`);
  let body = '';
  const offsets: number[] = [];
  for (const page of pages) {
    offsets.push(body.length);
    body += `${page}\n`;
  }
  const header = offsets.map((at, i) => `${3 + i} ${at}`).join(' ') + '\n';
  const data = encode(Buffer.from(header + body, 'latin1'));
  const chunks: Buffer[] = [Buffer.from('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const at: number[] = [];
  const size = () => chunks.reduce((n, c) => n + c.length, 0);
  const add = (num: number, text: string, stream?: Buffer) => {
    at[num] = size();
    chunks.push(Buffer.from(`${num} 0 obj\n${text}`, 'latin1'));
    if (stream)
      chunks.push(Buffer.from('\nstream\n', 'latin1'), stream, Buffer.from('\nendstream', 'latin1'));
    chunks.push(Buffer.from('\nendobj\n', 'latin1'));
  };
  add(1, '<< /Type /Catalog /Pages 2 0 R >>');
  add(2, '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 2 >>');
  add(6, `<< /Type /ObjStm /N 3 /First ${header.length} /Filter ${filter} /Length ${data.length} >>`, data);
  // Cross-reference stream: type 1 (offset) for 1, 2, 6, 7; type 2 (in object stream 6) for the pages.
  const xrefAt = size();
  const row = (type: number, a: number, b: number) => {
    const r = Buffer.alloc(7);
    r[0] = type;
    r.writeUInt32BE(a, 1);
    r.writeUInt16BE(b, 5);
    return r;
  };
  const rows = Buffer.concat([
    row(0, 0, 65535),
    row(1, at[1]!, 0),
    row(1, at[2]!, 0),
    row(2, 6, 0),
    row(2, 6, 1),
    row(2, 6, 2),
    row(1, at[6]!, 0),
    row(1, xrefAt, 0),
  ]);
  add(7, `<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Length ${rows.length} >>`, rows);
  chunks.push(Buffer.from(`startxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}

const CODINGS: readonly (readonly [string, (data: Buffer) => Buffer])[] = [
  ['/LZWDecode', lzw],
  ['/ASCIIHexDecode', asciiHex],
  ['/ASCII85Decode', ascii85],
  ['[/ASCIIHexDecode /RunLengthDecode]', (d) => asciiHex(runLength(d))],
  ['[/ASCII85Decode /FlateDecode]', (d) => ascii85(deflateSync(d))],
  ['[/ASCIIHexDecode /LZWDecode]', (d) => asciiHex(lzw(d))],
];

for (const [filter, encode] of CODINGS)
  test(`pages hidden behind /Count in an object stream coded ${filter} are found: PAGES_HIDDEN`, async () => {
    const pdf = objectStreamPdf(filter, encode);
    assert.doesNotMatch(pdf.toString('latin1'), /\/Type\s*\/Page\b/u, 'the page objects are coded');
    const doc = await recognizeDocument(pdf, widthOcr);
    assert.deepEqual(
      doc.pages.map((p) => ('text' in p ? p.text : p.error.code)),
      ['w1250', 'w1667'],
    );
    assert.deepEqual(
      doc.warnings?.map((w) => w.code),
      ['PAGES_HIDDEN'],
    );
    assert.match(doc.warnings?.[0]?.message ?? '', /holds 3 pages.*claims 2/);
  });
