import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Emitted } from '../../app/ocr/ctc';
import { inkProfile, lineInkProfile, widestGap, withInkSpaces } from '../../app/ocr/ink-spaces';
import type { RgbImage } from '../../app/ocr/types';

/**
 * A 20-px-tall white crop with a black glyph per entry of `glyphs` ([character, first column, width]) over rows 2-17
 * (ink 16 px tall), and the characters as the recogniser would emit them: one step per 10 columns, firing at the
 * glyph's middle.
 */
function line(glyphs: readonly (readonly [string, number, number])[]) {
  const width = Math.max(...glyphs.map(([, x, w]) => x + w)) + 10;
  const data = new Uint8Array(width * 20 * 3).fill(255);
  for (const [, x0, w] of glyphs)
    for (let y = 2; y < 18; y++) data.fill(0, (y * width + x0) * 3, (y * width + x0 + w) * 3);
  const chars: Emitted[] = glyphs.map(([ch, x, w]) => {
    const step = (x + w / 2) / 10 - 0.5;
    return { ch, start: step, end: step, p: 0.99 };
  });
  return { crop: { data, width, height: 20 }, chars, column: (s: number) => s * 10 };
}

/** Glyphs set one after another: each [character, width, blank columns before it]. */
function set(spec: readonly (readonly [string, number, number])[]) {
  let x = 5;
  return spec.map(([ch, w, before]): [string, number, number] => {
    x += before;
    const g: [string, number, number] = [ch, x, w];
    x += w;
    return g;
  });
}

const read = (g: ReturnType<typeof line>) => g.chars.map((c) => c.ch).join('');

test('the ink profile finds the glyph columns and the ink height', () => {
  const g = line(set([['中', 16, 0]]));
  const p = inkProfile(g.crop);
  assert.equal(p.height, 16);
  assert.equal(p.ink[4], 0);
  assert.equal(p.ink[5], 1);
  assert.equal(p.ink[20], 1);
  assert.equal(p.ink[21], 0);
});

test('a quarter-em gap between an ideograph and a Latin word in a Chinese line is a space', () => {
  // 使用 ssh 连接工具: ideographs 16 px wide 2 px apart, letters 8 px wide 1 px apart, word spaces 5 px (0.31 em).
  const g = line(
    set([
      ['使', 16, 0],
      ['用', 16, 2],
      ['s', 8, 5],
      ['s', 8, 1],
      ['h', 8, 1],
      ['连', 16, 5],
      ['接', 16, 2],
      ['工', 16, 2],
      ['具', 16, 2],
    ]),
  );
  assert.equal(withInkSpaces(g.chars, read(g), g.crop, g.column), '使用 ssh 连接工具');
});

test('glyphs set solid keep no space, and a space already read is not doubled', () => {
  const g = line(
    set([
      ['改', 16, 0],
      ['变', 16, 2],
      ['b', 8, 2],
      ['p', 8, 1],
      ['s', 8, 1],
      ['速', 16, 2],
      ['率', 16, 2],
      ['很', 16, 2],
    ]),
  );
  assert.equal(withInkSpaces(g.chars, read(g), g.crop, g.column), '改变bps速率很');
  const spaced = line(
    set([
      ['使', 16, 0],
      ['用', 16, 2],
      ['s', 8, 5],
      ['连', 16, 2],
      ['接', 16, 2],
      ['工', 16, 2],
    ]),
  );
  assert.equal(withInkSpaces(spaced.chars, '使用 s连接工', spaced.crop, spaced.column), '使用 s连接工');
});

test('a line with too few ideograph pairs, or a gap beside a full-width mark, takes no space', () => {
  const latin = line(
    set([
      ['中', 16, 0],
      ['文', 16, 2],
      ['a', 8, 6],
      ['b', 8, 1],
    ]),
  );
  assert.equal(withInkSpaces(latin.chars, read(latin), latin.crop, latin.column), '中文ab');
  const mark = line(
    set([
      ['如', 16, 0],
      ['果', 16, 2],
      ['，', 4, 2],
      ['a', 8, 10],
      ['将', 16, 2],
      ['当', 16, 2],
    ]),
  );
  assert.equal(withInkSpaces(mark.chars, read(mark), mark.crop, mark.column), '如果，a将当');
});

test('in a monospace line a gap must clearly exceed the gaps inside its words', () => {
  // Narrow glyphs in wide cells: gaps inside "type" of 4 px, so a 5-px gap beside a hyphen is no space, a 9-px one is.
  const g = line(
    set([
      ['还', 16, 0],
      ['可', 16, 2],
      ['以', 16, 2],
      ['通', 16, 2],
      ['-', 4, 9],
      ['-', 4, 5],
      ['t', 6, 4],
      ['y', 6, 4],
      ['p', 6, 4],
      ['e', 6, 4],
      ['与', 16, 9],
    ]),
  );
  assert.equal(withInkSpaces(g.chars, read(g), g.crop, g.column), '还可以通 --type 与');
});

test('the gap before a line’s final mark is no space', () => {
  const g = line(
    set([
      ['返', 16, 0],
      ['回', 16, 2],
      ['码', 16, 2],
      ['返', 16, 2],
      ['.', 3, 5],
    ]),
  );
  assert.equal(withInkSpaces(g.chars, read(g), g.crop, g.column), '返回码返.');
});

test('a blank wider than any spacing inside a line, between two ideographs or beside a mark, is a space', () => {
  // Ink 16 px tall: a tracked heading's full-width space (18 px) stays solid; a 2-em column gutter (34 px) between two
  // ideographs is a space, and beside a comma only a gutter past the comma's own blank cell (34 px is not, 44 px is).
  const row = (gap: number, mark: boolean) =>
    line(
      set([
        ['的', 16, 0],
        ['港', 16, 2],
        ...(mark ? [['，', 4, 2] as const] : []),
        ['口', 16, gap],
        ['小', 16, 2],
        ['镇', 16, 2],
      ]),
    );
  const spaced = (gap: number, mark = false) => {
    const g = row(gap, mark);
    return withInkSpaces(g.chars, read(g), g.crop, g.column);
  };
  assert.equal(spaced(18), '的港口小镇');
  assert.equal(spaced(34), '的港 口小镇');
  assert.equal(spaced(34, true), '的港，口小镇');
  assert.equal(spaced(44, true), '的港， 口小镇');
});

/** A white crop `w` × `h` with black rectangles [x0, x1) × [y0, y1). */
function blocks(
  w: number,
  h: number,
  rects: readonly (readonly [number, number, number, number])[],
): RgbImage {
  const data = new Uint8Array(w * h * 3).fill(255);
  for (const [x0, x1, y0, y1] of rects)
    for (let y = y0; y < y1; y++) data.fill(0, (y * w + x0) * 3, (y * w + x1) * 3);
  return { data, width: w, height: h };
}

test("a line's own ink leaves out the row beside it that the crop's edge cuts, but a line filling its crop is whole", () => {
  // Two words in rows 4-13 parted at columns 20-27; the next row's ascenders reach into rows 17-19 across the gap.
  const withNeighbour = blocks(48, 20, [
    [2, 20, 4, 14],
    [28, 46, 4, 14],
    [0, 48, 17, 20],
  ]);
  assert.equal(widestGap(inkProfile(withNeighbour).ink, 0, 47).run, 0);
  const own = lineInkProfile(withNeighbour);
  assert.equal(own.height, 10);
  assert.equal(widestGap(own.ink, 0, 47).run, 8);
  // A tight word crop: its ink touches both edges, an i's dot apart at the top; all of it is the line's.
  const tight = blocks(48, 20, [
    [2, 6, 0, 3],
    [2, 20, 5, 20],
    [28, 46, 5, 20],
  ]);
  assert.equal(lineInkProfile(tight).height, 20);
});
