import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { isReadPage, type ReadPage } from '../../app/documents/document-types';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import { cer } from '../../app/eval/metrics';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { fixture, groundTruth } from '../helpers/fixtures';
import { img2pdf } from '../helpers/pdf-fixtures';
import { layerWords, wordsOffTheirBoxes } from '../helpers/text-layer-check';
import { tempFolder } from '../helpers/temp-folder';

// A real two-column book page: a layout-keeping extractor merges the columns when the text sits on padded line boxes.
const PAGE = 'tess_8071_093_3B.png';
const dir = tempFolder('lantern-words-');
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
  const { ours, found } = layerWords(made, page);
  assert.ok(ours.length > page.lines.length, 'lines carry their words');
  assert.ok(found.length > 100);
  assert.deepEqual(wordsOffTheirBoxes(ours, found), [], 'words on none of our word boxes');
  // Word boxes hug the ink: no wider than a generous 0.9 of a line height per character.
  for (const w of ours) {
    const [x0, y0, x1, y1] = w.r;
    assert.ok(x1 - x0 <= [...w.text].length * 0.9 * (y1 - y0) + 2, `"${w.text}" is ${x1 - x0} pt wide`);
  }
});
