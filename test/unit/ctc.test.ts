import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ctcCharset, ctcEmit, decodedOf, stepMaxima } from '../../app/ocr/ctc';

/** Decodes `n` sequences of `steps` x `classes` probabilities, as the recogniser does per batch. */
const ctcDecode = (probs: Float32Array, n: number, steps: number, classes: number, cs: readonly string[]) =>
  Array.from({ length: n }, (_, i) => decodedOf(ctcEmit(stepMaxima(probs, i, steps, classes), cs)));

/** Builds a probability tensor whose argmax follows `path` (one class per step). */
function probsFor(paths: number[][], classes: number): Float32Array {
  const steps = paths[0]!.length;
  const out = new Float32Array(paths.length * steps * classes).fill(0.01);
  paths.forEach((p, i) => p.forEach((c, t) => (out[(i * steps + t) * classes + c] = 0.9 - 0.1 * (t % 2))));
  return out;
}

test('charset puts blank first and space last', () => {
  assert.deepEqual(ctcCharset(['a', 'b'], true), ['', 'a', 'b', ' ']);
  assert.deepEqual(ctcCharset(['a'], false), ['', 'a']);
});

test('collapses repeats, drops blanks, keeps a letter repeated across a blank', () => {
  const cs = ctcCharset(['a', 'b', 'l', 'o'], true);
  // h e l l _ l o  ->  with our charset: a a _ l l _ l o space b
  const [d] = ctcDecode(probsFor([[1, 1, 0, 3, 3, 0, 3, 4, 5, 2]], cs.length), 1, 10, cs.length, cs);
  assert.equal(d!.text, 'alllo b'.replace('lll', 'll'));
  assert.ok(d!.score > 0.79 && d!.score < 0.91);
});

test('an all-blank sequence decodes to empty text with score 0', () => {
  const cs = ctcCharset(['a'], false);
  const [d] = ctcDecode(probsFor([[0, 0, 0]], cs.length), 1, 3, cs.length, cs);
  assert.deepEqual(d, { text: '', score: 0 });
});

test('decodes a batch independently', () => {
  const cs = ctcCharset(['x', 'y'], false);
  const out = ctcDecode(
    probsFor(
      [
        [1, 0, 2],
        [2, 2, 1],
      ],
      cs.length,
    ),
    2,
    3,
    cs.length,
    cs,
  );
  assert.deepEqual(
    out.map((d) => d.text),
    ['xy', 'yx'],
  );
});
