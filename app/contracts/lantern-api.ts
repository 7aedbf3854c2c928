/**
 * The renderer bridge `window.lantern`: one interface, built by `createLanternApi` (lantern-client.ts) over the
 * operations table (lantern-ops.ts) for both the Electron preload (IPC) and the web transport of `serve` (HTTP +
 * server-sent events). The renderer only knows this interface.
 */
import { z } from 'zod';
import type { DocumentResult } from './document-result';
import type { OcrResult } from './ocr-result';
import type { Settings, SettingsPatch } from './settings';
import type { EngineStatus } from './status';

/** An image the user gave the UI: dropped, pasted or opened. */
export interface UiImage {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** How the window reads an image. */
export interface RecognizeUiOptions {
  readonly paragraphs?: boolean;
  readonly words?: boolean;
  readonly requestId?: string;
}

/** How the window reads a document: its request id (to cancel), forced OCR, paragraphs, an encrypted PDF's password. */
export interface DocumentReadOptions {
  readonly requestId?: string;
  readonly forceOcr?: boolean;
  /** Each OCRed page also groups its lines into `paragraphs`, as an image's result does (the Paragraphs view). */
  readonly paragraphs?: boolean;
  /** Goes to PDFium only: never logged, stored in History or sent anywhere else. */
  readonly password?: string;
}

/** A finished interactive recognition, as kept in history. */
export interface HistoryEntry {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  /** An image's result; for a document, its whole text as one result without lines (older clients read this). */
  readonly result: OcrResult;
  /** Present when the entry is a PDF or multi-page TIFF: every page with its lines and text. */
  readonly document?: DocumentResult;
  /** The image read, when one was kept (a screen capture's crop): a bounded data: URL, drawn under the boxes. */
  readonly image?: string;
}

/** An image to keep with a history entry: its type and encoded bytes (the history store bounds their size). */
export interface HistoryImage {
  readonly type: 'image/png' | 'image/jpeg';
  readonly bytes: Uint8Array;
}

/** One page done of a document being read (the window's progress, the tray line, the `page` event of /events). */
export interface PageProgress {
  readonly requestId?: string;
  readonly file: string;
  readonly page: number;
  readonly pages: number;
}

/** Options of a watched folder. */
export const watchOptionsSchema = z.object({
  recursive: z.boolean().default(false),
  /** null = write outputs beside each image. */
  outDir: z.string().min(1).nullable().default(null),
  formats: z
    .array(z.enum(['txt', 'json', 'md', 'pdf']))
    .min(1)
    .default(['txt']),
  /** File-name patterns (globs on the base name); empty = the usual image extensions. */
  patterns: z.array(z.string().min(1)).default([]),
});

/** Options of a watched folder. */
export type WatchOptions = z.infer<typeof watchOptionsSchema>;

/**
 * A coded note on how a folder is watched: `WATCH_POLLING` when the system's file-watch limit was reached,
 * `LEDGER_SET_ASIDE` when the ledger could not be read at start and was kept aside for a new one (its history is gone),
 * `LEDGER_DAMAGED` when the ledger was found damaged while running (watching stops until a restart sets it aside).
 */
export interface WatchNotice {
  readonly code: 'WATCH_POLLING' | 'LEDGER_SET_ASIDE' | 'LEDGER_DAMAGED';
  readonly message: string;
}

/** The ledger's own notices: it began anew at start, or it was found damaged while running. */
export type LedgerNotice = WatchNotice & { readonly code: 'LEDGER_SET_ASIDE' | 'LEDGER_DAMAGED' };

/**
 * The ledger behind History and watching as the UI says it, once, whatever folders it holds: with no folder watched no
 * row could say that history began anew or that watching stopped.
 */
export interface WatchLedger {
  /** What the ledger went through this run, or null when it opened and reads as it should. */
  readonly notice: LedgerNotice | null;
}

/** A coded note on what a batch could not read: sub-folders without read permission, skipped while the rest goes on. */
export interface BatchNotice {
  readonly code: 'FOLDERS_UNREADABLE';
  readonly message: string;
  /** The sub-folders (absolute paths) that could not be read. */
  readonly dirs: readonly string[];
}

/**
 * A coded note on the watched folders a batch left to their watch: their files are read as they arrive, and a batch
 * reading them too would recognise each twice and write the same outputs again.
 */
export interface BatchSkipNotice {
  readonly code: 'FOLDERS_WATCHED';
  readonly message: string;
  /** The watched folders (absolute paths, under the batch's folder) whose files the batch left out. */
  readonly dirs: readonly string[];
}

/**
 * What kind of pause a folder's `pausedReason` is, so the UI says it in its own language: its folder cannot be opened,
 * its output folder cannot be written, its saved options are refused, or all watching is paused.
 */
export type WatchPauseCode =
  'FOLDER_UNAVAILABLE' | 'OUTPUT_UNWRITABLE' | 'OPTIONS_REFUSED' | 'WATCHING_PAUSED';

/** A watched folder as the UI shows it. */
export interface WatchFolder {
  readonly id: string;
  readonly dir: string;
  /** `batch`: a folder OCR'd once ("OCR this folder now"), not watched; its progress is the batch's, not a row. */
  readonly kind: 'watch' | 'batch';
  readonly options: WatchOptions;
  readonly enabled: boolean;
  /** Why watching is paused (output not writable, folder gone), or null. */
  readonly pausedReason: string | null;
  /** The kind of that pause; absent for a reason kept from an earlier run until the folder is checked again. */
  readonly pausedCode?: WatchPauseCode | null;
  /** Watching goes on, but not as usual, or began anew (see WatchNotice). */
  readonly notice?: WatchNotice | null;
  readonly counts: { readonly queued: number; readonly done: number; readonly failed: number };
}

/** A file the ledger failed, with its code and message (retryable from the UI). */
export interface FailedFile {
  readonly id: string;
  readonly path: string;
  readonly code: string;
  readonly message: string;
  readonly at: number;
}

/** Events of the watch/batch subsystem, streamed to the UI. */
export type WatchEvent =
  | {
      readonly type: 'file';
      readonly folderId: string;
      readonly path: string;
      readonly state: 'queued' | 'done' | 'failed';
      readonly message?: string;
    }
  | {
      /** One page of a document (PDF, TIFF) in a watched folder or batch was read: `page` of `pages`. */
      readonly type: 'page';
      readonly folderId: string;
      readonly path: string;
      readonly page: number;
      readonly pages: number;
    }
  | { readonly type: 'folder'; readonly folder: WatchFolder }
  /** The ledger's notice changed (it was found damaged): the view says it above the folders at once. */
  | { readonly type: 'ledger'; readonly ledger: WatchLedger }
  | {
      readonly type: 'batch';
      readonly batchId: string;
      /** The folder the batch reads (several batches may run at once, one per folder). */
      readonly dir: string;
      readonly done: number;
      readonly failed: number;
      readonly total: number;
      readonly rate: number;
      readonly etaS: number | null;
      readonly state: 'running' | 'paused' | 'cancelled' | 'finished';
      /** What the batch could not read (sub-folders without permission), or absent when it read everything. */
      readonly notice?: BatchNotice;
      /** The watched folders inside the batch's folder whose files it left to their watch, or absent when none. */
      readonly skipped?: BatchSkipNotice;
    };

/** A batch's progress: its latest `batch` event, or what `watch.batches()` answers for a running or paused one. */
export type BatchProgress = Extract<WatchEvent, { type: 'batch' }>;

/** What the UI can do to a running batch. */
export const BATCH_ACTIONS = ['pause', 'resume', 'cancel'] as const;

/** One batch action. */
export type BatchAction = (typeof BATCH_ACTIONS)[number];

/**
 * The page's connection to the app: `connected` (IPC always is), `reconnecting` while the server cannot be reached
 * (the web transport tries again by itself), `expired` once the server refused the page's token (only a new URL helps).
 */
export type ConnectionState = 'connected' | 'reconnecting' | 'expired';

/** The bridge itself. */
export interface LanternApi {
  /**
   * Recognises one image; `requestId` (caller-chosen) lets the UI cancel it; `words` gives each line its words on
   * their own boxes (so its searchable PDF puts the text on the ink).
   */
  recognize(image: UiImage, options?: RecognizeUiOptions): Promise<OcrResult>;
  /**
   * Reads a PDF or (multi-page) TIFF page by page (an image as a one-page document); progress comes as `onPage`
   * events tagged with `requestId`, and `cancel(requestId)` stops it before its next page.
   */
  recognizeDocument(file: UiImage, options?: DocumentReadOptions): Promise<DocumentResult>;
  /** Subscribes to per-page progress of documents; returns the unsubscribe function. */
  onPage(cb: (p: PageProgress) => void): () => void;
  /** Page `page` (1-based) of a document or image as PNG bytes for display (long side at most 1600 px). */
  pageImage(file: UiImage, page: number, options?: { readonly password?: string }): Promise<Uint8Array>;
  /** The searchable PDF of a recognised document or image, written from its result (no second OCR). */
  searchablePdf(file: UiImage, result: DocumentResult): Promise<Uint8Array>;
  /** Cancels a queued or running request; true when it was still pending. */
  cancel(requestId: string): Promise<boolean>;
  /** Current engine status. */
  getStatus(): Promise<EngineStatus>;
  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(cb: (s: EngineStatus) => void): () => void;
  /** Subscribes to the connection state: called at once with the current one, then on each change. */
  onConnection(cb: (state: ConnectionState) => void): () => void;
  /** Leaves the `error` state: starts the engine again. */
  retry(): Promise<void>;
  /** A request is probably coming (focus, drag-enter, paste): make sure the engine is warm. */
  prewarm(): void;
  readonly history: {
    list(limit?: number): Promise<HistoryEntry[]>;
    /** Deletes one entry; rejects with NOT_FOUND when no entry has that id. */
    remove(id: string): Promise<void>;
    clear(): Promise<void>;
  };
  readonly settings: {
    get(): Promise<Settings>;
    set(patch: SettingsPatch): Promise<Settings>;
  };
  readonly watch: {
    list(): Promise<WatchFolder[]>;
    add(dir: string, options: Partial<WatchOptions>): Promise<WatchFolder>;
    remove(id: string): Promise<void>;
    setEnabled(id: string, enabled: boolean): Promise<WatchFolder>;
    failed(limit?: number): Promise<FailedFile[]>;
    retry(fileId: string): Promise<void>;
    /** OCRs a folder once, now, without watching it (same ledger: done files are not redone); progress comes as `batch` events. */
    batch(dir: string, options: Partial<WatchOptions>): Promise<{ readonly batchId: string }>;
    /** Every batch that is running or paused, with its progress now (a page that loads has heard none of its events). */
    batches(): Promise<BatchProgress[]>;
    /** Pauses, resumes or cancels a running batch; false when no such batch is running. */
    batchControl(batchId: string, action: BatchAction): Promise<boolean>;
    /** The ledger's notice (set aside at start, found damaged since), said once above the folders. */
    ledger(): Promise<WatchLedger>;
    onEvent(cb: (e: WatchEvent) => void): () => void;
  };
}
