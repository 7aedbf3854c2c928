import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockMarkdown } from '../../app/contracts/blocks-markdown';
import { pageLayout, resultBlocks } from '../../app/ocr/page-layout';
import type { Quad } from '../../app/ocr/types';

const box = (x: number, y: number, w: number, h: number): Quad => [
  [x, y],
  [x + w, y],
  [x + w, y + h],
  [x, y + h],
];
const line = (text: string, x: number, y: number, w: number, h = 20) => ({ text, box: box(x, y, w, h) });
const layoutOf = (lines: readonly ReturnType<typeof line>[]) => pageLayout(lines, (l) => l.box);
const order = (lines: readonly ReturnType<typeof line>[]) =>
  layoutOf(lines).flatMap((b) => b.rows.flat().map((l) => l.text));
const kinds = (lines: readonly ReturnType<typeof line>[]) => layoutOf(lines).map((b) => b.kind);

/** A column of running text: `n` lines of about 20 characters at a 28-px pitch, starting at (x, y). */
const column = (name: string, x: number, y: number, n: number, w = 300) =>
  Array.from({ length: n }, (_, i) => line(`${name} ${i + 1}`, x, y + i * 28, i === n - 1 ? w / 2 : w));

test('two columns whose lines sit at the same heights, a gutter narrower than a line: column by column', () => {
  // The detector's boxes nearly touch across a magazine gutter (8 px here, a line is 20 px tall).
  const left = column('left', 10, 10, 6);
  const right = column('right', 318, 10, 6);
  assert.deepEqual(
    order([...right, ...left]),
    [...left, ...right].map((l) => l.text),
  );
  assert.deepEqual(kinds([...left, ...right]), ['paragraph', 'paragraph']);
});

test('a receipt (keys and amounts on shared rows, full-width lines between) reads row by row as a table', () => {
  const head = [line('SHOP NAME SDN BHD', 60, 10, 260), line('NO.53 JALAN PUTRA 1', 50, 36, 280)];
  const keys = ['TOTAL', 'GST', 'CASH', 'CHANGE'].map((t, i) => line(t, 10, 80 + i * 26, 80));
  const amounts = ['190.00', '10.75', '200.00', '10.00'].map((t, i) => line(t, 320, 81 + i * 26, 60));
  const foot = line('THANK YOU PLEASE COME AGAIN', 30, 200, 330);
  const rows = order([foot, ...amounts, ...keys, ...head]);
  assert.deepEqual(rows, [
    'SHOP NAME SDN BHD',
    'NO.53 JALAN PUTRA 1',
    'TOTAL',
    '190.00',
    'GST',
    '10.75',
    'CASH',
    '200.00',
    'CHANGE',
    '10.00',
    'THANK YOU PLEASE COME AGAIN',
  ]);
  assert.deepEqual(kinds([foot, ...amounts, ...keys, ...head]), ['paragraph', 'table', 'paragraph']);
});

test('a table of short cells in three aligned columns stays row-wise', () => {
  const cells = ['Item', 'Qty', 'Price', 'Tea', '2', '3.00', 'Rice', '1', '5.50', 'Soup', '3', '9.90'].map(
    (t, i) => line(t, 10 + (i % 3) * 150, 10 + Math.floor(i / 3) * 26, 60),
  );
  assert.deepEqual(
    order([...cells].reverse()),
    cells.map((c) => c.text),
  );
  assert.deepEqual(kinds(cells), ['table']);
});

test('a heading in larger type over two columns comes first, then each column', () => {
  const heading = line('What Kids Need Most', 100, 10, 420, 44);
  const left = column('left', 10, 70, 5);
  const right = column('right', 330, 70, 5);
  assert.deepEqual(
    order([...right, ...left, heading]),
    [heading, ...left, ...right].map((l) => l.text),
  );
  assert.deepEqual(kinds([heading, ...left, ...right]), ['heading', 'paragraph', 'paragraph']);
});

test('a headline crossing the gutter low on the page: the columns above read first, the headline after', () => {
  const left = column('left', 10, 10, 6);
  const right = column('right', 318, 10, 6);
  const headline = line('Listen to the voices of real experience', 150, 180, 400, 44);
  assert.deepEqual(
    order([headline, ...right, ...left]),
    [...left, ...right, headline].map((l) => l.text),
  );
});

test('a two-line caption beside a text column (a figure above it) is its own block, not read across', () => {
  const body = column('body', 10, 10, 8);
  const caption = [
    line('Figure 1. The gutter between', 400, 150, 260),
    line('two columns of a page', 400, 178, 200),
  ];
  assert.deepEqual(
    order([...caption, ...body]),
    [...body, ...caption].map((l) => l.text),
  );
});

test('two short lines beside a block (a second sign in a photo) still read in row order', () => {
  const shop = ['shop name', 'first dish', 'second dish', 'phone'].map((t, i) =>
    line(t, 10, 10 + i * 40, 200, 24),
  );
  const sign = [line('beer', 500, 30, 60, 24), line('slogan', 500, 70, 80, 24)];
  assert.deepEqual(order([...sign, ...shop]), [
    'shop name',
    'beer',
    'first dish',
    'slogan',
    'second dish',
    'phone',
  ]);
});

test('result blocks: bounding boxes and line indices in reading order', () => {
  const left = column('left', 10, 10, 4);
  const right = column('right', 318, 10, 4);
  const blocks = resultBlocks(layoutOf([...right, ...left]), (l) => l.box);
  assert.deepEqual(
    blocks.map((b) => b.lines),
    [
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ],
  );
  assert.deepEqual(blocks[0]!.box, box(10, 10, 300, 3 * 28 + 20));
  assert.deepEqual(
    blocks.map((b) => b.rows),
    [
      [[0], [1], [2], [3]],
      [[4], [5], [6], [7]],
    ],
  );
});

/** `line`'s box turned by `deg` degrees about the origin (a receipt photographed at a slant). */
const tilted = (text: string, x: number, y: number, w: number, deg: number, h = 30) => {
  const [c, s] = [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
  const q = box(x, y, w, h).map(([px, py]) => [px * c - py * s, px * s + py * c] as const);
  return { text, box: q as unknown as Quad };
};

test('a receipt photographed at a 4° slant keeps each key with its amount: rows follow the page skew', () => {
  // Across the 700 px from key to amount the rows drift 49 px, more than the 40-px row pitch.
  const head = ['SOON HUAT MACHINERY ENTERPRISE', 'NO.53 JALAN PUTRA 1 TAMAN SRI PUTRA'].map((t, i) =>
    tilted(t, 150, 20 + i * 40, 500, 4),
  );
  const rows = ['TOTAL', 'GST', 'CASH', 'CHANGE', 'ROUNDING'].flatMap((t, i) => [
    tilted(t, 20, 120 + i * 40, 120, 4),
    tilted(`${i + 1}0.00`, 720, 120 + i * 40, 80, 4),
  ]);
  const foot = tilted('GOODS SOLD ARE NOT RETURNABLE THANK YOU', 100, 340, 600, 4);
  const lines = [foot, ...rows.reverse(), ...head];
  assert.deepEqual(order(lines), [
    ...head.map((l) => l.text),
    ...['TOTAL', '10.00', 'GST', '20.00', 'CASH', '30.00', 'CHANGE', '40.00', 'ROUNDING', '50.00'],
    foot.text,
  ]);
  assert.deepEqual(
    layoutOf(lines)
      .find((b) => b.kind === 'table')
      ?.rows.map((r) => r.length),
    [2, 2, 2, 2, 2],
  );
  // The result carries those rows, so its Markdown pairs each key with its amount (the boxes as given do not).
  const laid = layoutOf(lines);
  const blocks = resultBlocks(laid, (l) => l.box);
  assert.deepEqual(
    blocks.map((b) => b.rows),
    [
      [[0], [1]],
      [
        [2, 3],
        [4, 5],
        [6, 7],
        [8, 9],
        [10, 11],
      ],
      [[12]],
    ],
  );
  for (const b of blocks) assert.deepEqual(b.rows?.flat(), b.lines);
  const read = laid.flatMap((b) => b.rows.flat()).map((l) => ({ ...l, score: 1 }));
  assert.equal(
    blockMarkdown(read, blocks[1]!),
    [
      '| TOTAL | 10.00 |',
      '| --- | --- |',
      '| GST | 20.00 |',
      '| CASH | 30.00 |',
      '| CHANGE | 40.00 |',
      '| ROUNDING | 50.00 |',
    ].join('\n'),
  );
});

/** A line the detector merged across a gutter: its two parts' texts and its words' ink (shares of its width). */
type Gapped = ReturnType<typeof line> & {
  readonly parts?: readonly [string, string];
  readonly words?: readonly (readonly [number, number])[];
};
/** Two parts on one row merged into one box from `x` to `x1`, the left part's ink ending at `end`, the right's at `start`. */
const merged = (
  a: string,
  b: string,
  x: number,
  y: number,
  x1: number,
  end: number,
  start: number,
): Gapped => ({
  ...line(`${a} ${b}`, x, y, x1 - x),
  parts: [a, b],
  words: [
    [0, (end - x) / (x1 - x)],
    [(start - x) / (x1 - x), 1],
  ],
});
/** Cuts a merged line where its word gap meets the gutter, as the pipeline does from the words' spans. */
const cutGapped = (l: Gapped, g: { x0: number; x1: number }): readonly [Gapped, Gapped] | undefined => {
  const w = l.words;
  if (l.parts === undefined || w?.length !== 2 || w[0]![1] > g.x1 + 0.03 || w[1]![0] < g.x0 - 0.03)
    return undefined;
  const [[x0, y0], [x1], [, y1]] = l.box;
  const at = (f: number) => x0 + (x1 - x0) * f;
  return [
    line(l.parts[0], x0, y0, at(w[0]![1]) - x0, y1 - y0),
    line(l.parts[1], at(w[1]![0]), y0, x1 - at(w[1]![0]), y1 - y0),
  ];
};
const cutOrder = (lines: readonly Gapped[]) =>
  pageLayout<Gapped>(lines, (l) => l.box, { words: (l) => l.words, cut: cutGapped }).flatMap((b) =>
    b.rows.flat().map((l) => l.text),
  );

test('rows the detector merged across a narrow gutter are cut there: column by column', () => {
  // Two justified columns at a 22-px pitch, gutter 14 px: the first five rows came as one box each across both.
  const rows = Array.from({ length: 10 }, (_, i) => i);
  const lines: Gapped[] = rows.flatMap((i): Gapped[] =>
    i < 5
      ? [merged(`left ${i + 1}`, `right ${i + 1}`, 10, 10 + i * 22, 604, 300, 314)]
      : [line(`left ${i + 1}`, 10, 10 + i * 22, 290), line(`right ${i + 1}`, 314, 10 + i * 22, 290)],
  );
  assert.deepEqual(cutOrder([...lines].reverse()), [
    ...rows.map((i) => `left ${i + 1}`),
    ...rows.map((i) => `right ${i + 1}`),
  ]);
});

test('rows merged across the gutter on every row, the second a paragraph indent: the words show the gutter', () => {
  // No line box ends at the gutter; the right column's words start on one x on every row but the indented one.
  const rows = Array.from({ length: 8 }, (_, i) => i);
  const lines = rows.map((i) =>
    merged(`left ${i + 1}`, `right ${i + 1}`, 10, 10 + i * 22, 604, i === 6 ? 260 : 300, i === 1 ? 334 : 314),
  );
  assert.deepEqual(cutOrder(lines), [
    ...rows.map((i) => `left ${i + 1}`),
    ...rows.map((i) => `right ${i + 1}`),
  ]);
});

test('word starts that line up by chance inside one column are no gutter: the lines are not cut', () => {
  // One column of 8 rows whose word gaps fall on one x: word spaces (8 px), not a gutter of at least half a line.
  const lines = Array.from({ length: 8 }, (_, i) =>
    merged(`a${i + 1}`, `b${i + 1}`, 10, 10 + i * 22, 604, 300, 308),
  );
  assert.deepEqual(
    cutOrder(lines),
    lines.map((l) => l.text),
  );
});

test('an intro over the columns, after a paragraph gap, is not cut even with a word gap on the gutter', () => {
  const intro = [0, 1, 2].map((i) =>
    merged(`intro ${i + 1}a`, `intro ${i + 1}b`, 10, 10 + i * 22, 604, 300, 314),
  );
  const body = Array.from({ length: 6 }, (_, i) => [
    line(`left ${i + 1}`, 10, 110 + i * 22, 290),
    line(`right ${i + 1}`, 314, 110 + i * 22, 290),
  ]);
  assert.deepEqual(cutOrder([...body.flat(), ...intro]), [
    ...intro.map((l) => l.text),
    ...body.map((r) => r[0]!.text),
    ...body.map((r) => r[1]!.text),
  ]);
});

test('an intro in larger type right above the columns is told by its letter pitch and not cut at their gutter', () => {
  // No paragraph gap between the intro and the columns, its boxes as tall as the body's, a word space (6 px) ending
  // just before the gutter's right edge on each of its lines: only its letters, 1.3 times the body's pitch (px), say it
  // is larger type. With 20 rows lining the gutter, its two ends inside the strip count as a tenth of astray ends.
  type Pitched = Gapped & { readonly px?: number };
  const intro = [0, 1].map((i): Pitched => ({
    ...merged(`intro ${i + 1}a`, `intro ${i + 1}b`, 10, 10 + i * 22, 604, 308, 314),
    px: 13,
  }));
  const body = Array.from({ length: 20 }, (_, i): Pitched => ({
    ...merged(`left ${i + 1}`, `right ${i + 1}`, 10, 54 + i * 22, 604, 300, 314),
    px: 10,
  }));
  const width = (l: Pitched) => l.box[1][0] - l.box[0][0];
  const read = (known: boolean) =>
    pageLayout<Pitched>([...intro, ...body], (l) => l.box, {
      words: (l) => l.words,
      pitch: (l) => (known && l.px !== undefined ? l.px / width(l) : undefined),
      // The parts keep their letters' pitch.
      cut: (l, g) =>
        cutGapped(l, g)?.map((p): Pitched => ({ ...p, px: l.px })) as [Pitched, Pitched] | undefined,
    }).flatMap((b) => b.rows.flat().map((l) => l.text));
  assert.deepEqual(read(true), [
    ...intro.map((l) => l.text),
    ...body.map((_, i) => `left ${i + 1}`),
    ...body.map((_, i) => `right ${i + 1}`),
  ]);
  // By their boxes alone the intro's lines are body type and cut like the rows below them.
  assert.deepEqual(read(false).slice(0, 3), ['intro 1a', 'intro 2a', 'left 1']);
});

test("a receipt's header over its keys and amounts is not cut at their gap: short cells are a table, not columns", () => {
  // Keys (75 px) and values (90 px) line a 35-px strip on 6 rows set solid; the shop's name just above spans it, with
  // a word gap on it. Tables keep lines that span their cells (layout-blocks.ts); only running text forbids it.
  const header = merged('SOON HUAT', 'MACHINERY ENTERPRISE', 10, 14, 310, 100, 120);
  const rows = Array.from({ length: 6 }, (_, i) => [
    line(`key ${i + 1}`, 10, 38 + i * 24, 75),
    line(`value ${i + 1}`, 120, 38 + i * 24, 90),
  ]);
  const texts = cutOrder([header, ...rows.flat()]);
  assert.equal(texts[0], 'SOON HUAT MACHINERY ENTERPRISE');
  assert.equal(texts.length, 13);
});

test("boxes grown across the gutter up to each other's: the layout reads their ink, column by column", () => {
  // Justified columns 20 px apart at a 22-px pitch; on every other row the detector grew the left box to the right
  // one's edge (the words' spans say where the ink stops), so no strip between box edges is clear of boxes.
  type Inked = ReturnType<typeof line> & { readonly words?: readonly (readonly [number, number])[] };
  const rows = Array.from({ length: 8 }, (_, i) => i);
  const lines: Inked[] = rows.flatMap((i): Inked[] =>
    i % 2 === 0
      ? [
          { ...line(`left ${i + 1}`, 10, 10 + i * 22, 310), words: [[0, 290 / 310]] },
          line(`right ${i + 1}`, 320, 10 + i * 22, 290),
        ]
      : [
          line(`left ${i + 1}`, 10, 10 + i * 22, 290),
          { ...line(`right ${i + 1}`, 300, 10 + i * 22, 310), words: [[20 / 310, 1]] },
        ],
  );
  const read = (words: (l: Inked) => readonly (readonly [number, number])[] | undefined) =>
    pageLayout<Inked>(lines, (l) => l.box, { words, cut: () => undefined }).flatMap((b) =>
      b.rows.flat().map((l) => l.text),
    );
  assert.deepEqual(
    read((l) => l.words),
    [...rows.map((i) => `left ${i + 1}`), ...rows.map((i) => `right ${i + 1}`)],
  );
  // Seen failing without the ink: the same boxes read row by row.
  assert.equal(read(() => undefined)[1], 'right 1');
});

test('a justified column whose rows the detector split at their widest spaces is still running text: columns', () => {
  // The right column's rows come as three boxes each, ~1 line height apart: cells as short as a table's, one row wide.
  const left = column('left', 10, 10, 8);
  const right = Array.from({ length: 8 }, (_, i) =>
    [0, 1, 2].map((k) => line(`right ${i + 1}.${k + 1}`, 330 + k * 100, 10 + i * 28, 80)),
  ).flat();
  const texts = order([...right, ...left]);
  assert.deepEqual(
    texts.slice(0, 8),
    left.map((l) => l.text),
  );
  assert.deepEqual(texts.slice(8, 11), ['right 1.1', 'right 1.2', 'right 1.3']);
});

test('a line whose ink the spans put a little into a narrow gutter still stands on its side: column by column', () => {
  // Columns 10 px apart; on two rows the right column's ink is put 14 px early, 4 px past the left column's ends.
  const rows = Array.from({ length: 8 }, (_, i) => i);
  const left = rows.map((i) => line(`left ${i + 1}`, 10, 10 + i * 28, 290));
  const right = rows.map((i) => line(`right ${i + 1}`, i === 2 || i === 5 ? 296 : 310, 10 + i * 28, 290));
  assert.deepEqual(
    order([...right, ...left]),
    [...left, ...right].map((l) => l.text),
  );
});

test('in running text a row split at spaces of a line height is a paragraph row; among short cells it is a table row', () => {
  // A justified column whose rows 2 and 4 came as three boxes 24 px (1.2 row heights) apart: stretched word spaces.
  const prose = Array.from({ length: 6 }, (_, i) =>
    i === 1 || i === 3
      ? [0, 1, 2].map((k) => line(`row ${i + 1}.${k + 1}`, 10 + k * 124, 10 + i * 28, 100))
      : [line(`row ${i + 1}`, 10, 10 + i * 28, 348)],
  ).flat();
  assert.deepEqual(kinds(prose), ['paragraph']);
  // The same gap between a form's short keys and values: cells.
  const form = Array.from({ length: 6 }, (_, i) => [
    line(`key ${i + 1}`, 10, 10 + i * 28, 60),
    line(`value ${i + 1}`, 94, 10 + i * 28, 60),
  ]).flat();
  assert.deepEqual(kinds(form), ['table']);
});

test('columns whose paragraphs end on the same rows: the paragraph gap across both does not end the gutter', () => {
  // Three paragraphs of three rows in each column (20-px rows at a 28-px pitch, a paragraph gap adding 12 px: a line
  // height box to box), every row merged across a 14-px gutter: no paragraph alone lines it on four rows.
  const rows = Array.from({ length: 9 }, (_, i) => i);
  const lines = rows.map((i) =>
    merged(`left ${i + 1}`, `right ${i + 1}`, 10, 10 + i * 28 + Math.floor(i / 3) * 12, 604, 300, 314),
  );
  assert.deepEqual(cutOrder(lines), [
    ...rows.map((i) => `left ${i + 1}`),
    ...rows.map((i) => `right ${i + 1}`),
  ]);
});

test("a gutter lined by a dozen rows is found though the spans put one row's end into it", () => {
  // Every row merged; row 7's left part is estimated to end 9 px past the column's edge, 5 px short of the right one.
  const rows = Array.from({ length: 12 }, (_, i) => i);
  const lines = rows.map((i) =>
    merged(`left ${i + 1}`, `right ${i + 1}`, 10, 10 + i * 22, 604, i === 6 ? 309 : 300, 314),
  );
  assert.deepEqual(cutOrder(lines), [
    ...rows.map((i) => `left ${i + 1}`),
    ...rows.map((i) => `right ${i + 1}`),
  ]);
});

test('paragraphs set solid with a first-line indent: a new block where a short row is followed by an indented one', () => {
  // Two paragraphs with no gap between them; each opens 30 px in (1.5 rows) and ends on a short row.
  const para = (name: string, y: number) => [
    line(`${name} 1`, 40, y, 320),
    line(`${name} 2`, 10, y + 28, 350),
    line(`${name} 3`, 10, y + 56, 350),
    line(`${name} 4`, 10, y + 84, 150),
  ];
  const layout = layoutOf([...para('a', 10), ...para('b', 122)]);
  assert.deepEqual(
    layout.map((b) => b.rows.flat().map((l) => l.text)),
    [
      ['a 1', 'a 2', 'a 3', 'a 4'],
      ['b 1', 'b 2', 'b 3', 'b 4'],
    ],
  );
  // A hanging indent after a full row (a list item's second line) stays in its block.
  assert.equal(
    layoutOf([line('item', 10, 10, 350), line('goes on', 40, 38, 320), line('and on', 40, 66, 320)]).length,
    1,
  );
});
