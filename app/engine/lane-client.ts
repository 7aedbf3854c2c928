/** The engine worker's handle on a recognition lane (lane-thread.ts): one page at a time, answered by id. */
import { Worker } from 'node:worker_threads';
import { fromWireError } from '../contracts/errors';
import type { RecognizeOptions, PageClock } from '../ocr/pipeline';
import type { OcrResult, Page } from '../ocr/types';
import type { LaneMessage, LaneRequest, LaneStart } from './lane-protocol';

/** A started lane: `ready` once its sessions are loaded; then `recognize` one page at a time. */
export class LaneThread {
  private readonly pending = new Map<number, (m: Extract<LaneMessage, { type: 'answer' }>) => void>();
  private nextId = 1;
  private stopping = false;
  /** Resolves with the time the lane took to load its sessions, once it can take pages. */
  readonly ready: Promise<number>;

  private constructor(
    private readonly worker: Worker,
    onDeath: (err: Error) => void,
  ) {
    let readied: (ms: number) => void = () => {};
    let unready: (err: Error) => void = () => {};
    let isReady = false;
    this.ready = new Promise((resolve, reject) => ((readied = resolve), (unready = reject)));
    worker.on('message', (m: LaneMessage) => {
      if (m.type === 'ready') return ((isReady = true), this.holdIfBusy(), readied(m.loadMs));
      const done = this.pending.get(m.id);
      this.pending.delete(m.id);
      this.holdIfBusy();
      done?.(m);
    });
    // A lane that could not start rejects `ready` (the worker goes on with one lane); one that dies later takes the
    // engine worker with it: the host restarts the worker and retries what was in flight.
    let dead = false;
    const die = (err: Error) => {
      if (dead || this.stopping) return;
      dead = true;
      if (isReady) onDeath(err);
      else unready(err);
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`exited with code ${code}`)));
  }

  /** Starts a lane from its bundled entry (dist/node/lane-thread.mjs, beside engine.mjs); `onDeath` once ready only. */
  static start(entry: URL, start: LaneStart, onDeath: (err: Error) => void): LaneThread {
    return new LaneThread(new Worker(entry, { workerData: start }), onDeath);
  }

  /**
   * Keeps the process alive while the lane starts or reads a page (a caller awaiting it may hold nothing else, as the
   * CLI's last pages do), and lets it exit while the lane idles.
   */
  private holdIfBusy(): void {
    if (this.pending.size > 0) this.worker.ref();
    else this.worker.unref();
  }

  /** Recognises a decoded page on the lane (its shared buffers are only read there). */
  recognize(page: Page, opts: RecognizeOptions, clock: PageClock): Promise<OcrResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (m) => (m.ok ? resolve(m.result) : reject(fromWireError(m.error))));
      const req: LaneRequest = {
        id,
        page,
        opts,
        t0: performance.timeOrigin + clock.t0,
        decodeMs: clock.decodeMs,
      };
      this.worker.postMessage(req);
      this.holdIfBusy();
    });
  }

  /** Stops the lane. */
  async terminate(): Promise<void> {
    this.stopping = true;
    await this.worker.terminate();
  }
}
