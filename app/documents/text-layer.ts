/** The invisible text layer of one page as PDF content-stream text: each line on its recognised box, render mode 3. */
import { isVertical } from '../ocr/crop';
import type { OcrLine, Point } from '../ocr/types';
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

/** Content-stream operators placing `lines` (pixel boxes) with `toUser` (pixels → user space) under font `font`. */
export function textLayerOps(
  lines: readonly OcrLine[],
  toUser: Affine,
  font: string,
  codes: CharCodes,
): string {
  const out: string[] = [];
  for (const line of lines) {
    const chars = [...line.text];
    if (chars.length === 0 || chars.every((c) => /\s/u.test(c))) continue;
    const [p0, p1, p2, p3] = line.box.map(([x, y]) => apply(toUser, x, y)) as unknown as [
      Point,
      Point,
      Point,
      Point,
    ];
    // Baseline: the bottom edge (p3 → p2) of an upright line; of a vertical one, the left edge top-down (p0 → p3).
    const vertical = isVertical(line.box) && chars.length > 1;
    const [start, end, across] = vertical ? [p0, p3, p1] : [p3, p2, p0];
    const run = sub(end, start);
    const length = Math.hypot(run[0], run[1]);
    const up = sub(across, start);
    const size = Math.abs(run[0] * up[1] - run[1] * up[0]) / Math.max(length, 1e-6);
    if (length < 0.5 || size < 0.5) continue;
    const d: [number, number] = [run[0] / length, run[1] / length];
    const lift = (-DESCENT / (ASCENT - DESCENT)) * size;
    const origin: [number, number] = [start[0] - d[1] * lift, start[1] + d[0] * lift];
    const natural = (chars.length * GLYPH_ADVANCE * size) / UNITS_PER_EM;
    const hex = chars.map((c) => hex4(codes.code(c))).join('');
    out.push(
      `BT 3 Tr /${font} ${num(size)} Tf ${num(d[0])} ${num(d[1])} ${num(-d[1])} ${num(d[0])} ` +
        `${num(origin[0])} ${num(origin[1])} Tm ${num((100 * length) / natural)} Tz <${hex}> Tj ET`,
    );
  }
  return out.join('\n');
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
