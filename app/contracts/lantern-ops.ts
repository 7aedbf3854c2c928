/**
 * The renderer ↔ app contract: every operation of `window.lantern`, with its input schema, output type, the HTTP
 * route the web transport calls and the error codes it may answer. The Electron IPC (channel names, payload
 * validation, handlers), the preload, the web transport and the `/api` route schemas are all derived from this table,
 * and the limits (op-schemas.ts) are the same on both transports.
 */
import { z } from 'zod';
import { documentResultSchema } from './document-schema';
import type { DocumentResult } from './document-result';
import type {
  BatchProgress,
  ConnectionState,
  FailedFile,
  HistoryEntry,
  PageProgress,
  WatchEvent,
  WatchFolder,
  WatchLedger,
} from './lantern-api';
import { BATCH_ACTIONS } from './lantern-api';
import type { OcrResult } from './ocr-result';
import {
  LIMITS,
  absolutePathSchema,
  byIdSchema,
  documentPathSchema,
  folderInputSchema,
  idSchema,
  listInputSchema,
  noInput,
  pdfPasswordSchema,
  returns,
  settingsPatchInputSchema,
  uiFileSchema,
  type LanternOp,
  type Returns,
} from './op-schemas';
import type { Settings } from './settings';
import type { EngineStatus } from './status';

const ENGINE_ERRORS = [
  'ENGINE_UNAVAILABLE',
  'ENGINE_CRASHED',
  'ENGINE_STOPPED',
  'QUEUE_FULL',
  'TIMEOUT',
] as const;

/** What a call on the ledger (History, watching) can meet: no ledger behind this surface, or one found damaged. */
const LEDGER_ERRORS = ['NOT_FOUND', 'LEDGER_DAMAGED'] as const;

/** Every operation of `window.lantern`, on every transport. */
export const LANTERN_OPS = {
  recognize: {
    input: z
      .object({
        image: uiFileSchema,
        options: z
          .object({
            paragraphs: z.boolean().optional(),
            words: z.boolean().optional(),
            requestId: idSchema.optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    output: returns<OcrResult>(),
    http: 'ocr',
    errors: [
      'PAYLOAD_TOO_LARGE',
      'BAD_IMAGE',
      'EMPTY_INPUT',
      'IMAGE_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
      'CANCELLED',
      ...ENGINE_ERRORS,
    ],
  },
  recognizeDocument: {
    input: z
      .object({
        image: uiFileSchema,
        options: z
          .object({
            requestId: idSchema.optional(),
            forceOcr: z.boolean().optional(),
            paragraphs: z.boolean().optional(),
            password: pdfPasswordSchema.optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    output: returns<DocumentResult>(),
    http: 'ocr',
    errors: [
      'PAYLOAD_TOO_LARGE',
      'BAD_PDF',
      'PDF_EMPTY',
      'PDF_ENCRYPTED',
      'TOO_MANY_PAGES',
      'BAD_IMAGE',
      'EMPTY_INPUT',
      'UNSUPPORTED_MEDIA_TYPE',
      'CANCELLED',
      ...ENGINE_ERRORS,
    ],
  },
  pageImage: {
    input: z
      .object({
        image: uiFileSchema,
        page: z.number().int().min(1).max(1_000_000),
        password: pdfPasswordSchema.optional(),
      })
      .strict(),
    output: returns<Uint8Array>(),
    http: 'pageImage',
    errors: ['PAYLOAD_TOO_LARGE', 'BAD_PDF', 'PDF_ENCRYPTED', 'BAD_IMAGE', 'IMAGE_TOO_LARGE'],
  },
  searchablePdf: {
    input: z.object({ image: uiFileSchema, result: documentResultSchema }).strict(),
    output: returns<Uint8Array>(),
    http: 'searchablePdf',
    errors: ['PAYLOAD_TOO_LARGE', 'BAD_PDF', 'PDF_ENCRYPTED', 'BAD_IMAGE'],
  },
  cancel: {
    input: z.object({ requestId: idSchema }).strict(),
    output: returns<boolean>(),
    http: 'cancel',
    errors: [],
  },
  getStatus: { input: noInput, output: returns<EngineStatus>(), http: 'status', errors: [] },
  retry: { input: noInput, output: returns<void>(), http: 'retry', errors: [] },
  historyList: {
    input: listInputSchema,
    output: returns<HistoryEntry[]>(),
    http: 'historyList',
    errors: LEDGER_ERRORS,
  },
  historyClear: {
    input: noInput,
    output: returns<void>(),
    http: 'historyClear',
    errors: LEDGER_ERRORS,
  },
  /** Deletes one entry; NOT_FOUND when no entry has that id (already deleted, pruned, or never one). */
  historyRemove: {
    input: byIdSchema,
    output: returns<void>(),
    http: 'historyRemove',
    errors: LEDGER_ERRORS,
  },
  settingsGet: { input: noInput, output: returns<Settings>(), http: 'settingsGet', errors: ['NOT_FOUND'] },
  settingsSet: {
    input: z.object({ patch: settingsPatchInputSchema }).strict(),
    output: returns<Settings>(),
    http: 'settingsSet',
    // A capture shortcut that is malformed or owned by another application: nothing is saved.
    errors: ['NOT_FOUND', 'SHORTCUT_UNAVAILABLE'],
  },
  watchList: {
    input: noInput,
    output: returns<WatchFolder[]>(),
    http: 'watchList',
    errors: LEDGER_ERRORS,
  },
  watchAdd: {
    input: folderInputSchema,
    output: returns<WatchFolder>(),
    http: 'watchAdd',
    // FOLDER_OVERLAP: another watched folder already reads it, or it would read one (named in the message).
    errors: [...LEDGER_ERRORS, 'FILE_NOT_FOUND', 'BAD_PATTERN', 'BAD_OUTPUT_FOLDER', 'FOLDER_OVERLAP'],
  },
  watchRemove: {
    input: byIdSchema,
    output: returns<void>(),
    http: 'watchRemove',
    errors: LEDGER_ERRORS,
  },
  watchSetEnabled: {
    input: z.object({ id: idSchema, enabled: z.boolean() }).strict(),
    output: returns<WatchFolder>(),
    http: 'watchEnable',
    errors: LEDGER_ERRORS,
  },
  watchFailed: {
    input: listInputSchema,
    output: returns<FailedFile[]>(),
    http: 'watchFailed',
    errors: LEDGER_ERRORS,
  },
  watchRetry: {
    input: byIdSchema,
    output: returns<void>(),
    http: 'watchRetry',
    errors: LEDGER_ERRORS,
  },
  watchBatch: {
    input: folderInputSchema,
    output: returns<{ readonly batchId: string }>(),
    http: 'watchBatch',
    // FOLDER_OVERLAP: a watched folder already reads its files (named in the message).
    errors: [...LEDGER_ERRORS, 'FILE_NOT_FOUND', 'BAD_PATTERN', 'BAD_OUTPUT_FOLDER', 'FOLDER_OVERLAP'],
  },
  watchBatches: {
    input: noInput,
    output: returns<BatchProgress[]>(),
    http: 'watchBatches',
    errors: LEDGER_ERRORS,
  },
  /** Reads no row of the ledger: it answers even when the ledger is damaged (NOT_FOUND: no watching in this mode). */
  watchLedger: { input: noInput, output: returns<WatchLedger>(), http: 'watchLedger', errors: ['NOT_FOUND'] },
  watchBatchControl: {
    input: z.object({ id: idSchema, action: z.enum(BATCH_ACTIONS) }).strict(),
    output: returns<boolean>(),
    http: 'batchControl',
    errors: LEDGER_ERRORS,
  },
} as const satisfies Record<string, LanternOp & { readonly http: string }>;

const PATH_ERRORS = ['FILE_NOT_FOUND', 'FILE_UNREADABLE', 'PAYLOAD_TOO_LARGE'] as const;

/** Desktop-only operations (IPC, `window.lanternDesktop`): the sandboxed renderer cannot pick or name local paths. */
export const DESKTOP_OPS = {
  /** `recognizeDocument` of a file on disk (large PDFs: no 25 MiB IPC copy; the documents limit applies). */
  recognizeDocumentAt: {
    input: z
      .object({
        file: documentPathSchema,
        options: LANTERN_OPS.recognizeDocument.input.shape.options,
      })
      .strict(),
    output: returns<DocumentResult>(),
    errors: [...PATH_ERRORS, ...LANTERN_OPS.recognizeDocument.errors],
  },
  /** `pageImage` of a file on disk. */
  pageImageAt: {
    input: z
      .object({
        file: documentPathSchema,
        page: LANTERN_OPS.pageImage.input.shape.page,
        password: pdfPasswordSchema.optional(),
      })
      .strict(),
    output: returns<Uint8Array>(),
    errors: [...PATH_ERRORS, ...LANTERN_OPS.pageImage.errors],
  },
  /** `searchablePdf` of a file on disk. */
  searchablePdfAt: {
    input: z.object({ file: documentPathSchema, result: documentResultSchema }).strict(),
    output: returns<Uint8Array>(),
    errors: [...PATH_ERRORS, ...LANTERN_OPS.searchablePdf.errors],
  },
  grantDroppedPaths: {
    input: z.object({ paths: z.array(absolutePathSchema).max(LIMITS.droppedPaths) }).strict(),
    output: returns<number>(),
    errors: [],
  },
  chooseFolder: { input: noInput, output: returns<string | null>(), errors: [] },
  /** An opened image's bytes (its thumbnail, then `recognize`): a file opened from outside is no File in the page. */
  imageAt: {
    input: z.object({ file: documentPathSchema }).strict(),
    output: returns<Uint8Array>(),
    errors: [...PATH_ERRORS],
  },
} as const satisfies Record<string, LanternOp>;

/** Every operation main answers over IPC. */
export const IPC_OPS = { ...LANTERN_OPS, ...DESKTOP_OPS } as const;

/** Events the app pushes to the renderer (IPC event channels, SSE event names on `/events`). */
export const LANTERN_EVENTS = {
  status: returns<EngineStatus>(),
  watch: returns<WatchEvent>(),
  page: returns<PageProgress>(),
} as const satisfies Record<string, Returns<unknown>>;

/** Files opened from outside the window ("Open with", the command line, a second launch), granted to it. */
export const openedFilesSchema = z
  .object({ files: z.array(documentPathSchema).min(1).max(LIMITS.droppedPaths) })
  .strict();

/** What main sends a window when files are opened from outside it. */
export type OpenedFiles = z.output<typeof openedFilesSchema>;

/** Events main pushes to the desktop window only (IPC event channels; `serve` has noInput of them). */
export const DESKTOP_EVENTS = {
  opened: returns<OpenedFiles>(),
} as const satisfies Record<string, Returns<unknown>>;

/** The name of a desktop-only event. */
export type DesktopEventName = keyof typeof DESKTOP_EVENTS;

/** A desktop-only event's payload. */
export type DesktopEventPayload<E extends DesktopEventName> =
  (typeof DESKTOP_EVENTS)[E] extends Returns<infer T> ? T : never;

/** The name of a `window.lantern` operation. */
export type OpName = keyof typeof LANTERN_OPS;

/** The name of any IPC operation (with the desktop extras). */
export type IpcOpName = keyof typeof IPC_OPS;

/** What a caller passes to an operation. */
export type OpInput<K extends IpcOpName> = z.input<(typeof IPC_OPS)[K]['input']>;

/** An operation's input once validated (defaults applied). */
export type OpParsed<K extends IpcOpName> = z.output<(typeof IPC_OPS)[K]['input']>;

/** What an operation answers. */
export type OpOutput<K extends IpcOpName> =
  (typeof IPC_OPS)[K]['output'] extends Returns<infer T> ? T : never;

/** The name of an event. */
export type EventName = keyof typeof LANTERN_EVENTS;

/** An event's payload. */
export type EventPayload<E extends EventName> =
  (typeof LANTERN_EVENTS)[E] extends Returns<infer T> ? T : never;

/** A transport: calls one operation, subscribes to one event or to its connection state, sends the prewarm hint. */
export interface LanternTransport {
  call<K extends OpName>(name: K, input: OpInput<K>): Promise<OpOutput<K>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
  onConnection(cb: (state: ConnectionState) => void): () => void;
  prewarm(): void;
}
