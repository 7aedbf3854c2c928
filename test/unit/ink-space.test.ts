import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { withWordGaps, type Emitted } from '../../app/ocr/ctc';
import { inkVerdict } from '../../app/ocr/ink-space';

const SIZE = 20;
/** DejaVu Sans Mono's advance: 1233 of 2048 units per em. */
const ADVANCE = (SIZE * 1233) / 2048;
const LEFT = 6;
const STEP_PX = 6;

/**
 * `text` rendered in a monospace font as a receipt prints it (a line crop), and its non-space characters as the
 * recogniser emits them from a squeezed read: one step per 6 columns (2 steps a character, so a word space is a
 * single step more), firing in the middle of each character's cell.
 */
async function monoLine(text: string, spaceBefore = 0) {
  const width = Math.ceil(LEFT * 2 + text.length * ADVANCE);
  const height = Math.round(SIZE * 1.3);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/><text x="${LEFT}" y="${Math.round(SIZE * 1.0)}" font-family="DejaVu Sans Mono" font-size="${SIZE}" xml:space="preserve">${text.replace(/&/gu, '&amp;')}</text></svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const chars: Emitted[] = [];
  [...text].forEach((ch, i) => {
    const step = Math.round((LEFT + (i + 0.5) * ADVANCE) / STEP_PX - 0.5);
    if (ch !== ' ') chars.push({ ch, start: step, end: step, p: 0.99, spaceBefore });
  });
  const crop = { data: new Uint8Array(data), width: info.width, height: info.height };
  return { chars, crop, verdict: inkVerdict(chars, crop, (s: number) => s * STEP_PX) };
}

test('glued receipt words are spaced where the paper shows an empty cell', async () => {
  const { chars, verdict } = await monoLine('SOON HUAT MACHINERY ENTERPRISE');
  assert.equal(withWordGaps(chars), 'SOONHUATMACHINERYENTERPRISE', 'the steps alone glue them');
  assert.equal(withWordGaps(chars, 1, verdict), 'SOON HUAT MACHINERY ENTERPRISE');
});

test('punctuation set a cell apart is spaced too', async () => {
  const { chars, verdict } = await monoLine('WORKMANSHIP & SERVICE');
  assert.equal(withWordGaps(chars, 1, verdict), 'WORKMANSHIP & SERVICE');
});

test('curly quotes in a Latin line are spaced from their neighbours as straight quotes are', async () => {
  // The steps alone glue a quoted word to the words around it, and a gutter between columns with it.
  const { chars, verdict } = await monoLine('under section \u201caggregate\u201d if the');
  assert.equal(withWordGaps(chars), 'undersection\u201caggregate\u201difthe', 'the steps alone glue them');
  assert.equal(withWordGaps(chars, 1, verdict), 'under section \u201caggregate\u201d if the');
});

test('narrow monospace letters, with most of a cell of paper between them, stay one word', async () => {
  const { chars, verdict } = await monoLine('Illinois fill 1111 lit');
  assert.equal(withWordGaps(chars, 1, verdict), 'Illinois fill 1111 lit');
});

test('the recogniser’s space evidence splits neither a number nor narrow letters a word space apart at most', async () => {
  // Every character carries a space probability far over the bar: a narrow "1" or "l" leaves a wide run in its cell,
  // but two digits never take the evidence's space, and letters only across a run of 0.3 of the ink height.
  const { chars, verdict } = await monoLine('Illinois fill 1111 lit', 0.5);
  assert.equal(withWordGaps(chars, 1, verdict), 'Illinois fill 1111 lit');
});

test('the recogniser’s space evidence does not split a number where it missed the point', async () => {
  // "327.00" read without its point, with the space class high over the point's cell: the digits stay one number.
  const { chars, crop } = await monoLine('Total 327.00 due');
  const read = chars.filter((c) => c.ch !== '.').map((c) => (c.ch === '0' ? { ...c, spaceBefore: 0.5 } : c));
  const verdict = inkVerdict(read, crop, (s: number) => s * STEP_PX);
  assert.equal(withWordGaps(read, 1, verdict), 'Total 32700 due');
});

test('a line with too few letters to tell its pitch is left to the steps', async () => {
  const { verdict } = await monoLine('RM 12');
  assert.equal(verdict, undefined);
});
