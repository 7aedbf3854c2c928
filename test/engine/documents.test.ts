import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import sharp from 'sharp';
import { fixture } from '../helpers/fixtures';
import { bornDigitalPdf, encryptedPdf, img2pdf } from '../helpers/pdf-fixtures';
import { tempFolder } from '../helpers/temp-folder';

interface Line {
  text: string;
  box: [number, number][];
}
interface Page {
  page: number;
  width: number;
  height: number;
  lines: Line[];
  text: string;
  source: string;
}
interface Doc {
  file: string;
  kind: string;
  pages: Page[];
  text: string;
}

const dir = tempFolder('lantern-docs-');
const out = path.join(dir, 'out');
const en = path.join(dir, 'en.pdf');
const zh = path.join(dir, 'zh.pdf');
const tiff = path.join(dir, 'pages.tiff');
const typed = path.join(dir, 'typed.pdf');
const locked = path.join(dir, 'locked.pdf');
let docs: Doc[] = [];
/** The CLI's lines for the born-digital and the encrypted PDF. */
let typedDoc: Doc;
let lockedRow: { file: string; error: { code: string } };

before(async () => {
  img2pdf([fixture('tess_eurotext.png'), fixture('sroie_006.jpg')], en);
  img2pdf([fixture('zhscreen_04_chat_ftp.png')], zh);
  const page = (f: string) =>
    sharp(f)
      .resize(800, 600, { fit: 'contain', background: '#ffffff' })
      .flatten({ background: '#ffffff' })
      .png()
      .toBuffer();
  const frames = await Promise.all([page(fixture('plate_000.jpg')), page(fixture('tess_eurotext.png'))]);
  writeFileSync(
    tiff,
    await sharp(frames, { join: { animated: true } })
      .tiff()
      .toBuffer(),
  );
  writeFileSync(typed, await bornDigitalPdf(['Typed page 77']));
  writeFileSync(locked, encryptedPdf('s3cret'));
  const r = spawnSync(
    process.execPath,
    ['dist/node/cli.mjs', '--format', 'json', '--searchable-pdf', out, en, zh, tiff, typed, locked],
    { encoding: 'utf8' },
  );
  // The encrypted PDF fails alone (exit code 1); every other input is read and written.
  assert.equal(r.status, 1, r.stderr);
  const rows = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);
  docs = rows.slice(0, 3) as Doc[];
  typedDoc = rows[3] as Doc;
  lockedRow = rows[4] as typeof lockedRow;
});

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
const chars = (s: string) => [...s.replace(/\s+/gu, '')].sort().join('');
/** `pdfimages -list` rows without the object number columns. */
const images = (f: string) =>
  run('pdfimages', ['-list', f])
    .trim()
    .split('\n')
    .slice(2)
    .map((row) =>
      row
        .trim()
        .split(/\s+/u)
        .filter((_, i) => i !== 10 && i !== 11)
        .join(' '),
    );

test('--format json prints one line per document with its pages', () => {
  assert.deepEqual(
    docs.map((d) => [path.basename(d.file), d.kind, d.pages.length]),
    [
      ['en.pdf', 'pdf', 2],
      ['zh.pdf', 'pdf', 1],
      ['pages.tiff', 'tiff', 2],
    ],
  );
  for (const d of docs)
    for (const p of d.pages) assert.ok(p.lines.length > 0 && p.source === 'ocr', `${d.file} ${p.page}`);
  assert.match(docs[0]!.pages[0]!.text, /quick/);
  assert.match(docs[2]!.pages[0]!.text, /L3N67/);
  assert.equal(docs[0]!.text, `${docs[0]!.pages[0]!.text}\n\f${docs[0]!.pages[1]!.text}`);
});

test('a born-digital page is read from its own text without OCR and left as it was; an encrypted PDF is PDF_ENCRYPTED', () => {
  assert.equal(typedDoc.pages[0]!.source, 'pdf-text');
  assert.equal(typedDoc.text, 'Typed page 77');
  assert.doesNotMatch(readFileSync(path.join(out, 'typed.pdf'), 'latin1'), /GlyphLessFont/u);
  assert.match(run('pdftotext', [path.join(out, 'typed.pdf'), '-']), /Typed page 77/u);
  assert.deepEqual([path.basename(lockedRow.file), lockedRow.error.code], ['locked.pdf', 'PDF_ENCRYPTED']);
});

test('the searchable PDF keeps the page count and the page images as they were', () => {
  for (const f of [en, zh]) {
    const made = path.join(out, path.basename(f));
    assert.deepEqual(images(made), images(f));
    assert.match(run('pdfinfo', [made]), new RegExp(`Pages:\\s+${f === en ? 2 : 1}\\n`));
  }
  assert.match(run('pdfinfo', [path.join(out, 'pages.pdf')]), /Pages:\s+2\n/);
});

test('pdftotext reads our text back (Chinese included), each word inside its recognised box', () => {
  for (const [f, doc] of [
    [en, docs[0]!],
    [zh, docs[1]!],
    [tiff.replace(/\.tiff$/u, '.pdf'), docs[2]!],
  ] as const) {
    const made = path.join(out, path.basename(f).replace(/\.tiff$/u, '.pdf'));
    for (const p of doc.pages) {
      const text = run('pdftotext', ['-f', String(p.page), '-l', String(p.page), made, '-']);
      assert.equal(chars(text), chars(p.text), `${made} page ${p.page}`);
      const bbox = run('pdftotext', ['-bbox', '-f', String(p.page), '-l', String(p.page), made, '-']);
      const width = Number(/<page width="([\d.]+)"/u.exec(bbox)![1]);
      const k = width / p.width;
      const words = [
        ...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</gu),
      ];
      assert.ok(words.length > 0);
      for (const [, x0, y0, x1, y1, word] of words) {
        const w = word!
          .replace(/&amp;/gu, '&')
          .replace(/&lt;/gu, '<')
          .replace(/&gt;/gu, '>')
          .replace(/&quot;/gu, '"');
        // pdftotext may join touching words of neighbouring lines into one: a word must lie within the lines it
        // overlaps and be made of their characters.
        const tol = 1.5;
        const rects = p.lines.map((l) => {
          const xs = l.box.map((q) => q[0] * k);
          const ys = l.box.map((q) => q[1] * k);
          return {
            text: l.text,
            x0: Math.min(...xs),
            x1: Math.max(...xs),
            y0: Math.min(...ys),
            y1: Math.max(...ys),
          };
        });
        const [wx0, wy0, wx1, wy1] = [x0, y0, x1, y1].map(Number) as [number, number, number, number];
        const under = rects.filter(
          (r) => r.x0 < wx1 - tol && r.x1 > wx0 + tol && r.y0 < wy1 - tol && r.y1 > wy0 + tol,
        );
        const home =
          under.length > 0 &&
          wx0 >= Math.min(...under.map((r) => r.x0)) - tol &&
          wx1 <= Math.max(...under.map((r) => r.x1)) + tol &&
          wy0 >= Math.min(...under.map((r) => r.y0)) - tol &&
          wy1 <= Math.max(...under.map((r) => r.y1)) + tol &&
          [...w].every((c) => under.some((r) => r.text.includes(c)));
        assert.ok(
          home,
          `${made} page ${p.page}: word "${w}" at ${x0},${y0}-${x1},${y1} is in none of our boxes`,
        );
      }
    }
  }
  const zhText = run('pdftotext', [path.join(out, 'zh.pdf'), '-']);
  assert.match(zhText, /显示远端机器目录下的文件名列表/u);
  assert.ok(readFileSync(path.join(out, 'zh.pdf')).includes('GlyphLessFont'));
});

test('a PDF read with its password prints its pages even though its searchable copy cannot be written (exit 1)', () => {
  // A real scan encrypted with a user password: readable with it, but its pages cannot be rewritten (searchable-pdf.ts).
  const enc = path.join(dir, 'encrypted-scan.pdf');
  execFileSync('qpdf', ['--encrypt', 'open-sesame', 'owner-pw', '256', '--', en, enc]);
  const r = spawnSync(
    process.execPath,
    [
      'dist/node/cli.mjs',
      '--format',
      'text',
      '--password',
      'open-sesame',
      '--searchable-pdf',
      path.join(dir, 'enc-out'),
      enc,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /SOON HUAT MACHINERY/);
  assert.match(r.stderr, /encrypted-scan\.pdf: searchable PDF not written: PDF_ENCRYPTED: /);
});
