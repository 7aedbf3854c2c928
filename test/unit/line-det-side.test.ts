import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FINE_MAX_PIXELS } from '../../app/ocr/fine-scale';
import { LINE_DET_INK, lineDetSide } from '../../app/ocr/line-det-side';

test('a crop the usual 960 px holds keeps the usual side', () => {
  assert.equal(lineDetSide(14, { width: 222, height: 53 }, 960), 960);
  // A 48-px line of 44-px ink 1,600 px long: shrunk to 0.6 its ink is still 26 px.
  assert.equal(lineDetSide(44, { width: 1672, height: 120 }, 960), 960);
});

test('a long strip of small text is seen at its own size, never larger', () => {
  // A 21-px receipt line ×10 (1,954 px, ink 14 px) padded by 16: shrunk to 960 its ink would be 7 px.
  assert.equal(lineDetSide(14, { width: 1986, height: 53 }, 960), 1986);
});

test('a long strip of larger text is seen where its ink is LINE_DET_INK tall', () => {
  // A 48-px line ×8 (6,414 px, ink 44 px) padded by 36.
  assert.equal(lineDetSide(44, { width: 6486, height: 120 }, 960), Math.round((6486 * LINE_DET_INK) / 44));
});

test('the finer pass pixel cap bounds the side of the longest strips', () => {
  const padded = { width: 65_535 + 32, height: 53 };
  const side = lineDetSide(14, padded, 960);
  assert.ok(side < padded.width);
  assert.ok(side * ((side * padded.height) / padded.width) <= FINE_MAX_PIXELS);
});
