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
