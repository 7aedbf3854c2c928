/** The folders table of the ledger: watched folders and folders OCR'd once (batch). */
import type { SqlDb } from './sqlite';
import { randomUUID } from 'node:crypto';
import type { WatchOptions } from '../contracts/lantern-api';
import { toFolder, type FolderRow, type Raw } from './ledger-rows';

/** Folder rows: add, look up, enable, pause, remove. */
export class FolderStore {
  constructor(private readonly db: SqlDb) {}

  /**
   * Adds a folder, or updates the one already registered for `dir` (options and kind); a batch over a watched
   * folder keeps the watched folder's options, so its outputs stay in one place.
   */
  add(dir: string, options: WatchOptions, kind: FolderRow['kind']): FolderRow {
    const existing = this.byDir(dir);
    const json = JSON.stringify(options);
    if (existing && !(existing.kind === 'watch' && kind === 'batch')) {
      this.db.run('UPDATE folders SET options = ?, kind = ? WHERE id = ?', [json, kind, existing.id]);
    } else if (!existing) {
      this.db.run('INSERT INTO folders (id, dir, kind, options, created_at) VALUES (?, ?, ?, ?, ?)', [
        randomUUID(),
        dir,
        kind,
        json,
        Date.now(),
      ]);
    }
    return this.byDir(dir)!;
  }

  /** One folder by id. */
  get(id: string): FolderRow | undefined {
    const r = this.db.get('SELECT * FROM folders WHERE id = ?', [id]) as Raw | undefined;
    return r && toFolder(r);
  }

  /** One folder by its absolute directory. */
  byDir(dir: string): FolderRow | undefined {
    const r = this.db.get('SELECT * FROM folders WHERE dir = ?', [dir]) as Raw | undefined;
    return r && toFolder(r);
  }

  /** All folders (of one kind), oldest first. */
  list(kind?: FolderRow['kind']): FolderRow[] {
    const rows = (
      kind
        ? this.db.all('SELECT * FROM folders WHERE kind = ? ORDER BY created_at, rowid', [kind])
        : this.db.all('SELECT * FROM folders ORDER BY created_at, rowid')
    ) as Raw[];
    return rows.map(toFolder);
  }

  /** Switches watching of a folder on or off. */
  setEnabled(id: string, enabled: boolean): void {
    this.db.run('UPDATE folders SET enabled = ? WHERE id = ?', [enabled ? 1 : 0, id]);
  }

  /** Records why a folder is paused (null: not paused). */
  setPausedReason(id: string, reason: string | null): void {
    this.db.run('UPDATE folders SET paused_reason = ? WHERE id = ?', [reason, id]);
  }

  /** Forgets a folder and all its files. */
  remove(id: string): void {
    this.db.run('DELETE FROM folders WHERE id = ?', [id]);
  }
}
