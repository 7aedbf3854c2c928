/** PDFs the document tests make themselves: img2pdf scans, a born-digital page, an encrypted, an empty and a bad one. */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';

/** img2pdf of image files (the page images embedded as they are, as a scanner's PDF). */
export function img2pdf(images: readonly string[], out: string): string {
  // stderr kept out of the test log: img2pdf notes every alpha channel it drops (the page images stay as given).
  execFileSync('img2pdf', [...images, '-o', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  return out;
}

/** A born-digital PDF: page 1 text drawn with a standard font (optionally turned), page 2 a blank `bigPt` square. */
export async function bornDigitalPdf(
  lines: readonly string[],
  opts: { rotate?: number; bigPt?: number; bigText?: string } = {},
) {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([612, 792]);
  lines.forEach((text, i) => page.drawText(text, { x: 72, y: 700 - i * 30, size: 18, font }));
  if (opts.rotate) page.setRotation(degrees(opts.rotate));
  if (opts.bigPt) {
    const big = pdf.addPage([opts.bigPt, opts.bigPt]);
    if (opts.bigText) big.drawText(opts.bigText, { x: 72, y: opts.bigPt / 2, size: 200, font });
  }
  return pdf.save();
}

/**
 * An invisible text layer as Tesseract's PDF renderer writes it (ocrmypdf's output): one text object, every word its
 * own string, the next line reached by a relative move back and down, all along the baseline of a scan skewed
 * `skew` (the text matrix's sine).
 */
export async function skewedLayerPdf(lines: readonly (readonly string[])[], skew: number) {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([400, 300]);
  const name = page.node.newFontDictionary('F1', font.ref).decodeText();
  const ops = [`BT 3 Tr 1 ${-skew} ${skew} 1 30 250 Tm /${name} 10 Tf`];
  let back = 0;
  lines.forEach((words, i) => {
    if (i > 0) ops.push(`${-back} -12.2 Td`);
    back = 0;
    words.forEach((word, j) => {
      if (j > 0) {
        ops.push('45 0 Td');
        back += 45;
      }
      ops.push(`95 Tz [ ${font.encodeText(`${word} `).toString()} ] TJ`);
    });
  });
  ops.push('ET');
  page.node.addContentStream(pdf.context.register(pdf.context.flateStream(ops.join('\n'))));
  return pdf.save();
}

/** A one-page scan of a JPEG made larger by `padBytes` of incompressible bytes in an unused stream (size limits). */
export async function paddedPdf(jpegPath: string, padBytes: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const jpg = await doc.embedJpg(new Uint8Array(readFileSync(jpegPath)));
  doc.addPage([jpg.width, jpg.height]).drawImage(jpg, { x: 0, y: 0 });
  doc.context.register(doc.context.stream(randomBytes(padBytes)));
  return doc.save({ useObjectStreams: false });
}

/** A PDF without pages. */
export async function emptyPdf(): Promise<Uint8Array> {
  return (await PDFDocument.create()).save({ addDefaultPage: false });
}

const PAD = Buffer.from('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A', 'hex');
const padded = (pw: string) => Buffer.concat([Buffer.from(pw, 'latin1'), PAD]).subarray(0, 32);
const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

/** A one-page PDF (no content streams) under the standard security handler, revision 2 (RC4-40), user password `pw`. */
export function encryptedPdf(pw: string): Uint8Array {
  const id = Buffer.from('4c616e7465726e4f4352546573744944', 'hex');
  const o = rc4(md5(padded('owner-' + pw)).subarray(0, 5), padded(pw));
  const p = -4;
  const pBytes = Buffer.alloc(4);
  pBytes.writeInt32LE(p);
  const key = md5(padded(pw), o, pBytes, id).subarray(0, 5);
  const u = rc4(key, PAD);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${o.toString('hex')}> /U <${u.toString('hex')}> /P ${p} >>`,
  ];
  return classicPdf(objects, `/Encrypt 4 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]`);
}

/**
 * A PDF written object by object with a classic xref table, so each object is where the table says: `objects[i]` is
 * object i + 1's body, object 1 the catalog; `trailer` adds entries to the trailer.
 */
export function classicPdf(objects: readonly string[], trailer = ''): Buffer {
  let body = '%PDF-1.4\n';
  const offsets = objects.map((obj, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) body += `${String(at).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
