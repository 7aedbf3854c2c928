import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Decoded } from '../../app/ocr/ctc';
import { cropQuad } from '../../app/ocr/crop';
import { MARGIN_STEP, REREAD_BELOW, rereadUnsure, withMargin } from '../../app/ocr/margin-reread';
import type { Quad, RgbImage } from '../../app/ocr/types';

const box: Quad = [
  [10, 20],
  [110, 20],
  [110, 40],
  [10, 40],
];

test('withMargin moves the top and bottom edges out (or in) by a share of the height, along the box sides', () => {
  assert.deepEqual(withMargin(box, 0.2), [
    [10, 16],
    [110, 16],
    [110, 44],
    [10, 44],
  ]);
  assert.deepEqual(withMargin(box, -0.25), [
    [10, 25],
    [110, 25],
    [110, 35],
    [10, 35],
  ]);
  // A slanted box grows along its own (slanted) sides.
  const slanted: Quad = [
    [0, 0],
    [100, 10],
    [98, 30],
    [-2, 20],
  ];
  const [tl, , , bl] = withMargin(slanted, 0.5);
  assert.deepEqual(tl, [1, -10]);
  assert.deepEqual(bl, [-3, 30]);
});

test('a vertical line (a tall box, which the crop turns) grows across its width, not along its length', () => {
  const tall: Quad = [
    [10, 20],
    [30, 20],
    [30, 120],
    [10, 120],
  ];
  assert.deepEqual(withMargin(tall, 0.2), [
    [6, 20],
    [34, 20],
    [34, 120],
    [6, 120],
  ]);
  assert.deepEqual(withMargin(tall, -0.25), [
    [15, 20],
    [25, 20],
    [25, 120],
    [15, 120],
  ]);
  // Its turned crop keeps the line's length and gains height, as a horizontal line's crop does.
  const img: RgbImage = { width: 200, height: 200, data: new Uint8Array(200 * 200 * 3) };
  const size = (q: Quad) => [cropQuad(img, q).width, cropQuad(img, q).height];
  assert.deepEqual(size(tall), [100, 20]);
  assert.deepEqual(size(withMargin(tall, 0.2)), [100, 28]);
  assert.deepEqual(size(box), [100, 20]);
  assert.deepEqual(size(withMargin(box, 0.2)), [100, 28]);
});

/** Crops named by the box they came from: its top edge's y and the crop's index. */
const cropOf = (i: number, q: Quad): RgbImage => ({ width: i, height: q[0][1], data: new Uint8Array(0) });

/** A recogniser that reads a crop by its top edge: `reads[index][top]`, else `fallback`. */
function reader(reads: Record<number, Record<number, Decoded>>, seen: RgbImage[][]) {
  return async (crops: readonly RgbImage[]) => {
    seen.push([...crops]);
    return crops.map((c) => reads[c.width]?.[c.height] ?? { text: 'noise', score: 0.1 });
  };
}

test('only unsure lines are read again, from a grown and a shrunk box; the best-scored read is kept', async () => {
  const quads = [box, box, box];
  const texts: Decoded[] = [
    { text: 'sure', score: 0.95 },
    { text: 'N01-12', score: REREAD_BELOW - 0.1 },
    { text: 'SLF', score: 0.5 },
  ];
  const grownTop = 20 - 20 * MARGIN_STEP;
  const shrunkTop = 20 + 20 * MARGIN_STEP;
  const seen: RgbImage[][] = [];
  const r = await rereadUnsure(texts, quads, {
    crop: cropOf,
    read: reader(
      {
        1: { [grownTop]: { text: '#01-12', score: 0.93 }, [shrunkTop]: { text: '#01-1', score: 0.8 } },
        2: { [grownTop]: { text: 'SLE', score: 0.45 }, [shrunkTop]: { text: 'SL', score: 0.4 } },
      },
      seen,
    ),
  });
  assert.deepEqual(
    r.texts.map((d) => d.text),
    ['sure', '#01-12', 'SLF'],
  );
  assert.equal(r.reread, 2);
  assert.equal(r.replaced, 1);
  assert.equal(seen.length, 1, 'all re-reads go to the recogniser in one call');
  assert.deepEqual(
    seen[0]!.map((c) => [c.width, c.height]),
    [
      [1, grownTop],
      [1, shrunkTop],
      [2, grownTop],
      [2, shrunkTop],
    ],
  );
  assert.equal(texts[1]!.text, 'N01-12', 'the input is left as it was');
});

test('nothing is read again when every line is sure, or an unsure read is empty', async () => {
  const seen: RgbImage[][] = [];
  const r = await rereadUnsure(
    [
      { text: 'a', score: 0.99 },
      { text: ' ', score: 0.2 },
    ],
    [box, box],
    { crop: cropOf, read: reader({}, seen) },
  );
  assert.equal(seen.length, 0);
  assert.deepEqual(r, {
    texts: [
      { text: 'a', score: 0.99 },
      { text: ' ', score: 0.2 },
    ],
    reread: 0,
    replaced: 0,
  });
});
