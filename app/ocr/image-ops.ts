/**
 * The image operations the pipeline needs (sharp's decode and resize), as a value: in-process they run here, in the
 * engine worker on its image thread (app/engine/image-thread-client.ts), which loads sharp in parallel with the models.
 */
import { decodeImage, decodeWorking, resizeRgb } from './decode';
import { detInputSize, type SideLimit } from './det-size';
import type { Page, RgbImage } from './types';

/** Decode and resize, wherever they run. */
export interface ImageOps {
  /** Encoded bytes → upright 8-bit RGB (LanternError EMPTY_INPUT, BAD_IMAGE, IMAGE_TOO_LARGE on bad input). */
  decode(bytes: Uint8Array): Promise<RgbImage>;
  /** Encoded bytes → the page: the decoded image and its copy at the detector's input size, in one step. */
  decodePage(bytes: Uint8Array, limit: SideLimit): Promise<Page>;
  /** RGB → RGB at another size (the detector's input). */
  resize(img: RgbImage, width: number, height: number): Promise<RgbImage>;
  /** Hands back the buffers of a page `decodePage` made, once nothing reads it (the page must not be used after). */
  release(page: Page): void;
}

/** The page of an already decoded image: its detector input resized by `resize`. */
export async function pageOf(
  img: RgbImage,
  limit: SideLimit,
  resize: ImageOps['resize'],
  source?: Page['source'],
): Promise<Page> {
  const size = detInputSize(img.width, img.height, limit);
  const detInput = await resize(img, size.w, size.h);
  const scaled = source && (source.width !== img.width || source.height !== img.height);
  return scaled ? { image: img, detInput, source } : { image: img, detInput };
}

/** Decode and resize in this thread. */
export const localImageOps: ImageOps = {
  decode: (bytes) => decodeImage(bytes),
  decodePage: async (bytes, limit) => {
    const { image, source, truncated } = await decodeWorking(bytes);
    const page = await pageOf(image, limit, resizeRgb, source);
    return truncated ? { ...page, truncated } : page;
  },
  resize: resizeRgb,
  release: () => {},
};
