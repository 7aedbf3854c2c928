/** What the ledger tests store and how they damage it: a result with text only, and pages written over. */
import { closeSync, openSync, writeSync } from 'node:fs';
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
