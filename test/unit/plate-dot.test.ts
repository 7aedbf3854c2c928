import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plateDot, withPlateDot } from '../../app/ocr/plate-dot';

test('a whole plate read with its dot as another small mark gets the dot the plate prints', () => {
  assert.equal(plateDot('皖A-72G21'), '皖A·72G21');
  assert.equal(plateDot('京P.L3N67'), '京P·L3N67');
  assert.equal(plateDot('苏E\u30fbYV501'), '苏E·YV501');
  // New-energy plates have six characters after the dot.
  assert.equal(plateDot('粤B-D12345'), '粤B·D12345');
});

test('plates read right, and text that is not a whole plate, stay as read', () => {
  for (const text of [
    '皖A·72G21',
    '皖A72G21',
    '皖A-72G2',
    'AB-12345',
    '京P-L3N67 停车',
    '价A-12345',
    'Tel-03-5547',
  ])
    assert.equal(plateDot(text), text);
});

test('the dot is put in the read’s words too, keeping their spans along the crop', () => {
  const d = withPlateDot({
    text: '皖A-72G21',
    score: 0.95,
    words: [{ text: '皖A-72G21', x0: 0, x1: 1 }],
  });
  assert.equal(d.text, '皖A·72G21');
  assert.deepEqual(d.words, [{ text: '皖A·72G21', x0: 0, x1: 1 }]);
});
