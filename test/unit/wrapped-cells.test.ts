import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldWrappedCells, type CellLine } from '../../app/ocr/wrapped-cells';

/** A line: its text stands for itself, its first word's width is 8 px a letter, its row 20 px tall at `y`. */
interface L {
  readonly text: string;
  readonly x0: number;
  readonly y: number;
}
const l = (text: string, x0: number, y: number): L => ({ text, x0, y });
const lineOf = (v: L): CellLine => ({
  bounds: { x0: v.x0, x1: v.x0 + 8 * v.text.length, y0: v.y, y1: v.y + 20 },
  firstWord: 8 * v.text.split(' ')[0]!.length,
  lowercase: /^\p{Ll}/u.test(v.text),
});
const fold = (rows: L[][]) => {
  const all = rows.flat();
  const column = (x0: number, tol: number) =>
    Math.max(...all.filter((v) => Math.abs(v.x0 - x0) <= tol).map((v) => lineOf(v).bounds.x1));
  return foldWrappedCells(rows, lineOf, (row) => row.length > 1, column).map((r) =>
    r.lines.map((v) => v.text),
  );
};

test('a cell that wrapped is read whole before the next cell, with the wrapped lines of the cells beside it', () => {
  assert.deepEqual(
    fold([
      [l('1', 0, 0), l('Unpack the lamp and check', 40, 0), l('Keep the box until', 300, 0)],
      [l('cable first', 40, 24), l('tested', 300, 24)],
      [l('2', 0, 60), l('Fit the shade', 40, 60), l('Gently', 300, 60)],
    ]),
    [
      ['1', 'Unpack the lamp and check', 'cable first', 'Keep the box until', 'tested'],
      ['2', 'Fit the shade', 'Gently'],
    ],
  );
});

test("a receipt's keys and amounts stay rows: a key is capitalised, or the key above had room to go on", () => {
  const rows = [
    [l('TOTAL INCL GST', 0, 0), l('12.50', 300, 0)],
    [l('CASH', 0, 24)],
    [l('CHANGE', 0, 48), l('2.50', 308, 48)],
  ];
  assert.deepEqual(fold(rows), [['TOTAL INCL GST', '12.50'], ['CASH'], ['CHANGE', '2.50']]);
  const items = [
    [l('Orange juice large', 0, 0), l('2.90', 300, 0)],
    [l('Flat white', 0, 24), l('3.20', 300, 24)],
    [l('extra shot', 0, 48)],
  ];
  assert.equal(fold(items).length, 3);
});

test('a row that starts between cells, is as full as the row above, or stands a paragraph gap below, stays a row', () => {
  const head = [l('Harbour lamp with brass', 0, 0), l('40 W', 300, 0)];
  assert.deepEqual(fold([head, [l('stem', 100, 24)]]).length, 2);
  assert.deepEqual(fold([head, [l('stem', 0, 24), l('45 W', 300, 24)]]).length, 2);
  assert.deepEqual(fold([head, [l('stem', 0, 40)]]).length, 2);
  assert.deepEqual(fold([head, [l('stem', 0, 24)]]), [['Harbour lamp with brass', 'stem', '40 W']]);
});
