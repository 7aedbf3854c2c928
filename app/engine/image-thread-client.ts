/** The main thread's handle on the image thread (image-thread.ts): ImageOps over id-correlated messages. */
import { Worker } from 'node:worker_threads';
import { fromWireError, LanternError } from '../contracts/errors';
import type { ImageOps } from '../ocr/image-ops';
import type { SideLimit } from '../ocr/det-size';
import type { Page, RgbImage } from '../ocr/types';
import type { ImageRequest, ImageResponse } from './image-thread-protocol';
import { canShare } from './pixel-pool';

/** A request before it is given its id. */
type NewRequest = ImageRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** A running image thread: decode and resize for the pipeline, and the warm-up page. */
export class ImageThread implements ImageOps {
  private readonly pending = new Map<number, (res: ImageResponse) => void>();
  private nextId = 1;
  private failed: Error | undefined;
  private stopping = false;

  private constructor(
    private readonly worker: Worker,
    onDeath: (err: Error) => void,
  ) {
    worker.on('message', (res: ImageResponse) => {
      const done = this.pending.get(res.id);
      this.pending.delete(res.id);
      done?.(res);
    });
    // A thread that dies fails what it had and everything after, and tells the owner (the engine worker exits then,
    // so that its host restarts it whole and retries the request in flight).
    const die = (err: Error) => {
      if (this.failed) return;
      this.failed = err;
      for (const done of this.pending.values())
        done({ id: 0, ok: false, error: { code: 'INTERNAL', message: `image thread: ${err.message}` } });
      this.pending.clear();
      if (!this.stopping) onDeath(err);
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`exited with code ${code}`)));
  }

  /**
   * Starts the thread from its bundled entry (dist/node/image-thread.mjs, beside engine.mjs); `onDeath` is called if
   * it dies other than by `terminate()`.
   */
  static start(entry: URL, onDeath: (err: Error) => void = () => {}): ImageThread {
    const worker = new Worker(entry);
    worker.unref();
    return new ImageThread(worker, onDeath);
  }

  private call(req: NewRequest): Promise<ImageResponse & { ok: true }> {
    if (this.failed)
      return Promise.reject(new LanternError('INTERNAL', `image thread: ${this.failed.message}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (res) => (res.ok ? resolve(res) : reject(fromWireError(res.error))));
      this.worker.postMessage({ ...req, id });
    });
  }

  /** Decodes on the image thread; the pixels are copied there once into a buffer of their own, transferred here. */
  async decode(bytes: Uint8Array): Promise<RgbImage> {
    return imageOf(await this.call({ op: 'decode', bytes }));
  }

  /**
   * Decodes and makes the detector input on the image thread in one round trip; both arrive in pooled shared buffers
   * (copied once, there), to be given back with `release`.
   */
  async decodePage(bytes: Uint8Array, limit: SideLimit): Promise<Page> {
    const res = await this.call({ op: 'decodePage', bytes, limit });
    if (!('page' in res)) throw new Error('image thread: decodePage answered without a page');
    return res.page;
  }

  /**
   * Gives the shared buffers of a page that decodePage made back to the thread's pool once nothing reads it (the
   * thread copies later pages into them: the page must not be used after).
   */
  release(page: Page): void {
    if (!canShare()) return;
    const buffers = [...new Set([page.image.data.buffer, page.detInput.data.buffer])].filter(
      (b): b is SharedArrayBuffer => b instanceof SharedArrayBuffer,
    );
    if (this.failed || this.stopping || buffers.length === 0) return;
    this.worker.postMessage({ id: 0, op: 'recycle', buffers } satisfies ImageRequest);
  }

  /** Resizes on the image thread (`img` is copied there and the result back: the pipeline's own resize is part of decodePage). */
  async resize(img: RgbImage, width: number, height: number): Promise<RgbImage> {
    if (img.width === width && img.height === height) return img;
    return imageOf(await this.call({ op: 'resize', img, width, height }));
  }

  /** The warm-up page (warmup.ts), composed on the image thread. */
  async warmupPage(): Promise<Buffer> {
    const res = await this.call({ op: 'warmupPage' });
    if (!('bytes' in res)) throw new Error('image thread: warmupPage answered without bytes');
    return Buffer.from(res.bytes.buffer, res.bytes.byteOffset, res.bytes.byteLength);
  }

  /** Stops the thread. */
  async terminate(): Promise<void> {
    this.stopping = true;
    await this.worker.terminate();
  }
}

function imageOf(res: ImageResponse & { ok: true }): RgbImage {
  if (!('img' in res)) throw new Error('image thread: answered without an image');
  return res.img;
}
