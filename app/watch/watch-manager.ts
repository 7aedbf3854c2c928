/**
 * The folder-watch core: watched folders (chokidar), batches, the ledger and the batch runner behind one object
 * that fits the HTTP layer's WatchService and the renderer bridge's `watch.*`. Depends only on OcrService.
 */
import { LanternError } from '../contracts/errors';
import type {
  BatchAction,
  LedgerNotice,
  BatchProgress,
  FailedFile,
  WatchEvent,
  WatchFolder,
  WatchLedger,
  WatchNotice,
  WatchOptions,
} from '../contracts/lantern-api';
import type { DocumentReader } from '../documents/document-reader';
import type { OcrService } from '../engine/ocr-service';
import type { BatchJob } from './batch-job';
import { startBatchJob } from './batch-start';
import { BatchRunner, type FileOutcome } from './batch-runner';
import { activeFolderIds } from './active-folders';
import { folderPath, savedProblem, validatedOptions } from './folder-options';
import { assertNoBatchOverlap, assertNotNested, assertOwnOutputs } from './folder-refusals';
import { FolderWatcher } from './folder-watcher';
import { folderWatchHandlers } from './folder-watch-handlers';
import type { FolderRow, Ledger } from './ledger';
import { LedgerDamage } from './ledger-damage';
import { FolderPauses } from './folder-pauses';
import { outputPaths, removeStaleTmp } from './outputs';
import { WatchEvents } from './watch-events';

/** Construction options. */
export interface WatchManagerOptions {
  readonly ledger: Ledger;
  readonly service: OcrService;
  /** Files submitted to the engine at once (default 2). */
  readonly concurrency?: number;
  /** Quiet time after the last write before a file is read (ms, default 400). */
  readonly stabilityMs?: number;
  /** How often a missing folder or an unwritable output is checked again (ms, default 2000). */
  readonly pollMs?: number;
  readonly log?: (level: 'info' | 'warn', message: string) => void;
  /** Where documents are rendered and searchable PDFs written (Electron main: its document thread; default here). */
  readonly documents?: DocumentReader;
  /** The ledger's own notice (LEDGER_SET_ASIDE): `ledgerStatus` says it, and every folder without one of its own. */
  readonly ledgerNotice?: LedgerNotice | null;
}

/** Watched folders and batches over one ledger and one OcrService. */
export class WatchManager {
  /** The queue consumer (exposed for tests and `whenIdle`). */
  readonly runner: BatchRunner;
  private readonly ledger: Ledger;
  private readonly watchers = new Map<string, FolderWatcher>();
  /** Folders polled because the system's file-watch limit was reached. */
  private readonly notices = new Map<string, WatchNotice>();
  private readonly pauses: FolderPauses;
  private readonly jobs = new Map<string, BatchJob>();
  private readonly events: WatchEvents;
  private readonly stabilityMs: number;
  private paused = false;
  /**
   * Once a statement found the ledger's file damaged: what found it (every call that would start or change watching
   * is refused with it) and the LEDGER_DAMAGED notice the folders carry. Nothing is taken from the ledger any more.
   */
  private damage: { readonly found: LedgerDamage; readonly notice: LedgerNotice } | null = null;

  constructor(private readonly opts: WatchManagerOptions) {
    this.ledger = opts.ledger;
    this.events = new WatchEvents(
      opts.ledger,
      () => this.paused,
      opts.log,
      (id) => this.damage?.notice ?? this.notices.get(id) ?? opts.ledgerNotice ?? null,
      (id) => this.pauses.code(id),
    );
    this.stabilityMs = opts.stabilityMs ?? 400;
    this.runner = new BatchRunner(
      opts.ledger,
      opts.service,
      {
        activeFolders: () => this.activeFolders(),
        outputUnwritable: (id, reason) => this.pauses.set(id, 'output', reason),
        finished: (o) => this.handleOutcome(o),
        emit: (e) => this.events.emit(e),
        log: (level, message) => this.opts.log?.(level, message),
      },
      opts.concurrency ?? 2,
      opts.documents,
    );
    this.pauses = new FolderPauses(
      opts.ledger,
      (id, reason) => this.pauseChanged(id, reason),
      opts.pollMs ?? 2000,
    );
    opts.ledger.onDamaged((err) => this.damaged(err));
  }

  /** Resumes after a restart: files left running are queued again (their stale temporaries removed), watching restarts. */
  async start(): Promise<void> {
    for (const row of this.ledger.recoverRunning()) {
      const f = this.ledger.folders.get(row.folderId);
      if (f) await removeStaleTmp(outputPaths(f.dir, f.options, row.path));
    }
    for (const f of this.ledger.folders.list('watch')) {
      if (f.enabled) await this.startWatching(f);
      // A folder switched off is not checked, so a reason its last run kept cannot be told true now.
      else this.pauses.settle(f.id);
    }
    this.runner.kick();
  }

  /** The ledger's notice, once for every folder (there may be none): found damaged, else set aside at start. */
  ledgerStatus(): WatchLedger {
    return { notice: this.damage?.notice ?? this.opts.ledgerNotice ?? null };
  }

  /** Watched folders with their counters. */
  list(): WatchFolder[] {
    return this.ledger.folders.list('watch').map((f) => this.events.view(f));
  }

  /** Watches a folder (or updates its options); files already there are reconciled with the ledger. */
  async add(dir: string, options: Partial<WatchOptions> = {}): Promise<WatchFolder> {
    this.refuseIfDamaged();
    const abs = folderPath(dir);
    const opts = await validatedOptions(abs, options);
    await assertNotNested(abs, opts, this.ledger.folders.list('watch'));
    await assertNoBatchOverlap(abs, opts, this.batchFolders(abs));
    await assertOwnOutputs(abs, opts, this.ledger.folders.list('watch'));
    await this.stopWatching(this.ledger.folders.byDir(abs)?.id);
    const f = this.ledger.folders.add(abs, opts, 'watch');
    this.ledger.folders.setEnabled(f.id, true);
    await this.startWatching(this.ledger.folders.get(f.id)!);
    return this.events.folder(f.id);
  }

  /** The folders of the batches not ended (running or paused), but `dir`'s own: a watch of it takes over its rows. */
  private batchFolders(dir: string): FolderRow[] {
    const rows = [...this.jobs.keys()].map((id) => this.ledger.folders.get(id));
    return rows.filter((f): f is FolderRow => f !== undefined && f.kind === 'batch' && f.dir !== dir);
  }

  /** Stops watching a folder and forgets its files (outputs stay on disk). */
  async remove(id: string): Promise<void> {
    this.refuseIfDamaged();
    await this.stopWatching(id);
    this.jobs.get(id)?.cancel();
    this.runner.cancelFolder(id);
    this.ledger.folders.remove(id);
    this.pauses.forget(id);
    this.notices.delete(id);
  }

  /** Switches watching of a folder on or off. */
  async setEnabled(id: string, enabled: boolean): Promise<WatchFolder> {
    this.refuseIfDamaged();
    const f = this.ledger.folders.get(id);
    if (!f) throw new LanternError('NOT_FOUND', `no watched folder ${id}`);
    this.ledger.folders.setEnabled(id, enabled);
    if (enabled) await this.startWatching(this.ledger.folders.get(id)!);
    else await this.stopWatching(id);
    this.runner.kick();
    return this.events.folder(id);
  }

  /** Pauses or resumes all watching (the tray's switch); batches have their own pause. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    this.runner.kick();
  }

  /** Whether watching is paused as a whole. */
  get isPaused(): boolean {
    return this.paused;
  }

  /** Failed files, newest first. */
  failed(limit = 100): FailedFile[] {
    return this.ledger.failed(limit);
  }

  /** Queues a failed file again. */
  retry(fileId: string): void {
    this.refuseIfDamaged();
    const row = this.ledger.retry(Number(fileId));
    if (!row) throw new LanternError('NOT_FOUND', `no failed file ${fileId}`);
    this.events.file(row.folderId, row.path, 'queued');
    this.runner.kick();
  }

  /** Subscribes to watch events; returns the unsubscribe function. */
  onEvent(cb: (e: WatchEvent) => void): () => void {
    return this.events.onEvent(cb);
  }

  /** Subscribes to per-file outcomes (with timings and text; for logs and the CLI runner). */
  onOutcome(cb: (o: FileOutcome) => void): () => void {
    return this.events.onOutcome(cb);
  }

  /** OCRs a folder now, without watching it: same ledger (done files are not redone), with progress. */
  async batch(dir: string, options: Partial<WatchOptions> = {}): Promise<BatchJob> {
    this.refuseIfDamaged();
    return startBatchJob(dir, options, {
      ledger: this.ledger,
      jobs: this.jobs,
      pauses: this.pauses,
      stabilityMs: this.stabilityMs,
      batch: {
        counts: (id) => this.ledger.counts(id),
        kick: () => this.runner.kick(),
        cancelFolder: (id) => this.runner.cancelFolder(id),
        emit: (e) => this.events.emit(e),
        ended: (j) => this.jobs.delete(j.folderId),
      },
    });
  }

  /** Starts a batch and answers with its id (the UI follows it through `batch` events). */
  async startBatch(dir: string, options: Partial<WatchOptions> = {}): Promise<{ batchId: string }> {
    return { batchId: (await this.batch(dir, options)).id };
  }

  /** The batches running or paused, with their progress now: a window that opens later shows and controls them. */
  batches(): BatchProgress[] {
    return [...this.jobs.values()].map((j) => j.progress());
  }

  /** Pauses, resumes or cancels a running batch by id; false when none runs with that id. */
  batchControl(batchId: string, action: BatchAction): boolean {
    const job = [...this.jobs.values()].find((j) => j.id === batchId);
    if (!job) return false;
    if (action === 'resume') this.refuseIfDamaged();
    if (action === 'pause') job.pause();
    else if (action === 'resume') job.resume();
    else job.cancel();
    return true;
  }

  /** Resolves once nothing is running and no active folder has queued files. */
  whenIdle(): Promise<void> {
    return this.runner.whenIdle();
  }

  /** Stops every watcher and batch and waits for the files in flight. */
  async close(): Promise<void> {
    for (const id of [...this.watchers.keys()]) await this.stopWatching(id);
    for (const job of [...this.jobs.values()]) job.pause();
    await this.runner.close();
    for (const job of [...this.jobs.values()]) job.dispose();
    this.pauses.close();
    this.events.close();
  }

  private activeFolders(): string[] {
    if (this.damage) return [];
    return activeFolderIds(this.ledger.folders.list(), {
      pausedReason: (id) => this.pauses.reason(id),
      job: (id) => this.jobs.get(id),
      watchingPaused: this.paused,
    });
  }

  private async startWatching(f: FolderRow): Promise<void> {
    this.refuseIfDamaged();
    await this.stopWatching(f.id);
    const problem = await savedProblem(f);
    this.pauses.set(f.id, 'options', problem);
    if (problem) return;
    const w = new FolderWatcher(
      f.dir,
      f.options,
      folderWatchHandlers(f, {
        ledger: this.ledger,
        events: this.events,
        pauses: this.pauses,
        notices: this.notices,
        kick: () => this.runner.kick(),
        stopFile: (rowId) => this.runner.cancelFile(rowId),
        prewarm: () => this.opts.service.prewarm(),
        log: this.opts.log,
      }),
      { stabilityMs: this.stabilityMs, pollMs: this.opts.pollMs ?? 2000 },
    );
    this.watchers.set(f.id, w);
    await this.pauses.probe(f);
    await w.start();
    this.pauses.settle(f.id);
  }

  private async stopWatching(id: string | undefined): Promise<void> {
    const w = id ? this.watchers.get(id) : undefined;
    if (!w || !id) return;
    this.watchers.delete(id);
    await w.close();
  }

  /**
   * The ledger's file is damaged: every file and batch would fail on it, and a write could spread the damage. Watching
   * stops (the ledger's notice and its folders say why), the rest of the service goes on, and the next start keeps the
   * file aside.
   */
  private damaged(err: LedgerDamage): void {
    const message = `the ledger ${err.file} is damaged (${err.finding}): watching and batches are stopped; restart to keep it aside and begin a new ledger`;
    this.damage = { found: err, notice: { code: 'LEDGER_DAMAGED', message } };
    this.opts.log?.('warn', `LEDGER_DAMAGED: ${message}`);
    // Heard inside the statement that failed: what reads the ledger again (a batch's progress) runs after it.
    setImmediate(() => {
      this.events.emit({ type: 'ledger', ledger: this.ledgerStatus() });
      for (const job of this.jobs.values()) {
        try {
          job.pause();
        } catch (e) {
          this.opts.log?.('warn', `batch ${job.id}: ${(e as Error).message}`);
        }
      }
      for (const id of [...this.watchers.keys()]) void this.stopWatching(id).catch(() => undefined); // a watcher that does not close stops nothing more here
      for (const id of this.shownFolderIds()) this.events.folderSoon(id);
    });
  }

  /**
   * Every folder the UI shows as a row, watched or not (one switched off or paused has no watcher but its row changes
   * too); the watched ones alone when the damaged ledger cannot list them.
   */
  private shownFolderIds(): string[] {
    try {
      return this.ledger.folders.list('watch').map((f) => f.id);
    } catch {
      return [...this.watchers.keys()];
    }
  }

  /** A damaged ledger takes no new work: what it queued would never be read, and each write risks spreading the damage. */
  private refuseIfDamaged(): void {
    const found = this.damage?.found;
    if (found) throw new LedgerDamage(found.file, found.finding);
  }

  private pauseChanged(id: string, reason: string | null): void {
    const dir = this.opts.ledger.folders.get(id)?.dir ?? id;
    this.opts.log?.(reason ? 'warn' : 'info', reason ? `paused ${dir}: ${reason}` : `resumed ${dir}`);
    this.events.folder(id);
    if (!reason) this.runner.kick();
  }

  private handleOutcome(o: FileOutcome): void {
    if (o.state === 'done') this.pauses.wrote(o.folderId);
    this.events.outcome(o);
    this.jobs.get(o.folderId)?.update(o.state !== 'queued');
  }
}
