/** The invisible text layer of one page as PDF content-stream text: each word or line on its box, render mode 3. */
import { isVertical } from '../ocr/crop';
import type { OcrLine, OcrWord, Point, Quad } from '../ocr/types';
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
  const heights = lines.map((l) => lineHeight(l.box)).sort((a, b) => a - b);
  const typical = heights[heights.length >> 1] ?? 0;
  const inset = pageInset(lines, typical);
  for (const line of lines) {
    const level = line.words && line.words.length > 0 ? levelBand(line.box, typical, inset) : undefined;
    if (line.words && level) {
      for (const run of columnRuns(line.words, level)) {
        const op = wordsOp(run, level, toUser, font, codes);
        if (op) out.push(op);
      }
      continue;
    }
    // A word is never vertical: a short one's box may be taller than wide, but it lies along its upright line.
    const runs = line.words && line.words.length > 0 ? line.words : [line];
    const vertical = runs === line.words ? false : isVertical(line.box) && [...line.text].length > 1;
    for (const run of runs) {
      const f = frame(run.box, vertical, toUser);
      const chars = [...run.text];
      if (!f || chars.every((c) => /\s/u.test(c))) continue;
      out.push(`${begin(f, font)} ${shown(chars, stretch(chars, f.length, f.size), 0, f.size, codes)} ET`);
    }
  }
  return out.join('\n');
}

/** Largest slope of a line whose words are set level, on one baseline (a scan's slight skew). */
const LEVEL_SLOPE = 0.05;
/** Most of a line box's height taken off above and below (the detector's boxes reach past the ink). */
const MAX_INSET = 0.2;
/** Gutter (between lines side by side) in font sizes the text is made small enough to leave. */
const GUTTER = 1.4;
/** Line heights within this factor of the page's median are set at the median, so a column's lines share a size. */
const SNAP = 1.25;
/** A gap between two words at least this many text heights wide is a column gap: the run is split there. */
const COLUMN_GAP = 2.5;
/** Widest gap left between two words of a run, in text heights. */
const MAX_WORD_GAP = 0.5;

const lineTop = (q: Quad) => (q[0][1] + q[1][1]) / 2;
const lineHeight = (q: Quad) => (q[3][1] + q[2][1] - q[0][1] - q[1][1]) / 2;

/** The band (pixel rows) a nearly level line's words are set in, centred on the line; undefined for a sloped line. */
function levelBand(line: Quad, typical: number, inset: number): { top: number; bottom: number } | undefined {
  const [tl, tr, br, bl] = line;
  if (Math.abs(tr[1] - tl[1]) > LEVEL_SLOPE * Math.abs(tr[0] - tl[0])) return undefined;
  const own = lineHeight(line);
  const h = (own * SNAP >= typical && own <= typical * SNAP ? typical : own) * (1 - 2 * inset);
  const mid = (tl[1] + tr[1] + bl[1] + br[1]) / 4;
  return { top: mid - h / 2, bottom: mid + h / 2 };
}

/** A line's inked columns: from its first word to its last, or its box. */
function extent(l: OcrLine): readonly [number, number] {
  const ws = l.words;
  if (ws && ws.length > 0) return [span(ws[0]!)[0], span(ws[ws.length - 1]!)[1]];
  const xs = l.box.map((p) => p[0]);
  return [Math.min(...xs), Math.max(...xs)];
}

/**
 * Share of the text height taken off above and below on a page: pdftotext merges columns whose gutter is under about
 * one font size (0.63 CER on a two-column book page at the full box height) and splits a column into blocks when its
 * lines are over 1.5 sizes apart (a screenshot's sidebar then interleaves with its content), so the text is only made
 * smaller where lines side by side need it: until the page's narrow gutters (10th percentile of the gap from each line
 * to the nearest line level with it on its right) are GUTTER font sizes wide.
 */
function pageInset(lines: readonly OcrLine[], typical: number): number {
  const rows = lines.map((l) => ({
    x: extent(l),
    top: lineTop(l.box),
    bottom: lineTop(l.box) + lineHeight(l.box),
  }));
  const gaps: number[] = [];
  for (const a of rows) {
    let best = Infinity;
    for (const b of rows) {
      const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      const level = overlap > 0.5 * Math.min(a.bottom - a.top, b.bottom - b.top);
      if (b !== a && level && b.x[0] > a.x[1]) best = Math.min(best, b.x[0] - a.x[1]);
    }
    if (best < Infinity) gaps.push(best);
  }
  if (gaps.length === 0 || typical <= 0) return 0;
  gaps.sort((x, y) => x - y);
  const size = Math.min(typical, gaps[Math.floor(gaps.length / 10)]! / GUTTER);
  return Math.min(MAX_INSET, (1 - size / typical) / 2);
}

/** A word's left and right pixel columns. */
const span = (w: OcrWord) =>
  [Math.min(w.box[0][0], w.box[3][0]), Math.max(w.box[1][0], w.box[2][0])] as const;

/** The line's words split where a gap is as wide as a column gap (a line the detector ran across two columns). */
function columnRuns(words: readonly OcrWord[], band: { top: number; bottom: number }): OcrWord[][] {
  const runs: OcrWord[][] = [];
  for (const w of words) {
    const last = runs.at(-1)?.at(-1);
    if (last && span(w)[0] - span(last)[1] < COLUMN_GAP * (band.bottom - band.top)) runs.at(-1)!.push(w);
    else runs.push([w]);
  }
  return runs;
}

/**
 * One text object for a run of words on one baseline: each word stretched over its own columns and a space stretched
 * over the gap to the next, as Tesseract's PDF renderer does, so extractors see the words where the ink is, with the
 * spaces between them.
 */
function wordsOp(
  words: readonly OcrWord[],
  band: { top: number; bottom: number },
  toUser: Affine,
  font: string,
  codes: CharCodes,
): string | undefined {
  const x0 = span(words[0]!)[0];
  const x1 = span(words[words.length - 1]!)[1];
  const f = frame(
    [
      [x0, band.top],
      [x1, band.top],
      [x1, band.bottom],
      [x0, band.bottom],
    ],
    false,
    toUser,
  );
  if (!f) return undefined;
  const k = f.length / Math.max(x1 - x0, 1e-6);
  // Wide gaps between words are narrowed, each word taking half the excess: an extractor takes a gap wider than the
  // font size for a column break, and a word of one wide glyph (a box from the character pitch) leaves one that wide.
  const maxGap = MAX_WORD_GAP * (band.bottom - band.top);
  const edges = words.map((w) => [...span(w)]);
  for (let i = 1; i < edges.length; i++) {
    const excess = edges[i]![0]! - edges[i - 1]![1]! - maxGap;
    if (excess > 0) {
      edges[i - 1]![1]! += excess / 2;
      edges[i]![0]! -= excess / 2;
    }
  }
  const pieces: string[] = [];
  words.forEach((w, i) => {
    const [a, b] = edges[i]! as [number, number];
    const next = edges[i + 1]?.[0];
    const end = next === undefined ? b : Math.max(a + (b - a) / 2, Math.min(b, next));
    // The space rides in the word's own string, then the pen moves on to the next word's start.
    const chars = [...w.text];
    const p = stretch(chars, (end - a) * k, f.size);
    const after = next === undefined ? 0 : (next - end) * k - ((end - a) * k) / Math.max(chars.length, 1);
    pieces.push(shown(chars, p, after, f.size, codes));
  });
  return `${begin(f, font)} ${pieces.join(' ')} ET`;
}

interface Frame {
  readonly size: number;
  readonly length: number;
  readonly d: readonly [number, number];
  readonly origin: readonly [number, number];
}

/** Where a run along `box` (pixels; `vertical`: top-down) starts, its direction, length and font size in user space. */
function frame(box: Quad, vertical: boolean, toUser: Affine): Frame | undefined {
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
  const d = [run[0] / length, run[1] / length] as const;
  const lift = (-DESCENT / (ASCENT - DESCENT)) * size;
  return { size, length, d, origin: [start[0] - d[1] * lift, start[1] + d[0] * lift] };
}

/** Opens an invisible text object at a frame's start. */
const begin = (f: Frame, font: string) =>
  `BT 3 Tr /${font} ${num(f.size)} Tf ${num(f.d[0])} ${num(f.d[1])} ${num(-f.d[1])} ${num(f.d[0])} ` +
  `${num(f.origin[0])} ${num(f.origin[1])} Tm`;

/**
 * The horizontal scaling (Tz, per cent) that stretches `chars` to `width` user units at font size `size`; at least 1,
 * so a word box of no width still has a scale the pen can move by.
 */
function stretch(chars: readonly string[], width: number, size: number): number {
  return Math.max(1, (100 * width) / ((Math.max(chars.length, 1) * GLYPH_ADVANCE * size) / UNITS_PER_EM));
}

/**
 * Shows `chars` and a space after them at scaling `tz`, then moves the pen `after` more user units. The space is in the
 * same string: PDFium-based readers (Chromium's viewer) drop a string of one glyph in this font, so a word of one
 * letter ("a", "&", "5") would vanish from a copy, as Tesseract's renderer avoids by the same trailing space.
 */
function shown(chars: readonly string[], tz: number, after: number, size: number, codes: CharCodes): string {
  const hex = [...chars, ' '].map((c) => hex4(codes.code(c))).join('');
  const move = Math.abs(after) < 1e-6 ? '' : ` ${num((-after * 1000 * 100) / (size * tz))}`;
  return `${num(tz)} Tz [<${hex}>${move}] TJ`;
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
