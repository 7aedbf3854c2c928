import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FINE_MAX_PIXELS, FINE_MAX_SIDE, finerDetSide, lineBoxOf } from '../../app/ocr/fine-scale';
import type { Quad } from '../../app/ocr/types';

/** `n` line boxes `h` px tall in image pixels. */
const lines = (n: number, h: number): Quad[] =>
  Array.from({ length: n }, (_, i) => [
    [40, i * 2 * h],
    [900, i * 2 * h],
    [900, i * 2 * h + h],
    [40, i * 2 * h + h],
  ]);
const screen = { width: 1920, height: 1080 };

test('small text on a screen shrunk to half is detected again where its boxes reach 22 px', () => {
  // Boxes 24 px tall in the image are 12 at the detector's 960-px input: 960 × 22 / 12 = 1760.
  assert.equal(finerDetSide(screen, 960, lineBoxOf(lines(30, 24))), 1760);
});

test('the finer side never exceeds the image or the cap', () => {
  assert.equal(finerDetSide(screen, 960, lineBoxOf(lines(30, 12))), 1920);
  assert.equal(finerDetSide({ width: 5000, height: 3000 }, 960, lineBoxOf(lines(30, 20))), 1982); // the pixel cap, at 5:3
});

test('text of a size the detector finds, a photo shrunk by a quarter, or no boxes: the first pass stands', () => {
  assert.equal(finerDetSide(screen, 960, lineBoxOf(lines(30, 40))), undefined); // 20 px at the detector's input
  assert.equal(finerDetSide({ width: 1700, height: 2200 }, 742, lineBoxOf(lines(60, 31.5))), undefined); // a page's 13.7 px
  assert.equal(finerDetSide({ width: 1280, height: 720 }, 960, lineBoxOf(lines(10, 16))), undefined); // scale 0.75
  assert.equal(finerDetSide({ width: 1280, height: 720 }, 960, lineBoxOf([])), undefined); // not shrunk: nothing to find finer
  assert.equal(finerDetSide({ width: 900, height: 600 }, 900, lineBoxOf(lines(10, 8))), undefined); // not shrunk
});

test('a shrunk image on which the first pass found nothing is detected again at the finest side', () => {
  // Text too small at the detector's input leaves no box to measure: a page photographed small, a 4K screenshot.
  assert.equal(finerDetSide(screen, 960, lineBoxOf([])), 1920);
  assert.equal(finerDetSide({ width: 3840, height: 2160 }, 960, lineBoxOf([])), FINE_MAX_SIDE);
});

test('the finer pass keeps to the pixels of a 16:9 screen at the longest side: squarer images get a shorter side', () => {
  // 2048×1152 pixels in all: a 3:2 photo at 1881×1254, a square page at 1536×1536 (not 2048×2048).
  assert.equal(finerDetSide({ width: 6000, height: 4000 }, 960, lineBoxOf([])), 1881);
  assert.equal(finerDetSide({ width: 10000, height: 10000 }, 960, lineBoxOf([])), 1536);
  assert.equal(finerDetSide({ width: 10000, height: 10000 }, 960, lineBoxOf(lines(30, 40))), 1536);
  assert.ok(1881 * 1254 <= FINE_MAX_PIXELS && 1536 * 1536 <= FINE_MAX_PIXELS);
});
