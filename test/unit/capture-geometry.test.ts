import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  displayCrop,
  nativeSize,
  nudge,
  physicalCrop,
  rectFromDrag,
  type DisplayGeometry,
} from '../../app/capture/region-geometry';

const IMAGE_AT = (scale: number) => ({ width: Math.round(1280 * scale), height: Math.round(800 * scale) });

test('a drag in any direction gives the same rectangle, clamped to the window', () => {
  const bounds = { width: 1280, height: 800 };
  const down = rectFromDrag({ x: 10, y: 20 }, { x: 110, y: 70 }, bounds);
  const up = rectFromDrag({ x: 110, y: 70 }, { x: 10, y: 20 }, bounds);
  assert.deepEqual(down, { x: 10, y: 20, width: 100, height: 50 });
  assert.deepEqual(up, down);
  assert.deepEqual(rectFromDrag({ x: -30, y: 700 }, { x: 50, y: 900 }, bounds), {
    x: 0,
    y: 700,
    width: 50,
    height: 100,
  });
});

test('the crop in physical pixels at scale 1, 1.5 and 2', () => {
  const sel = { x: 101, y: 33, width: 200, height: 41 };
  assert.deepEqual(physicalCrop(sel, 1, IMAGE_AT(1)), sel);
  assert.deepEqual(physicalCrop(sel, 2, IMAGE_AT(2)), { x: 202, y: 66, width: 400, height: 82 });
  // 101 × 1.5 = 151.5 → 151 (outward); (101 + 200) × 1.5 = 451.5 → 452; 33 × 1.5 = 49.5 → 49; 74 × 1.5 = 111.
  assert.deepEqual(physicalCrop(sel, 1.5, IMAGE_AT(1.5)), { x: 151, y: 49, width: 301, height: 62 });
  // Exact multiples stay exact (no 151st pixel from floating-point noise).
  assert.deepEqual(physicalCrop({ x: 0, y: 0, width: 100, height: 100 }, 1.5, IMAGE_AT(1.5)), {
    x: 0,
    y: 0,
    width: 150,
    height: 150,
  });
});

test('the crop stays inside the image and an empty selection gives nothing', () => {
  assert.deepEqual(physicalCrop({ x: 1200, y: 780, width: 200, height: 100 }, 2, IMAGE_AT(2)), {
    x: 2400,
    y: 1560,
    width: 160,
    height: 40,
  });
  assert.equal(physicalCrop({ x: 10, y: 10, width: 0, height: 30 }, 2, IMAGE_AT(2)), null);
  assert.equal(physicalCrop({ x: 10, y: 10, width: 5, height: 5 }, 0, IMAGE_AT(1)), null);
});

test('arrow keys move the selection, Shift+arrow resizes it, both inside the window', () => {
  const bounds = { width: 300, height: 200 };
  const r = { x: 0, y: 10, width: 100, height: 50 };
  assert.deepEqual(nudge(r, 'ArrowLeft', bounds), r);
  assert.deepEqual(nudge(r, 'ArrowRight', bounds, 10), { ...r, x: 10 });
  assert.deepEqual(nudge(r, 'ArrowDown', bounds, 1000), { ...r, y: 150 });
  assert.deepEqual(nudge(r, 'ArrowRight', bounds, 10, true), { ...r, width: 110 });
  assert.deepEqual(nudge(r, 'ArrowUp', bounds, 100, true), { ...r, height: 1 });
});

test('two displays with different scale factors, one at a negative origin', () => {
  const left: DisplayGeometry = {
    id: 2,
    bounds: { x: -1920, y: -200, width: 1920, height: 1080 },
    scaleFactor: 1,
  };
  const primary: DisplayGeometry = {
    id: 1,
    bounds: { x: 0, y: 0, width: 1440, height: 900 },
    scaleFactor: 2,
  };
  assert.deepEqual(nativeSize(left), { width: 1920, height: 1080 });
  assert.deepEqual(nativeSize(primary), { width: 2880, height: 1800 });
  // A selection on the left display, given in global coordinates.
  const sel = { x: -1000, y: -150, width: 300, height: 40 };
  assert.deepEqual(displayCrop(sel, left), { x: 920, y: 50, width: 300, height: 40 });
  assert.equal(displayCrop(sel, primary), null);
  // On the primary at scale 2 every DIP is 2 pixels.
  assert.deepEqual(displayCrop({ x: 10, y: 20, width: 30, height: 40 }, primary), {
    x: 20,
    y: 40,
    width: 60,
    height: 80,
  });
  // A selection across the boundary is cut to each display's part.
  const across = { x: -100, y: 0, width: 200, height: 10 };
  assert.deepEqual(displayCrop(across, left), { x: 1820, y: 200, width: 100, height: 10 });
  assert.deepEqual(displayCrop(across, primary), { x: 0, y: 0, width: 200, height: 20 });
  // A 1.5 display above-left: DIP 1..3 is pixels 1.5..4.5, so 1..5 when rounded outward.
  const odd: DisplayGeometry = {
    id: 3,
    bounds: { x: -1280, y: -720, width: 1280, height: 720 },
    scaleFactor: 1.5,
  };
  assert.deepEqual(nativeSize(odd), { width: 1920, height: 1080 });
  assert.deepEqual(displayCrop({ x: -1279, y: -719, width: 2, height: 2 }, odd), {
    x: 1,
    y: 1,
    width: 4,
    height: 4,
  });
});
