/** Fan-out of watch events (for the UI) and per-file outcomes (for logs), with folder views and throttled counters. */
import path from 'node:path';
import { LanternError } from '../contracts/errors';
import type { WatchEvent, WatchFolder, WatchNotice, WatchPauseCode } from '../contracts/lantern-api';
import type { FileOutcome } from './batch-runner';
import type { FolderCounts, FolderRow, Ledger } from './ledger';
import { isUnreadable } from './ledger-damage';

/** Watch events and outcomes, to any number of subscribers. */
export class WatchEvents {
  private readonly listeners = new Set<(e: WatchEvent) => void>();
  private readonly outcomeListeners = new Set<(o: FileOutcome) => void>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lastCounts = new Map<string, FolderCounts>();
  private closed = false;

  constructor(
    private readonly ledger: Ledger,
    /** Whether all watching is paused (shown as the folders' reason). */
    private readonly allPaused: () => boolean,
    private readonly log?: (level: 'warn', message: string) => void,
    /** A folder's notice (polled instead of watched), if any. */
    private readonly noticeOf: (id: string) => WatchNotice | null = () => null,
    /** The kind of a folder's own pause, if known. */
    private readonly pauseOf: (id: string) => WatchPauseCode | null = () => null,
  ) {}

  /** Subscribes to watch events; returns the unsubscribe function. */
  onEvent(cb: (e: WatchEvent) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Subscribes to per-file outcomes; returns the unsubscribe function. */
  onOutcome(cb: (o: FileOutcome) => void): () => void {
    this.outcomeListeners.add(cb);
    return () => this.outcomeListeners.delete(cb);
  }

  /** Sends one event to every subscriber (a failing subscriber is logged, not fatal). */
  emit(e: WatchEvent): void {
    for (const cb of this.listeners) {
      try {
        cb(e);
      } catch (err) {
        this.log?.('warn', `watch event listener failed: ${(err as Error).message}`);
      }
    }
  }

  /** Reports a file's outcome and schedules its folder's counters. */
  outcome(o: FileOutcome): void {
    this.outcomeListeners.forEach((cb) => cb(o));
    this.folderSoon(o.folderId);
  }

  /** A folder as the UI shows it. */
  view(f: FolderRow): WatchFolder {
    const c = this.counts(f.id);
    const allPaused = f.pausedReason === null && this.allPaused() && f.enabled;
    const pausedReason = allPaused ? 'Watching is paused' : f.pausedReason;
    const pausedCode = allPaused ? 'WATCHING_PAUSED' : f.pausedReason ? this.pauseOf(f.id) : null;
    const { id, dir, kind, options, enabled } = f;
    const counts = { queued: c.queued + c.running, done: c.done, failed: c.failed };
    return { id, dir, kind, options, enabled, pausedReason, pausedCode, notice: this.noticeOf(id), counts };
  }

  /** A folder's counters; from a damaged ledger the last ones read, so its folders still show with their notice. */
  private counts(id: string): FolderCounts {
    try {
      const c = this.ledger.counts(id);
      this.lastCounts.set(id, c);
      return c;
    } catch (err) {
      if (!isUnreadable(err)) throw err;
      return this.lastCounts.get(id) ?? { queued: 0, running: 0, done: 0, failed: 0 };
    }
  }

  /** Emits a folder's current view now and returns it. */
  folder(id: string): WatchFolder {
    const f = this.ledger.folders.get(id);
    if (!f) throw new LanternError('NOT_FOUND', `no folder ${id}`);
    const folder = this.view(f);
    this.emit({ type: 'folder', folder });
    return folder;
  }

  /** Emits a folder's view within 250 ms (counters change with every file; this keeps the stream light). */
  folderSoon(id: string): void {
    if (this.closed || this.pending.has(id)) return;
    const t = setTimeout(() => {
      this.pending.delete(id);
      try {
        if (this.ledger.folders.get(id)) this.folder(id);
      } catch (err) {
        // On a timer nobody awaits: a ledger that fails here is logged, never a crash of the process.
        this.log?.('warn', `watch: folder ${id}: ${(err as Error).message}`);
      }
    }, 250);
    t.unref();
    this.pending.set(id, t);
  }

  /** Emits a file event (path made absolute). */
  file(folderId: string, rel: string, state: 'queued' | 'done' | 'failed'): void {
    const f = this.ledger.folders.get(folderId);
    this.emit({ type: 'file', folderId, path: f ? path.join(f.dir, rel) : rel, state });
    this.folderSoon(folderId);
  }

  /** Drops pending folder events; none are scheduled any more. */
  close(): void {
    this.closed = true;
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }
}
