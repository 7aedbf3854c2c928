/** Pages of a document read so far, kept while it runs: a restart after a kill resumes after the last page saved. */
import type { DocumentPage } from '../documents/document-types';
import type { Raw } from './ledger-rows';
import type { SqlDb } from './sqlite';

/** The file_pages table: one row per page read, keyed by (file, page), so a page is never counted twice. */
export class PageStore {
  constructor(private readonly db: SqlDb) {}

  /** Saves one page of file `fileId` read from content `sha256` (a page read again replaces its row). */
  save(fileId: number, sha256: string, page: DocumentPage): void {
    this.db.run(
      `INSERT INTO file_pages (file_id, page, sha256, result) VALUES (?, ?, ?, ?)
         ON CONFLICT (file_id, page) DO UPDATE SET sha256 = excluded.sha256, result = excluded.result`,
      [fileId, page.page, sha256, JSON.stringify(page)],
    );
  }

  /** The pages saved for this content (pages saved for other content, a file since changed, are dropped). */
  saved(fileId: number, sha256: string): Map<number, DocumentPage> {
    this.db.run('DELETE FROM file_pages WHERE file_id = ? AND sha256 != ?', [fileId, sha256]);
    const rows = this.db.all('SELECT page, result FROM file_pages WHERE file_id = ? ORDER BY page', [
      fileId,
    ]) as Raw[];
    return new Map(rows.map((r) => [r.page as number, JSON.parse(r.result as string) as DocumentPage]));
  }

  /** How many pages are saved for a file (for tests and progress). */
  count(fileId: number): number {
    const r = this.db.get('SELECT COUNT(*) AS n FROM file_pages WHERE file_id = ?', [fileId]) as Raw;
    return r.n as number;
  }
}
