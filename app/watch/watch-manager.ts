/**
 * The folder-watch core: watched folders (chokidar), batches, the ledger and the batch runner behind one object
 * that fits the HTTP layer's WatchService and the renderer bridge's `watch.*`. Depends only on OcrService.
 */
import { LanternError } from '../contracts/errors';
import type {
  BatchAction,
  BatchProgress,
  FailedFile,
  WatchEvent,
  WatchFolder,
  WatchLedger,
  WatchNotice,
  WatchOptions,
} from '../contracts/lantern-api';
import type { BatchJob } from './batch-job';
import { startBatchJob } from './batch-start';
import { batchFolders, batchProgress, controlBatch } from './batch-controls';
import { BatchRunner, type FileOutcome } from './batch-runner';
import { activeFolderIds } from './active-folders';
import { folderPath, savedProblem, validatedOptions } from './folder-options';
import { assertNoBatchOverlap, assertNotNested, assertOwnOutputs } from './folder-refusals';
import { FolderWatcher } from './folder-watcher';
import { folderWatchHandlers } from './folder-watch-handlers';
import type { FolderRow, Ledger } from './ledger';
import type { WatchManagerOptions } from './watch-manager-options';
import { LedgerStop } from './ledger-stop';
import { FolderPauses } from './folder-pauses';
import { outputPaths, removeStaleTmp } from './outputs';
import { WatchEvents } from './watch-events';

export type { WatchManagerOptions } from './watch-manager-options';

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
  private readonly stop: LedgerStop;
  constructor(private readonly opts: WatchManagerOptions) {
    this.ledger = opts.ledger;
    this.events = new WatchEvents(
      opts.ledger,
      () => this.paused,
      opts.log,
      (id) => this.stop.damageNotice ?? this.notices.get(id) ?? opts.ledgerNotice ?? null,
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
    this.stop = new LedgerStop({
      ledger: opts.ledger,
      setAside: opts.ledgerNotice ?? null,
      jobs: this.jobs,
      watched: () => [...this.watchers.keys()],
      stopWatching: (id) => this.stopWatching(id),
      emit: (e) => this.events.emit(e),
      folderSoon: (id) => this.events.folderSoon(id),
      ...(opts.log ? { log: opts.log } : {}),
    });
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
    return this.stop.status();
  }

  /** Watched folders with their counters. */
  list(): WatchFolder[] {
    return this.ledger.folders.list('watch').map((f) => this.events.view(f));
  }

  /** Watches a folder (or updates its options); files already there are reconciled with the ledger. */
  async add(dir: string, options: Partial<WatchOptions> = {}): Promise<WatchFolder> {
    this.stop.refuse();
    const abs = folderPath(dir);
    const opts = await validatedOptions(abs, options);
    await assertNotNested(abs, opts, this.ledger.folders.list('watch'));
    await assertNoBatchOverlap(abs, opts, batchFolders(this.jobs, this.ledger, abs));
    await assertOwnOutputs(abs, opts, this.ledger.folders.list('watch'));
    await this.stopWatching(this.ledger.folders.byDir(abs)?.id);
    const f = this.ledger.folders.add(abs, opts, 'watch');
    this.ledger.folders.setEnabled(f.id, true);
    await this.startWatching(this.ledger.folders.get(f.id)!);
    return this.events.folder(f.id);
  }

  /** Stops watching a folder and forgets its files (outputs stay on disk). */
  async remove(id: string): Promise<void> {
    this.stop.refuse();
    await this.stopWatching(id);
    this.jobs.get(id)?.cancel();
    this.runner.cancelFolder(id);
    this.ledger.folders.remove(id);
    this.pauses.forget(id);
    this.notices.delete(id);
  }

  /** Switches watching of a folder on or off. */
  async setEnabled(id: string, enabled: boolean): Promise<WatchFolder> {
    this.stop.refuse();
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
    this.stop.refuse();
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
    this.stop.refuse();
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
    return batchProgress(this.jobs);
  }

  /** Pauses, resumes or cancels a running batch by id; false when none runs with that id. */
  batchControl(batchId: string, action: BatchAction): boolean {
    return controlBatch(this.jobs, batchId, action, () => this.stop.refuse());
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
    if (this.stop.stopped) return [];
    return activeFolderIds(this.ledger.folders.list(), {
      pausedReason: (id) => this.pauses.reason(id),
      job: (id) => this.jobs.get(id),
      watchingPaused: this.paused,
    });
  }

  private async startWatching(f: FolderRow): Promise<void> {
    this.stop.refuse();
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
