/** The ledger's SQLite schema and its migrations, versioned with `PRAGMA user_version`. */
import type { SqlDb } from './sqlite';
import { LedgerRefusal } from './ledger-refusal';

/** Each entry migrates the schema from version i to i + 1 (exported for the migration tests). */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE folders (
     id TEXT PRIMARY KEY,
     dir TEXT NOT NULL UNIQUE,
     kind TEXT NOT NULL CHECK (kind IN ('watch', 'batch')),
     options TEXT NOT NULL,
     enabled INTEGER NOT NULL DEFAULT 1,
     paused_reason TEXT,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE files (
     id INTEGER PRIMARY KEY,
     folder_id TEXT NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
     path TEXT NOT NULL,
     size INTEGER NOT NULL DEFAULT 0,
     mtime_ms REAL NOT NULL DEFAULT 0,
     sha256 TEXT,
     state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
     error_code TEXT,
     error_message TEXT,
     outputs TEXT NOT NULL DEFAULT '[]',
     result TEXT,
     ocr_ms REAL,
     total_ms REAL,
     attempts INTEGER NOT NULL DEFAULT 0,
     gone INTEGER NOT NULL DEFAULT 0,
     stale INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     UNIQUE (folder_id, path)
   );
   CREATE INDEX files_state ON files (state, folder_id, id);
   CREATE INDEX files_hash ON files (folder_id, sha256);
   CREATE TABLE history (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     result TEXT NOT NULL
   );
   CREATE INDEX history_created ON history (created_at);`,
  // Documents: a done file's page count and failed pages; pages read so far of a document still running.
  `ALTER TABLE files ADD COLUMN pages INTEGER;
   ALTER TABLE files ADD COLUMN pages_failed INTEGER;
   CREATE TABLE file_pages (
     file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
     page INTEGER NOT NULL,
     sha256 TEXT NOT NULL,
     result TEXT NOT NULL,
     PRIMARY KEY (file_id, page)
   );`,
  // The image a history entry was read from (a screen capture's crop), as a bounded data: URL.
  `ALTER TABLE history ADD COLUMN image TEXT;`,
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Sets the pragmas (WAL, synchronous=NORMAL, foreign keys) and migrates the schema to SCHEMA_VERSION. */
export function prepareDatabase(db: SqlDb): void {
  if (db.file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const version = Number(db.pragma('user_version'));
  if (version > SCHEMA_VERSION)
    throw new LedgerRefusal(
      db.file,
      `has schema version ${version}, newer than this build's ${SCHEMA_VERSION}; update Lantern OCR`,
    );
  for (let v = version; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    });
  }
}
