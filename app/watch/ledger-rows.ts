/** Row types of the ledger and their mapping from SQLite rows. */
import type { WatchOptions } from '../contracts/lantern-api';
import { isReadPage, type DocumentResult } from '../documents/document-types';
import type { OcrResult } from '../ocr/types';

/** What a done file's row keeps: an image's result, or a document's (PDF, TIFF) with its pages. */
export type StoredResult = OcrResult | DocumentResult;

/** Whether a stored result is a document's. */
export function isDocumentResult(r: StoredResult): r is DocumentResult {
  return 'pages' in r;
}

/** Pages of a stored result and how many of them failed (an image is one page). */
export function pageCounts(r: StoredResult): { readonly pages: number; readonly pagesFailed: number } {
  if (!isDocumentResult(r)) return { pages: 1, pagesFailed: 0 };
  return { pages: r.pages.length, pagesFailed: r.pages.filter((p) => !isReadPage(p)).length };
}

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
  readonly result: StoredResult | null;
  /** Pages of a done file (1 for an image; null on rows from before documents) and how many of them failed. */
  readonly pages: number | null;
  readonly pagesFailed: number | null;
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
  readonly result: StoredResult;
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
  result: r.result ? (JSON.parse(r.result as string) as StoredResult) : null,
  pages: (r.pages as number | null) ?? null,
  pagesFailed: (r.pages_failed as number | null) ?? null,
  ocrMs: (r.ocr_ms as number | null) ?? null,
  totalMs: (r.total_ms as number | null) ?? null,
  attempts: r.attempts as number,
  gone: r.gone === 1,
  stale: r.stale === 1,
  updatedAt: r.updated_at as number,
});
