/** "OCR this folder now": one batch over a folder's files, with progress (done/total, rate, ETA), pause, resume, cancel. */
import { randomUUID } from 'node:crypto';
import type { BatchNotice, BatchProgress, BatchSkipNotice, WatchEvent } from '../contracts/lantern-api';
import type { FolderCounts } from './ledger';

export type { BatchProgress };

/** A batch's state. */
export type BatchState = BatchProgress['state'];

/** What a batch's scan left out, told with every progress event. */
export interface BatchNotes {
  /** Sub-folders it could not read. */
  readonly notice?: BatchNotice | undefined;
  /** Watched folders it left to their watch. */
  readonly skipped?: BatchSkipNotice | undefined;
}

/** What a batch needs from the watch manager. */
export interface BatchHost {
  counts(folderId: string): FolderCounts;
  /** The batch was resumed: take queued files again. */
  kick(): void;
  /** The batch was cancelled: cancel its engine requests in flight. */
  cancelFolder(folderId: string): void;
  emit(e: WatchEvent): void;
  /** The batch ended (finished or cancelled). */
  ended(job: BatchJob): void;
}

/** One batch. Files stay in the ledger: a cancelled batch's queued files are taken by the next batch of the folder. */
export class BatchJob {
  /** Batch id (the `batchId` of its events). */
  readonly id = randomUUID();
  private stateNow: BatchState = 'running';
  private processed = 0;
  private activeMs = 0;
  private resumedAt = performance.now();
  private throttle: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  private resolveEnd!: (p: BatchProgress) => void;
  /** Resolves with the last progress when the batch finishes or is cancelled. */
  readonly ended: Promise<BatchProgress>;

  constructor(
    readonly folderId: string,
    /** The folder's path, named in each progress event. */
    readonly dir: string,
    private readonly host: BatchHost,
    /** What the scan left out, told with every progress event. */
    private readonly notes: BatchNotes = {},
  ) {
    this.ended = new Promise((r) => (this.resolveEnd = r));
  }

  /** The current state. */
  get state(): BatchState {
    return this.stateNow;
  }

  /** Whether the batch's files may be taken now. */
  get active(): boolean {
    return this.stateNow === 'running';
  }

  /** Progress now: done, failed and total in the folder, rate of this batch (images/s), time left. */
  progress(): BatchProgress {
    const c = this.host.counts(this.folderId);
    const total = c.queued + c.running + c.done + c.failed;
    const ms = this.activeMs + (this.stateNow === 'running' ? performance.now() - this.resumedAt : 0);
    const rate = ms > 0 ? (this.processed * 1000) / ms : 0;
    const left = c.queued + c.running;
    const etaS = left === 0 ? 0 : rate > 0 ? Math.round(left / rate) : null;
    const r = Math.round(rate * 100) / 100;
    return {
      type: 'batch',
      batchId: this.id,
      dir: this.dir,
      done: c.done,
      failed: c.failed,
      total,
      rate: r,
      etaS,
      state: this.stateNow,
      ...(this.notes.notice ? { notice: this.notes.notice } : {}),
      ...(this.notes.skipped ? { skipped: this.notes.skipped } : {}),
    };
  }

  /** Stops taking new files (the ones in flight finish). */
  pause(): void {
    if (this.stateNow !== 'running') return;
    this.activeMs += performance.now() - this.resumedAt;
    this.set('paused');
  }

  /** Takes files again. */
  resume(): void {
    if (this.stateNow !== 'paused') return;
    this.resumedAt = performance.now();
    this.set('running');
    this.host.kick();
  }

  /** Ends the batch: no new files, requests in flight cancelled; unprocessed files stay queued in the ledger. */
  cancel(): void {
    if (this.stateNow === 'cancelled' || this.stateNow === 'finished') return;
    if (this.stateNow === 'running') this.activeMs += performance.now() - this.resumedAt;
    this.set('cancelled');
    this.host.cancelFolder(this.folderId);
    this.end();
  }

  /** A file of this batch finished (done or failed) or the queue changed: update progress, maybe finish. */
  update(processed: boolean): void {
    if (processed) this.processed++;
    if (this.disposed || this.stateNow === 'cancelled' || this.stateNow === 'finished') return;
    const c = this.host.counts(this.folderId);
    if (c.queued + c.running === 0) {
      if (this.stateNow === 'running') this.activeMs += performance.now() - this.resumedAt;
      this.stateNow = 'finished';
      this.end();
      return;
    }
    this.throttle ??= setTimeout(() => {
      this.throttle = null;
      if (this.stateNow === 'running' || this.stateNow === 'paused') this.host.emit(this.progress());
    }, 200);
  }

  /** Drops a pending progress event (the manager is closing; the ledger may be closed next). */
  dispose(): void {
    if (this.throttle) clearTimeout(this.throttle);
    this.throttle = null;
    this.disposed = true;
  }

  private set(state: BatchState): void {
    this.stateNow = state;
    this.host.emit(this.progress());
  }

  private end(): void {
    if (this.throttle) clearTimeout(this.throttle);
    const p = this.progress();
    this.host.emit(p);
    this.host.ended(this);
    this.resolveEnd(p);
  }
}
