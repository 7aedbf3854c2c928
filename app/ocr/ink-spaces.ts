/**
 * Spaces in Chinese lines from the ink gaps of the crop. The Chinese+English recogniser drops most of the spaces that
 * mixed text puts around Latin words, options and half-width punctuation ("通过 --type= 与", "grep, egrep - 打印"),
 * and its steps (a quarter em or so) are too coarse to see a quarter-em space (ctc.ts). The crop's pixels are not:
 * set solid, two glyphs leave only their side bearings between them (at most about a sixth of an em, measured on the
 * dev screenshots), while a word space adds a quarter to a third of an em. So between two characters of a line of
 * Chinese text (ideograph-pairs.ts), a run of blank columns of at least INK_SPACE_EM of the line's ink height is a space, unless the line's
 * own words show gaps that wide: in a monospace font a narrow letter sits in a wide cell, so gaps inside words grow,
 * and there a space (a whole cell more) must also be SPACE_OVER_LETTER_GAP times the widest gap between two letters or
 * digits read without a space. Pairs of ideographs take no word space (Chinese is set solid), and full-width marks
 * carry their own blank half em, so no such gap next to one is a space; nor is the gap before a line's final mark,
 * which closes its sentence (a full stop sits apart from the last ideograph by both glyphs' bearings). Between two
 * full-width characters only a blank wider than any spacing inside a line is a space (COLUMN_GAP_EM): the gap between
 * two columns or table cells that the detector boxed as one line, which the layout then cuts there (gutter-cut.ts).
 */
import { borderColour } from './border-colour';
import type { Emitted } from './ctc';
import { IDEOGRAPH, isChineseLine } from './ideograph-pairs';
import type { RgbImage } from './types';

/** A blank run at least this share of the line's ink height is a word space (a space is a quarter em or more). */
export const INK_SPACE_EM = 0.22;

/** In a line whose words have wide gaps (a monospace font), a space must be this many times the widest of them. */
export const SPACE_OVER_LETTER_GAP = 1.5;

/**
 * Between two full-width characters a blank run at least this many ink heights wide is a space: set solid they leave
 * only their side bearings, and a justified or tracked line spreads them by at most a full-width space (about 1.2 ink
 * heights, the ink being a little under the em), so a wider blank parts two columns or cells that share a box.
 */
export const COLUMN_GAP_EM = 1.5;

/** ... and a whole cell more beside a full-width mark, whose cell is blank but for a dot or a comma. */
const MARK_CELL_EM = 1;

/**
 * Between two ideographs a blank at least this many ink heights wide may be a column gutter: set solid or justified
 * they leave their side bearings (under half an ink height), while a full-width space or a one-em gutter leaves about
 * an em (0.9 ink heights or more). One row cannot tell the two apart; the layout asks for the blank at one x on row
 * after row (gutter-cut.ts).
 */
export const GUTTER_BREAK_EM = 0.7;

/** ... and twice that beside a full-width mark, whose own cell adds a blank of up to about an em. */
const MARK_BREAK_EM = 2 * GUTTER_BREAK_EM;

/** A pixel is ink when it differs from the background by this share of the crop's strongest contrast (anti-aliased
 * edges included), and never by less than INK_FLOOR levels (a blank crop has no ink). */
const INK_SHARE = 0.35;
const INK_FLOOR = 24;

/** Characters set full width in Chinese fonts: ideographs, CJK and full-width punctuation, curly quotes. */
const FULL_WIDTH =
  /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018\u2019\u201c\u201d]/u;
const LETTER = /[A-Za-z0-9]/u;
const fullWidthMark = (ch: string) => FULL_WIDTH.test(ch) && !IDEOGRAPH.test(ch);

/** A crop's ink columns and height. */
type InkProfile = { readonly ink: Uint8Array; readonly height: number };
/** One measurement per crop: the Latin and the Chinese space rules both read it for mixed lines. */
const profiles = new WeakMap<RgbImage, InkProfile>();
const ownProfiles = new WeakMap<RgbImage, InkProfile>();

/** Which columns of an image hold ink, and how many rows the ink spans (the line's height in pixels). */
export function inkProfile(img: RgbImage): InkProfile {
  let p = profiles.get(img);
  if (!p) profiles.set(img, (p = measureInk(img, false)));
  return p;
}

/**
 * inkProfile over a line crop's own rows: without the rows beside it that reach into the crop at its top or bottom
 * edge. The detector grows a box past its line's ink on every side by more than the leading, so a crop of body text
 * takes in the descenders of the row above or the ascenders of the row below, cut by its edge and parted from the
 * line's ink by blank rows; their ink fills the line's word spaces and adds to its height. The space rules read this.
 */
export function lineInkProfile(img: RgbImage): InkProfile {
  let p = ownProfiles.get(img);
  if (!p) ownProfiles.set(img, (p = measureInk(img, true)));
  return p;
}

function measureInk(img: RgbImage, own: boolean): InkProfile {
  const { width: w, height: h, data } = img;
  const [b0, b1, b2] = borderColour(img);
  const diff = (j: number) => {
    const d0 = Math.abs(data[j]! - b0);
    const d1 = Math.abs(data[j + 1]! - b1);
    const d2 = Math.abs(data[j + 2]! - b2);
    return d0 > d1 ? (d0 > d2 ? d0 : d2) : d1 > d2 ? d1 : d2;
  };
  // Each column's and each row's strongest difference decide the ink, so no per-pixel map is kept.
  const colMax = new Uint8Array(w);
  const rowMax = new Uint8Array(h);
  let strongest = 0;
  for (let y = 0, j = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++, j += 3) {
      const d = diff(j);
      if (d > row) row = d;
      if (!own && d > colMax[x]!) colMax[x] = d;
    }
    rowMax[y] = row;
    if (row > strongest) strongest = row;
  }
  const bar = Math.max(INK_FLOOR, INK_SHARE * strongest);
  const [top, bottom] = own ? ownRows(rowMax, bar) : inkedRows(rowMax, bar, 0, h - 1);
  if (own)
    for (let y = top, j = top * w * 3; y <= bottom; y++)
      for (let x = 0; x < w; x++, j += 3) {
        const d = diff(j);
        if (d > colMax[x]!) colMax[x] = d;
      }
  const ink = new Uint8Array(w);
  for (let x = 0; x < w; x++) ink[x] = colMax[x]! > bar ? 1 : 0;
  return { ink, height: Math.max(0, bottom - top + 1) };
}

/** The first and last inked rows in [from, to]; [to + 1, to] when none is. */
function inkedRows(rowMax: Uint8Array, bar: number, from: number, to: number): [number, number] {
  let [top, bottom] = [to + 1, to];
  for (let y = from; y <= to; y++)
    if (rowMax[y]! > bar) {
      top = Math.min(top, y);
      bottom = y;
    }
  return [top, bottom];
}

/**
 * The rows of a line's own ink: the inked rows but for runs of them that touch the crop's top or bottom edge, where a
 * run touching neither is left (a tight crop whose line fills it keeps all its rows).
 */
function ownRows(rowMax: Uint8Array, bar: number): [number, number] {
  const h = rowMax.length;
  const runs: [number, number][] = [];
  for (let y = 0; y < h; y++) {
    if (rowMax[y]! <= bar) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === y - 1) last[1] = y;
    else runs.push([y, y]);
  }
  const inside = runs.filter(([a, b]) => a > 0 && b < h - 1);
  if (inside.length === 0) return inkedRows(rowMax, bar, 0, h - 1);
  return [inside[0]![0], inside[inside.length - 1]![1]];
}

/** A gap between two glyphs: its widest blank run and the distance between the centres of the ink either side. */
export interface InkGap {
  readonly run: number;
  readonly centres: number;
}

/**
 * The longest run of blank columns in [x0, x1], and the distance between the centres of the ink segments (unbroken
 * inked columns) on either side of it.
 */
export function widestGap(ink: Uint8Array, x0: number, x1: number): InkGap {
  let [best, end, run] = [0, 0, 0];
  for (let x = Math.max(0, x0); x <= Math.min(ink.length - 1, x1); x++) {
    run = ink[x] ? 0 : run + 1;
    if (run > best) [best, end] = [run, x + 1];
  }
  if (best === 0) return { run: 0, centres: 0 };
  let [l, r] = [end - best, end];
  while (l > 0 && ink[l - 1]) l--;
  while (r < ink.length && ink[r]) r++;
  return { run: best, centres: best + (end - best - l + (r - end)) / 2 };
}

/**
 * The glyphs of a Chinese line that follow a blank as wide as a one-em column gutter (GUTTER_BREAK_EM), where the
 * layout may find the line run across two columns; none on other lines. `column` places a step in the crop's columns.
 */
export function gutterBreaks(
  chars: readonly Emitted[],
  crop: RgbImage,
  column: (step: number) => number,
): ReadonlySet<Emitted> {
  const glyphs = chars.filter((c) => c.ch !== ' ' && c.ch !== '');
  const breaks = new Set<Emitted>();
  if (!isChineseLine(glyphs.map((g) => g.ch).join(''))) return breaks;
  const { ink, height } = lineInkProfile(crop);
  if (height === 0) return breaks;
  const mid = (c: Emitted) => Math.round(column((c.start + c.end + 1) / 2));
  for (let i = 1; i < glyphs.length; i++) {
    const [a, b] = [glyphs[i - 1]!, glyphs[i]!];
    if (!FULL_WIDTH.test(a.ch) || !FULL_WIDTH.test(b.ch)) continue;
    const bar = fullWidthMark(a.ch) || fullWidthMark(b.ch) ? MARK_BREAK_EM : GUTTER_BREAK_EM;
    if (widestGap(ink, mid(a), mid(b)).run >= bar * height) breaks.add(b);
  }
  return breaks;
}

/**
 * `text` (the read of `chars`, with the spaces ctc.ts put in) with a space added wherever the crop's ink shows one
 * (see the file comment); `column` places a character's steps in the crop's pixel columns. Lines that are not Chinese
 * text come back unchanged, without looking at their pixels.
 */
export function withInkSpaces(
  chars: readonly Emitted[],
  text: string,
  crop: RgbImage,
  column: (step: number) => number,
): string {
  const glyphs = chars.filter((c) => c.ch !== ' ' && c.ch !== '');
  if (!isChineseLine(glyphs.map((g) => g.ch).join(''))) return text;
  const t = [...text];
  // Where each glyph sits in `text`, and whether a space already stands before it.
  const at: number[] = [];
  let pos = 0;
  for (const g of glyphs) {
    while (pos < t.length && t[pos] !== g.ch) pos++;
    at.push(pos++);
  }
  if (at.some((p) => p >= t.length)) return text;
  const spaced = (i: number) => t[at[i]! - 1] === ' ';
  const { ink, height } = lineInkProfile(crop);
  if (height === 0) return text;
  const mid = (c: Emitted) => Math.round(column((c.start + c.end + 1) / 2));
  const gap = (i: number) => widestGap(ink, mid(glyphs[i - 1]!), mid(glyphs[i]!)).run;
  let letterGap = 0;
  for (let i = 1; i < glyphs.length; i++)
    if (!spaced(i) && LETTER.test(glyphs[i - 1]!.ch) && LETTER.test(glyphs[i]!.ch))
      letterGap = Math.max(letterGap, gap(i));
  const bar = Math.max(INK_SPACE_EM * height, SPACE_OVER_LETTER_GAP * letterGap);
  const add = new Set<number>();
  for (let i = 1; i < glyphs.length; i++) {
    const [a, b] = [glyphs[i - 1]!.ch, glyphs[i]!.ch];
    const closing = i === glyphs.length - 1 && /\p{P}/u.test(b);
    if (spaced(i) || closing) continue;
    if (FULL_WIDTH.test(a) && FULL_WIDTH.test(b)) {
      const wide = COLUMN_GAP_EM + (fullWidthMark(a) || fullWidthMark(b) ? MARK_CELL_EM : 0);
      if (gap(i) >= wide * height) add.add(at[i]!);
      continue;
    }
    if (fullWidthMark(a) || fullWidthMark(b)) continue;
    if (gap(i) >= bar) add.add(at[i]!);
  }
  if (add.size === 0) return text;
  return t.map((ch, k) => (add.has(k) ? ` ${ch}` : ch)).join('');
}
