import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Decoded } from '../../app/ocr/ctc';
import { reachEnd, rereadLineEnds, tailOf, withEndMark } from '../../app/ocr/line-end';
import type { Quad, RgbImage } from '../../app/ocr/types';

const box = (x0: number, y0: number, x1: number, y1: number): Quad => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

test('a box reaches a third of its height past its end; its tail is its last heights', () => {
  assert.deepEqual(reachEnd(box(10, 0, 100, 30), 1 / 3), {
    box: box(10, 0, 110, 30),
    strip: box(100, 0, 110, 30),
  });
  assert.deepEqual(tailOf(box(10, 0, 400, 30), 3), box(310, 0, 400, 30));
  assert.deepEqual(tailOf(box(10, 0, 60, 30), 3), box(10, 0, 60, 30));
});

test('the tail re-read gives the line its final mark only when it agrees up to the mark', () => {
  assert.equal(withEndMark('改变本地的当前工作目录', '的当前工作目录.'), '改变本地的当前工作目录.');
  // A comma read at the crop's end was the edge of a full stop.
  assert.equal(withEndMark('证明用户的身份，', '户的身份.'), '证明用户的身份.');
  // The tail may start inside a glyph: its first character is not compared.
  assert.equal(withEndMark('改变本地的当前工作目录', '白当前工作目录。'), '改变本地的当前工作目录。');
  assert.equal(withEndMark('改变本地的当前工作目录', '的当前工作日录.'), undefined);
  assert.equal(withEndMark('完整的列表.）', '的列表）'), undefined);
  assert.equal(withEndMark('改变本地的当前工作目录', '的当前工作目录'), undefined);
});

test('only Chinese lines without a final mark and with nothing just past their end are read again', async () => {
  const texts: Decoded[] = [
    {
      text: '改变本地的当前工作目录',
      score: 0.99,
      words: [{ text: '改变本地的当前工作目录', x0: 0, x1: 0.98 }],
    },
    { text: '显示远端机器目录下的文件名列表.', score: 0.99 },
    { text: 'change the working directory', score: 0.99 },
    { text: '改变本地的当前工作目录', score: 0.99 },
    { text: 'RM 12.00', score: 0.99 },
  ];
  const quads = [
    box(0, 0, 300, 30),
    box(0, 40, 300, 70),
    box(0, 80, 300, 110),
    box(0, 120, 300, 150),
    box(305, 120, 400, 150),
  ];
  const crops: Quad[] = [];
  const blank: RgbImage = { data: new Uint8Array(3), width: 1, height: 1 };
  const r = await rereadLineEnds(texts, quads, () => false, {
    crop: (q) => {
      crops.push(q);
      return blank;
    },
    read: async (cs) => cs.map(() => ({ text: '当前工作目录.', score: 0.9 })),
  });
  assert.deepEqual(crops, [box(210, 0, 310, 30)]);
  assert.deepEqual(r.found, [0]);
  assert.equal(r.texts[0]!.text, '改变本地的当前工作目录.');
  assert.equal(r.texts[0]!.score, 0.99);
  // A text layer built from the words carries the mark too.
  assert.deepEqual(r.texts[0]!.words, [{ text: '改变本地的当前工作目录.', x0: 0, x1: 0.98 }]);
  assert.deepEqual(r.texts.slice(1), texts.slice(1));
});
