/** Row types of the ledger and their mapping from SQLite rows. */
import type { WatchOptions } from '../contracts/lantern-api';
import type { OcrResult } from '../ocr/types';

/** A file's state in the ledger. */
export type FileState = 'queued' | 'running' | 'done' | 'failed';

/** A folder as stored. */
export interface FolderRow {
  readonly id: string;
  readonly dir: string;
  readonly kind: 'watch' | 'batch';
  readonly options: WatchOptions;
  readonly enabled: boolean;
  readonly pausedReason: string | null;
}

/** A file as stored. */
export interface FileRow {
  readonly id: number;
  readonly folderId: string;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string | null;
  readonly state: FileState;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly outputs: readonly string[];
  readonly result: OcrResult | null;
  readonly ocrMs: number | null;
  readonly totalMs: number | null;
  readonly attempts: number;
  readonly gone: boolean;
  readonly stale: boolean;
  readonly updatedAt: number;
}

/** Per-folder counters (files that are gone are not counted). */
export interface FolderCounts {
  readonly queued: number;
  readonly running: number;
  readonly done: number;
  readonly failed: number;
}

/** What a successful file leaves in the ledger. */
export interface DoneInfo {
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly outputs: readonly string[];
  readonly result: OcrResult;
  readonly ocrMs: number | null;
  readonly totalMs: number;
}

/** A row as the SQLite adapter returns it. */
export type Raw = Record<string, unknown>;

/** Maps a folders row. */
export const toFolder = (r: Raw): FolderRow => ({
  id: r.id as string,
  dir: r.dir as string,
  kind: r.kind as FolderRow['kind'],
  options: JSON.parse(r.options as string) as WatchOptions,
  enabled: r.enabled === 1,
  pausedReason: (r.paused_reason as string | null) ?? null,
});

/** Maps a files row. */
export const toFile = (r: Raw): FileRow => ({
  id: r.id as number,
  folderId: r.folder_id as string,
  path: r.path as string,
  size: r.size as number,
  mtimeMs: r.mtime_ms as number,
  sha256: (r.sha256 as string | null) ?? null,
  state: r.state as FileState,
  errorCode: (r.error_code as string | null) ?? null,
  errorMessage: (r.error_message as string | null) ?? null,
  outputs: JSON.parse(r.outputs as string) as string[],
  result: r.result ? (JSON.parse(r.result as string) as OcrResult) : null,
  ocrMs: (r.ocr_ms as number | null) ?? null,
  totalMs: (r.total_ms as number | null) ?? null,
  attempts: r.attempts as number,
  gone: r.gone === 1,
  stale: r.stale === 1,
  updatedAt: r.updated_at as number,
});
