/**
 * Whether a JPEG, PNG or GIF file ends before its last marker (a download or a copy cut short), told from its structure
 * alone: such a file is decoded as far as it goes, while bytes damaged in other ways stay refused (decode.ts).
 */
import { crc32 } from 'node:zlib';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * True when `bytes` are a PNG, a JPEG or a GIF whose image data has begun (an IDAT chunk, a scan, an image block) and
 * whose chunks, segments or blocks run out before its end chunk (IEND), marker (EOI) or trailer: a file cut short. One
 * cut inside its header holds no picture, and one whose structure breaks before its end (a chunk that fails its CRC, a
 * chunk type that is no name) is damaged.
 */
export function endsEarly(bytes: Uint8Array): boolean {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return pngEndsEarly(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegEndsEarly(bytes);
  return gifEndsEarly(bytes);
}

/** GIF87a and GIF89a. */
const GIF_SIGNATURES = ['GIF87a', 'GIF89a'].map((s) => [...s].map((c) => c.charCodeAt(0)));

/** A GIF's image descriptors (their offsets, each whole with its colour table), and how its blocks end. */
export interface GifWalk {
  readonly images: readonly number[];
  /** `trailer`: the blocks reach it; `cut`: they run out first; `damaged`: a byte where a block belongs starts none. */
  readonly end: 'trailer' | 'cut' | 'damaged';
}

/**
 * A GIF's blocks walked by their sizes, from its header to its trailer (0x3B) or as far as they go; bytes that are no
 * GIF are `damaged`, with no image.
 */
export function walkGif(bytes: Uint8Array): GifWalk {
  if (!GIF_SIGNATURES.some((sig) => sig.every((b, i) => bytes[i] === b)))
    return { images: [], end: 'damaged' };
  /** Where the sub-blocks from `at` end (after their 0 terminator), or past the end when they run out. */
  const subBlocks = (from: number) => {
    let at = from;
    while (at < bytes.length && bytes[at] !== 0) at += bytes[at]! + 1;
    return at + 1;
  };
  /** Bytes of a colour table its packed field (bit 7 set) announces. */
  const table = (packed: number) => (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  const images: number[] = [];
  if (bytes.length < 13) return { images, end: 'cut' };
  let at = 13 + table(bytes[10]!);
  while (at < bytes.length) {
    const block = bytes[at]!;
    if (block === 0x3b) return { images, end: 'trailer' };
    if (block === 0x21) at = subBlocks(at + 2);
    else if (block === 0x2c) {
      if (at + 10 > bytes.length) break;
      const descriptor = at;
      at += 10 + table(bytes[at + 9]!);
      if (at + 1 <= bytes.length) images.push(descriptor);
      at = subBlocks(at + 1);
    } else return { images, end: 'damaged' };
  }
  return { images, end: 'cut' };
}

/** True when an image's data has begun (its descriptor is whole) and the blocks run out before the trailer. */
function gifEndsEarly(bytes: Uint8Array): boolean {
  const walk = walkGif(bytes);
  return walk.end === 'cut' && walk.images.length > 0;
}

/** A chunk type: four ASCII letters. */
const CHUNK_TYPE = /^[A-Za-z]{4}$/u;

/** A PNG's chunks walked by their lengths, each whole one checked by its CRC: true when IDAT has begun and one runs out. */
function pngEndsEarly(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = PNG_SIGNATURE.length;
  let imageData = false;
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!CHUNK_TYPE.test(type)) return false;
    const end = at + 12 + length;
    if (end > bytes.length) return imageData || type === 'IDAT';
    if (crc32(bytes.subarray(at + 4, end - 4)) !== view.getUint32(end - 4)) return false;
    if (type === 'IEND') return false;
    imageData ||= type === 'IDAT';
    at = end;
  }
  return imageData;
}

/** A JPEG's segments walked marker by marker, entropy-coded data skipped: true when a scan has begun and no EOI comes. */
function jpegEndsEarly(bytes: Uint8Array): boolean {
  let at = 2;
  let scanned = false;
  for (;;) {
    if (at >= bytes.length) return scanned;
    // A byte where a marker belongs that is not one: damaged, not cut short.
    if (bytes[at] !== 0xff) return false;
    while (at < bytes.length && bytes[at] === 0xff) at++;
    if (at >= bytes.length) return scanned;
    const marker = bytes[at++]!;
    if (marker === 0xd9) return false;
    // Standalone markers carry no length: TEM and the restart markers.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (at + 2 > bytes.length) return scanned;
    at += (bytes[at]! << 8) | bytes[at + 1]!;
    if (marker === 0xda) {
      scanned = true;
      at = entropyEnd(bytes, at);
    }
  }
}

/** Where the entropy-coded data from `at` ends: the next marker other than a stuffed 0xFF or a restart marker. */
function entropyEnd(bytes: Uint8Array, at: number): number {
  for (let i = at; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1]!;
    if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return i;
  }
  return bytes.length;
}
