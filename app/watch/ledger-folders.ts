/** The folders table of the ledger: watched folders and folders OCR'd once (batch). */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { WatchOptions } from '../contracts/lantern-api';
import { toFolder, type FolderRow, type Raw } from './ledger-rows';

/** Folder rows: add, look up, enable, pause, remove. */
export class FolderStore {
  constructor(private readonly db: Database.Database) {}

  /**
   * Adds a folder, or updates the one already registered for `dir` (options and kind); a batch over a watched
   * folder keeps the watched folder's options, so its outputs stay in one place.
   */
  add(dir: string, options: WatchOptions, kind: FolderRow['kind']): FolderRow {
    const existing = this.byDir(dir);
    const json = JSON.stringify(options);
    if (existing && !(existing.kind === 'watch' && kind === 'batch')) {
      this.db.prepare('UPDATE folders SET options = ?, kind = ? WHERE id = ?').run(json, kind, existing.id);
    } else if (!existing) {
      this.db
        .prepare('INSERT INTO folders (id, dir, kind, options, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(randomUUID(), dir, kind, json, Date.now());
    }
    return this.byDir(dir)!;
  }

  /** One folder by id. */
  get(id: string): FolderRow | undefined {
    const r = this.db.prepare('SELECT * FROM folders WHERE id = ?').get(id) as Raw | undefined;
    return r && toFolder(r);
  }

  /** One folder by its absolute directory. */
  byDir(dir: string): FolderRow | undefined {
    const r = this.db.prepare('SELECT * FROM folders WHERE dir = ?').get(dir) as Raw | undefined;
    return r && toFolder(r);
  }

  /** All folders (of one kind), oldest first. */
  list(kind?: FolderRow['kind']): FolderRow[] {
    const rows = (
      kind
        ? this.db.prepare('SELECT * FROM folders WHERE kind = ? ORDER BY created_at, rowid').all(kind)
        : this.db.prepare('SELECT * FROM folders ORDER BY created_at, rowid').all()
    ) as Raw[];
    return rows.map(toFolder);
  }

  /** Switches watching of a folder on or off. */
  setEnabled(id: string, enabled: boolean): void {
    this.db.prepare('UPDATE folders SET enabled = ? WHERE id = ?').run(enabled ? 1 : 0, id);
  }

  /** Records why a folder is paused (null: not paused). */
  setPausedReason(id: string, reason: string | null): void {
    this.db.prepare('UPDATE folders SET paused_reason = ? WHERE id = ?').run(reason, id);
  }

  /** Forgets a folder and all its files. */
  remove(id: string): void {
    this.db.prepare('DELETE FROM folders WHERE id = ?').run(id);
  }
}
