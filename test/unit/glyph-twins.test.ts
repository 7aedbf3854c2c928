import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Decoded } from '../../app/ocr/ctc';
import { settleTwins, withTwinsSettled } from '../../app/ocr/glyph-twins';

test('0 and O, 1 and l are settled by the run of letters or digits they stand in (reads of dev receipts)', () => {
  assert.equal(settleTwins('L0T 1851-A & 1851-B, JALAN KPB 6'), 'LOT 1851-A & 1851-B, JALAN KPB 6');
  assert.equal(
    settleTwins('& TELEC0MMUNICATI0N SDN. BHD.(523847-W)'),
    '& TELECOMMUNICATION SDN. BHD.(523847-W)',
  );
  assert.equal(settleTwins('GROUND FL0OR, NO. 4 & 6,'), 'GROUND FLOOR, NO. 4 & 6,');
  assert.equal(settleTwins('Tax Inv0ice No : 00518087100028'), 'Tax Invoice No : 00518087100028');
  assert.equal(settleTwins('475OO SUBANG JAYA'), '47500 SUBANG JAYA');
  assert.equal(settleTwins('4750o'), '47500');
  assert.equal(settleTwins('Tab1e 03'), 'Table 03');
  assert.equal(settleTwins('c0lour'), 'colour');
});

test('codes, units and runs the twins could belong to either way stay as read', () => {
  for (const s of [
    'V001-539233', // a code: other digits beside the letters
    'DS001-BP009',
    '皖A05279',
    'RM0.00', // 0 at a run's end: a unit before an amount
    'Tota1', // 1 at a run's end: could be a numbered name
    'O1', // one digit: "O1" or "01"
    'NO. 53',
    'TAB1E', // uppercase: I or L
    'A0',
    'OK',
  ])
    assert.equal(settleTwins(s), s, s);
});

test('a line and its words are settled alike, one character for one', () => {
  const d: Decoded = {
    text: 'L0T 12',
    score: 0.9,
    words: [
      { text: 'L0T', x0: 0, x1: 0.4 },
      { text: '12', x0: 0.6, x1: 1 },
    ],
  };
  const out = withTwinsSettled(d);
  assert.equal(out.text, 'LOT 12');
  assert.deepEqual(
    out.words?.map((w) => w.text),
    ['LOT', '12'],
  );
  const same: Decoded = { text: 'RM 12.00', score: 0.9 };
  assert.equal(withTwinsSettled(same), same, 'unchanged reads are the same object');
});
