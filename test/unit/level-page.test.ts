import assert from 'node:assert/strict';
import { test } from 'node:test';
import { levelPage, levelQuad, levelSkew } from '../../app/ocr/level-page';
import { lineBoxOf } from '../../app/ocr/fine-scale';
import type { Quad, RgbImage } from '../../app/ocr/types';

const page = { width: 1240, height: 1754 };
/** The detector's input of that page: 960 on its long side (scale 0.547). */
const detWidth = 679;
const deg = Math.PI / 180;
/** levelSkew with the boxes' line box measured as page-detect.ts measures it. */
const skewOf = (img: { width: number; height: number }, w: number, quads: Quad[]) =>
  levelSkew(img, w, quads, lineBoxOf(quads));

/** `n` line boxes 300 px long and `h` px tall, turned by `skew` about their own top-left corners. */
const lines = (n: number, h: number, skew: number): Quad[] =>
  Array.from({ length: n }, (_, i) => {
    const [c, s] = [Math.cos(skew), Math.sin(skew)];
    const at = (u: number, v: number): [number, number] => [
      100 + u * c - v * s,
      100 + i * 30 + u * s + v * c,
    ];
    return [at(0, 0), at(300, 0), at(300, h), at(0, h)];
  });

test('a tilted page whose boxes are just over the bar is measured level, at the page skew', () => {
  // Boxes 25 px tall are 13.7 at the detector's input: over the bar of 13 by less than a tilt adds.
  const skew = skewOf(page, detWidth, lines(40, 25, 3 * deg));
  assert.ok(skew !== undefined && Math.abs(skew - 3 * deg) < 1e-9, `skew ${skew}`);
  assert.ok(Math.abs(skewOf(page, detWidth, lines(40, 25, -4 * deg))! + 4 * deg) < 1e-9);
});

test('level pages, boxes well over the bar or under it, and pages not shrunk are measured as found', () => {
  assert.equal(skewOf(page, detWidth, lines(40, 25, 0)), undefined); // level: nothing to take back
  assert.equal(skewOf(page, detWidth, lines(40, 30, 3 * deg)), undefined); // 16.4 px: larger than a tilt makes
  assert.equal(skewOf(page, detWidth, lines(40, 22, 3 * deg)), undefined); // 12.0 px: the finer pass runs anyway
  assert.equal(skewOf({ width: 1280, height: 720 }, 960, lines(40, 17, 3 * deg)), undefined); // scale 0.75
  assert.equal(skewOf(page, detWidth, []), undefined);
});

test('the level rectangle lies inside the image and keeps its proportions', () => {
  for (const skew of [-6 * deg, -2 * deg, 4 * deg]) {
    const { quad, w, h } = levelQuad(page.width, page.height, skew);
    // It touches the image's sides: inside to within rounding.
    const inside = (v: number, max: number) => v >= -1e-6 && v <= max + 1e-6;
    for (const [x, y] of quad) assert.ok(inside(x, page.width) && inside(y, page.height), `${x},${y}`);
    assert.ok(Math.abs(w / h - page.width / page.height) < 0.01, `${w}×${h}`);
  }
});

/** A white image with dark bands 4 px thick every 20 px, descending to the right at `skew`. */
function tiltedBands(w: number, h: number, skew: number): RgbImage {
  const data = new Uint8Array(w * h * 3).fill(255);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      // Distance across the bands, measured from the centre as the turned page's rows would be.
      const v = -(x - w / 2) * Math.sin(skew) + (y - h / 2) * Math.cos(skew);
      if (((v % 20) + 20) % 20 < 4) data.fill(0, (y * w + x) * 3, (y * w + x) * 3 + 3);
    }
  return { data, width: w, height: h };
}

/** The row of the darkest band nearest `y0` in the column span x0..x1 of an image. */
function darkestRow(img: RgbImage, x0: number, x1: number, y0: number): number {
  let best = y0;
  let min = Infinity;
  for (let y = y0 - 10; y < y0 + 10; y++) {
    let sum = 0;
    for (let x = x0; x < x1; x++) sum += img.data[(y * img.width + x) * 3]!;
    if (sum < min) [min, best] = [sum, y];
  }
  return best;
}

test('a page turned level has its lines level: a band sits at the same row at both ends', () => {
  const skew = 4 * deg;
  const level = levelPage(tiltedBands(600, 400, skew), skew);
  const y = Math.round(level.height / 2);
  const left = darkestRow(level, 20, 80, y);
  const right = darkestRow(level, level.width - 80, level.width - 20, left);
  assert.ok(Math.abs(left - right) <= 1, `left ${left}, right ${right}`);
  // Without the turn the same band drops by the tilt over the width.
  const tilted = tiltedBands(600, 400, skew);
  const drop =
    darkestRow(tilted, 520, 580, darkestRow(tilted, 20, 80, 200) + 35) - darkestRow(tilted, 20, 80, 200);
  assert.ok(drop > 20, `drop ${drop}`);
});
