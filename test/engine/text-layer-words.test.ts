import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { isReadPage, type ReadPage } from '../../app/documents/document-types';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import { cer } from '../../app/eval/metrics';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import type { Quad } from '../../app/ocr/types';
import { fixture, groundTruth } from '../helpers/fixtures';
import { img2pdf } from '../helpers/pdf-fixtures';

// A real two-column book page: a layout-keeping extractor merges the columns when the text sits on padded line boxes.
const PAGE = 'tess_8071_093_3B.png';
const dir = mkdtempSync(path.join(tmpdir(), 'lantern-words-'));
const made = path.join(dir, 'searchable.pdf');
let pipeline: OcrPipeline;
let page: ReadPage;

before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
  const bytes = readFileSync(img2pdf([fixture(PAGE)], path.join(dir, 'scan.pdf')));
  const doc = await recognizeDocument(bytes, (p) =>
    p.kind === 'bytes'
      ? pipeline.recognize(p.bytes, { words: true })
      : pipeline.recognizeImage(p.image, { words: true }),
  );
  const [first] = doc.pages;
  assert.ok(first && isReadPage(first));
  page = first;
  writeFileSync(made, await searchablePdf(bytes, doc));
});

after(() => pipeline.release());

const run = (args: string[]) => execFileSync('pdftotext', [...args, made, '-'], { encoding: 'utf8' });

test('pdftotext in its default layout mode keeps the two columns of a book page apart', () => {
  const text = run([]);
  const layout = cer(text, groundTruth(PAGE));
  const raw = cer(run(['-raw']), groundTruth(PAGE));
  assert.ok(layout < 0.15, `layout-mode CER ${layout.toFixed(3)} (content order: ${raw.toFixed(3)})`);
});

test('every word pdftotext finds lies on one of our word boxes', () => {
  const bbox = run(['-bbox']);
  const k = Number(/<page width="([\d.]+)"/u.exec(bbox)![1]) / page.width;
  const boxes = page.lines.flatMap((l) => l.words ?? []);
  assert.ok(boxes.length > page.lines.length, 'lines carry their words');
  const rect = (q: Quad) => {
    const xs = q.map((p) => p[0] * k);
    const ys = q.map((p) => p[1] * k);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
  };
  const ours = boxes.map((w) => ({ text: w.text, r: rect(w.box) }));
  const words = [
    ...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/gu),
  ];
  assert.ok(words.length > 100);
  const tol = 1.5;
  for (const [, ...edges] of words) {
    const [x0, y0, x1, y1] = edges.map(Number) as [number, number, number, number];
    // A word is stretched into a wide gap beside it (text-layer.ts) by at most half a text height each side, and
    // pdftotext joins words that touch (a hyphenated break): it must lie within the word boxes it overlaps.
    const under = ours.filter(
      ({ r }) => r[0] < x1 - tol && r[2] > x0 + tol && r[1] < y1 - tol && r[3] > y0 + tol,
    );
    const slack = Math.max(tol, ...under.map((u) => (u.r[3] - u.r[1]) / 2));
    const home =
      under.length > 0 &&
      x0 >= Math.min(...under.map((u) => u.r[0])) - slack &&
      x1 <= Math.max(...under.map((u) => u.r[2])) + slack &&
      y0 >= Math.min(...under.map((u) => u.r[1])) - tol &&
      y1 <= Math.max(...under.map((u) => u.r[3])) + tol;
    assert.ok(home, `word at ${x0},${y0}-${x1},${y1} is on none of our word boxes`);
  }
  // Word boxes hug the ink: no wider than a generous 0.9 of a line height per character.
  for (const w of ours) {
    const [x0, y0, x1, y1] = w.r;
    assert.ok(x1 - x0 <= [...w.text].length * 0.9 * (y1 - y0) + 2, `"${w.text}" is ${x1 - x0} pt wide`);
  }
});
