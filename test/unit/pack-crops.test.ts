import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Emitted } from '../../app/ocr/ctc';
import { PACK_GAP, packCrops, packSlots, splitRead } from '../../app/ocr/pack-crops';
import type { RgbImage } from '../../app/ocr/types';

const REC = { height: 48, minWidth: 320, maxWidth: 3200 };

/** A crop of a solid colour (the border colour is the background a gap gets). */
function crop(width: number, height: number, rgb: readonly number[] = [250, 250, 250]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { data, width, height };
}

test('short crops share 320-px slots, widest first, first fit; long ones stay alone', () => {
  assert.deepEqual(packSlots([100, 500, 90, 150, 60], 320), [[1], [0, 3], [2, 4]]);
  assert.deepEqual(packSlots([300, 310], 320), [[1], [0]], 'a crop that leaves no room for a gap is alone');
});

test('a slot only takes crops that fit with its first crop', () => {
  const fits = (a: number, b: number) => a < 2 === b < 2;
  assert.deepEqual(packSlots([60, 60, 60, 60], 320, PACK_GAP, fits), [
    [0, 1],
    [2, 3],
  ]);
});

test('packed sequences place crops at height 48 with background-coloured gaps; unlike crops are not packed', () => {
  const crops = [crop(40, 20), crop(600, 24), crop(60, 24), crop(30, 20, [20, 20, 20]), crop(20, 24)];
  const { seqs, owners } = packCrops(crops, REC);
  assert.deepEqual(owners, [[1], [0, 2, 4], [3]], 'the dark crop gets a slot of its own');
  const packed = seqs[1]!;
  assert.deepEqual(
    packed.parts.map((p) => [p.x0, p.w]),
    [
      [0, 96],
      [96 + PACK_GAP, 120],
      [96 + PACK_GAP + 120 + PACK_GAP, 40],
    ],
  );
  assert.equal(packed.width, 96 + 120 + 40 + 2 * PACK_GAP);
  assert.deepEqual(packed.gaps[0]!.rgb, [250, 250, 250]);
  assert.equal(seqs[0]!.parts[0]!.image, crops[1], 'a long crop is read alone, as it is');
});

test('a packed read is split back by character position; each part keeps its own score', () => {
  const crops = [crop(40, 20), crop(60, 24)];
  const { seqs } = packCrops(crops, REC);
  const seq = seqs[0]!;
  // 8 px per output step: part 0 spans x 0..96 (steps 0-11), the gap 96..120, part 1 from 120 (step 15) on.
  const at = (ch: string, step: number, p: number): Emitted => ({ ch, start: step, end: step, p });
  const chars = [at('R', 2, 0.9), at('M', 6, 0.7), at(' ', 12, 0.5), at('1', 16, 1), at('2', 18, 0.8)];
  const [a, b] = splitRead({ chars, stepPx: 8 }, seq);
  assert.equal(a!.text, 'RM');
  assert.ok(Math.abs(a!.score - 0.8) < 1e-9);
  assert.equal(b!.text, '12');
  assert.ok(Math.abs(b!.score - 0.9) < 1e-9);
});
