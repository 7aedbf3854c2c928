/** Interactive recognition history (the History view), kept in the ledger's database, newest first. */
import type { SqlDb } from './sqlite';
import { randomUUID } from 'node:crypto';
import type { HistoryEntry } from '../contracts/lantern-api';
import type { DocumentResult } from '../documents/document-types';
import { documentSummary } from '../documents/formats';
import type { OcrResult } from '../ocr/types';

/** How many entries are kept by default; older ones are pruned on add. */
export const HISTORY_MAX = 1000;

/** History rows: add, list, clear. Fits the HTTP layer's HistoryService. */
export class HistoryStore {
  constructor(
    private readonly db: SqlDb,
    private readonly max = HISTORY_MAX,
  ) {}

  /** Records one finished interactive recognition; returns the entry. */
  add(name: string, result: OcrResult): HistoryEntry {
    return this.insert(name, result, { result });
  }

  /** Records a whole document as one entry (its pages in the same column: a stored result with `pages`). */
  addDocument(name: string, document: DocumentResult): HistoryEntry {
    return this.insert(name, document, { result: documentSummary(document), document });
  }

  private insert(
    name: string,
    stored: OcrResult | DocumentResult,
    shown: Pick<HistoryEntry, 'result' | 'document'>,
  ): HistoryEntry {
    const entry: HistoryEntry = { id: randomUUID(), name, createdAt: Date.now(), ...shown };
    this.db.transaction(() => {
      this.db.run('INSERT INTO history (id, name, created_at, result) VALUES (?, ?, ?, ?)', [
        entry.id,
        name,
        entry.createdAt,
        JSON.stringify(stored),
      ]);
      this.db.run(
        `DELETE FROM history WHERE rowid NOT IN
             (SELECT rowid FROM history ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
        [this.max],
      );
    });
    return entry;
  }

  /** The newest `limit` entries, newest first. */
  list(limit = 100): HistoryEntry[] {
    const rows = this.db.all('SELECT * FROM history ORDER BY created_at DESC, rowid DESC LIMIT ?', [
      Math.max(0, Math.floor(limit)),
    ]) as {
      id: string;
      name: string;
      created_at: number;
      result: string;
    }[];
    return rows.map((r) => {
      const stored = JSON.parse(r.result) as OcrResult | DocumentResult;
      const shown =
        'pages' in stored ? { result: documentSummary(stored), document: stored } : { result: stored };
      return { id: r.id, name: r.name, createdAt: r.created_at, ...shown };
    });
  }

  /** Deletes every entry. */
  clear(): void {
    this.db.run('DELETE FROM history');
  }
}
