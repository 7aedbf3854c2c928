/**
 * Messages between the engine worker's main thread and its image thread (image-thread.ts). Both ends are our own
 * code in one process, built from one bundle step: the types are the contract, nothing crosses a trust boundary.
 */
import type { WireError } from '../contracts/errors';
import type { SideLimit } from '../ocr/det-size';
import type { Page, RgbImage } from '../ocr/types';

/** A request to the image thread, correlated by `id`. */
export type ImageRequest =
  | { readonly id: number; readonly op: 'decode'; readonly bytes: Uint8Array }
  | { readonly id: number; readonly op: 'decodePage'; readonly bytes: Uint8Array; readonly limit: SideLimit }
  | {
      readonly id: number;
      readonly op: 'resize';
      readonly img: RgbImage;
      readonly width: number;
      readonly height: number;
    }
  | { readonly id: number; readonly op: 'warmupPage' }
  /** A finished page's shared buffers, given back for reuse (no answer). */
  | { readonly id: number; readonly op: 'recycle'; readonly buffers: readonly SharedArrayBuffer[] };

/** Its answer: an image (decode, resize), a page (decodePage), encoded bytes (warmupPage), or the error it failed with. */
export type ImageResponse =
  | { readonly id: number; readonly ok: true; readonly img: RgbImage }
  | { readonly id: number; readonly ok: true; readonly page: Page }
  | { readonly id: number; readonly ok: true; readonly bytes: Uint8Array }
  | { readonly id: number; readonly ok: false; readonly error: WireError };
