/**
 * A TrueType font whose glyphs draw nothing, for the invisible text layer: every character code maps to one half-em-wide
 * glyph that encloses no area, so any script (Chinese included) is searchable and copyable through the ToUnicode map.
 */

/** Font units per em, and the advance of the one glyph. */
export const UNITS_PER_EM = 1000;
export const GLYPH_ADVANCE = 500;
/** Ascent and descent (font units): the selection box of a line spans descent..ascent around its baseline. */
export const ASCENT = 800;
export const DESCENT = -200;

class Writer {
  readonly bytes: number[] = [];
  u16(v: number): this {
    this.bytes.push((v >> 8) & 0xff, v & 0xff);
    return this;
  }
  i16(v: number): this {
    return this.u16(v < 0 ? v + 0x10000 : v);
  }
  u32(v: number): this {
    return this.u16((v >>> 16) & 0xffff).u16(v & 0xffff);
  }
  zeros(n: number): this {
    for (let i = 0; i < n; i++) this.bytes.push(0);
    return this;
  }
}

function checksum(b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < b.length; i += 4)
    sum =
      (sum + (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0))) >>>
      0;
  return sum;
}

function tables(): Record<string, number[]> {
  const glyphs = 2;
  const head = new Writer()
    .u32(0x00010000)
    .u32(0x00010000)
    .u32(0) // checkSumAdjustment, set once the whole font is laid out
    .u32(0x5f0f3cf5)
    .u16(0x000b)
    .u16(UNITS_PER_EM)
    .zeros(16) // created, modified
    .i16(0)
    .i16(DESCENT)
    .i16(GLYPH_ADVANCE)
    .i16(ASCENT)
    .u16(0)
    .u16(3)
    .i16(2)
    .i16(0) // short loca offsets
    .i16(0).bytes;
  const hhea = new Writer()
    .u32(0x00010000)
    .i16(ASCENT)
    .i16(DESCENT)
    .i16(0)
    .u16(GLYPH_ADVANCE)
    .i16(0)
    .i16(0)
    .i16(GLYPH_ADVANCE)
    .i16(1)
    .i16(0)
    .i16(0)
    .zeros(8)
    .i16(0)
    .u16(glyphs).bytes;
  const maxp = new Writer()
    .u32(0x00010000)
    .u16(glyphs)
    .u16(2) // points in a glyph, at most
    .u16(1) // contours in a glyph, at most
    .zeros(2 * 2)
    .u16(2)
    .zeros(9 * 2).bytes;
  const hmtx = new Writer().u16(GLYPH_ADVANCE).i16(0).u16(GLYPH_ADVANCE).i16(0).bytes;
  // Glyph 1 is one contour of two on-curve points, corner to corner of the em box (descent..ascent, the advance wide):
  // it encloses nothing, so even a fill draws nothing, but its box is the em box. PDFium sizes a text object by its
  // glyphs' boxes and drops one of no width on the page from its text, which an empty glyph's line gets when it runs
  // up or down the page (a turned scan).
  const outline = new Writer()
    .i16(1) // contours
    .i16(0)
    .i16(DESCENT)
    .i16(GLYPH_ADVANCE)
    .i16(ASCENT)
    .u16(1) // the contour's last point
    .u16(0) // no instructions
    .u16(0x0101) // both points on the curve, coordinates as 16-bit deltas
    .i16(0)
    .i16(GLYPH_ADVANCE)
    .i16(DESCENT)
    .i16(ASCENT - DESCENT).bytes;
  // Short offsets (half the byte offset): .notdef is empty, glyph 1 the outline.
  const loca = new Writer()
    .u16(0)
    .u16(0)
    .u16(outline.length / 2).bytes;
  const glyf = outline;
  // cmap format 4: U+0020 → glyph 1 and the closing 0xFFFF segment; PDF text reaches glyphs through CIDToGIDMap.
  const cmap = new Writer()
    .u16(0)
    .u16(1)
    .u16(3)
    .u16(1)
    .u32(12)
    .u16(4)
    .u16(32)
    .u16(0)
    .u16(4)
    .u16(4)
    .u16(1)
    .u16(0)
    .u16(0x20)
    .u16(0xffff)
    .u16(0)
    .u16(0x20)
    .u16(0xffff)
    .i16(1 - 0x20)
    .i16(1)
    .u16(0)
    .u16(0).bytes;
  const post = new Writer().u32(0x00030000).u32(0).i16(-100).i16(50).u32(1).zeros(16).bytes;
  return { cmap, glyf, head, hhea, hmtx, loca, maxp, post };
}

/** The font file (an sfnt with head, hhea, maxp, hmtx, loca, glyf, cmap and post), checksummed. */
export function glyphlessTrueType(): Uint8Array {
  const t = tables();
  const tags = Object.keys(t).sort();
  const n = tags.length;
  const entrySelector = Math.floor(Math.log2(n));
  const out = new Writer()
    .u32(0x00010000)
    .u16(n)
    .u16(16 << entrySelector)
    .u16(entrySelector)
    .u16(n * 16 - (16 << entrySelector));
  let offset = 12 + 16 * n;
  const body: number[] = [];
  let headAt = 0;
  for (const tag of tags) {
    const data = t[tag]!;
    if (tag === 'head') headAt = offset;
    for (const c of tag) out.bytes.push(c.charCodeAt(0));
    out.u32(checksum(data)).u32(offset).u32(data.length);
    const padded = [...data, ...new Array<number>((4 - (data.length % 4)) % 4).fill(0)];
    body.push(...padded);
    offset += padded.length;
  }
  const font = [...out.bytes, ...body];
  const adjust = (0xb1b0afba - checksum(font)) >>> 0;
  font.splice(
    headAt + 8,
    4,
    (adjust >>> 24) & 0xff,
    (adjust >>> 16) & 0xff,
    (adjust >>> 8) & 0xff,
    adjust & 0xff,
  );
  return Uint8Array.from(font);
}
