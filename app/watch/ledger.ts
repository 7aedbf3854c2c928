/**
 * The durable ledger (SQLite in WebAssembly, WAL, synchronous=NORMAL, owned by one process): watched and batch folders and every file seen in them,
 * with its content hash, state, error, outputs, stored result and timings. File paths are relative to the folder.
 */
import path from 'node:path';
import type { FailedFile } from '../contracts/lantern-api';
import {
  pageCounts,
  toFile,
  type DoneInfo,
  type FileRow,
  type FileState,
  type FolderCounts,
  type Raw,
  type StoredResult,
} from './ledger-rows';
import { FolderStore } from './ledger-folders';
import { PageStore } from './ledger-pages';
import type { LedgerDamage } from './ledger-damage';
import { assertReadable } from './ledger-integrity';
import { prepareDatabase } from './ledger-schema';
import { HistoryStore } from './history-store';
import { openSqlite, type SqlDb } from './sqlite';

export type { DoneInfo, FileRow, FileState, FolderCounts, FolderRow, StoredResult } from './ledger-rows';

/** What a folder has read: done files (documents and images alike) and their pages, failed pages among them. */
export interface FolderTotals {
  readonly documents: number;
  readonly pages: number;
  readonly pagesFailed: number;
}

/** The ledger over one SQLite file (or ':memory:'). */
export class Ledger {
  /** The folders table. */
  readonly folders: FolderStore;
  /** Interactive history (the History view). */
  readonly history: HistoryStore;
  /** Pages read so far of documents still running. */
  readonly pages: PageStore;

  private constructor(readonly db: SqlDb) {
    this.folders = new FolderStore(db);
    this.history = new HistoryStore(db);
    this.pages = new PageStore(db);
  }

  /** Opens (creating and migrating if needed) the ledger at `file`, read through first: damage is found here. */
  static open(file: string): Ledger {
    const db = openSqlite(file);
    try {
      if (file !== ':memory:') assertReadable(db);
      prepareDatabase(db);
    } catch (err) {
      db.close();
      throw err;
    }
    return new Ledger(db);
  }

  /** Calls `listener` the first time a statement finds the file damaged, so its holder can stop relying on it. */
  onDamaged(listener: (err: LedgerDamage) => void): void {
    this.db.onDamaged(listener);
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }

  /** Counters of one folder. */
  counts(folderId: string): FolderCounts {
    const rows = this.db.all(
      'SELECT state, COUNT(*) AS n FROM files WHERE folder_id = ? AND gone = 0 GROUP BY state',
      [folderId],
    ) as { state: FileState; n: number }[];
    const c = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const r of rows) c[r.state] = r.n;
    return c;
  }

  /** Done files of a folder and their pages (each file once, each of its pages once). */
  totals(folderId: string): FolderTotals {
    const r = this.db.get(
      `SELECT COUNT(*) AS documents, COALESCE(SUM(COALESCE(pages, 1)), 0) AS pages,
         COALESCE(SUM(COALESCE(pages_failed, 0)), 0) AS failed
         FROM files WHERE folder_id = ? AND gone = 0 AND state = 'done'`,
      [folderId],
    ) as Raw;
    return { documents: r.documents as number, pages: r.pages as number, pagesFailed: r.failed as number };
  }

  /** After a crash or restart: rows left `running` go back to `queued`; returns them. */
  recoverRunning(): FileRow[] {
    const rows = this.db.all(
      "UPDATE files SET state = 'queued', stale = 0, updated_at = ? WHERE state = 'running' RETURNING *",
      [Date.now()],
    ) as Raw[];
    return rows.map(toFile);
  }

  /**
   * A file was seen (added, changed, or present at start) with this size and mtime. Returns the row when it was
   * newly queued, or null when nothing is to be done: done or failed (not for want of access) with the same size and
   * mtime, already queued,
   * or running (then marked stale when its size or mtime changed, so it is queued again once it finishes).
   */
  noteSeen(folderId: string, rel: string, size: number, mtimeMs: number): FileRow | null {
    const now = Date.now();
    return this.db.transaction((): FileRow | null => {
      const row = this.file(folderId, rel);
      if (!row) {
        const r = this.db.get(
          `INSERT INTO files (folder_id, path, size, mtime_ms, state, created_at, updated_at)
             VALUES (?, ?, ?, ?, 'queued', ?, ?) RETURNING *`,
          [folderId, rel, size, mtimeMs, now, now],
        ) as Raw;
        return toFile(r);
      }
      const same = row.size === size && row.mtimeMs === mtimeMs;
      if (row.state === 'running') {
        // Seen again as it was queued (a rescan at start-up): no need to read it twice.
        this.db.run('UPDATE files SET stale = MAX(stale, ?), gone = 0 WHERE id = ?', [same ? 0 : 1, row.id]);
        return null;
      }
      // A failure of access, not of content, is worth another read when the file is seen again (its permissions
      // fixed, or it came back), even with the same size and mtime.
      const retryable =
        row.state === 'failed' && (row.errorCode === 'FILE_NOT_FOUND' || row.errorCode === 'FILE_UNREADABLE');
      if (row.state === 'queued' || (same && !row.gone && !retryable)) {
        if (row.gone) this.db.run('UPDATE files SET gone = 0 WHERE id = ?', [row.id]);
        return null;
      }
      const r = this.db.get(
        `UPDATE files SET state = 'queued', size = ?, mtime_ms = ?, gone = 0, error_code = NULL,
             error_message = NULL, updated_at = ? WHERE id = ? RETURNING *`,
        [size, mtimeMs, now, row.id],
      ) as Raw;
      return toFile(r);
    });
  }

  /** A file disappeared: a queued or failed row is dropped, a done one kept (marked gone) to recognise a rename. */
  noteGone(folderId: string, rel: string): void {
    const row = this.file(folderId, rel);
    if (!row) return;
    if (row.state === 'queued' || row.state === 'failed')
      this.db.run('DELETE FROM files WHERE id = ?', [row.id]);
    else this.db.run('UPDATE files SET gone = 1 WHERE id = ?', [row.id]);
  }

  /** After a full scan of a folder: every row whose path was not seen is treated as gone. */
  noteScanned(folderId: string, seen: ReadonlySet<string>): void {
    const rows = this.db.all('SELECT path FROM files WHERE folder_id = ? AND gone = 0', [folderId]) as {
      path: string;
    }[];
    this.db.transaction(() => {
      for (const r of rows) if (!seen.has(r.path)) this.noteGone(folderId, r.path);
    });
  }

  /** Claims the oldest queued file of the given folders: it becomes `running`, its attempts counted. */
  claimNext(folderIds: readonly string[]): FileRow | undefined {
    if (folderIds.length === 0) return undefined;
    const r = this.db.get(
      `UPDATE files SET state = 'running', attempts = attempts + 1, stale = 0, updated_at = ?
         WHERE id = (SELECT id FROM files WHERE state = 'queued' AND gone = 0
                     AND folder_id IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT 1)
         RETURNING *`,
      [Date.now(), JSON.stringify(folderIds)],
    ) as Raw | undefined;
    return r && toFile(r);
  }

  /** Whether any of these folders has queued files. */
  hasQueued(folderIds: readonly string[]): boolean {
    if (folderIds.length === 0) return false;
    return !!this.db.get(
      `SELECT 1 FROM files WHERE state = 'queued' AND gone = 0
         AND folder_id IN (SELECT value FROM json_each(?)) LIMIT 1`,
      [JSON.stringify(folderIds)],
    );
  }

  /** One file by folder and relative path. */
  file(folderId: string, rel: string): FileRow | undefined {
    const r = this.db.get('SELECT * FROM files WHERE folder_id = ? AND path = ?', [folderId, rel]) as
      Raw | undefined;
    return r && toFile(r);
  }

  /** One file by id. */
  fileById(id: number): FileRow | undefined {
    const r = this.db.get('SELECT * FROM files WHERE id = ?', [id]) as Raw | undefined;
    return r && toFile(r);
  }

  /** All files of a folder, by id. */
  files(folderId: string): FileRow[] {
    return (this.db.all('SELECT * FROM files WHERE folder_id = ? ORDER BY id', [folderId]) as Raw[]).map(
      toFile,
    );
  }

  /** Done files of a folder with this content hash (other than `exceptId`), gone ones first. */
  doneWithHash(folderId: string, sha256: string, exceptId: number): FileRow[] {
    const rows = this.db.all(
      `SELECT * FROM files WHERE folder_id = ? AND sha256 = ? AND state = 'done' AND result IS NOT NULL
         AND id != ? ORDER BY gone DESC, id`,
      [folderId, sha256, exceptId],
    ) as Raw[];
    return rows.map(toFile);
  }

  /**
   * Records success (with the page count; a document's saved pages are dropped in the same transaction, its result
   * holds them); a row that changed while running (stale) is queued again instead. Returns the new state.
   */
  markDone(id: number, d: DoneInfo): FileState {
    const { pages, pagesFailed } = pageCounts(d.result);
    return this.db.transaction(() => {
      const r = this.db.get(
        `UPDATE files SET state = CASE WHEN stale = 1 THEN 'queued' ELSE 'done' END, stale = 0, sha256 = ?,
             size = ?, mtime_ms = ?, outputs = ?, result = ?, pages = ?, pages_failed = ?, ocr_ms = ?,
             total_ms = ?, error_code = NULL, error_message = NULL, updated_at = ? WHERE id = ? RETURNING state`,
        [
          d.sha256,
          d.size,
          d.mtimeMs,
          JSON.stringify(d.outputs),
          JSON.stringify(d.result),
          pages,
          pagesFailed,
          d.ocrMs,
          d.totalMs,
          Date.now(),
          id,
        ],
      ) as { state: FileState } | undefined;
      this.db.run('DELETE FROM file_pages WHERE file_id = ?', [id]);
      return r?.state ?? 'done';
    });
  }

  /** Records a failure with its code (a stale row is queued again instead). Returns the new state. */
  markFailed(id: number, code: string, message: string, sha256: string | null = null): FileState {
    const r = this.db.get(
      `UPDATE files SET state = CASE WHEN stale = 1 THEN 'queued' ELSE 'failed' END, stale = 0,
           sha256 = COALESCE(?, sha256), error_code = ?, error_message = ?, updated_at = ? WHERE id = ?
         RETURNING state`,
      [sha256, code, message, Date.now(), id],
    ) as { state: FileState } | undefined;
    return r?.state ?? 'failed';
  }

  /** Puts a running file back in the queue without counting the attempt (cancelled, paused, engine away). */
  requeue(id: number, keep?: { readonly sha256: string; readonly result: StoredResult }): void {
    this.db.run(
      `UPDATE files SET state = 'queued', attempts = MAX(attempts - 1, 0), stale = 0,
           sha256 = COALESCE(?, sha256), result = COALESCE(?, result), updated_at = ? WHERE id = ?`,
      [keep?.sha256 ?? null, keep?.result ? JSON.stringify(keep.result) : null, Date.now(), id],
    );
  }

  /**
   * A renamed or moved file: the done row `fromId` takes over the new path (and outputs) of row `toId`, which is
   * deleted, so the file is counted once.
   */
  transfer(fromId: number, toId: number, d: DoneInfo): void {
    const to = this.fileById(toId);
    if (!to) return;
    this.db.transaction(() => {
      this.db.run('DELETE FROM files WHERE id = ?', [toId]);
      this.db.run("UPDATE files SET path = ?, gone = 0, state = 'done' WHERE id = ?", [to.path, fromId]);
      this.markDone(fromId, d);
    });
  }

  /** Failed files, newest first. */
  failed(limit = 100, folderId?: string): FailedFile[] {
    const rows = this.db.all(
      `SELECT f.id, f.path, f.error_code, f.error_message, f.updated_at, d.dir FROM files f
         JOIN folders d ON d.id = f.folder_id WHERE f.state = 'failed' AND (? IS NULL OR f.folder_id = ?)
         ORDER BY f.updated_at DESC, f.id DESC LIMIT ?`,
      [folderId ?? null, folderId ?? null, limit],
    ) as Raw[];
    return rows.map((r) => ({
      id: String(r.id),
      path: path.join(r.dir as string, r.path as string),
      code: (r.error_code as string | null) ?? 'INTERNAL',
      message: (r.error_message as string | null) ?? '',
      at: r.updated_at as number,
    }));
  }

  /** Queues a failed file again; returns its row, or undefined when it is not failed. */
  retry(id: number): FileRow | undefined {
    const r = this.db.get(
      `UPDATE files SET state = 'queued', error_code = NULL, error_message = NULL, updated_at = ?
         WHERE id = ? AND state = 'failed' RETURNING *`,
      [Date.now(), id],
    ) as Raw | undefined;
    return r && toFile(r);
  }
}
