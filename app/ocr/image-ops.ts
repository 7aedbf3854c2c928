/**
 * The image operations the pipeline needs (sharp's decode and resize), as a value: in-process they run here, in the
 * engine worker on its image thread (app/engine/image-thread-client.ts), which loads sharp in parallel with the models.
 */
import { decodeImage, resizeRgb } from './decode';
import type { RgbImage } from './types';

/** Decode and resize, wherever they run. */
export interface ImageOps {
  /** Encoded bytes → upright 8-bit RGB (LanternError EMPTY_INPUT, BAD_IMAGE, IMAGE_TOO_LARGE on bad input). */
  decode(bytes: Uint8Array): Promise<RgbImage>;
  /** RGB → RGB at another size (the detector's input). */
  resize(img: RgbImage, width: number, height: number): Promise<RgbImage>;
}

/** Decode and resize in this thread. */
export const localImageOps: ImageOps = {
  decode: (bytes) => decodeImage(bytes),
  resize: resizeRgb,
};
