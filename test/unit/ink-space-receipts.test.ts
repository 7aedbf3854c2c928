import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import sharp from 'sharp';
import { withWordGaps, type Emitted } from '../../app/ocr/ctc';
import { inkVerdict } from '../../app/ocr/ink-space';
import { fixture } from '../helpers/fixtures';

/** A line's read as recorded from the recogniser on the dev receipts: where its packed crop sat and the steps emitted. */
interface RecordedLine {
  readonly squeeze: number;
  readonly stepPx: number;
  readonly x0: number;
  readonly w: number;
  /** Each emitted character: its class, first and last step, and (where recorded) its `spaceBefore`. */
  readonly chars: readonly (readonly [string, number, number, number?])[];
}

const recorded = JSON.parse(readFileSync(fixture('receipt-lines.json'), 'utf8')) as Record<
  string,
  RecordedLine
>;

/**
 * The text the decoder gives a real receipt line crop (test/fixtures/SOURCES.md) from its recorded steps and ink;
 * `spaces` replaces recorded `spaceBefore` values by character index.
 */
async function decode(name: string, spaces: Readonly<Record<number, number>> = {}): Promise<string> {
  const line = recorded[name]!;
  const { data, info } = await sharp(fixture(`${name}.png`))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const crop = { data: new Uint8Array(data), width: info.width, height: info.height };
  const chars: Emitted[] = line.chars.map(([ch, start, end, spaceBefore], i) => ({
    ch,
    start,
    end,
    p: 0.99,
    spaceBefore: spaces[i] ?? spaceBefore ?? 0,
  }));
  const column = (step: number) => ((step * line.stepPx - line.x0) * crop.width) / line.w;
  return withWordGaps(chars, line.squeeze, inkVerdict(chars, crop, column));
}

test('a space after a colon in proportional receipt type is found from the ink', async () => {
  assert.equal(await decode('receipt-line-189-time'), 'TIME: 09:43:00');
  assert.match(await decode('receipt-line-006-tel'), /^TEL: 07-5547360/u);
});

test('spaces beside parentheses and before a colon are found from the ink', async () => {
  assert.equal(await decode('receipt-line-110-items'), 'Total Item(s) : 3');
  assert.equal(await decode('receipt-line-362-ve05'), 'VE05: Ridzuan (11900)');
});

test('a full-width parenthesis the recogniser emits on a Latin line is judged as the ASCII one printed', async () => {
  assert.equal(await decode('receipt-line-150-star'), 'STAR 12X13 （1X180)');
});

test('a monospace colon one cell after its word, and joiners inside a phone number, stay solid', async () => {
  assert.equal(await decode('receipt-line-043-server'), 'Server: CHEN');
  assert.match(await decode('receipt-line-338-tel'), /^Tel:03-55423228 /u);
});

test('proportional receipt type: a word space three letter gaps wide is found between letters and digits', async () => {
  // Its glyph centres sit 1.2-1.5 letter pitches apart across a space, under the monospace bar of 1.5. The pair "3 J"
  // sits at 1.17, under the 1.2 bar too: the ink alone leaves it glued.
  assert.equal(await decode('receipt-line-006-address', { 5: 0 }), 'NO.53JALAN PUTRA 1,');
});

test('the space the recogniser dropped is put back where its space class rose in the blank steps and the ink shows a gap', async () => {
  // Recorded: 0.118 before "J", 0.187 before "P", 0.077 before the final "1" (under the bar; the ink finds that one).
  assert.equal(await decode('receipt-line-006-address'), 'NO.53 JALAN PUTRA 1,');
});

test('space evidence from the recogniser does not open letters and digits the ink shows set solid', async () => {
  // "5" to "3", "J" to "A" and "L" to "A": gaps of a seventh of the ink height or less, under the solid bar (a
  // quarter). The guards of the evidence itself are tested on rendered lines in ink-space.test.ts.
  const read = await decode('receipt-line-006-address', { 4: 0.9, 6: 0.9, 8: 0.9 });
  assert.equal(read, 'NO.53 JALAN PUTRA 1,');
});

test('a word space between two digits of proportional receipt type is found from the digits own pitch', async () => {
  // "8" to "3" and "8" to "7": 1.48 and 1.38 digit pitches apart, under the letters' 1.5 bar; inside a number the
  // neighbouring digits of these lines sit 0.9-1.1 pitches apart.
  assert.equal(await decode('receipt-line-517-date'), '28/06/2018 3:11:35 PM');
  assert.equal(await decode('receipt-line-110-tel'), '03-6258 7191');
});

test('a narrow "1" inside a number does not open it', async () => {
  // "8" to "1" sits 1.37 pitches apart with a wide blank run: the "1" is a stem set narrower than its neighbours.
  assert.equal(await decode('receipt-line-374-gst'), 'GST 1D: 000381399040');
  assert.equal(await decode('receipt-line-362-ve05'), 'VE05: Ridzuan (11900)');
});
