/**
 * What the operations contract (lantern-ops.ts) is written in: the limits that hold on every transport, the input
 * schemas several operations share, the output-type marker and the shape of one operation.
 */
import { z } from 'zod';
import type { ErrorCode } from './errors';
import { watchOptionsSchema } from './lantern-api';
import { settingsPatchSchema } from './settings';

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
  /** The most file-name patterns one folder may have. */
  patterns: 64,
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

const watchFormats = watchOptionsSchema.shape.formats.unwrap();

/**
 * A folder's options as a caller sends them: the output folder obeys the folder's own path rule (a NUL or a relative
 * path would be saved and fail every write) and the lists are bounded (each repeated format is written again).
 */
export const watchOptionsInputSchema = watchOptionsSchema
  .extend({
    outDir: absolutePathSchema.nullable(),
    formats: watchFormats
      .max(watchFormats.element.options.length)
      .refine((f) => new Set(f).size === f.length, 'must not repeat a format'),
    patterns: watchOptionsSchema.shape.patterns.unwrap().max(LIMITS.patterns),
  })
  .partial()
  .strict();

/** A folder to watch or batch, with its options. */
export const folderInputSchema = z
  .object({ dir: absolutePathSchema, options: watchOptionsInputSchema.default({}) })
  .strict();

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes must be a Uint8Array');

/** The input of an operation that takes none. */
export const noInput = z.undefined();

/** A file the user gave the window (image, PDF, TIFF): its name and bytes. */
export const uiFileSchema = z.object({ name: z.string().min(1).max(1024), bytes }).strict();

/** The input of a list operation: how many rows, at most. */
export const listInputSchema = z.object({ limit: listLimitSchema.optional() }).strict();

/** The input of an operation on one folder or file by its id. */
export const byIdSchema = z.object({ id: idSchema }).strict();

/** An encrypted PDF's password: handed to PDFium only, never logged or stored. */
export const pdfPasswordSchema = z.string().min(1).max(1024);

/** A document the desktop window names by its path (granted by a drop or Open…): main reads it, no bytes cross IPC. */
export const documentPathSchema = z
  .object({ path: absolutePathSchema, name: z.string().min(1).max(1024) })
  .strict();

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
