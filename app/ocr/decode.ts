/** Image decoding with sharp: any common format to upright 8-bit RGB, with clear errors for bad input. */
import type SharpModule from 'sharp';
import type { OutputInfo, Sharp } from 'sharp';
import { LanternError } from '../contracts/errors';
import { INPUT_FORMATS } from '../contracts/input-formats';
import { contrastBackdrop } from './alpha-backdrop';
import { gifCutShort } from './gif-cut-short';
import { pngCutShort } from './png-cut-short';
import { endsEarly } from './ends-early';
import { imageCodecFor, loadSharpWith, thisRuntime } from './image-codec';
import { tiffChain } from './tiff-chain';
import { tiffCutShort } from './tiff-cut-short';
import { webpCutShort } from './webp-cut-short';
import type { RgbImage } from './types';
import {
  LARGE_DECODE_PIXELS,
  MAX_PIXELS,
  oneAtATime,
  sizeRefusal,
  workingSize,
  WORK_PIXELS,
  type Size,
} from './working-size';

/** The image formats named when bytes are none of them ("PNG, JPEG, … or AVIF"). */
const IMAGE_LABELS = ((labels: readonly string[]) =>
  `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)!}`)(
  INPUT_FORMATS.filter((f) => f.mime.startsWith('image/')).map((f) => f.label),
);

let sharpLoading: Promise<typeof SharpModule> | undefined;

/**
 * sharp (native or WebAssembly, image-codec.ts), loaded on first use: its import is slow (module resolution, semver,
 * libvips), so the engine worker keeps it off its start-up path by loading it on its image thread
 * (app/engine/image-thread.ts).
 */
export function loadSharp(): Promise<typeof SharpModule> {
  sharpLoading ??= loadSharpWith(imageCodecFor(process.env.LANTERN_IMAGE_CODEC, thisRuntime()));
  return sharpLoading;
}

export { MAX_PIXELS } from './working-size';

/** An image decoded at its working size (working-size.ts), with the size of the encoded source. */
export interface Decoded {
  readonly image: RgbImage;
  readonly source: Size;
  /** The file ended early (ends-early.ts): `image` holds the part that was there. */
  readonly truncated?: true;
}

/** Big decodes, one at a time. */
const largeDecodes = oneAtATime();

/**
 * 8-bit RGB of a sharp pipeline: an image with an alpha channel flattened on the backdrop its ink contrasts with
 * (alpha-backdrop.ts), so light ink on a transparent background does not vanish on white. In a file cut short the rows
 * it lacks come clear: they are no backdrop to judge by, and go on the one the rows it held give.
 */
export async function rgbOf(pipe: Sharp, hasAlpha: boolean, cutShort = false): Promise<RgbImage> {
  const srgb = pipe.toColourspace('srgb');
  if (!hasAlpha) return rawRgb(await srgb.raw().toBuffer({ resolveWithObject: true }));
  const { data, info } = await srgb.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 4) throw new Error(`unexpected channel count ${info.channels}`);
  const { width, height } = info;
  const backdrop = contrastBackdrop({ data, width, height }, cutShort) === 0 ? '#000000' : '#ffffff';
  // libvips composites natively: a JS loop over every pixel cost a 4K screenshot about a quarter of a second.
  const sharp = await loadSharp();
  const flat = sharp(data, { raw: { width, height, channels: 4 } }).flatten({ background: backdrop });
  return rawRgb(await flat.raw().toBuffer({ resolveWithObject: true }));
}

/** sharp's raw output as RgbImage, which must be three channels. */
function rawRgb({ data, info }: { data: Buffer; info: OutputInfo }): RgbImage {
  if (info.channels !== 3) throw new Error(`unexpected channel count ${info.channels}`);
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  };
}

/**
 * Decodes image bytes to upright 8-bit RGB at the working size, applying EXIF orientation and flattening transparency
 * on the backdrop its ink contrasts with (rgbOf). The header is read first: too many pixels fail before any are
 * decoded; an image over WORK_PIXELS is shrunk while it streams in (libvips sequential access, and shrink-on-load where
 * the format has it), so its full resolution is never held. A JPEG, PNG or GIF cut short (ends-early.ts) is decoded
 * as far as it goes, the rest blank (png-cut-short.ts; gif-cut-short.ts for an interlaced GIF), and marked `truncated`:
 * a viewer shows such a file's first part, and the text there is wanted; so is a TIFF whose chain of pages runs off its
 * end (tiff-chain.ts) or whose pixels do (tiff-cut-short.ts), and a lossy WebP cut short (webp-cut-short.ts); bytes
 * damaged in any other way stay BAD_IMAGE.
 */
export async function decodeWorking(
  bytes: Uint8Array,
  maxPixels = MAX_PIXELS,
  workPixels = WORK_PIXELS,
): Promise<Decoded> {
  if (bytes.length === 0) throw new LanternError('EMPTY_INPUT', 'the image is empty (0 bytes)');
  // A TIFF whose chain of pages runs off its end is read as the pages before the cut: its first page is there whole.
  const chain = tiffChain(bytes);
  const sharp = await loadSharp();
  // A TIFF whose pixels run off its end is failed or filled black by libtiff: its rows before the cut are read.
  const tiffPart = await tiffCutShort(sharp, chain.bytes, 0, maxPixels);
  try {
    const decoded = await decodeAs(tiffPart ?? chain.bytes, 'error', maxPixels, workPixels);
    return chain.endsAfter === undefined && !tiffPart ? decoded : { ...decoded, truncated: true };
  } catch (err) {
    if (err instanceof LanternError) throw err;
    // A WebP cut short is refused whole by libwebp, and an interlaced GIF's missing rows are clear between the rows it
    // holds: the part that is there comes as a picture of its own.
    const part =
      (await webpCutShort(sharp, bytes, maxPixels)) ?? (await gifCutShort(sharp, bytes, maxPixels));
    if (!part && !endsEarly(bytes)) throw decodeError(err, maxPixels);
    try {
      // A PNG's rows past its cut come as whatever libvips's buffers held: they are blanked.
      const held = part ?? (await pngCutShort(sharp, bytes, maxPixels)) ?? bytes;
      return { ...(await decodeAs(held, 'none', maxPixels, workPixels)), truncated: true };
    } catch (again) {
      throw decodeError(again, maxPixels, true);
    }
  }
}

/** One decode of `bytes` at the working size, failing on what libvips reports at `failOn` or worse. */
async function decodeAs(
  bytes: Uint8Array,
  failOn: 'error' | 'none',
  maxPixels: number,
  workPixels: number,
): Promise<Decoded> {
  const sharp = await loadSharp();
  const options = { limitInputPixels: maxPixels, failOn, sequentialRead: true } as const;
  const meta = await sharp(bytes, options).metadata();
  const turned = (meta.orientation ?? 1) >= 5;
  const stored = { width: meta.width ?? 0, height: meta.pageHeight ?? meta.height ?? 0 };
  const refused = sizeRefusal(stored, maxPixels);
  if (refused) throw new LanternError('IMAGE_TOO_LARGE', refused);
  const source = turned ? { width: stored.height, height: stored.width } : stored;
  const work = workingSize(source, workPixels);
  const decode = async () => {
    let pipe = sharp(bytes, options).rotate();
    if (work !== source) pipe = pipe.resize(work.width, work.height, { fit: 'fill' });
    return rgbOf(pipe, meta.hasAlpha === true, failOn === 'none');
  };
  const large = stored.width * stored.height > LARGE_DECODE_PIXELS;
  const image = await (large ? largeDecodes(decode) : decode());
  return {
    image,
    source: work === source ? { width: image.width, height: image.height } : source,
  };
}

/**
 * The coded error for a failed decode: IMAGE_TOO_LARGE past the pixel limit, BAD_IMAGE for anything else; `cut` when
 * the file is known to end early, which then is what the message says first.
 */
function decodeError(err: unknown, maxPixels: number, cut = false): LanternError {
  if (err instanceof LanternError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(msg))
    return new LanternError('IMAGE_TOO_LARGE', `the image is larger than ${maxPixels} pixels`);
  if (/unsupported image format/iu.test(msg))
    return new LanternError('BAD_IMAGE', `not a readable image: the bytes are not ${IMAGE_LABELS}`);
  return new LanternError('BAD_IMAGE', `not a readable image: ${decoderFinding(msg, cut)}`);
}

/**
 * libvips's message as one line: its loaders log a line per failed read ("source: bad seek to …") before the finding
 * and a version after it; the finding alone says why, and a file cut short (`cut`, or as the finding says) is said as
 * such.
 */
function decoderFinding(msg: string, cut: boolean): string {
  const lines = msg
    .split('\n')
    .map((l) => l.trim().replace(/[:\s]+$/u, ''))
    .filter((l) => l !== '' && !/^\(\d+(\.\d+)*\)$/u.test(l) && !/: bad seek to \d+$/u.test(l));
  const finding = lines.at(-1) ?? 'the decoder gave no reason';
  return cut || /unexpected end of (file|data)|premature end|truncated/iu.test(finding)
    ? `the image file ends early (cut short while it was downloaded or written): ${finding}`
    : finding;
}

/** Decodes image bytes to upright 8-bit RGB at the working size (decodeWorking without the source size). */
export async function decodeImage(bytes: Uint8Array, maxPixels = MAX_PIXELS): Promise<RgbImage> {
  return (await decodeWorking(bytes, maxPixels)).image;
}

/** Encodes an RGB image as PNG (pages handed to the engine, page previews); `compressionLevel` trades size for time. */
export async function encodeRgbPng(img: RgbImage, compressionLevel: number): Promise<Uint8Array> {
  const sharp = await loadSharp();
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .png({ compressionLevel, adaptiveFiltering: false })
    .toBuffer();
}

/** Resizes an RGB image with sharp (used for the detector input, where antialiasing matters). */
export async function resizeRgb(img: RgbImage, width: number, height: number): Promise<RgbImage> {
  if (img.width === width && img.height === height) return img;
  const sharp = await loadSharp();
  const data = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer();
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width, height };
}
