import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Decoded } from '../../app/ocr/ctc';
import type { RgbImage } from '../../app/ocr/types';
import { readUpright, UNSURE_BELOW } from '../../app/ocr/upright-read';

/** A crop named by its one pixel's red value; `turned` crops carry 255 - that value. */
const crop = (id: number): RgbImage => ({ data: new Uint8Array([id, 0, 0]), width: 1, height: 1 });
const id = (c: RgbImage) => c.data[0]!;

/** A world where `upside` crops read badly until turned, and the classifier knows which they are. */
function world(scores: Record<number, number>, upside: readonly number[]) {
  const calls = { read: [] as number[][], upsideDown: [] as number[][] };
  return {
    calls,
    steps: {
      read: async (cs: readonly RgbImage[]): Promise<Decoded[]> => {
        calls.read.push(cs.map(id));
        return cs.map((c) => {
          const n = id(c);
          return n > 127
            ? { text: `turned ${255 - n}`, score: 0.97 }
            : { text: `read ${n}`, score: scores[n]! };
        });
      },
      upsideDown: async (cs: readonly RgbImage[]) => {
        calls.upsideDown.push(cs.map(id));
        return cs.map((c) => upside.includes(id(c)));
      },
      turn: (c: RgbImage) => crop(255 - id(c)),
    },
  };
}

test('confident reads skip the angle classifier entirely', async () => {
  const w = world({ 1: 0.99, 2: 0.95 }, []);
  const r = await readUpright([crop(1), crop(2)], w.steps);
  assert.deepEqual(w.calls.upsideDown, []);
  assert.deepEqual(r, {
    texts: [
      { text: 'read 1', score: 0.99 },
      { text: 'read 2', score: 0.95 },
    ],
    checked: 0,
    turnedAt: [],
  });
});

test('only unsure reads are checked; an upside-down one is turned, read again and kept when it reads better', async () => {
  const w = world({ 1: 0.99, 2: 0.4, 3: 0.6, 4: 0.98, 5: 0.7 }, [2]);
  const r = await readUpright([1, 2, 3, 4, 5].map(crop), w.steps);
  assert.deepEqual(w.calls.upsideDown, [[2, 3, 5]]);
  assert.deepEqual(w.calls.read[1], [253]);
  assert.equal(r.texts[1]!.text, 'turned 2');
  assert.equal(r.texts[2]!.text, 'read 3');
  assert.equal(r.turnedAt.length, 1);
  assert.deepEqual(r.turnedAt, [1], 'the turned read of crop 1 (the second) was kept');
});

test('a turned crop that reads worse keeps its first read', async () => {
  const w = world({ 1: 0.99, 2: 0.88 }, [2]);
  w.steps.read = async (cs) => cs.map((c) => ({ text: `x${id(c)}`, score: id(c) > 127 ? 0.5 : 0.88 }));
  const r = await readUpright([crop(1), crop(2)], w.steps);
  assert.equal(r.texts[1]!.text, 'x2');
  assert.equal(r.turnedAt.length, 0);
  assert.deepEqual(r.turnedAt, []);
});

test('when most unsure lines are upside down the whole image may be: the confident ones are checked too', async () => {
  const scores = { 1: 0.3, 2: 0.2, 3: 0.5, 4: UNSURE_BELOW + 0.05 };
  const w = world(scores, [1, 2, 3, 4]);
  const r = await readUpright([1, 2, 3, 4].map(crop), w.steps);
  assert.deepEqual(w.calls.upsideDown, [[1, 2, 3], [4]]);
  assert.deepEqual(
    r.texts.map((t) => t.text),
    ['turned 1', 'turned 2', 'turned 3', 'turned 4'],
  );
  assert.equal(r.checked, 4);
  assert.deepEqual(r.turnedAt, [0, 1, 2, 3]);
});
