/**
 * The engine worker's recognition lanes for pages at once: two lane threads (lane-thread.ts) with sessions of their own
 * at half the intra-op threads, started together the first time a recognition waits while the main thread is busy,
 * released together after `idleMs` without work (lane-life.ts). While either runs a page, queued pages go to them and
 * the main thread only receives, dispatches and answers: onnxruntime-node's `session.run` holds its JS thread, so a
 * lane whose answer or next page had to wait for a main-thread model run sat idle. A lone page runs on the main thread
 * with every intra-op thread.
 */
import type { EngineRequest, EngineEvent } from '../contracts/engine-protocol';
import type { OcrPipeline, PageClock, RecognizeOptions } from '../ocr/pipeline';
import type { OcrResult, Page } from '../ocr/types';
import type { LaneThread } from './lane-client';
import { laneParts } from './lane-parts';
import { laneStep, type LaneEvent, type LaneLife } from './lane-life';
import { LANE_THREADS } from './lanes';
import { Timers } from './timers';

/** A queued recognition, the only request a lane thread takes. */
export type RecognizeRequest = Extract<EngineRequest, { type: 'recognize' }>;

/** Runs a decoded page on one lane: the main thread's pipeline or a lane thread. */
export type RecognizeOn = (page: Page, opts: RecognizeOptions, clock: PageClock) => Promise<OcrResult>;

/** What the lanes need of their worker: the shared queue, its main lane, and how requests are answered. */
export interface LaneThreadsHost {
  /** The worker's queue: a free lane thread takes its head while another page runs. */
  readonly queue: EngineRequest[];
  /** True while the main thread runs a request. */
  readonly mainBusy: () => boolean;
  /** Lets the main thread take what the lanes left in the queue (it does so only while no lane thread runs). */
  readonly drain: () => void;
  /** Sends the lanes' `lanes` and `log` events to the host. */
  readonly send: (event: Extract<EngineEvent, { type: 'lanes' | 'log' }>) => void;
  /** Reads, decodes and recognises a request's page on the given lane, and replies with its result. */
  readonly recognize: (req: RecognizeRequest, on: RecognizeOn) => Promise<void>;
  /** Replies to a request with its error. */
  readonly fail: (id: string, err: unknown) => void;
  /** Runs a full collection after a release, so that the freed sessions' memory goes back. */
  readonly collect: () => void;
}

/** How the lanes are started: one lane thread per call, their intra-op threads and the idle time. */
export interface LaneThreadsConfig {
  readonly start: () => LaneThread;
  readonly threads: number;
  readonly idleMs: number;
}

/** One lane thread and whether it runs a page now. */
interface Slot {
  readonly thread: LaneThread;
  busy: boolean;
}

/** The lanes' state, moved along lane-life.ts' table; `off` once they failed to start or the worker shuts down. */
export class LaneThreads {
  private life: LaneLife = 'absent';
  private slots: readonly Slot[] = [];
  private idleDue = false;
  private answered = 0;
  private off = false;
  private readonly timer = new Timers<'idle'>();

  constructor(
    private readonly config: LaneThreadsConfig,
    private readonly host: LaneThreadsHost,
  ) {}

  /** True while a lane thread runs a page: the main thread then leaves the queue to the lanes. */
  busy(): boolean {
    return this.slots.some((s) => s.busy);
  }

  /** While another page runs, hands queued recognitions to free lane threads (starting them when absent). */
  feed(): void {
    for (;;) {
      const next = this.host.queue[0];
      if (this.off || next?.type !== 'recognize' || !(this.host.mainBusy() || this.busy())) return;
      if (this.life === 'absent') return this.start();
      if (this.life !== 'ready') return; // starting or releasing: the main lane takes it
      const free = this.slots.find((s) => !s.busy);
      if (!free) return;
      this.host.queue.shift();
      this.run(free, next);
    }
  }

  /**
   * Releases the lane threads once their idle time ran out and nothing runs. Requests meanwhile go to the main lane;
   * the next one that waits behind another once the release is done starts them again.
   */
  releaseIfDue(): void {
    if (this.off || !this.idleDue || this.life !== 'ready' || this.busy() || this.host.mainBusy()) return;
    this.idleDue = false;
    this.step('idle');
    const threads = this.slots.map((s) => s.thread);
    this.slots = [];
    this.host.send({ type: 'lanes', running: 1 });
    void (async () => {
      await Promise.all(threads.map((t) => t.terminate()));
      this.host.collect();
      return `recognition lanes released after ${this.config.idleMs / 1000} s without work for them`;
    })().then(
      (message) => this.released('info', message),
      (err: unknown) => this.released('warn', `recognition lanes released with an error: ${String(err)}`),
    );
  }

  /** Stops the lane threads for the worker's shutdown. */
  async shutdown(): Promise<void> {
    if (this.off) return;
    this.off = true;
    this.timer.clearAll();
    await Promise.all(this.slots.map((s) => s.thread.terminate()));
  }

  /** Runs a request on a lane thread; when it is answered, the lanes and the main thread look at the queue again. */
  private run(slot: Slot, req: RecognizeRequest): void {
    slot.busy = true;
    this.idleDue = false;
    void this.host
      .recognize(req, (page, opts, clock) => slot.thread.recognize(page, opts, clock))
      .catch((err: unknown) => this.host.fail(req.id, err))
      .finally(() => {
        if (this.answered++ === 0)
          this.host.send({
            type: 'log',
            level: 'debug',
            message: 'a recognition lane answered its first request',
          });
        slot.busy = false;
        this.armIdle();
        this.feed();
        this.host.drain();
        this.releaseIfDue();
      });
  }

  /** Moves the lanes along their table (lane-life.ts); a step the table does not have is a bug here. */
  private step(event: LaneEvent): void {
    const next = laneStep(this.life, event);
    if (!next) throw new Error(`recognition lanes: ${event} in ${this.life}`);
    this.life = next;
  }

  /** Starts both lane threads; lanes that cannot start leave the worker on its main lane alone. */
  private start(): void {
    this.step('wanted');
    const threads = Array.from({ length: LANE_THREADS }, () => this.config.start());
    Promise.all(threads.map((t) => t.ready)).then(
      (loads) => {
        if (this.off) return void Promise.all(threads.map((t) => t.terminate())); // shut down meanwhile
        this.slots = threads.map((thread) => ({ thread, busy: false }));
        this.step('started');
        this.host.send({ type: 'lanes', running: 2 });
        const n = this.config.threads;
        this.host.send({
          type: 'log',
          level: 'info',
          message:
            `recognition lanes ready (loaded in ${loads.join(', ')} ms): pages at once run on ${LANE_THREADS} lane ` +
            `threads of ${n} intra-op thread${n > 1 ? 's' : ''} each`,
        });
        this.armIdle();
        this.feed();
      },
      (err: Error) => {
        this.host.send({
          type: 'log',
          level: 'warn',
          message: `recognition lanes did not start: ${err.message}`,
        });
        for (const t of threads) void t.terminate();
        this.off = true;
      },
    );
  }

  /** Counts the lanes' idle time from now: when it runs out, they are released once nothing runs. */
  private armIdle(): void {
    this.timer.set('idle', this.config.idleMs, () => {
      this.idleDue = true;
      this.releaseIfDue();
    });
  }

  /** Ends a release (what could not be freed is not retried: the next start loads afresh); a waiting request restarts them. */
  private released(level: 'info' | 'warn', message: string): void {
    this.step('released');
    this.host.send({ type: 'log', level, message });
    this.feed();
  }
}

/** What the worker knows at ready that the lane threads need to start like the main thread's sessions. */
export interface LaneThreadsStart {
  readonly modelsDir: string;
  readonly threads: number;
  readonly idleMs: number;
  readonly packId?: string;
  /** Called when a ready lane thread dies: the worker exits and its host restarts it. */
  readonly onDeath: (err: Error) => void;
}

/** Plans the lane threads beside a loaded pipeline: the same pack and recogniser variant, `threads` intra-op each. */
export function setupLaneThreads(
  p: OcrPipeline,
  start: LaneThreadsStart,
  host: LaneThreadsHost,
): LaneThreads {
  const parts = laneParts(p, {
    entry: new URL('./lane-thread.mjs', import.meta.url),
    modelsDir: start.modelsDir,
    splitThreads: start.threads,
    ...(start.packId ? { packId: start.packId } : {}),
  });
  return new LaneThreads(
    {
      threads: start.threads,
      idleMs: start.idleMs,
      start: () => parts.start(start.onDeath),
    },
    host,
  );
}
