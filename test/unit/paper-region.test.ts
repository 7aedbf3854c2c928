import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paperRegion, PAPER_SHARE } from '../../app/ocr/paper-region';
import type { RgbImage } from '../../app/ocr/types';

/** A w × h image of one grey level with rectangles painted on it. */
function canvas(
  w: number,
  h: number,
  level: number,
  rects: readonly { x0: number; y0: number; x1: number; y1: number; level: number }[] = [],
): RgbImage {
  const data = new Uint8Array(w * h * 3).fill(level);
  for (const r of rects)
    for (let y = r.y0; y < r.y1; y++) data.fill(r.level, (y * w + r.x0) * 3, (y * w + r.x1) * 3);
  return { data, width: w, height: h };
}

/** Dark print on the paper: rows of short strokes, as lines of text shrunk to a few pixels. */
function withPrint(img: RgbImage, r: { x0: number; y0: number; x1: number; y1: number }): RgbImage {
  const data = img.data.slice();
  for (let y = r.y0 + 10; y < r.y1 - 10; y += 8)
    for (let x = r.x0 + 10; x < r.x1 - 10; x += 5)
      data.fill(30, (y * img.width + x) * 3, (y * img.width + x + 3) * 3);
  return { ...img, data };
}

test('a sheet of paper on a darker desk is found, in the image pixels, with a cell of margin', () => {
  // The detector's input of a 2880 × 1920 photo: a page a third of its size in the middle.
  const sheet = { x0: 320, y0: 213, x1: 640, y1: 427, level: 235 };
  const small = withPrint(canvas(960, 640, 110, [sheet]), sheet);
  const r = paperRegion(small, 2880, 1920);
  assert.ok(r, 'no paper found');
  // 3× the detector's input, give or take the grid's cell (6 px there, 18 here) and its margin.
  for (const [got, want] of [
    [r.x0, 960],
    [r.y0, 640],
    [r.x1, 1920],
    [r.y1, 1280],
  ] as const)
    assert.ok(Math.abs(got - want) <= 40, `${got} vs ${want}`);
});

test('paper that fills most of the image, a bright patch too small, or one too faint to stand out: nothing', () => {
  // A scan: the page is the image (more than PAPER_SHARE of it).
  assert.ok(PAPER_SHARE < 0.5);
  const page = { x0: 20, y0: 20, x1: 940, y1: 620, level: 240 };
  assert.equal(paperRegion(canvas(960, 640, 90, [page]), 960, 640), undefined);
  // A lamp or a label: under a fiftieth of the image.
  assert.equal(
    paperRegion(canvas(960, 640, 90, [{ x0: 100, y0: 100, x1: 180, y1: 150, level: 250 }]), 2880, 1920),
    undefined,
  );
  // Light grey on a slightly darker grey: no sheet stands out.
  const faint = { x0: 320, y0: 213, x1: 640, y1: 427, level: 150 };
  assert.equal(paperRegion(canvas(960, 640, 120, [faint]), 2880, 1920), undefined);
  // An even image has nothing to find.
  assert.equal(paperRegion(canvas(960, 640, 128), 2880, 1920), undefined);
});

test('a page with a dark photograph on it is still a sheet: what the paper encloses counts as paper', () => {
  const sheet = { x0: 320, y0: 213, x1: 640, y1: 427, level: 235 };
  // Over a third of the page: the blank paper alone fills under 0.7 of the sheet's box.
  const photo = { x0: 340, y0: 280, x1: 540, y1: 410, level: 40 };
  const r = paperRegion(canvas(960, 640, 110, [sheet, photo]), 2880, 1920);
  assert.ok(r, 'no paper found');
  assert.ok(Math.abs(r.x0 - 960) <= 40 && Math.abs(r.y1 - 1280) <= 40, JSON.stringify(r));
});

test('a bright region that is not a solid sheet (a thin frame) is not taken for paper', () => {
  const frame = [
    { x0: 300, y0: 200, x1: 660, y1: 212, level: 240 },
    { x0: 300, y0: 428, x1: 660, y1: 440, level: 240 },
    { x0: 300, y0: 200, x1: 312, y1: 440, level: 240 },
    { x0: 648, y0: 200, x1: 660, y1: 440, level: 240 },
  ];
  assert.equal(paperRegion(canvas(960, 640, 90, frame), 2880, 1920), undefined);
});
