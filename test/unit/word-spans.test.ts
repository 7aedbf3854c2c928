import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withWordGaps, type Emitted } from '../../app/ocr/ctc';
import { lineWords } from '../../app/ocr/line-words';
import { spansText, wordSpans } from '../../app/ocr/word-spans';

const at = (ch: string, start: number, end = start): Emitted => ({ ch, start, end, p: 1 });

test('words split where the word-gap rule or the model put a space, spanning their characters steps', () => {
  // "ab" 2 steps apart, a 6-step gap (a word break), "cd", then the model's own space and "e".
  const chars = [at('a', 1), at('b', 3), at('c', 10), at('d', 12), at(' ', 14), at('e', 16)];
  const text = withWordGaps(chars);
  assert.equal(text, 'ab cd e');
  // 8 columns a step; the crop is read from column 0, 160 columns wide; pitch: the median step, 16 columns.
  const spans = wordSpans(chars, text, 8, 0, 160);
  assert.deepEqual(
    spans.map((s) => s.text),
    ['ab', 'cd', 'e'],
  );
  // "ab": from half a pitch before a's step (12 - 8 = 4) to b's step (28).
  assert.deepEqual([spans[0]!.x0, spans[0]!.x1], [4 / 160, 28 / 160]);
  assert.ok(spans[1]!.x0 > spans[0]!.x1 && spans[2]!.x0 > spans[1]!.x1);
});

test('a span maps onto its slice of the line box, backwards for a crop read turned 180°', () => {
  const quad = [
    [100, 10],
    [300, 10],
    [300, 40],
    [100, 40],
  ] as const;
  const [w] = lineWords(quad, [{ text: 'ab', x0: 0.25, x1: 0.5 }], false)!;
  assert.deepEqual(w!.box, [
    [150, 10],
    [200, 10],
    [200, 40],
    [150, 40],
  ]);
  const [t] = lineWords(quad, [{ text: 'ab', x0: 0.25, x1: 0.5 }], true)!;
  assert.deepEqual(
    t!.box.map((p) => p[0]),
    [200, 250, 250, 200],
  );
  assert.equal(
    lineWords(
      [
        [0, 0],
        [10, 0],
        [10, 100],
        [0, 100],
      ],
      [{ text: 'x', x0: 0, x1: 1 }],
      false,
    ),
    undefined,
  );
});

test('a break splits a word into joined parts for the layout, and the text layer gets the word back whole', () => {
  // Two ideographs, a wide blank, two more: the text has no space, the break is before the third.
  const chars = [at('山', 1), at('海', 5), at('之', 15), at('间', 19)];
  const spans = wordSpans(chars, '山海之间', 8, 0, 200, new Set([chars[2]!]));
  assert.deepEqual(
    spans.map((s) => [s.text, s.joined ?? false]),
    [
      ['山海', false],
      ['之间', true],
    ],
  );
  assert.equal(spansText(spans), '山海之间');
  const quad = [
    [0, 0],
    [200, 0],
    [200, 20],
    [0, 20],
  ] as const;
  assert.deepEqual(
    lineWords(quad, spans, false)!.map((w) => w.text),
    ['山海之间'],
  );
});
