/**
 * The renderer ↔ app contract: every operation of `window.lantern`, with its input schema, output type, the HTTP
 * route the web transport calls and the error codes it may answer. The Electron IPC (channel names, payload
 * validation, handlers), the preload, the web transport and the `/api` route schemas are all derived from this table,
 * and the limits below are the same on both transports.
 */
import { z } from 'zod';
import type { ErrorCode } from './errors';
import { documentResultSchema } from './document-schema';
import type { DocumentResult } from './document-result';
import type { FailedFile, HistoryEntry, PageProgress, WatchEvent, WatchFolder } from './lantern-api';
import { BATCH_ACTIONS, watchOptionsSchema } from './lantern-api';
import type { Settings } from './settings';
import { settingsPatchSchema } from './settings';
import type { EngineStatus } from './status';
import type { OcrResult } from './ocr-result';

/** Limits that hold for the same operation whatever the transport (HTTP's body limit can be raised by `serve`). */
export const LIMITS = {
  /** The largest image one recognize accepts (the HTTP body limit's default). */
  imageBytes: 25 * 1024 * 1024,
  /** The most rows one history or failed-files list answers. */
  listRows: 500,
  /** Rows answered when the caller does not say. */
  defaultListRows: 100,
  /** The longest path accepted. */
  pathChars: 4096,
  /** The longest id accepted. */
  idChars: 200,
  /** The most paths one drop may grant (desktop only). */
  droppedPaths: 256,
} as const;

/** A phantom marker carrying an operation's output type (no runtime value is needed). */
export interface Returns<T> {
  readonly _output?: T;
}

/** Declares an operation's output type. */
export const returns = <T>(): Returns<T> => ({});

/** An id of a request, folder, file or batch: short, URL-safe. */
export const idSchema = z
  .string()
  .min(1)
  .max(LIMITS.idChars)
  .regex(/^[\w.:@-]+$/, 'must be a short id of letters, digits and . _ : @ -');

/** A row count for list operations. */
export const listLimitSchema = z.number().int().min(1).max(LIMITS.listRows);

/** Whether a path is absolute on POSIX (`/x`) or Windows (`C:\x`, `\\server\share`); no Node in contracts. */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/** An absolute local path (no NUL, bounded length): folders are never relative to a server's working directory. */
export const absolutePathSchema = z
  .string()
  .min(1)
  .max(LIMITS.pathChars)
  .refine((p) => !p.includes('\0'), 'must not contain NUL')
  .refine(isAbsolutePath, 'must be an absolute path');

/** A folder to watch or batch, with its options. */
export const folderInputSchema = z
  .object({ dir: absolutePathSchema, options: watchOptionsSchema.partial().strict().default({}) })
  .strict();

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes must be a Uint8Array');
const none = z.undefined();
/** A file the user gave the window (image, PDF, TIFF): its name and bytes. */
const uiFile = z.object({ name: z.string().min(1).max(1024), bytes }).strict();
const list = z.object({ limit: listLimitSchema.optional() }).strict();
const byId = z.object({ id: idSchema }).strict();
/** An encrypted PDF's password: handed to PDFium only, never logged or stored. */
const pdfPassword = z.string().min(1).max(1024);

/** The settings patch as callers send it: unknown keys (and the read-only `runtime`) are refused. */
export const settingsPatchInputSchema = settingsPatchSchema.strict();

/** One operation of the contract. */
export interface LanternOp {
  readonly input: z.ZodType;
  readonly output: Returns<unknown>;
  /** The HTTP operation (app/contracts/http-api.ts) the web transport calls; absent for desktop-only operations. */
  readonly http?: string;
  /** The codes this operation answers besides BAD_REQUEST, FORBIDDEN/UNAUTHORIZED and INTERNAL. */
  readonly errors: readonly ErrorCode[];
}

const ENGINE_ERRORS = [
  'ENGINE_UNAVAILABLE',
  'ENGINE_CRASHED',
  'ENGINE_STOPPED',
  'QUEUE_FULL',
  'TIMEOUT',
] as const;

/** Every operation of `window.lantern`, on every transport. */
export const LANTERN_OPS = {
  recognize: {
    input: z
      .object({
        image: uiFile,
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
        image: uiFile,
        options: z
          .object({
            requestId: idSchema.optional(),
            forceOcr: z.boolean().optional(),
            password: pdfPassword.optional(),
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
        image: uiFile,
        page: z.number().int().min(1).max(1_000_000),
        password: pdfPassword.optional(),
      })
      .strict(),
    output: returns<Uint8Array>(),
    http: 'pageImage',
    errors: ['PAYLOAD_TOO_LARGE', 'BAD_PDF', 'PDF_ENCRYPTED', 'BAD_IMAGE', 'IMAGE_TOO_LARGE'],
  },
  searchablePdf: {
    input: z.object({ image: uiFile, result: documentResultSchema }).strict(),
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
  getStatus: { input: none, output: returns<EngineStatus>(), http: 'status', errors: [] },
  retry: { input: none, output: returns<void>(), http: 'retry', errors: [] },
  historyList: { input: list, output: returns<HistoryEntry[]>(), http: 'historyList', errors: ['NOT_FOUND'] },
  historyClear: { input: none, output: returns<void>(), http: 'historyClear', errors: ['NOT_FOUND'] },
  settingsGet: { input: none, output: returns<Settings>(), http: 'settingsGet', errors: ['NOT_FOUND'] },
  settingsSet: {
    input: z.object({ patch: settingsPatchInputSchema }).strict(),
    output: returns<Settings>(),
    http: 'settingsSet',
    errors: ['NOT_FOUND'],
  },
  watchList: { input: none, output: returns<WatchFolder[]>(), http: 'watchList', errors: ['NOT_FOUND'] },
  watchAdd: {
    input: folderInputSchema,
    output: returns<WatchFolder>(),
    http: 'watchAdd',
    errors: ['NOT_FOUND', 'FILE_NOT_FOUND', 'BAD_PATTERN', 'BAD_OUTPUT_FOLDER'],
  },
  watchRemove: { input: byId, output: returns<void>(), http: 'watchRemove', errors: ['NOT_FOUND'] },
  watchSetEnabled: {
    input: z.object({ id: idSchema, enabled: z.boolean() }).strict(),
    output: returns<WatchFolder>(),
    http: 'watchEnable',
    errors: ['NOT_FOUND'],
  },
  watchFailed: { input: list, output: returns<FailedFile[]>(), http: 'watchFailed', errors: ['NOT_FOUND'] },
  watchRetry: { input: byId, output: returns<void>(), http: 'watchRetry', errors: ['NOT_FOUND'] },
  watchBatch: {
    input: folderInputSchema,
    output: returns<{ readonly batchId: string }>(),
    http: 'watchBatch',
    errors: ['NOT_FOUND', 'FILE_NOT_FOUND', 'BAD_PATTERN', 'BAD_OUTPUT_FOLDER'],
  },
  watchBatchControl: {
    input: z.object({ id: idSchema, action: z.enum(BATCH_ACTIONS) }).strict(),
    output: returns<boolean>(),
    http: 'batchControl',
    errors: ['NOT_FOUND'],
  },
} as const satisfies Record<string, LanternOp & { readonly http: string }>;

/** A document the desktop window names by its path (granted by a drop or Open…): main reads it, no bytes cross IPC. */
const documentPath = z.object({ path: absolutePathSchema, name: z.string().min(1).max(1024) }).strict();
const PATH_ERRORS = ['FILE_NOT_FOUND', 'FILE_UNREADABLE', 'PAYLOAD_TOO_LARGE'] as const;

/** Desktop-only operations (IPC, `window.lanternDesktop`): the sandboxed renderer cannot pick or name local paths. */
export const DESKTOP_OPS = {
  /** `recognizeDocument` of a file on disk (large PDFs: no 25 MiB IPC copy; the documents limit applies). */
  recognizeDocumentAt: {
    input: z
      .object({
        file: documentPath,
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
        file: documentPath,
        page: LANTERN_OPS.pageImage.input.shape.page,
        password: pdfPassword.optional(),
      })
      .strict(),
    output: returns<Uint8Array>(),
    errors: [...PATH_ERRORS, ...LANTERN_OPS.pageImage.errors],
  },
  /** `searchablePdf` of a file on disk. */
  searchablePdfAt: {
    input: z.object({ file: documentPath, result: documentResultSchema }).strict(),
    output: returns<Uint8Array>(),
    errors: [...PATH_ERRORS, ...LANTERN_OPS.searchablePdf.errors],
  },
  grantDroppedPaths: {
    input: z.object({ paths: z.array(absolutePathSchema).max(LIMITS.droppedPaths) }).strict(),
    output: returns<number>(),
    errors: [],
  },
  chooseFolder: { input: none, output: returns<string | null>(), errors: [] },
  /** An opened image's bytes (its thumbnail, then `recognize`): a file opened from outside is no File in the page. */
  imageAt: {
    input: z.object({ file: documentPath }).strict(),
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
  .object({ files: z.array(documentPath).min(1).max(LIMITS.droppedPaths) })
  .strict();

/** What main sends a window when files are opened from outside it. */
export type OpenedFiles = z.output<typeof openedFilesSchema>;

/** Events main pushes to the desktop window only (IPC event channels; `serve` has none of them). */
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

/** A transport: calls one operation, subscribes to one event, sends the prewarm hint. */
export interface LanternTransport {
  call<K extends OpName>(name: K, input: OpInput<K>): Promise<OpOutput<K>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
  prewarm(): void;
}
