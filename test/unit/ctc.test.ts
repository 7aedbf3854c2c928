import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ctcCharset, ctcEmit, decodedOf, stepMaxima, withWordGaps, type Emitted } from '../../app/ocr/ctc';

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

test('each character carries the space class’s highest probability in the blank steps before it', () => {
  const index = [1, 0, 0, 2, 2, 0, 1];
  const last = [0.3, 0.05, 0.2, 0.4, 0.4, 0.08, 0.6];
  const m = { index, prob: index.map(() => 0.9), last };
  const chars = ctcEmit(m, ctcCharset(['a', 'b'], true));
  // Only the blanks between characters count: not a character's own steps, nor anything before the first.
  assert.deepEqual(
    chars.map((c) => [c.ch, c.spaceBefore]),
    [
      ['a', 0],
      ['b', 0.2],
      ['a', 0.08],
    ],
  );
  // Without a space class the last class is a character: no space evidence.
  const plain = ctcEmit(m, ctcCharset(['a', 'b'], false));
  assert.deepEqual(
    plain.map((c) => c.spaceBefore),
    [0, 0, 0],
  );
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

/** Characters emitted one step each, at the given steps (the blank run between two is the difference minus one). */
const at = (spec: string, steps: readonly number[]): Emitted[] =>
  Array.from(spec).map((ch, i) => ({ ch, start: steps[i]!, end: steps[i]!, p: 0.9 }));

test('a blank run of twice the median gap (and at least 4 steps) between Latin letters is a word break', () => {
  // gaps 2 2 5 2 2: median 2, threshold 4
  assert.equal(withWordGaps(at('thecat', [0, 3, 6, 12, 15, 18])), 'the cat');
  assert.equal(withWordGaps(at('thecat', [0, 3, 6, 10, 13, 16])), 'thecat');
  // loosely spaced print (gaps 4 4 5 4 4): threshold 8
  assert.equal(withWordGaps(at('thecat', [0, 5, 10, 16, 21, 26])), 'thecat');
});

test('no space is put between CJK characters, however wide the gap', () => {
  assert.equal(withWordGaps(at('中文字', [0, 8, 16])), '中文字');
});

test('beside a wide glyph a gap must be a step wider to be a word break', () => {
  // "jumps": the m fires mid-glyph, 4 blank steps after the u though no space is there
  assert.equal(withWordGaps(at('jumps', [0, 3, 8, 11, 14])), 'jumps');
  assert.equal(withWordGaps(at('jumps', [0, 3, 9, 12, 15])), 'ju mps');
  assert.equal(withWordGaps(at('fromis', [0, 3, 6, 9, 14, 17])), 'fromis');
  assert.equal(withWordGaps(at('fromis', [0, 3, 6, 9, 15, 18])), 'from is');
  // a narrow neighbour pair keeps the plain threshold
  assert.equal(withWordGaps(at('isit', [0, 3, 8, 11])), 'is it');
});

test('a line read squeezed counts its fixed 4-step floor scaled by the squeeze, to the nearest step', () => {
  // gaps 1 1 3 1 1: median 1, so the 4-step floor decides
  const tight = at('thecat', [0, 2, 4, 8, 10, 12]);
  assert.equal(withWordGaps(tight), 'thecat');
  assert.equal(withWordGaps(tight, 0.85), 'the cat');
  assert.equal(
    withWordGaps(at('thecat', [0, 2, 4, 7, 9, 11]), 0.85),
    'thecat',
    'a 2-step gap is no word break',
  );
  // beside a wide glyph the extra step is scaled too: 3.4 + 0.85 rounds to 4
  assert.equal(withWordGaps(at('aaab', [0, 2, 4, 8]), 0.85), 'aaa b');
  assert.equal(withWordGaps(at('aaam', [0, 2, 4, 8]), 0.85), 'aaam');
  assert.equal(withWordGaps(at('aaam', [0, 2, 4, 9]), 0.85), 'aaa m');
});

test('between an ideograph and a Latin word, a pitch beyond the em (measured on the line) is a space', () => {
  // Ideographs every 4 steps (the em); "ssh" set with a word space each side starts an em and more after 用 and 连.
  const spaced = at('如果使用ssh连接', [0, 4, 8, 12, 17, 19, 21, 26, 30]);
  assert.equal(withWordGaps(spaced), '如果使用 ssh 连接');
  // Set solid, the Latin letter starts at most an em after the ideograph.
  const solid = at('如果使用ssh连接', [0, 4, 8, 12, 16, 18, 20, 24, 28]);
  assert.equal(withWordGaps(solid), '如果使用ssh连接');
  // Punctuation is not a word: a full-width comma keeps its own spacing.
  assert.equal(withWordGaps(at('如果使用，ssh', [0, 4, 8, 12, 16, 21, 23, 25])), '如果使用，ssh');
  // Too few ideograph pairs to measure the em: nothing is inserted.
  assert.equal(withWordGaps(at('使用ssh', [0, 4, 9, 11, 13])), '使用ssh');
});
