import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cer,
  cerNoCase,
  charF1,
  editDistance,
  exactMatch,
  geometricText,
  lineRecall,
  normalizeText,
} from '../../app/eval/metrics';

test('normalisation: NFKC, folded whitespace, no spaces between CJK, no middle dots', () => {
  assert.equal(normalizeText('Ａ１：  b\n\tc'), 'A1: b c');
  assert.equal(normalizeText('中 文 ok 字'), '中文 ok 字');
  assert.equal(normalizeText('皖A·12345'), '皖A12345');
});

test('edit distance counts code points', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('中文', '中文字'), 1);
});

test('CER, char F1, exact match and line recall', () => {
  assert.equal(cer('abc', 'abc'), 0);
  assert.equal(cer('abd', 'abcd'), 0.25);
  assert.equal(charF1('cba', 'abc'), 1);
  assert.ok(Math.abs(charF1('ab', 'abcd') - 2 / 3) < 1e-9);
  assert.equal(exactMatch('JOI NT', 'JOINT'), true);
  assert.equal(exactMatch('J0INT', 'JOINT'), false);
  assert.equal(lineRecall('first line\nsecond', ['first line', 'third']), 0.5);
});

test('case-insensitive CER ignores case only (ICDAR convention), full-width capitals included', () => {
  assert.equal(cer('Total Rm', 'TOTAL RM'), 5 / 8);
  assert.equal(cerNoCase('Total Rm', 'TOTAL RM'), 0);
  assert.equal(cerNoCase('ＴＯＴＡＬ', 'total'), 0);
  assert.equal(cerNoCase('Totl', 'TOTAL'), 0.2);
});

test('one geometric order: rows top to bottom, left to right, whatever order the lines were listed in', () => {
  const box = (x0: number, y0: number, x1: number, y1: number) =>
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
    ] as const;
  // A receipt's key-value table listed column by column (SROIE's annotators did so on some receipts)...
  const listed = [
    { text: 'TOTAL', points: box(10, 100, 80, 120) },
    { text: 'CASH', points: box(10, 130, 70, 150) },
    { text: 'RM 12.50', points: box(300, 101, 400, 121) },
    { text: 'RM 15.00', points: box(300, 129, 400, 149) },
  ];
  // ...and read row by row, as a person reads it, with the boxes a little off the annotators'.
  const read = [
    { text: 'TOTAL', points: box(12, 98, 82, 122) },
    { text: 'RM 12.50', points: box(298, 99, 402, 123) },
    { text: 'CASH', points: box(11, 131, 69, 152) },
    { text: 'RM 15.00', points: box(301, 128, 399, 150) },
  ];
  assert.equal(geometricText(listed), 'TOTAL RM 12.50\nCASH RM 15.00');
  assert.equal(geometricText(read), geometricText(listed));
  const asListed = listed.map((l) => l.text).join('\n');
  const asRead = read.map((l) => l.text).join('\n');
  assert.ok(cerNoCase(asRead, asListed) > 0.3);
  assert.equal(cerNoCase(geometricText(read), geometricText(listed)), 0);
});
