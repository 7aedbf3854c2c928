/** Interactive recognition history (the History view), kept in the ledger's database, newest first. */
import type { SqlDb } from './sqlite';
import { randomUUID } from 'node:crypto';
import { LanternError } from '../contracts/errors';
import type { HistoryEntry, HistoryImage } from '../contracts/lantern-api';
import type { DocumentResult } from '../documents/document-types';
import { documentSummary } from '../documents/formats';
import { readStoredHistoryResult } from './history-row';
import type { OcrResult } from '../ocr/types';

/** How many entries are kept by default; older ones are pruned on add. */
export const HISTORY_MAX = 1000;

/**
 * The stored results' bytes kept at most (the newest entry always stays): a long document's result is megabytes, and
 * `serve` without `--data` holds the history in memory (the figures: docs/memory.md).
 */
export const HISTORY_MAX_RESULT_BYTES = 64 * 2 ** 20;

/** The largest image kept with an entry (encoded bytes): a list of 100 entries stays a few MiB at most. */
export const HISTORY_IMAGE_MAX_BYTES = 192 * 1024;

/** A row of the history table as SQLite returns it. */
type HistoryRow = {
  readonly id: string;
  readonly name: string;
  readonly created_at: number;
  readonly result: string;
  readonly image: string | null;
};

/** History rows: add, list, remove, clear. Fits the HTTP layer's HistoryService. */
export class HistoryStore {
  private unreadableListener: ((message: string) => void) | undefined;
  /** Rows already said to be unreadable: a History view that polls does not repeat them in the log. */
  private readonly told = new Set<string>();

  constructor(
    private readonly db: SqlDb,
    private readonly max = HISTORY_MAX,
    private readonly maxResultBytes = HISTORY_MAX_RESULT_BYTES,
  ) {}

  /** Records one finished interactive recognition, with its image when one is given and small enough; returns the entry. */
  add(name: string, result: OcrResult, image?: HistoryImage): HistoryEntry {
    const url =
      image && image.bytes.byteLength > 0 && image.bytes.byteLength <= HISTORY_IMAGE_MAX_BYTES
        ? `data:${image.type};base64,${Buffer.from(image.bytes).toString('base64')}`
        : undefined;
    return this.insert(name, result, { result, ...(url ? { image: url } : {}) });
  }

  /** Records a whole document as one entry (its pages in the same column: a stored result with `pages`). */
  addDocument(name: string, document: DocumentResult): HistoryEntry {
    return this.insert(name, document, { result: documentSummary(document), document });
  }

  private insert(
    name: string,
    stored: OcrResult | DocumentResult,
    shown: Pick<HistoryEntry, 'result' | 'document' | 'image'>,
  ): HistoryEntry {
    const entry: HistoryEntry = { id: randomUUID(), name, createdAt: Date.now(), ...shown };
    this.db.transaction(() => {
      this.db.run('INSERT INTO history (id, name, created_at, result, image) VALUES (?, ?, ?, ?, ?)', [
        entry.id,
        name,
        entry.createdAt,
        JSON.stringify(stored),
        entry.image ?? null,
      ]);
      this.db.run(
        `DELETE FROM history WHERE rowid NOT IN
             (SELECT rowid FROM history ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
        [this.max],
      );
      // Newest first, an entry goes once the results up to and including it pass the budget; the newest one stays.
      this.db.run(
        `DELETE FROM history WHERE rowid IN (SELECT rowid FROM (SELECT rowid, length(CAST(result AS BLOB)) AS size,
             SUM(length(CAST(result AS BLOB))) OVER (ORDER BY created_at DESC, rowid DESC) AS upto FROM history)
           WHERE upto > ? AND upto > size)`,
        [this.maxResultBytes],
      );
    });
    return entry;
  }

  /** Says which row list() leaves out and why, once per row: a damaged row is skipped, not a reason to fail the list. */
  onUnreadable(listener: (message: string) => void): void {
    this.unreadableListener = listener;
  }

  /** The newest `limit` entries, newest first; a row that cannot be read is left out and the next one takes its place. */
  list(limit = 100): HistoryEntry[] {
    const want = Math.max(0, Math.floor(limit));
    const entries: HistoryEntry[] = [];
    for (let offset = 0; entries.length < want; offset += want) {
      const rows = this.db.all(
        'SELECT * FROM history ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?',
        [want, offset],
      ) as HistoryRow[];
      for (const r of rows) {
        const entry = this.entry(r);
        if (entry && entries.length < want) entries.push(entry);
      }
      if (rows.length < want) break;
    }
    return entries;
  }

  /** One row as an entry, or undefined (said once per row) when its stored result cannot be read. */
  private entry(r: HistoryRow): HistoryEntry | undefined {
    const read = readStoredHistoryResult(r.result);
    if (!read.ok) {
      if (!this.told.has(r.id)) {
        this.told.add(r.id);
        this.unreadableListener?.(`history entry ${r.id} (${r.name}) is left out of History: ${read.reason}`);
      }
      return undefined;
    }
    const { stored } = read;
    const shown =
      'pages' in stored ? { result: documentSummary(stored), document: stored } : { result: stored };
    return {
      id: r.id,
      name: r.name,
      createdAt: r.created_at,
      ...shown,
      ...(r.image ? { image: r.image } : {}),
    };
  }

  /** Deletes one entry (History's Delete); NOT_FOUND when no row has that id, so a caller learns it was already gone. */
  remove(id: string): void {
    if (this.db.run('DELETE FROM history WHERE id = ?', [id]) === 0)
      throw new LanternError('NOT_FOUND', `no history entry ${id}`);
  }

  /** Deletes every entry. */
  clear(): void {
    this.db.run('DELETE FROM history');
  }
}
