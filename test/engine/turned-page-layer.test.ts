import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { imageDocument } from '../../app/contracts/document-formats';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import { cer } from '../../app/eval/metrics';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import type { Quad } from '../../app/ocr/types';
import { fixture } from '../helpers/fixtures';
import { layerWords, wordsOffTheirBoxes } from '../helpers/text-layer-check';

// A real receipt (test/fixtures/SOURCES.md), turned as a phone or a scanner leaves it.
const dir = mkdtempSync(path.join(tmpdir(), 'lantern-turned-'));
let pipeline: OcrPipeline;
before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
});
after(async () => {
  await pipeline.release();
  rmSync(dir, { recursive: true, force: true });
});

const rect = (q: Quad) => {
  const xs = q.map((p) => p[0]);
  const ys = q.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
};
const squeezed = (s: string) => s.replace(/\s+/gu, '');

for (const angle of [90, 180, 270] as const)
  test(`a page found turned ${angle}°: its words' boxes lie in its lines', and its searchable PDF reads as the JSON`, async () => {
    const png = new Uint8Array(await sharp(fixture('sroie_006.jpg')).rotate(angle).png().toBuffer());
    const result = await pipeline.recognize(png, { words: true });
    assert.equal(result.orientation, angle);
    // Every word box is in the page's own pixels, inside its line's box.
    for (const line of result.lines) {
      const [x0, y0, x1, y1] = rect(line.box);
      for (const w of line.words ?? []) {
        const [a, b, c, d] = rect(w.box);
        assert.ok(a >= x0 - 2 && b >= y0 - 2 && c <= x1 + 2 && d <= y1 + 2, `${w.text} off "${line.text}"`);
      }
    }
    const pdf = path.join(dir, `turned-${angle}.pdf`);
    const doc = imageDocument(result);
    writeFileSync(pdf, await searchablePdf(png, doc));
    // The layer reads as the result did, and every word pdftotext finds sits on one of ours.
    const layer = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    assert.ok(cer(squeezed(layer), squeezed(result.text)) < 0.05, layer.slice(0, 400));
    const { ours, found } = layerWords(pdf, doc.pages[0] as never);
    // On a quarter-turned page the text runs down or up the page: the along-the-line slack is on y.
    const swap = (r: readonly [number, number, number, number]) => [r[1], r[0], r[3], r[2]] as const;
    const quarter = angle !== 180;
    assert.deepEqual(
      wordsOffTheirBoxes(
        quarter ? ours.map((w) => ({ ...w, r: swap(w.r) })) : ours,
        quarter ? found.map(swap) : found,
      ),
      [],
    );
  });
