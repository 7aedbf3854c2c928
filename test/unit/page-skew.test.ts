import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deskewed, endsOnBaseline, pageSkew } from '../../app/ocr/page-skew';
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

// A level table of contents: the boxes of titles that end in a few leader dots lean by up to 3° (the dots pull each
// fitted rectangle's end down), the others are level. The lines as the detector and recogniser gave them.
const titles = [
  'Contents',
  'Introduction',
  'Getting started .',
  'Installing .',
  'Reading a page .',
  'Settings.',
  'Shortcuts..',
  'Index .',
];
const contents: Quad[] = [
  [
    [105, 66],
    [287, 68],
    [287, 105],
    [104, 104],
  ],
  [
    [104, 149],
    [261, 149],
    [261, 174],
    [104, 174],
  ],
  [
    [104, 185],
    [309, 185],
    [309, 211],
    [104, 211],
  ],
  [
    [104, 220],
    [243, 224],
    [242, 250],
    [103, 246],
  ],
  [
    [105, 256],
    [321, 261],
    [320, 289],
    [104, 283],
  ],
  [
    [105, 291],
    [231, 298],
    [229, 325],
    [103, 318],
  ],
  [
    [104, 328],
    [256, 331],
    [256, 357],
    [103, 354],
  ],
  [
    [103, 366],
    [189, 366],
    [189, 390],
    [103, 390],
  ],
];

test("lines that end in marks on their baseline (leader dots, a full stop) leave the page's skew alone", () => {
  const lines = contents.map((box, i) => ({ text: titles[i]!, box }));
  // Their slants taken with the others make a level page look 1° off, and its rows drift apart across it.
  assert.ok(deg(pageSkew(contents)) > 1);
  assert.equal(
    lines.filter((l) => !endsOnBaseline(l.text)).length,
    2,
    'Contents and Introduction are measured',
  );
  const frame = deskewed(
    lines,
    (l) => l.box,
    (l) => !endsOnBaseline(l.text),
  );
  for (const l of lines) assert.deepEqual(frame(l), l.box);
  assert.equal(endsOnBaseline('TOTAL 12.00'), false);
  assert.equal(endsOnBaseline('Name ____'), true);
});
