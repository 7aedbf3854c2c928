/**
 * The CLI's page readers for many pages, as the engine worker's lanes (lane-threads.ts): two recognition lane threads
 * (lane-thread.ts) of half the intra-op threads each read two pages at once, while this thread only decodes, renders,
 * hands pages out and prints: onnxruntime-node's `session.run` holds the thread that calls it, so a lane whose answer
 * or next page had to wait for a model run here sat idle, and so did the rendering of the next pages. Until the lanes
 * are ready this thread reads with every intra-op thread; once they are, it reads no more (unless they are lost).
 */
import type { LaneThread } from '../engine/lane-client';
import { laneParts } from '../engine/lane-parts';
import { LANE_THREADS } from '../engine/lanes';
import { localImageOps, pageOf } from '../ocr/image-ops';
import type { OcrPipeline, PageClock, RecognizeOptions } from '../ocr/pipeline';
import type { OcrResult, Page, RgbImage } from '../ocr/types';

/** What the CLI reads pages with: the pipeline itself (one reader) or LaneReaders. */
export type PageReader = Pick<OcrPipeline, 'recognize' | 'recognizeImage'>;

interface Job {
  readonly page: Page;
  readonly opts: RecognizeOptions;
  readonly clock: PageClock;
  readonly resolve: (r: OcrResult) => void;
  readonly reject: (e: unknown) => void;
}

/** One lane thread, the page it reads now, and how many it read. */
interface Slot {
  readonly thread: LaneThread;
  job?: Job;
  read: number;
}

/** Where the lanes stand: pages go to them only once `ready`; `gone` when one failed, died or all were released. */
type LanesState = 'absent' | 'starting' | 'ready' | 'gone';

/** How the pages were shared out, for the `LANTERN_DEBUG` line. */
export interface ReaderCounts {
  readonly main: number;
  /** Pages each lane thread read. */
  readonly lanes: readonly number[];
  /** From `want()` to both lanes loaded, or null when they never were. */
  readonly laneReadyMs: number | null;
  readonly laneError: string | null;
}

/** This thread's pipeline and two lane threads over it; this thread reads until the lanes `want()` starts are ready. */
export class LaneReaders implements PageReader {
  private readonly queue: Job[] = [];
  private mainBusy = false;
  private mainRead = 0;
  private state: LanesState = 'absent';
  private threads: readonly LaneThread[] = [];
  private slots: readonly Slot[] = [];
  /** The pages the lanes were started for, one each: they read them first, so a started lane always takes part. */
  private claims: Job[] = [];
  private readyMs: number | null = null;
  private laneError: string | null = null;

  constructor(
    private readonly base: OcrPipeline,
    private readonly splitThreads: number,
    private readonly laneEntry: URL,
    private readonly modelsDir: string,
  ) {}

  /** Decodes and reads one encoded image on the first free reader. */
  async recognize(bytes: Uint8Array, opts: RecognizeOptions = {}): Promise<OcrResult> {
    const t0 = performance.now();
    const page = await this.base.decodePage(bytes);
    try {
      return await this.submit(page, opts, { t0, decodeMs: performance.now() - t0 });
    } finally {
      this.base.releasePage(page);
    }
  }

  /** Reads a decoded image (a rendered PDF or TIFF page) on the first free reader. */
  async recognizeImage(img: RgbImage, opts: RecognizeOptions = {}): Promise<OcrResult> {
    const t0 = performance.now();
    const page = await pageOf(img, this.base.pack.pack.det, localImageOps.resize);
    return this.submit(page, opts, { t0, decodeMs: 0 });
  }

  /** Starts the lane threads (the same pack and recogniser variant, `splitThreads` each). */
  want(): void {
    if (this.state !== 'absent') return;
    this.state = 'starting';
    const parts = laneParts(this.base, {
      entry: this.laneEntry,
      modelsDir: this.modelsDir,
      splitThreads: this.splitThreads,
    });
    const t0 = performance.now();
    const threads: LaneThread[] = [];
    this.threads = threads; // each as it starts: one that started before another threw is released too
    void (async () => {
      for (let i = 0; i < LANE_THREADS; i++) threads.push(parts.start((err) => this.lost(err)));
      return Promise.all(threads.map((t) => t.ready));
    })().then(
      () => {
        if (this.state !== 'starting') return;
        this.readyMs = Math.round(performance.now() - t0);
        this.slots = this.threads.map((thread) => ({ thread, read: 0 }));
        this.state = 'ready';
        for (const [i, job] of this.claims.splice(0).entries()) this.runLane(this.slots[i]!, job);
        this.pump();
      },
      (err: unknown) => this.lost(err instanceof Error ? err : new Error(String(err))),
    );
  }

  /** A lane failed to start or died: what the lanes held goes back to this thread, which reads on alone. */
  private lost(err: Error): void {
    if (this.state === 'gone') return;
    this.state = 'gone';
    this.laneError = err.message;
    const held = [...this.claims, ...this.slots.flatMap((s) => (s.job ? [s.job] : []))];
    this.queue.unshift(...held);
    this.claims = [];
    for (const s of this.slots) s.job = undefined;
    for (const t of this.threads) void t.terminate();
    this.pump();
  }

  private submit(page: Page, opts: RecognizeOptions, clock: PageClock): Promise<OcrResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ page, opts, clock, resolve, reject });
      this.pump();
    });
  }

  /**
   * Hands waiting pages out: to free lanes once they are ready; before (or once they are lost), to this thread with
   * every intra-op thread, and while the lanes start, one page to claim for each.
   */
  private pump(): void {
    if (!this.mainBusy && this.state !== 'ready') {
      const job = this.queue.shift();
      if (job) this.runMain(job);
    }
    if (this.state === 'ready')
      for (const slot of this.slots) {
        const job = slot.job ? undefined : this.queue.shift();
        if (job) this.runLane(slot, job);
      }
    while (this.state === 'starting' && this.claims.length < LANE_THREADS && this.queue.length > 0)
      this.claims.push(this.queue.shift()!);
  }

  private runMain(job: Job): void {
    this.mainBusy = true;
    this.base
      .recognizePage(job.page, job.opts, job.clock)
      .then(job.resolve, job.reject)
      .finally(() => {
        this.mainRead++;
        this.mainBusy = false;
        this.pump();
      });
  }

  private runLane(slot: Slot, job: Job): void {
    slot.job = job;
    slot.thread.recognize(job.page, job.opts, job.clock).then(
      (r) => this.laneDone(slot, job, () => job.resolve(r)),
      (err: unknown) => this.laneDone(slot, job, () => job.reject(err)),
    );
  }

  private laneDone(slot: Slot, job: Job, answer: () => void): void {
    if (slot.job !== job) return; // the lanes were lost meanwhile and the page went back to this thread
    slot.job = undefined;
    slot.read++;
    answer();
    this.pump();
  }

  /** How many pages this thread and each lane read, and how the lanes started. */
  report(): ReaderCounts {
    return {
      main: this.mainRead,
      lanes:
        this.slots.length > 0 ? this.slots.map((s) => s.read) : Array.from({ length: LANE_THREADS }, () => 0),
      laneReadyMs: this.readyMs,
      laneError: this.laneError,
    };
  }

  /** Stops the lanes and frees every session. */
  async release(): Promise<void> {
    this.state = 'gone';
    await Promise.all(this.threads.map((t) => t.terminate()));
    await this.base.release();
  }
}
