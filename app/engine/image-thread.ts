/**
 * The engine worker's image thread: sharp's decode and resize, and the warm-up page. Started first thing, it loads
 * sharp (~100 ms) while the main thread loads the models. A request's image is decoded and resized for the detector
 * in one step (decodePage), and both are transferred to the main thread, not copied: an earlier design copied the
 * decoded pixels into a SharedArrayBuffer, and dropping that copy made pages 1–2.5 % faster (alternated engine A/B).
 */
import { parentPort } from 'node:worker_threads';
import { assertNever } from '../contracts/assert-never';
import { toWireError } from '../contracts/errors';
import { decodeImage, loadSharp, resizeRgb } from '../ocr/decode';
import { pageOf } from '../ocr/image-ops';
import type { RgbImage } from '../ocr/types';
import type { ImageRequest, ImageResponse } from './image-thread-protocol';
import { warmupPage } from './warmup';

if (!parentPort) throw new Error('image-thread.ts runs as a worker thread of the engine');
const port = parentPort;
void loadSharp();

/** The buffers to transfer with `imgs`: those each owns whole (sharp's output does; a pool slice would not), once. */
function owned(...imgs: RgbImage[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const { data } of imgs) {
    const b = data.buffer;
    if (b instanceof ArrayBuffer && data.byteOffset === 0 && data.byteLength === b.byteLength) out.add(b);
  }
  return [...out];
}

async function answer(req: ImageRequest): Promise<[ImageResponse, ArrayBuffer[]]> {
  switch (req.op) {
    case 'decode': {
      const img = await decodeImage(req.bytes);
      return [{ id: req.id, ok: true, img }, owned(img)];
    }
    case 'decodePage': {
      const page = await pageOf(await decodeImage(req.bytes), req.limit, resizeRgb);
      return [{ id: req.id, ok: true, page }, owned(page.image, page.detInput)];
    }
    case 'resize': {
      const img = await resizeRgb(req.img, req.width, req.height);
      return [{ id: req.id, ok: true, img }, img === req.img ? [] : owned(img)];
    }
    case 'warmupPage': {
      const bytes = new Uint8Array(await warmupPage());
      return [{ id: req.id, ok: true, bytes }, []];
    }
    default:
      return assertNever(req);
  }
}

port.on('message', (req: ImageRequest) => {
  answer(req).then(
    ([res, transfer]) => port.postMessage(res, transfer),
    (err: unknown) =>
      port.postMessage({ id: req.id, ok: false, error: toWireError(err) } satisfies ImageResponse),
  );
});
