/**
 * The engine worker's second recognition lane: a lane thread with sessions of its own (lane-thread.ts), started the
 * first time a recognition waits while the main thread is busy, with the main thread's sessions at the split thread
 * count loaded alongside (split-sessions.ts); both released after `idleMs` without work for the lane (lane-life.ts).
 */
import type { EngineRequest, EngineEvent } from '../contracts/engine-protocol';
import type { OcrPipeline, PageClock, RecognizeOptions } from '../ocr/pipeline';
import { releaseSessions, type Sessions } from '../ocr/sessions';
import type { OcrResult, Page } from '../ocr/types';
import type { LaneThread } from './lane-client';
import { laneParts } from './lane-parts';
import { laneStep, type LaneEvent, type LaneLife } from './lane-life';
import { splitSessions } from './split-sessions';
import { Timers } from './timers';

/** A queued recognition, the only request a lane other than the main one takes. */
export type RecognizeRequest = Extract<EngineRequest, { type: 'recognize' }>;

/** Runs a decoded page on one lane: the main thread's pipeline or the second lane's thread. */
export type RecognizeOn = (page: Page, opts: RecognizeOptions, clock: PageClock) => Promise<OcrResult>;

/** What the lane needs of its worker: the shared queue, whether the main lane drains it, and how requests are answered. */
export interface SecondLaneHost {
  /** The worker's queue: the lane takes its head while the main lane is busy. */
  readonly queue: EngineRequest[];
  /** True while the main lane is working through the queue. */
  readonly mainBusy: () => boolean;
  /** Sends the lane's `lanes` and `log` events to the host. */
  readonly send: (event: Extract<EngineEvent, { type: 'lanes' | 'log' }>) => void;
  /** Reads, decodes and recognises a request's page on the given lane, and replies with its result. */
  readonly recognize: (req: RecognizeRequest, on: RecognizeOn) => Promise<void>;
  /** Replies to a request with its error. */
  readonly fail: (id: string, err: unknown) => void;
  /** Runs a full collection after a release, so that the freed sessions' memory goes back. */
  readonly collect: () => void;
}

/** How the lane is started: its thread, the main lane's split sessions, their thread count and the idle time. */
export interface SecondLaneConfig {
  readonly start: () => LaneThread;
  readonly loadSplit: () => Promise<Sessions>;
  readonly splitThreads: number;
  readonly idleMs: number;
}

/** The second lane's state, moved along lane-life.ts' table; `off` once it failed to start or the worker shuts down. */
export class SecondLane {
  private life: LaneLife = 'absent';
  private lane: LaneThread | undefined;
  private split: Sessions | undefined;
  private busy = false;
  private idleDue = false;
  private answered = 0;
  private off = false;
  private readonly timer = new Timers<'idle'>();

  constructor(
    private readonly config: SecondLaneConfig,
    private readonly host: SecondLaneHost,
  ) {}

  /** The main lane's sessions: every thread while it runs alone, the split set while this lane is busy too. */
  mainSessions(all: Sessions): Sessions {
    return splitSessions(
      all,
      () => (this.off ? undefined : this.split),
      () => !this.off && this.busy,
    );
  }

  /** While the main thread is busy, hands the next queued recognition to this lane (starting it when absent). */
  feed(): void {
    const next = this.host.queue[0];
    if (this.off || !this.host.mainBusy() || next?.type !== 'recognize') return;
    if (this.life === 'absent') return this.start();
    if (this.life !== 'ready' || this.busy) return; // starting or releasing: the main lane takes it
    const lane = this.lane!;
    this.host.queue.shift();
    this.busy = true;
    this.idleDue = false;
    void this.host
      .recognize(next, (page, opts, clock) => lane.recognize(page, opts, clock))
      .catch((err: unknown) => this.host.fail(next.id, err))
      .finally(() => {
        if (this.answered++ === 0)
          this.host.send({
            type: 'log',
            level: 'debug',
            message: 'second recognition lane answered its first request',
          });
        this.busy = false;
        this.armIdle();
        this.feed();
        this.releaseIfDue();
      });
  }

  /**
   * Releases the lane and the split sessions once its idle time ran out and nothing runs: the main lane is idle too,
   * so no model run of it holds a split session. Requests meanwhile go to the main lane; the next one that waits
   * behind another once the release is done starts the lane again.
   */
  releaseIfDue(): void {
    if (this.off || !this.idleDue || this.life !== 'ready' || this.busy || this.host.mainBusy()) return;
    this.idleDue = false;
    this.step('idle');
    const { lane, split } = this;
    this.lane = undefined;
    this.split = undefined; // the main lane's sessions answer with every thread from here
    this.host.send({ type: 'lanes', running: 1 });
    void (async () => {
      await lane?.terminate();
      if (split) await releaseSessions(split);
      this.host.collect();
      return `second recognition lane released after ${this.config.idleMs / 1000} s without work for it`;
    })().then(
      (message) => this.released('info', message),
      (err: unknown) =>
        this.released('warn', `second recognition lane released with an error: ${String(err)}`),
    );
  }

  /** Stops the lane for the worker's shutdown: the main lane's sessions answer with every thread from here. */
  async shutdown(): Promise<void> {
    if (this.off) return;
    this.off = true;
    this.timer.clearAll();
    await this.lane?.terminate();
    if (this.split) await releaseSessions(this.split);
  }

  /** Moves the lane along its table (lane-life.ts); a step the table does not have is a bug here. */
  private step(event: LaneEvent): void {
    const next = laneStep(this.life, event);
    if (!next) throw new Error(`second lane: ${event} in ${this.life}`);
    this.life = next;
  }

  /** Starts the lane thread and the main lane's split sessions; a lane that cannot start leaves the worker on one. */
  private start(): void {
    this.step('wanted');
    const lane = this.config.start();
    this.lane = lane;
    const split = this.config.loadSplit();
    Promise.all([lane.ready, split]).then(
      ([ms, sessions]) => {
        if (this.off) return void lane.terminate().then(() => releaseSessions(sessions)); // shut down meanwhile
        this.split = sessions;
        this.step('started');
        this.host.send({ type: 'lanes', running: 2 });
        const threads = this.config.splitThreads;
        this.host.send({
          type: 'log',
          level: 'info',
          message:
            `second recognition lane ready (warm-up ${ms} ms); the main lane runs ${threads} intra-op ` +
            `thread${threads > 1 ? 's' : ''} while both lanes are busy`,
        });
        this.armIdle();
        this.feed();
      },
      (err: Error) => {
        this.host.send({
          type: 'log',
          level: 'warn',
          message: `second recognition lane did not start: ${err.message}`,
        });
        void lane.terminate();
        void split.then(releaseSessions, () => {}); // a set that failed to load is the error reported above
        this.off = true;
      },
    );
  }

  /** Counts the lane's idle time from now: when it runs out, the lane is released once neither lane is busy. */
  private armIdle(): void {
    this.timer.set('idle', this.config.idleMs, () => {
      this.idleDue = true;
      this.releaseIfDue();
    });
  }

  /** Ends a release (what could not be freed is not retried: the next start loads afresh); a waiting request restarts it. */
  private released(level: 'info' | 'warn', message: string): void {
    this.step('released');
    this.host.send({ type: 'log', level, message });
    this.feed();
  }
}

/** What the worker knows at ready that the lane thread needs to start like the main thread's sessions. */
export interface SecondLaneStart {
  readonly modelsDir: string;
  readonly splitThreads: number;
  readonly idleMs: number;
  readonly packId?: string;
  readonly warmupPage: Uint8Array;
  /** Called when a ready lane thread dies: the worker exits and its host restarts it. */
  readonly onDeath: (err: Error) => void;
}

/** Plans the second lane beside a loaded pipeline: the lane, and the main pipeline on sessions that split with it. */
export function setupSecondLane(
  p: OcrPipeline,
  start: SecondLaneStart,
  host: SecondLaneHost,
): { readonly lane: SecondLane; readonly main: OcrPipeline } {
  const parts = laneParts(p, {
    entry: new URL('./lane-thread.mjs', import.meta.url),
    modelsDir: start.modelsDir,
    splitThreads: start.splitThreads,
    ...(start.packId ? { packId: start.packId } : {}),
  });
  const lane = new SecondLane(
    {
      splitThreads: start.splitThreads,
      idleMs: start.idleMs,
      loadSplit: parts.loadSplit,
      start: () => parts.start(start.warmupPage, start.onDeath),
    },
    host,
  );
  return { lane, main: p.withSessions(lane.mainSessions(p.sessions)) };
}
