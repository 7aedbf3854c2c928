/**
 * The CLI's two page readers for many pages: this thread's pipeline and a recognition lane of the engine's kind
 * (lane-thread.ts), each on half the cores while both are busy (split-sessions.ts), so that two pages are read at once
 * and the next input is decoded or rendered meanwhile. Pages are answered by whichever reader frees first.
 */
import type { LaneThread } from '../engine/lane-client';
import { laneParts } from '../engine/lane-parts';
import { splitSessions } from '../engine/split-sessions';
import { warmupPage } from '../engine/warmup';
import { localImageOps, pageOf } from '../ocr/image-ops';
import type { OcrPipeline, PageClock, RecognizeOptions } from '../ocr/pipeline';
import { releaseSessions, type Sessions } from '../ocr/sessions';
import type { OcrResult, Page, RgbImage } from '../ocr/types';

/** What the CLI reads pages with: the pipeline itself (one reader) or TwoReaders. */
export type PageReader = Pick<OcrPipeline, 'recognize' | 'recognizeImage'>;

interface Job {
  readonly page: Page;
  readonly opts: RecognizeOptions;
  readonly clock: PageClock;
  readonly resolve: (r: OcrResult) => void;
  readonly reject: (e: unknown) => void;
}

/** Where the second reader stands: pages go to it only once `ready`; `gone` when it failed or died. */
type LaneState = 'absent' | 'starting' | 'ready' | 'gone';

/** How the pages were shared out, for the `LANTERN_DEBUG` line. */
export interface ReaderCounts {
  readonly first: number;
  readonly second: number;
  readonly secondWarmupMs: number | null;
  readonly secondError: string | null;
}

/** Two readers over one loaded pipeline; the first reads alone until `want()` starts and warms up the second one. */
export class TwoReaders implements PageReader {
  private readonly queue: Job[] = [];
  private readonly main: OcrPipeline;
  private mainBusy = false;
  private state: LaneState = 'absent';
  private lane?: LaneThread;
  private split?: Promise<Sessions>;
  private splitReady?: Sessions;
  /** The page the second reader was started for: it reads it first, so a started reader always takes part. */
  private claim?: Job;
  private onLane?: Job;
  private counts = { first: 0, second: 0 };
  private warmupMs: number | null = null;
  private laneError: string | null = null;

  constructor(
    private readonly base: OcrPipeline,
    private readonly splitThreads: number,
    private readonly laneEntry: URL,
    private readonly modelsDir: string,
  ) {
    this.main = base.withSessions(
      splitSessions(
        base.sessions,
        () => this.splitReady,
        () => this.onLane !== undefined,
      ),
    );
  }

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

  /** Starts the second reader (its sessions at half the threads, warmed up) and this thread's half-thread sessions. */
  want(): void {
    if (this.state !== 'absent') return;
    this.state = 'starting';
    const parts = laneParts(this.base, {
      entry: this.laneEntry,
      modelsDir: this.modelsDir,
      splitThreads: this.splitThreads,
    });
    this.split = parts.loadSplit();
    const split = this.split;
    split.catch(() => {}); // reported through the start below
    void warmupPage()
      .then((warmup) => {
        if (this.state !== 'starting') throw new Error('released before it started');
        this.lane = parts.start(warmup, (err) => this.lost(err));
        return Promise.all([this.lane.ready, split]);
      })
      .then(
        ([ms, sessions]) => {
          if (this.state !== 'starting') return;
          this.warmupMs = ms;
          this.splitReady = sessions;
          this.state = 'ready';
          this.pump();
        },
        (err: unknown) => this.lost(err instanceof Error ? err : new Error(String(err))),
      );
  }

  /** The second reader failed to start or died: what it held goes back to the first reader. */
  private lost(err: Error): void {
    if (this.state === 'gone') return;
    this.state = 'gone';
    this.laneError = err.message;
    for (const job of [this.onLane, this.claim]) if (job) this.queue.unshift(job);
    this.onLane = undefined;
    this.claim = undefined;
    void this.lane?.terminate();
    this.pump();
  }

  private submit(page: Page, opts: RecognizeOptions, clock: PageClock): Promise<OcrResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ page, opts, clock, resolve, reject });
      this.pump();
    });
  }

  /** Hands waiting pages to free readers: this thread's first (every thread while alone), then the second. */
  private pump(): void {
    if (!this.mainBusy) {
      const job = this.queue.shift();
      if (job) this.runMain(job);
    }
    if (this.state === 'ready' && !this.onLane) {
      const job = this.claim ?? this.queue.shift();
      this.claim = undefined;
      if (job) this.runLane(job);
    }
    if (this.state === 'starting' && !this.claim) this.claim = this.queue.shift();
  }

  private runMain(job: Job): void {
    this.mainBusy = true;
    this.main
      .recognizePage(job.page, job.opts, job.clock)
      .then(job.resolve, job.reject)
      .finally(() => {
        this.counts.first++;
        this.mainBusy = false;
        this.pump();
      });
  }

  private runLane(job: Job): void {
    this.onLane = job;
    this.lane!.recognize(job.page, job.opts, job.clock).then(
      (r) => this.laneDone(job, () => job.resolve(r)),
      (err: unknown) => this.laneDone(job, () => job.reject(err)),
    );
  }

  private laneDone(job: Job, answer: () => void): void {
    if (this.onLane !== job) return; // the lane died meanwhile and the page went back to the first reader
    this.onLane = undefined;
    this.counts.second++;
    answer();
    this.pump();
  }

  /** How many pages each reader read, and how the second one started. */
  report(): ReaderCounts {
    return { ...this.counts, secondWarmupMs: this.warmupMs, secondError: this.laneError };
  }

  /** Stops the second reader and frees every session. */
  async release(): Promise<void> {
    const wasStarted = this.state !== 'absent';
    this.state = 'gone';
    await this.lane?.terminate();
    // A set that failed to load was reported as the second reader's error.
    if (wasStarted) await this.split?.then(releaseSessions, () => {});
    await this.base.release();
  }
}
