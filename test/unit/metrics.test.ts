import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cer,
  cerNoCase,
  charF1,
  editDistance,
  exactMatch,
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
