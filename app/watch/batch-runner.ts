/**
 * Takes queued files (images, PDFs, TIFFs) from the ledger and recognises them through the OcrService at 'batch'
 * priority (a small concurrency keeps the engine's queue fed while interactive requests still go first), writes the
 * outputs atomically and records the outcome. Per-file errors are recorded and never block the queue.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { assertNever } from '../contracts/assert-never';
import type { WatchEvent } from '../contracts/lantern-api';
import { localDocuments, type DocumentReader } from '../documents/document-reader';
import type { OcrService } from '../engine/ocr-service';
import type { FileRow, FolderRow, Ledger, StoredResult } from './ledger';
import { isUnreadable } from './ledger-damage';
import { failureAction, mayBeHalfWritten } from './file-failure';
import { describeFsError, outputPaths, removeOutputs, removeStaleTmp } from './outputs';
import { exists, writeFileOutputs } from './file-outputs';
import { inputPath } from './file-names';
import { readInputFile, writtenAgain, type ReadFile } from './read-file';
import { pageCounts } from './ledger-rows';
import { doneNote, recognizeFile } from './recognize-file';
import { warningCodes } from '../contracts/result-warnings';

/** How a file ended: recognised, unchanged content, renamed/moved (same content as a vanished file), a duplicate. */
export type DoneHow = 'ocr' | 'unchanged' | 'renamed' | 'duplicate';

/** The outcome of one file, for logs, counters and batch progress. */
export interface FileOutcome {
  readonly folderId: string;
  readonly file: string;
  readonly state: 'done' | 'failed' | 'queued';
  readonly how?: DoneHow;
  readonly from?: string;
  readonly code?: string;
  readonly message?: string;
  readonly text?: string;
  /** A done file's warning codes: what of it could not be read though it was (an image cut short). */
  readonly warnings?: readonly string[];
  /** A done file's pages (1 for an image) and how many of them failed. */
  readonly pages?: number;
  readonly pagesFailed?: number;
  readonly ms: number;
}

/** What the runner needs from its owner. */
export interface RunnerHooks {
  /** The folders whose queued files may be taken now. */
  activeFolders(): string[];
  /** Outputs of a folder cannot be written: the owner pauses it (the file stays queued). */
  outputUnwritable(folderId: string, reason: string): void;
  /** A file finished (or went back to the queue). */
  finished(o: FileOutcome): void;
  /** Watch events for the UI. */
  emit(e: WatchEvent): void;
  /** Unexpected errors (a file's own errors are recorded, not logged). */
  log(level: 'warn', message: string): void;
}

/** How long a recently written file that failed to read is watched for its writer going on. */
const WRITER_PAUSE_MS = 2000;

/** Whether a result was read from an image file that ends early (IMAGE_TRUNCATED), as a half-written one does. */
const cutShort = (r: StoredResult) => (r.warnings ?? []).some((w) => w.code === 'IMAGE_TRUNCATED');

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The queue consumer. */
export class BatchRunner {
  private readonly inflight = new Map<
    number,
    { folderId: string; requestId: string; abort: AbortController }
  >();
  private idleWaiters: (() => void)[] = [];
  private backoff: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly ledger: Ledger,
    private readonly service: OcrService,
    private readonly hooks: RunnerHooks,
    private readonly concurrency = 2,
    /** Where documents are rendered and searchable PDFs written (Electron main: its document thread). */
    private readonly documents: DocumentReader = localDocuments,
  ) {}

  /** Files being processed now. */
  get busy(): number {
    return this.inflight.size;
  }

  /**
   * Takes queued files while there are free slots. A damaged ledger stops it without a throw: kick runs from timers and
   * settled promises, where an error would end the process, and the ledger's holder has already been told.
   */
  kick(): void {
    try {
      this.take();
    } catch (err) {
      if (!isUnreadable(err)) throw err;
    }
  }

  private take(): void {
    while (!this.closed && !this.backoff && this.inflight.size < this.concurrency) {
      const row = this.ledger.claimNext(this.hooks.activeFolders());
      if (!row) break;
      const folder = this.ledger.folders.get(row.folderId);
      if (!folder) continue;
      const requestId = `watch-${row.id}-${row.attempts}`;
      const abort = new AbortController();
      this.inflight.set(row.id, { folderId: row.folderId, requestId, abort });
      void this.process(folder, row, requestId, abort.signal)
        .catch((err: unknown) => this.hooks.log('warn', `${row.path}: ${(err as Error).message}`))
        .finally(() => {
          this.inflight.delete(row.id);
          if (!this.closed) this.kick();
        });
    }
    if (this.inflight.size === 0 && !this.ledger.hasQueued(this.hooks.activeFolders())) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((w) => w());
    }
  }

  /** Resolves once nothing is running and no active folder has queued files. */
  whenIdle(): Promise<void> {
    const p = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.kick();
    return p;
  }

  /** Cancels the engine requests of a folder's files in flight (they go back to the queue). */
  cancelFolder(folderId: string): void {
    for (const f of this.inflight.values()) if (f.folderId === folderId) this.cancel(f);
  }

  /** Cancels the file of ledger row `rowId` if it is in flight (deleted while read; its row says gone). */
  cancelFile(rowId: number): void {
    const f = this.inflight.get(rowId);
    if (f) this.cancel(f);
  }

  /** Stops taking files and waits for the ones in flight. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.backoff) clearTimeout(this.backoff);
    for (const f of this.inflight.values()) this.cancel(f);
    while (this.inflight.size > 0) await new Promise((r) => setTimeout(r, 20));
    this.idleWaiters.forEach((w) => w());
  }

  /** Stops a file in flight: its running engine request, and a document's next pages. */
  private cancel(f: { requestId: string; abort: AbortController }): void {
    f.abort.abort();
    this.service.cancel(f.requestId);
  }

  private async process(
    folder: FolderRow,
    row: FileRow,
    requestId: string,
    signal: AbortSignal,
  ): Promise<void> {
    const t0 = performance.now();
    const abs = path.join(folder.dir, row.path);
    const base = { folderId: folder.id, file: abs };
    let sha: string | null = null;
    let result: StoredResult | null = null;
    let read: ReadFile | null = null;
    try {
      await removeStaleTmp(outputPaths(folder.dir, folder.options, row.path));
      const src = await inputPath(folder.dir, row.path);
      const input = (read = await readInputFile(src, folder.dir, abs));
      sha = sha256(input.bytes);
      const info = (r: StoredResult, outputs: string[], ocrMs: number | null) => ({
        sha256: sha!,
        size: input.size,
        mtimeMs: input.mtimeMs,
        outputs,
        result: r,
        ocrMs,
        totalMs: performance.now() - t0,
      });
      const done = (how: DoneHow, r: StoredResult, state: string, from?: string) => {
        const o = {
          ...base,
          state: state === 'queued' ? 'queued' : 'done',
          how,
          from,
          text: r.text,
          ...pageCounts(r),
          warnings: warningCodes(r.warnings),
        } as const;
        const note = doneNote(r);
        this.finish({ ...o, ms: performance.now() - t0 }, `${from ? `${how} from ${from}` : how}${note}`);
      };
      if (row.sha256 === sha && row.result) {
        const outputs = await writeFileOutputs(folder, row.path, row.result, input.bytes, this.documents);
        return done('unchanged', row.result, this.ledger.markDone(row.id, info(row.result, outputs, null)));
      }
      const twins = this.ledger.doneWithHash(folder.id, sha, row.id);
      let moved: FileRow | undefined;
      for (const t of twins) if (!(await exists(await inputPath(folder.dir, t.path)))) moved ??= t;
      const twin = moved ?? twins[0];
      if (twin?.result) {
        const r = { ...twin.result, file: row.path };
        const outputs = await writeFileOutputs(folder, row.path, r, input.bytes, this.documents);
        if (moved) {
          await removeOutputs(moved.outputs.filter((o) => !outputs.includes(o)));
          this.ledger.transfer(moved.id, row.id, info(r, outputs, null));
          return done('renamed', r, 'done', moved.path);
        }
        return done('duplicate', r, this.ledger.markDone(row.id, info(r, outputs, null)), twin.path);
      }
      const onPage = (page: number, pages: number) =>
        this.hooks.emit({ type: 'page', folderId: folder.id, path: abs, page, pages });
      const job = { rowId: row.id, rel: row.path, sha256: sha, requestId, signal, onPage };
      const recognised = await recognizeFile(
        this.service,
        this.ledger.pages,
        input.bytes,
        job,
        this.documents,
      );
      result = recognised.result;
      // An image read cut short may be one its writer has not finished: read again once it settles, as a failed read is.
      if (cutShort(result) && (await writtenAgain(src, input, WRITER_PAUSE_MS)))
        return this.stillWriting(row, base, performance.now() - t0);
      const outputs = await writeFileOutputs(folder, row.path, result, input.bytes, this.documents);
      done('ocr', result, this.ledger.markDone(row.id, info(result, outputs, recognised.ocrMs)));
    } catch (err) {
      const writing =
        read !== null &&
        !signal.aborted &&
        mayBeHalfWritten(err) &&
        (await writtenAgain(await inputPath(folder.dir, row.path), read, WRITER_PAUSE_MS));
      this.fail(folder, row, base, err, sha, result, performance.now() - t0, writing);
    }
  }

  /** Queues a file its writer is still at work on, to be read again once it settles: neither failed nor done. */
  private stillWriting(row: FileRow, base: { folderId: string; file: string }, ms: number): void {
    this.ledger.requeue(row.id);
    this.retryLater();
    this.finish({ ...base, state: 'queued', ms }, 'still being written: read again once it settles');
  }

  private fail(
    folder: FolderRow,
    row: FileRow,
    base: { folderId: string; file: string },
    err: unknown,
    sha: string | null,
    result: StoredResult | null,
    ms: number,
    writing = false,
  ): void {
    const keep = sha && result ? { sha256: sha, result } : undefined;
    const action = failureAction(err, row.attempts, writing);
    switch (action.kind) {
      case 'writing':
        return this.stillWriting(row, base, ms);
      case 'output-folder': {
        this.ledger.requeue(row.id, keep);
        const where = folder.options.outDir ?? path.dirname(base.file);
        const reason = `Output folder ${where} is not writable: ${describeFsError(action.cause)}`;
        this.hooks.outputUnwritable(folder.id, reason);
        const message = (err as Error).message;
        return this.finish({ ...base, state: 'queued', code: action.code, message, ms });
      }
      case 'requeue':
        this.ledger.requeue(row.id, keep);
        if (action.retry) this.retryLater();
        return this.finish({ ...base, state: 'queued', ...action.error, ms });
      case 'fail': {
        const { code, message } = action.error;
        const state = this.ledger.markFailed(row.id, code, message, sha);
        const o = { ...base, state: state === 'queued' ? 'queued' : 'failed', code, message } as const;
        return this.finish({ ...o, ms }, `${code}: ${message}`);
      }
      default:
        assertNever(action);
    }
  }

  /** Takes the queue again after a pause, for files requeued because of a passing condition. */
  private retryLater(): void {
    if (this.backoff) return;
    this.backoff = setTimeout(() => ((this.backoff = null), this.kick()), 2000);
    this.backoff.unref();
  }

  private finish(o: FileOutcome, message?: string): void {
    // A folder removed while its file was read is forgotten: its cancelled read is nobody's activity any more.
    if (!this.ledger.folders.get(o.folderId)) return;
    this.hooks.finished(o);
    const state = o.state === 'queued' ? 'queued' : o.state;
    this.hooks.emit({
      type: 'file',
      folderId: o.folderId,
      path: o.file,
      state,
      ...(message ? { message } : {}),
    });
  }
}
