import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plateText, withPlateText } from '../../app/ocr/plate-text';

test('a whole plate read with its dot as another small mark gets the dot the plate prints', () => {
  assert.equal(plateText('皖A-72G21'), '皖A·72G21');
  assert.equal(plateText('京P.L3N67'), '京P·L3N67');
  assert.equal(plateText('苏E\u30fbYV501'), '苏E·YV501');
  assert.equal(plateText('皖A:9T528'), '皖A·9T528');
  // New-energy plates have six characters after the dot.
  assert.equal(plateText('粤B-D12345'), '粤B·D12345');
});

test('a plate serial’s I and O, letters plates never use, are read as the 1 and 0 they resemble', () => {
  assert.equal(plateText('皖M·CNI17'), '皖M·CN117');
  assert.equal(plateText('皖A·WON92'), '皖A·W0N92');
  // Read without its dot: the serial is mended, no dot is put in.
  assert.equal(plateText('皖AKWI05'), '皖AKW105');
  // The office letter may be an O (police plates in some provinces): only the serial is mended.
  assert.equal(plateText('粤O-I2345'), '粤O·12345');
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
    'OFFICE',
    '京A·IO',
  ])
    assert.equal(plateText(text), text);
});

test('the plate’s text is put in the read’s words too, keeping their spans along the crop', () => {
  const d = withPlateText({
    text: '皖A-72GI1',
    score: 0.95,
    words: [{ text: '皖A-72GI1', x0: 0, x1: 1 }],
  });
  assert.equal(d.text, '皖A·72G11');
  assert.deepEqual(d.words, [{ text: '皖A·72G11', x0: 0, x1: 1 }]);
});
