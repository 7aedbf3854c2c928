/** Image decoding with sharp: any common format to upright 8-bit RGB, with clear errors for bad input. */
import type SharpModule from 'sharp';
import { LanternError } from '../contracts/errors';
import type { RgbImage } from './types';

let sharpLoading: Promise<typeof SharpModule> | undefined;

/**
 * sharp, loaded on first use: its import costs ~100 ms (module resolution, semver, libvips), which the engine worker
 * keeps off its start-up path by loading it on its image thread (app/engine/image-thread.ts).
 */
export function loadSharp(): Promise<typeof SharpModule> {
  sharpLoading ??= import('sharp').then((m) => m.default);
  return sharpLoading;
}

/** Largest image the pipeline accepts, in pixels (a decompression-bomb guard). */
export const MAX_PIXELS = 100_000_000;

/** Decodes image bytes, applying EXIF orientation and flattening transparency on white. */
export async function decodeImage(bytes: Uint8Array, maxPixels = MAX_PIXELS): Promise<RgbImage> {
  if (bytes.length === 0) throw new LanternError('EMPTY_INPUT', 'the image is empty (0 bytes)');
  const sharp = await loadSharp();
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected channel count ${info.channels}`);
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      width: info.width,
      height: info.height,
    };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/pixel limit/i.test(msg))
      throw new LanternError('IMAGE_TOO_LARGE', `the image is larger than ${maxPixels} pixels`);
    throw new LanternError('BAD_IMAGE', `not a readable image: ${msg.replace(/[:\s]+$/u, '')}`);
  }
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
