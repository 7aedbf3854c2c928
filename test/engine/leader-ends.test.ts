import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import type { OcrLine } from '../../app/ocr/types';
import { fixture, groundTruth } from '../helpers/fixtures';

let pipeline: OcrPipeline;
before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
});
after(() => pipeline.release());

/** A line's top and bottom edges and its vertical centre. */
function band(l: OcrLine): { top: number; bottom: number; centre: number } {
  const ys = l.box.map((p) => p[1]);
  const [top, bottom] = [Math.min(...ys), Math.max(...ys)];
  return { top, bottom, centre: (top + bottom) / 2 };
}

test('a table of contents reads every page number at the end of its dot leader, on its entry row', async () => {
  // Entries "Introduction 1" ... "Index 11": titles and lone page numbers joined by rows of dots (docs/pipeline.md).
  const entries = groundTruth('toc-dot-leaders.png')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const m = /^(.*) (\d+)$/.exec(l);
      assert.ok(m, l);
      return { title: m[1]!, page: m[2]! };
    });
  const r = await pipeline.recognize(await readFile(fixture('toc-dot-leaders.png')));
  const numbers = r.lines.filter((l) => /^\d+$/.test(l.text)).sort((a, b) => band(a).centre - band(b).centre);
  assert.deepEqual(
    numbers.map((l) => l.text),
    entries.map((e) => e.page),
    r.text,
  );
  entries.forEach((e, i) => {
    const title = r.lines.find((l) => l.text.startsWith(e.title));
    assert.ok(title, `${e.title} in ${r.text}`);
    const { top, bottom } = band(title);
    const { centre } = band(numbers[i]!);
    assert.ok(
      centre > top && centre < bottom,
      `${e.page} at y ${centre}, its row ${e.title} at ${top}..${bottom}`,
    );
  });
  // The text reads row by row: each title, then its page number (the titles' leader dots do not tilt the page).
  const text = r.text.split('\n').map((l) => l.trim());
  for (const e of entries)
    assert.equal(text[text.findIndex((l) => l.startsWith(e.title)) + 1], e.page, r.text);
});
