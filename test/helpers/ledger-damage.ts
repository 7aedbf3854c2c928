/** What the ledger tests store and how they damage it: a result with text only, and pages written over. */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Ledger } from '../../app/watch/ledger';
import type { OcrResult } from '../../app/ocr/types';

/** A result with no lines and `text`, for rows whose size matters and whose boxes do not. */
export function textResult(text: string): OcrResult {
  return {
    width: 10,
    height: 10,
    lines: [],
    text,
    blocks: [],
    ms: { decode: 1, det: 1, cls: 1, rec: 1, total: 4 },
    provider: 'cpu',
  };
}

/** Overwrites `count` pages of SQLite file `file` from page `first` (1-based, 4 KiB pages) with 0xff. */
export function damagePages(file: string, first: number, count: number): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(4096 * count, 0xff), 0, 4096 * count, 4096 * (first - 1));
  } finally {
    closeSync(fd);
  }
}

/**
 * Stores `count` history entries of `result` in `l` (the ledger at `file`), writes them into the main file and closes it, then opens it again
 * with a cache of a few pages: what the open read through is read from the disk again, as after a long run.
 */
export function reopenWithHistory(l: Ledger, file: string, count: number, result: OcrResult): Ledger {
  l.db.transaction(() => {
    for (let i = 0; i < count; i++) l.history.add(`page-${i}.png`, result);
  });
  l.db.pragma('wal_checkpoint(TRUNCATE)');
  l.close();
  const ledger = Ledger.open(file);
  ledger.db.pragma('cache_size = 8');
  return ledger;
}
