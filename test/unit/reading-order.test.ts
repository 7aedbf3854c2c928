import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paragraphs, readingOrder } from '../../app/ocr/reading-order';
import type { Quad } from '../../app/ocr/types';

const box = (x: number, y: number, w: number, h: number): Quad => [
  [x, y],
  [x + w, y],
  [x + w, y + h],
  [x, y + h],
];
const line = (text: string, x: number, y: number, w = 50, h = 20) => ({ text, box: box(x, y, w, h) });

test('rows top to bottom, boxes left to right within a row, even when slightly skewed', () => {
  const lines = [
    line('total', 10, 103),
    line('b', 200, 10),
    line('12.00', 300, 98),
    line('a', 10, 12),
    line('c', 10, 50),
  ];
  const rows = readingOrder(lines, (l) => l.box);
  assert.deepEqual(
    rows.map((r) => r.map((l) => l.text)),
    [['a', 'b'], ['c'], ['total', '12.00']],
  );
});

test('boxes that barely overlap vertically are separate rows', () => {
  const rows = readingOrder([line('x', 0, 0), line('y', 100, 15)], (l) => l.box);
  assert.equal(rows.length, 2);
});

test('paragraphs merge close rows and split at a gap; CJK lines join without a space', () => {
  const rows = [
    [line('Hello', 0, 0)],
    [line('world', 0, 24)],
    [line('Next', 0, 120)],
    [line('中文', 0, 144)],
    [line('段落', 0, 168)],
  ];
  assert.deepEqual(paragraphs(rows), ['Hello world', 'Next 中文段落']);
});

test('two columns that do not line up (sidebar + content) read column by column', () => {
  const side = ['Intro', 'Options', 'Files', 'Signals'].map((t, i) => line(t, 10, 90 + i * 40, 60, 22));
  const body = ['heading', 'first sentence', 'second sentence', 'third sentence', 'fourth sentence'].map(
    (t, i) => line(t, 260, 84 + i * 27, 300, 20),
  );
  const title = line('Page title', 60, 10, 400, 30);
  const rows = readingOrder([...body, ...side, title], (l) => l.box);
  assert.deepEqual(
    rows.flat().map((l) => l.text),
    [
      'Page title',
      'Intro',
      'Options',
      'Files',
      'Signals',
      'heading',
      'first sentence',
      'second sentence',
      'third sentence',
      'fourth sentence',
    ],
  );
});

test('a table whose sides line up row by row (a receipt) still reads row by row', () => {
  const keys = ['TOTAL', 'GST', 'CASH', 'CHANGE'].map((t, i) => line(t, 10, 100 + i * 30, 80, 20));
  const values = ['190.00', '10.75', '200.00', '10.00'].map((t, i) => line(t, 400, 101 + i * 30, 60, 20));
  const rows = readingOrder([...values, ...keys], (l) => l.box);
  assert.deepEqual(
    rows.map((r) => r.map((l) => l.text)),
    [
      ['TOTAL', '190.00'],
      ['GST', '10.75'],
      ['CASH', '200.00'],
      ['CHANGE', '10.00'],
    ],
  );
});

test('two stacked lines beside a block (a second sign in a photo) are not a column: rows stay top to bottom', () => {
  const shop = ['shop name', 'first dish', 'second dish', 'phone'].map((t, i) =>
    line(t, 10, 10 + i * 40, 200, 24),
  );
  const sign = [line('beer', 500, 30, 60, 24), line('slogan', 500, 70, 80, 24)];
  const rows = readingOrder([...sign, ...shop], (l) => l.box);
  assert.deepEqual(
    rows.flat().map((l) => l.text),
    ['shop name', 'beer', 'first dish', 'slogan', 'second dish', 'phone'],
  );
});

test('text columns set in the same leading read column by column, though their rows line up like a table', () => {
  const col = (x: number, words: string) =>
    Array.from({ length: 4 }, (_, i) => line(`${words} ${i + 1}`, x, 10 + i * 30, 260, 20));
  const rows = readingOrder([...col(320, 'right column line'), ...col(10, 'left column line')], (l) => l.box);
  assert.deepEqual(
    rows.flat().map((l) => l.text),
    [1, 2, 3, 4]
      .map((i) => `left column line ${i}`)
      .concat([1, 2, 3, 4].map((i) => `right column line ${i}`)),
  );
});
