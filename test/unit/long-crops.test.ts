import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import sharp from 'sharp';
import { decodeImage } from '../../app/ocr/decode';
import { inkProfile } from '../../app/ocr/ink-spaces';
import { joinPieceReads, longCropPieces } from '../../app/ocr/long-crops';
import { LONG_LINE_SQUEEZE } from '../../app/ocr/rec';
import type { RgbImage } from '../../app/ocr/types';
import { fixture } from '../helpers/fixtures';

const REC = { height: 48, maxWidth: 3200 };

/** The receipt line (190×21) `n` times side by side, 6 px of white between copies: one long line of print. */
async function receiptStrip(n: number): Promise<RgbImage> {
  const line = await readFile(fixture('receipt-line-006-address.png'));
  const png = await sharp({ create: { width: n * 196 - 6, height: 21, channels: 3, background: '#ffffff' } })
    .composite(Array.from({ length: n }, (_, i) => ({ input: line, left: i * 196, top: 0 })))
    .png()
    .toBuffer();
  return decodeImage(png);
}

test('a line that one read holds stays whole', async () => {
  const strip = await receiptStrip(8); // 1,562 px: 3,024 columns at 0.85
  assert.deepEqual(longCropPieces(strip, REC), [{ x0: 0, x1: strip.width, gapBefore: 0 }]);
});

test('a longer line is cut in blank columns into pieces that each fit one read, end to end', async () => {
  const strip = await receiptStrip(20); // 3,914 px
  const pieces = longCropPieces(strip, REC);
  assert.ok(pieces.length >= 3, `${pieces.length} pieces`);
  const { ink } = inkProfile(strip);
  assert.equal(pieces[0]!.x0, 0);
  assert.equal(pieces.at(-1)!.x1, strip.width);
  pieces.forEach((p, i) => {
    assert.ok(((p.x1 - p.x0) * REC.height * LONG_LINE_SQUEEZE) / strip.height <= REC.maxWidth, `piece ${i}`);
    if (i === 0) return;
    assert.equal(p.x0, pieces[i - 1]!.x1);
    assert.equal(ink[p.x0], 0, `cut ${i} at ${p.x0} is in ink`);
    assert.ok(p.gapBefore >= 5, `cut ${i} in a ${p.gapBefore}-px gap, not between letters`);
  });
});

test('pieces join with a space at a word gap, solid between ideographs, scored by characters, words along the line', () => {
  const crop = { width: 400, height: 20, data: new Uint8Array(400 * 20 * 3).fill(255) };
  // A black bar 10 px tall: the crop's ink height, which the gap is measured against.
  for (let y = 5; y < 15; y++) crop.data.fill(0, (y * 400 + 10) * 3, (y * 400 + 390) * 3);
  const pieces = [
    { x0: 0, x1: 200, gapBefore: 0 },
    { x0: 200, x1: 300, gapBefore: 4 },
    { x0: 300, x1: 400, gapBefore: 2 },
  ];
  const reads = [
    { text: 'NO.53', score: 1, words: [{ text: 'NO.53', x0: 0.5, x1: 1 }] },
    { text: '实际', score: 0.5, words: [{ text: '实际', x0: 0, x1: 1 }] },
    { text: '意义 ', score: 0.5, words: [{ text: '意义', x0: 0, x1: 0.5 }] },
  ];
  const joined = joinPieceReads(crop, pieces, reads);
  assert.equal(joined.text, 'NO.53 实际意义');
  assert.equal(joined.score, (5 * 1 + 2 * 0.5 + 2 * 0.5) / 9);
  assert.deepEqual(joined.words, [
    { text: 'NO.53', x0: 0.25, x1: 0.5 },
    { text: '实际', x0: 0.5, x1: 0.75 },
    { text: '意义', x0: 0.75, x1: 0.875 },
  ]);
});
