import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ORIENTATIONS,
  pageOrientation,
  rereadWins,
  turnedPoint,
  uprightPoint,
  wrongQuarter,
} from '../../app/ocr/orientation';

test('a point of a page turned 90/180/270° clockwise maps back to where it was upright, and forth again', () => {
  // Upright 100 x 40: the point (10, 5). Turned 90° clockwise (40 x 100) it sits at (40 - 5, 10).
  assert.deepEqual(uprightPoint([35, 10], 90, 40, 100), [10, 5]);
  assert.deepEqual(uprightPoint([90, 35], 180, 100, 40), [10, 5]);
  // Turned 270° (40 x 100) it sits at (5, 100 - 10).
  assert.deepEqual(uprightPoint([5, 90], 270, 40, 100), [10, 5]);
  for (const a of ORIENTATIONS) {
    const [w, h] = a === 90 || a === 270 ? [40, 100] : [100, 40];
    assert.deepEqual(turnedPoint(uprightPoint([7, 3], a, w, h), a, w, h), [7, 3], `${a}`);
  }
});

const votes = (tall: number, tallTurned: number, wide: number, wideTurned: number) => [
  ...Array.from({ length: tall }, (_, i) => ({ tall: true, turned: i < tallTurned })),
  ...Array.from({ length: wide }, (_, i) => ({ tall: false, turned: i < wideTurned })),
];

test('page orientation: mostly tall boxes are a quarter turn, their turned reads say which; mostly turned is 180', () => {
  assert.equal(pageOrientation(votes(0, 0, 20, 1)), 0);
  assert.equal(pageOrientation(votes(15, 1, 3, 0)), 90);
  assert.equal(pageOrientation(votes(15, 12, 3, 0)), 270);
  assert.equal(pageOrientation(votes(0, 0, 20, 18)), 180);
  // A vertical sign or two on an upright page does not turn it.
  assert.equal(pageOrientation(votes(2, 0, 6, 0)), 0);
  // A single line (a crop) never turns a page.
  assert.equal(pageOrientation(votes(1, 1, 0, 0)), 0);
  assert.equal(pageOrientation([]), 0);
});

test('a 180° page re-read upright is kept when the re-read is itself upright, even reading fewer characters', () => {
  const lines = (...texts: string[]) => ({
    lines: texts.map((text) => ({
      text,
      score: 0.95,
      box: [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ] as const,
    })),
  });
  // Flipped crops read as garbage can carry more characters than the true text.
  const first = lines('Tbe qnick brown fox,,', 'jumps ovcr');
  const again = lines('The quick brown fox', 'jumps over');
  assert.equal(rereadWins(180, first, again, 0), true);
  // A re-read still found upside down (the first vote was wrong) falls back to the surer, longer read.
  assert.equal(rereadWins(180, first, again, 180), false);
  // Quarter turns keep the read with more text read more surely (a vertical CJK page may only look turned).
  assert.equal(rereadWins(90, first, again, 0), false);
  assert.equal(rereadWins(270, again, first, 0), true);
});

test('a quarter turn whose upright re-read finds its crops upside down was the other quarter', () => {
  assert.equal(wrongQuarter(90, 180), true);
  assert.equal(wrongQuarter(270, 180), true);
  assert.equal(wrongQuarter(90, 0), false);
  assert.equal(wrongQuarter(270, 90), false);
  assert.equal(wrongQuarter(180, 180), false);
});
