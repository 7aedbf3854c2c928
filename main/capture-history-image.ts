/** The copy of a capture's crop that History keeps, small enough for the history store's bound. */
import type { HistoryImage } from '../app/contracts/lantern-api';
import { HISTORY_IMAGE_MAX_BYTES } from '../app/watch/history-store';
import type { ImageLike } from './capture-displays';

/** Longest sides tried for the JPEG copy when the PNG is too big (text stays legible at the first). */
const SIDES = [1024, 512] as const;

/** The PNG when it fits; else a JPEG with the longest side at most 1024 (then 512) px; undefined when none fits. */
export async function historyImageOf(crop: ImageLike, png: Uint8Array): Promise<HistoryImage | undefined> {
  if (png.byteLength <= HISTORY_IMAGE_MAX_BYTES) return { type: 'image/png', bytes: png };
  const { width, height } = crop.getSize();
  for (const side of SIDES) {
    const k = Math.min(1, side / Math.max(width, height));
    const small =
      k < 1
        ? crop.resize({
            width: Math.max(1, Math.round(width * k)),
            height: Math.max(1, Math.round(height * k)),
            quality: 'good',
          })
        : crop;
    const jpeg = await small.toJPEG(80);
    if (jpeg.byteLength <= HISTORY_IMAGE_MAX_BYTES) return { type: 'image/jpeg', bytes: jpeg };
  }
  return undefined;
}
