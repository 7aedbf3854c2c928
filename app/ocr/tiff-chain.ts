/**
 * A TIFF cut short (a scan still being written, a copy or download that stopped) whose chain of page directories runs
 * off the end of the file: libtiff's error on the missing directory fails every page read through libvips, the whole
 * ones too, so the link to it is ended where the file ends and the pages before it read as a shorter TIFF.
 */

/** A TIFF as libvips should read it, and the page count it holds when its chain was ended early. */
export interface TiffChain {
  readonly bytes: Uint8Array;
  /** The pages before the directory that is not in the file, when the chain ran off it. */
  readonly endsAfter?: number;
}

/** Sizes in a classic TIFF (version 42) and a BigTIFF (43): directory count, entry, offset. */
const LAYOUT = {
  42: { count: 2, entry: 12, offset: 4, first: 4 },
  43: { count: 8, entry: 20, offset: 8, first: 8 },
} as const;

const seen = new WeakMap<Uint8Array, TiffChain>();

/**
 * `tiff` itself when each directory its chain names is in the file (or it is no TIFF, or its chain loops, which
 * libtiff stops at); otherwise a copy whose last link that lies in the file is 0, with the pages before the break.
 * Remembered per buffer, since each page of a document is opened from the same bytes.
 */
export function tiffChain(tiff: Uint8Array): TiffChain {
  let chain = seen.get(tiff);
  if (!chain) {
    chain = endChain(tiff);
    seen.set(tiff, chain);
  }
  return chain;
}

function endChain(b: Uint8Array): TiffChain {
  const whole = { bytes: b };
  if (b.length < 16 || (b[0] !== 0x49 && b[0] !== 0x4d) || b[1] !== b[0]) return whole;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const little = b[0] === 0x49;
  const layout = LAYOUT[view.getUint16(2, little) as keyof typeof LAYOUT];
  if (!layout) return whole;
  // Offsets past 2^53 lie past any file, as the unsafe number they read as does.
  const read = (at: number, size: number) =>
    size === 2
      ? view.getUint16(at, little)
      : size === 4
        ? view.getUint32(at, little)
        : Number(view.getBigUint64(at, little));
  let link = layout.first;
  const visited = new Set<number>();
  for (let pages = 0; ; pages++) {
    const at = read(link, layout.offset);
    if (at === 0 || visited.has(at)) return whole;
    visited.add(at);
    const fits =
      at + layout.count <= b.length &&
      at + layout.count + read(at, layout.count) * layout.entry + layout.offset <= b.length;
    if (!fits) {
      // Without a first page there is nothing to read: libvips' own error says so.
      if (pages === 0) return whole;
      // A copy: a Buffer's slice() would be a view, and the caller's bytes are theirs.
      const bytes = new Uint8Array(b);
      bytes.fill(0, link, link + layout.offset);
      return { bytes, endsAfter: pages };
    }
    link = at + layout.count + read(at, layout.count) * layout.entry;
  }
}
