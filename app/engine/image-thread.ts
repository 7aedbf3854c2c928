/**
 * The engine worker's image thread: sharp's decode and resize, and the warm-up page. Started first thing, it loads
 * sharp (~100 ms) while the main thread loads the models. Decoded images come back in shared memory, so the resize
 * for the detector (and the crops, read on the main thread) never copy them across; resized ones are transferred.
 */
import { parentPort } from 'node:worker_threads';
import { assertNever } from '../contracts/assert-never';
import { toWireError } from '../contracts/errors';
import { decodeImage, loadSharp, resizeRgb } from '../ocr/decode';
import type { RgbImage } from '../ocr/types';
import type { ImageRequest, ImageResponse } from './image-thread-protocol';
import { warmupPage } from './warmup';

if (!parentPort) throw new Error('image-thread.ts runs as a worker thread of the engine');
const port = parentPort;
void loadSharp();

function shared(img: RgbImage): RgbImage {
  const data = new Uint8Array(new SharedArrayBuffer(img.data.length));
  data.set(img.data);
  return { data, width: img.width, height: img.height };
}

/** The buffer to transfer with `img`, when it owns the whole of it (sharp's output does; a pool slice would not). */
function owned(img: RgbImage): ArrayBuffer[] {
  const b = img.data.buffer;
  return b instanceof ArrayBuffer && img.data.byteOffset === 0 && img.data.byteLength === b.byteLength
    ? [b]
    : [];
}

async function answer(req: ImageRequest): Promise<[ImageResponse, ArrayBuffer[]]> {
  switch (req.op) {
    case 'decode':
      return [{ id: req.id, ok: true, img: shared(await decodeImage(req.bytes)) }, []];
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
