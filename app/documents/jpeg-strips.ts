/**
 * JPEG streams of an image's horizontal strips joined into one stream without decoding them: each strip's scan starts
 * with fresh DC predictors and ends byte-aligned, exactly as a restart interval does, so the strips become one frame
 * with a restart marker between them. One image and not a stack of strips: viewers draw seams between adjacent images.
 */

/** Frame markers of baseline, extended and progressive Huffman JPEG, which every PDF reader decodes. */
const SOF_HUFFMAN = new Set([0xc0, 0xc1, 0xc2]);
const PROGRESSIVE = 0xc2;
const [SOS, DRI, EOI, RST0] = [0xda, 0xdd, 0xd9, 0xd0];

/** What joining needs of one JPEG stream. */
interface Parsed {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  /** Pixels across and down one MCU (an interleaved scan's; one 8 × 8 block for a single component). */
  readonly mcu: { readonly x: number; readonly y: number };
  /** Where the frame's height is written, and where the scan header starts and ends. */
  readonly heightAt: number;
  readonly sosAt: number;
  readonly dataAt: number;
  /** Where the first scan's entropy-coded data ends: at EOI, or at the next marker when more follow. */
  readonly dataEnd: number;
  /** A single scan, no restart interval, ended by EOI and nothing after: its data can take a place among others. */
  readonly joinable: boolean;
}

/** A joined JPEG stream and its frame's size and component count. */
export interface JoinedJpeg {
  readonly jpeg: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly components: number;
}

/**
 * The strips (complete JPEG streams of one width, top to bottom) as one JPEG stream with its frame's size, or undefined
 * when they cannot be
 * joined as they are: a progressive or multi-scan strip, strips of their own restart intervals, other headers or
 * tables, or strip heights that are not whole MCU rows.
 */
export function joinJpegStrips(strips: readonly Uint8Array[]): JoinedJpeg | undefined {
  const parsed = strips.map(parseJpeg);
  const first = parsed[0];
  if (!first || parsed.some((p) => !p)) return undefined;
  const frame = { width: first.width, components: first.components };
  if (strips.length === 1) return { jpeg: strips[0]!, height: first.height, ...frame };
  const all = parsed as readonly Parsed[];
  const height = all.reduce((rows, p) => rows + p.height, 0);
  const rows = first.height;
  const interval = Math.ceil(first.width / first.mcu.x) * (rows / first.mcu.y);
  const header = strips[0]!.subarray(0, first.dataAt);
  const sameHeader = (s: Uint8Array, p: Parsed) =>
    p.dataAt === first.dataAt &&
    s.subarray(0, p.dataAt).every((v, i) => v === header[i] || i === p.heightAt || i === p.heightAt + 1);
  if (
    !all.every((p, i) => p.joinable && sameHeader(strips[i]!, p)) ||
    !all.slice(0, -1).every((p) => p.height === rows) ||
    rows % first.mcu.y !== 0 ||
    interval > 0xffff ||
    height > 0xffff
  )
    return undefined;
  const head = new Uint8Array(first.sosAt + 6);
  head.set(header.subarray(0, first.sosAt));
  head.set([0xff, DRI, 0, 4, interval >> 8, interval & 0xff], first.sosAt);
  head[first.heightAt] = height >> 8;
  head[first.heightAt + 1] = height & 0xff;
  const parts = [head, header.subarray(first.sosAt)];
  all.forEach((p, i) => {
    parts.push(strips[i]!.subarray(p.dataAt, p.dataEnd));
    parts.push(Uint8Array.of(0xff, i === all.length - 1 ? EOI : RST0 + (i % 8)));
  });
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  parts.reduce((at, part) => (out.set(part, at), at + part.length), 0);
  return { jpeg: out, height, ...frame };
}

/** The markers of a JPEG stream up to its first scan's end, or undefined when it is not one PDF readers decode. */
function parseJpeg(jpeg: Uint8Array): Parsed | undefined {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return undefined;
  let frame: Omit<Parsed, 'sosAt' | 'dataAt' | 'dataEnd' | 'joinable'> | undefined;
  let progressive = false;
  let restarts = false;
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) return undefined;
    const marker = jpeg[at + 1]!;
    // Fill bytes (0xFF runs) may pad between segments.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = (jpeg[at + 2]! << 8) | jpeg[at + 3]!;
    if (length < 2 || at + 2 + length > jpeg.length) return undefined;
    if (SOF_HUFFMAN.has(marker)) {
      frame = readFrame(jpeg, at);
      progressive = marker === PROGRESSIVE;
    } else if (marker >= 0xc3 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      // Lossless, arithmetic-coded or hierarchical frames: not every reader decodes them.
      return undefined;
    } else if (marker === DRI) restarts = true;
    else if (marker === SOS) {
      if (!frame || frame.height === 0) return undefined;
      const dataAt = at + 2 + length;
      const scan = scanEnd(jpeg, dataAt);
      const joinable =
        !progressive && !restarts && !scan.restarts && scan.eoi && scan.end + 2 === jpeg.length;
      return { ...frame, sosAt: at, dataAt, dataEnd: scan.end, joinable };
    }
    at += 2 + length;
  }
  return undefined;
}

/** A frame header (SOF segment at `at`): size, components and the MCU their sampling factors make. */
function readFrame(jpeg: Uint8Array, at: number): Omit<Parsed, 'sosAt' | 'dataAt' | 'dataEnd' | 'joinable'> {
  const components = jpeg[at + 9] ?? 0;
  let [h, v] = [1, 1];
  for (let c = 0; c < components; c++) {
    const sampling = jpeg[at + 11 + 3 * c] ?? 0x11;
    [h, v] = [Math.max(h, sampling >> 4), Math.max(v, sampling & 15)];
  }
  // A single-component scan is not interleaved: its MCU is one block whatever its sampling factors say.
  const mcu = components === 1 ? { x: 8, y: 8 } : { x: 8 * h, y: 8 * v };
  return {
    heightAt: at + 5,
    height: (jpeg[at + 5]! << 8) | jpeg[at + 6]!,
    width: (jpeg[at + 7]! << 8) | jpeg[at + 8]!,
    components,
    mcu,
  };
}

/** Where entropy-coded data from `at` ends, whether it holds restart markers, and whether EOI ends it. */
function scanEnd(jpeg: Uint8Array, at: number): { end: number; restarts: boolean; eoi: boolean } {
  let restarts = false;
  for (let i = at; i + 1 < jpeg.length; i++) {
    if (jpeg[i] !== 0xff) continue;
    const next = jpeg[i + 1]!;
    // 0xFF00 is a stuffed data byte, and 0xFF before another 0xFF is fill.
    if (next === 0x00 || next === 0xff) continue;
    if (next >= RST0 && next <= RST0 + 7) {
      restarts = true;
      continue;
    }
    return { end: i, restarts, eoi: next === EOI };
  }
  return { end: jpeg.length, restarts, eoi: false };
}
