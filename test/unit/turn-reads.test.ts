import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Orientation } from '../../app/ocr/orientation';
import { FEW_LINES, flipWins, settleOrientation, type TurnSteps } from '../../app/ocr/turn-reads';
import type { OcrResult } from '../../app/ocr/types';

/** A read of `n` lines of `text` at `score`, found (or read) at `orientation`. */
const read = (n: number, score: number, orientation: Orientation = 0, text = 'EXIT'): OcrResult => ({
  width: 100,
  height: 50,
  lines: Array.from({ length: n }, () => ({
    text,
    score,
    box: [
      [0, 0],
      [10, 0],
      [10, 5],
      [0, 5],
    ] as const,
  })),
  text: Array.from({ length: n }, () => text).join('\n'),
  orientation,
  ms: { decode: 0, det: 0, cls: 0, rec: 0, total: 0 },
  provider: 'cpu',
});

/** Steps answering from tables, recording which were asked. */
function steps(reads: Partial<Record<Orientation, [OcrResult, Orientation]>>, boxes = 0, upsideDown = false) {
  const asked: string[] = [];
  const s: TurnSteps = {
    readAt: (a) => {
      asked.push(`read ${a}`);
      const [again, vote] = reads[a] ?? [read(0, 0, a), 0];
      return Promise.resolve({ again, vote });
    },
    boxesAt: (a) => {
      asked.push(`det ${a}`);
      return Promise.resolve(boxes);
    },
    wholeUpsideDown: () => {
      asked.push('cls');
      return Promise.resolve(upsideDown);
    },
  };
  return { s, asked };
}

test('an upright page with many lines is kept as read, at no extra step', async () => {
  const first = read(FEW_LINES, 0.95);
  const { s, asked } = steps({});
  assert.equal(await settleOrientation(first, 'page', s), first);
  assert.deepEqual(asked, []);
});

test('a page with few lines is read the other way up, and that read kept only when clearly better', async () => {
  const first = read(3, 0.6, 0, 'XE');
  const better = read(3, 0.95, 180);
  const { s, asked } = steps({ 180: [better, 0] });
  assert.equal(await settleOrientation(first, 'page', s), better);
  assert.deepEqual(asked, ['read 180']);
  // A word that reads the same either way stays as found; so does a flip whose own crops vote upside down.
  const same = read(3, 0.61, 180, 'XE');
  assert.equal(await settleOrientation(first, 'page', steps({ 180: [same, 0] }).s), first);
  assert.equal(flipWins(first, { again: better, vote: 180 }), false);
  // A sure read of few lines is not read again.
  const sure = read(3, 0.95);
  const quiet = steps({ 180: [better, 0] });
  assert.equal(await settleOrientation(sure, 'page', quiet.s), sure);
  assert.deepEqual(quiet.asked, []);
});

test('a page with at most one line is detected turned a quarter, and read so when that finds more', async () => {
  const empty = read(0, 0);
  const sideways = read(1, 0.9, 90);
  const { s, asked } = steps({ 90: [sideways, 0] }, 2);
  assert.equal(await settleOrientation(empty, 'page', s), sideways);
  assert.deepEqual(asked, ['det 90', 'read 90']);
  // Nothing more found turned: no read at all (a blank page pays one detection).
  const none = steps({}, 0);
  assert.equal(await settleOrientation(empty, 'page', none.s), empty);
  assert.deepEqual(none.asked, ['det 90']);
});

test('a tall, narrow image is read as a line crop turned from both quarters, the surer kept, without detecting it', async () => {
  const empty = read(0, 0);
  const right = read(1, 0.95, 270);
  const { s, asked } = steps({ 90: [read(1, 0.7, 90, 'XE'), 0], 270: [right, 0] }, 0);
  assert.equal(await settleOrientation(empty, 'tall-line', s), right);
  assert.deepEqual(asked, ['read 90', 'read 270']);
});

test('a tall line crop keeps its read unless a quarter turn reads clearly more, however many scraps it found', async () => {
  // A nearly square crop of "NOW" reads as a surer "MON" turned a quarter: not 1.1 times the mass, so kept as read.
  const now = read(1, 0.84, 0, 'NOW');
  const mon = read(1, 0.9, 270, 'MON');
  assert.equal(
    await settleOrientation(now, 'tall-line', steps({ 90: [read(0, 0), 0], 270: [mon, 0] }).s),
    now,
  );
  const junk = read(1, 0.55, 0, 'i');
  const word = read(1, 0.95, 90, 'FIRE');
  assert.equal(
    await settleOrientation(junk, 'tall-line', steps({ 90: [word, 0], 270: [read(0, 0), 0] }).s),
    word,
  );
  // A plate read sideways as single characters on three lines.
  const scraps = read(3, 0.9, 0, '8');
  const plate = read(1, 0.98, 270, '皖A·7B878');
  const quarters = steps({ 90: [read(1, 0.5, 90, '8'), 0], 270: [plate, 0] });
  assert.equal(await settleOrientation(scraps, 'tall-line', quarters.s), plate);
});

test('a line crop keeps its own read unless its line vote turned it or the classifier finds it upside down', async () => {
  const sure = read(1, 0.95);
  const { s, asked } = steps({}, 3, true);
  assert.equal(await settleOrientation(sure, 'line', s), sure);
  assert.deepEqual(asked, []);
  // Unsure, but the classifier shown the whole crop finds it upright ("NOW" stays NOW, not a surer "MON").
  const unsure = read(1, 0.81, 0, 'NOW');
  const mon = read(1, 0.92, 180, 'MON');
  const upright = steps({ 180: [mon, 0] }, 3, false);
  assert.equal(await settleOrientation(unsure, 'line', upright.s), unsure);
  assert.deepEqual(upright.asked, ['cls']);
});

test('an unsure line crop the classifier finds upside down is read turned, and that read kept when clearly better', async () => {
  const scraps = read(1, 0.6, 0, 'A-JU219');
  const plate = read(1, 0.99, 180, '皖A·JU215');
  const { s, asked } = steps({ 180: [plate, 0] }, 0, true);
  assert.equal(await settleOrientation(scraps, 'line', s), plate);
  assert.deepEqual(asked, ['cls', 'read 180']);
  // A turned read no better than the crop as given leaves it as read.
  const same = read(1, 0.62, 180, 'A-JU219');
  assert.equal(await settleOrientation(scraps, 'line', steps({ 180: [same, 0] }, 0, true).s), scraps);
});

test('a line crop that kept nothing is read the other way up, and that read kept only when sure', async () => {
  const nothing = read(0, 0);
  const upright = read(1, 0.97, 180, '京P·L3N67');
  const { s, asked } = steps({ 180: [upright, 0] });
  assert.equal(await settleOrientation(nothing, 'line', s), upright);
  assert.deepEqual(asked, ['read 180']);
  // Scraps read with little confidence, or a read whose own crops vote upside down, are not kept.
  assert.equal(
    await settleOrientation(nothing, 'line', steps({ 180: [read(1, 0.6, 180, '美'), 0] }).s),
    nothing,
  );
  assert.equal(await settleOrientation(nothing, 'line', steps({ 180: [upright, 180] }).s), nothing);
});
