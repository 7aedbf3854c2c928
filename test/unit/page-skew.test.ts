import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageSkew } from '../../app/ocr/page-skew';
import { readingOrder } from '../../app/ocr/reading-order';
import type { Quad } from '../../app/ocr/types';

const deg = (rad: number) => (rad * 180) / Math.PI;

// A shop sign photographed at a slant (rects ReCTS_000004 turned 3° more): its name set vertically, a large line of
// dishes, and a row of smaller dishes under it that starts a little further left. The boxes as the detector gave them.
const name = {
  text: '孙记',
  box: [
    [396, 98],
    [571, 119],
    [540, 380],
    [366, 360],
  ] as Quad,
};
const large = {
  text: '锡纸花蛤土豆粉',
  box: [
    [636, 197],
    [3040, 471],
    [3006, 764],
    [603, 489],
  ] as Quad,
};
const small = {
  text: '砂锅土豆粉 花蛤米线',
  box: [
    [572, 575],
    [3075, 804],
    [3066, 908],
    [562, 680],
  ] as Quad,
};

test('two long lines leaning alike give the page their mean slant; one slanted line gives none', () => {
  assert.ok(
    Math.abs(deg(pageSkew([large.box, small.box])) - 5.9) < 0.2,
    `${deg(pageSkew([large.box, small.box]))}`,
  );
  assert.equal(pageSkew([large.box]), 0);
  assert.equal(pageSkew([name.box, large.box]), 0);
});

test('two long lines leaning opposite ways, or one far more than the other, are two signs: no skew', () => {
  const along = (x: number, y: number, len: number, d: number): Quad => {
    const [c, s] = [Math.cos((d * Math.PI) / 180), Math.sin((d * Math.PI) / 180)];
    return [
      [x, y],
      [x + len * c, y + len * s],
      [x + len * c - 40 * s, y + len * s + 40 * c],
      [x - 40 * s, y + 40 * c],
    ];
  };
  assert.equal(pageSkew([along(0, 0, 600, 6), along(0, 300, 600, -4)]), 0);
  assert.equal(pageSkew([along(0, 0, 600, 12), along(0, 300, 600, 3)]), 0);
  assert.ok(Math.abs(deg(pageSkew([along(0, 0, 600, 6), along(0, 300, 600, 4)])) - 5) < 0.01);
});

test('a sign photographed at a slant is read line by line down the sign, not by where its lines start', () => {
  const order = readingOrder([small, large, name], (l) => l.box).flat();
  assert.deepEqual(
    order.map((l) => l.text),
    ['孙记', '锡纸花蛤土豆粉', '砂锅土豆粉 花蛤米线'],
  );
});
