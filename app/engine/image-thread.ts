/**
 * The engine worker's image thread: sharp's decode and resize, and the warm-up page. Started first thing, it loads
 * sharp (a slow import) while the main thread loads the models. A request's image is decoded and resized for the
 * detector in one step (decodePage). sharp's buffers cannot be transferred (postMessage clones them twice, into fresh
 * memory), so the page is copied once into pooled SharedArrayBuffers (pixel-pool.ts), which come back when the request
 * is done; sharp's own buffers are collected right after each answer (young-gc.ts), so the next decode reuses their
 * memory.
 */
import { parentPort } from 'node:worker_threads';
import { assertNever } from '../contracts/assert-never';
import { toWireError } from '../contracts/errors';
import { decodeImage, loadSharp, resizeRgb } from '../ocr/decode';
import { localImageOps } from '../ocr/image-ops';
import type { RgbImage } from '../ocr/types';
import type { ImageRequest, ImageResponse } from './image-thread-protocol';
import { PixelPool } from './pixel-pool';
import { warmupPage } from './warmup';
import { fullCollector, youngCollector } from './young-gc';

if (!parentPort) throw new Error('image-thread.ts runs as a worker thread of the engine');
const port = parentPort;
void loadSharp();

const pool = new PixelPool();
/**
 * Reserved at thread start, while the main thread loads the models, so that a page of up to 4 megapixels and a
 * detector input of up to 960x960 find mapped memory from the first request on (figures: docs/engine.md).
 */
pool.reserve([12 * 2 ** 20, 3 * 2 ** 20]);

/**
 * `img` copied into a buffer that crosses to the main thread uncopied: a pooled shared one (a page, given back later)
 * or one of its own, transferred (it is detached here, never in the main thread).
 */
function movable(img: RgbImage, pooled: boolean): RgbImage {
  const data = pooled ? pool.take(img.data.length) : new Uint8Array(img.data.length);
  data.set(img.data);
  return { data, width: img.width, height: img.height };
}

/** The distinct ArrayBuffers under `imgs`, to transfer with them (shared ones are shared, not transferred). */
function buffersOf(...imgs: RgbImage[]): ArrayBuffer[] {
  return [...new Set(imgs.map((i) => i.data.buffer).filter((b) => b instanceof ArrayBuffer))];
}

/** The answer to a request and the buffers to transfer with it; none for a recycle. */
async function answer(req: ImageRequest): Promise<[ImageResponse, ArrayBuffer[]] | undefined> {
  switch (req.op) {
    case 'decode': {
      const img = movable(await decodeImage(req.bytes), false);
      return [{ id: req.id, ok: true, img }, buffersOf(img)];
    }
    case 'decodePage': {
      const decoded = await localImageOps.decodePage(req.bytes, req.limit);
      const image = movable(decoded.image, true);
      const detInput = decoded.detInput === decoded.image ? image : movable(decoded.detInput, true);
      const page = {
        image,
        detInput,
        ...(decoded.source ? { source: decoded.source } : {}),
        ...(decoded.truncated ? { truncated: decoded.truncated } : {}),
      };
      return [{ id: req.id, ok: true, page }, buffersOf(image, detInput)];
    }
    case 'resize': {
      const img = movable(await resizeRgb(req.img, req.width, req.height), false);
      return [{ id: req.id, ok: true, img }, buffersOf(img)];
    }
    case 'recycle':
      pool.give(req.buffers);
      // A big page's buffers, which the pool does not keep, are freed once collected in both threads: here by a full
      // collection (the page's own handle outlived a young one), once this request no longer holds them.
      if (req.buffers.some((b) => !pool.holds(b))) setImmediate(collectFull);
      return undefined;
    case 'warmupPage': {
      const bytes = new Uint8Array(await warmupPage());
      return [{ id: req.id, ok: true, bytes }, []];
    }
    default:
      return assertNever(req);
  }
}

/** After each answer, sharp's buffers (copied into the pool by then) are collected so the next decode reuses them. */
const collectYoung = youngCollector();
const collectFull = fullCollector();

port.on('message', (req: ImageRequest) => {
  answer(req).then(
    (answered) => {
      if (!answered) return;
      port.postMessage(...answered);
      collectYoung();
    },
    (err: unknown) =>
      port.postMessage({ id: req.id, ok: false, error: toWireError(err) } satisfies ImageResponse),
  );
});
