/** The invisible text layer of one page as PDF content-stream text: each word or line on its box, render mode 3. */
import { isVertical } from '../ocr/crop';
import type { OcrLine, Point, Quad } from '../ocr/types';
import { ASCENT, DESCENT, GLYPH_ADVANCE, UNITS_PER_EM } from './glyphless-font';
import { apply, type Affine } from './page-geometry';

/** Gives each distinct character a 2-byte code (CID) and remembers it for the ToUnicode map. */
export class CharCodes {
  private readonly codes = new Map<string, number>();
  /** The code of a character (codes start at 1; 0 stays unused). */
  code(ch: string): number {
    let c = this.codes.get(ch);
    if (c === undefined) {
      c = this.codes.size + 1;
      if (c > 0xffff) throw new Error('more than 65535 distinct characters in one document');
      this.codes.set(ch, c);
    }
    return c;
  }
  /** Every (code, character) pair handed out. */
  entries(): ReadonlyArray<readonly [number, string]> {
    return [...this.codes].map(([ch, c]) => [c, ch] as const);
  }
  get size(): number {
    return this.codes.size;
  }
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
const num = (v: number) => (Math.abs(v) < 1e-6 ? '0' : Number(v.toFixed(4)).toString());

function sub(a: Point, b: Point): [number, number] {
  return [a[0] - b[0], a[1] - b[1]];
}

/**
 * Content-stream operators placing `lines` (pixel boxes) with `toUser` (pixels → user space) under font `font`: a line
 * with words (OcrLine.words) has each word on its own box, so the text sits where the ink is, not on the line's padded
 * box, and a layout-keeping extractor sees the true gaps between columns.
 */
export function textLayerOps(
  lines: readonly OcrLine[],
  toUser: Affine,
  font: string,
  codes: CharCodes,
): string {
  const out: string[] = [];
  const heights = lines
    .map((l) => (l.box[3][1] + l.box[2][1] - l.box[0][1] - l.box[1][1]) / 2)
    .sort((a, b) => a - b);
  const typical = heights[heights.length >> 1] ?? 0;
  for (const line of lines) {
    // A word is never vertical: a short one's box may be taller than wide, but it lies along its upright line.
    const runs = line.words && line.words.length > 0 ? line.words : [line];
    const vertical = runs === line.words ? false : isVertical(line.box) && [...line.text].length > 1;
    const level = runs === line.words ? levelled(line.box, typical) : undefined;
    for (const run of runs) {
      const op = runOp([...run.text], level ? level(run.box) : run.box, vertical, toUser, font, codes);
      if (op) out.push(op);
    }
  }
  return out.join('\n');
}

/** Largest slope of a line whose words are set level, on one baseline (a scan's slight skew). */
const LEVEL_SLOPE = 0.05;
const INSET = 0.15;

/**
 * For a nearly level line: a function putting a word's box level, spanning the line's mean top to mean bottom (pulled
 * in by INSET of its height each side), so a layout-keeping extractor sees one baseline, not a staircase.
 */
function levelled(line: Quad, typical: number): ((word: Quad) => Quad) | undefined {
  const [tl, tr, br, bl] = line;
  if (Math.abs(tr[1] - tl[1]) > LEVEL_SLOPE * Math.abs(tr[0] - tl[0])) return undefined;
  const mid = (tl[1] + tr[1] + bl[1] + br[1]) / 4;
  const h = Math.min((bl[1] + br[1] - tl[1] - tr[1]) / 2, typical);
  const top0 = mid - h / 2;
  const bottom0 = mid + h / 2;
  const top = top0 + INSET * (bottom0 - top0);
  const bottom = bottom0 - INSET * (bottom0 - top0);
  return (w) => {
    const x0 = Math.min(w[0][0], w[3][0]);
    const x1 = Math.max(w[1][0], w[2][0]);
    return [
      [x0, top],
      [x1, top],
      [x1, bottom],
      [x0, bottom],
    ];
  };
}

/** One invisible text run: `chars` stretched along `box` (pixels, `vertical`: top-down), or undefined when there is nothing to place. */
function runOp(
  chars: readonly string[],
  box: Quad,
  vertical: boolean,
  toUser: Affine,
  font: string,
  codes: CharCodes,
): string | undefined {
  if (chars.length === 0 || chars.every((c) => /\s/u.test(c))) return undefined;
  const [p0, p1, p2, p3] = box.map(([x, y]) => apply(toUser, x, y)) as unknown as [
    Point,
    Point,
    Point,
    Point,
  ];
  // Baseline: the bottom edge (p3 → p2) of an upright line; of a vertical one, the left edge top-down (p0 → p3).
  const [start, end, across] = vertical ? [p0, p3, p1] : [p3, p2, p0];
  const run = sub(end, start);
  const length = Math.hypot(run[0], run[1]);
  const up = sub(across, start);
  const size = Math.abs(run[0] * up[1] - run[1] * up[0]) / Math.max(length, 1e-6);
  if (length < 0.5 || size < 0.5) return undefined;
  const d: [number, number] = [run[0] / length, run[1] / length];
  const lift = (-DESCENT / (ASCENT - DESCENT)) * size;
  const origin: [number, number] = [start[0] - d[1] * lift, start[1] + d[0] * lift];
  const natural = (chars.length * GLYPH_ADVANCE * size) / UNITS_PER_EM;
  const hex = chars.map((c) => hex4(codes.code(c))).join('');
  return (
    `BT 3 Tr /${font} ${num(size)} Tf ${num(d[0])} ${num(d[1])} ${num(-d[1])} ${num(d[0])} ` +
    `${num(origin[0])} ${num(origin[1])} Tm ${num((100 * length) / natural)} Tz <${hex}> Tj ET`
  );
}

/** A ToUnicode CMap mapping each code to its character (UTF-16BE, surrogate pairs for characters past U+FFFF). */
export function toUnicodeCMap(codes: CharCodes): string {
  const utf16 = (s: string) =>
    [...s]
      .flatMap((c) => {
        const cp = c.codePointAt(0)!;
        if (cp <= 0xffff) return [cp];
        const v = cp - 0x10000;
        return [0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff)];
      })
      .map(hex4)
      .join('');
  const entries = codes.entries();
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(
      `${chunk.length} beginbfchar\n${chunk.map(([c, ch]) => `<${hex4(c)}> <${utf16(ch)}>`).join('\n')}\nendbfchar`,
    );
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}
