import assert from 'node:assert/strict';
import { test } from 'node:test';
import { latinForms, withLatinForms } from '../../app/ocr/latin-forms';

test('a Latin line gets ASCII for its full-width forms, one character for one', () => {
  assert.equal(latinForms('Tax（RM)'), 'Tax(RM)');
  assert.equal(latinForms('：CS00004040'), ':CS00004040');
  assert.equal(latinForms('Total 6% supplies （Inc. GST)：'), 'Total 6% supplies (Inc. GST):');
  assert.equal(latinForms('ＡＢＣ１２３\u3000！～'), 'ABC123 !~');
  assert.equal(latinForms('plain ASCII stays'), 'plain ASCII stays');
});

test('a line with CJK text keeps its full-width punctuation', () => {
  for (const line of ['总计（含税）：12.50', '使用ssh连接（端口２２）', 'テスト：ＯＫ', '합계：１０'])
    assert.equal(latinForms(line), line);
});

test('words follow their line: folded on a Latin line, kept on a CJK one', () => {
  const latin = withLatinForms({
    text: 'Amount（RM)',
    score: 0.9,
    words: [{ text: 'Amount（RM)', x0: 0, x1: 1 }],
  });
  assert.equal(latin.text, 'Amount(RM)');
  assert.deepEqual(
    latin.words?.map((w) => w.text),
    ['Amount(RM)'],
  );
  const cjk = { text: '金额（RM）', score: 0.9, words: [{ text: '金额（RM）', x0: 0, x1: 1 }] };
  assert.equal(withLatinForms(cjk), cjk);
});
