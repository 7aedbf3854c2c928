/** The contract's desktop-only operations: files and folders named by path, which only main may read. */
import { z } from 'zod';
import { documentResultSchema } from './document-schema';
import type { DocumentResult } from './document-result';
import {
  LIMITS,
  absolutePathSchema,
  documentPathSchema,
  noInput,
  pdfPasswordSchema,
  returns,
  type LanternOp,
} from './op-schemas';
import { READING_OPS } from './ops-reading';

/** What a call naming a file on disk can meet before any reading. */
const PATH_ERRORS = ['FILE_NOT_FOUND', 'FILE_UNREADABLE', 'PAYLOAD_TOO_LARGE'] as const;

/** Desktop-only operations (IPC, `window.lanternDesktop`): the sandboxed renderer cannot pick or name local paths. */
export const DESKTOP_OPS = {
  /** `recognizeDocument` of a file on disk (large PDFs: no 25 MiB IPC copy; the documents limit applies). */
  recognizeDocumentAt: {
    input: z
      .object({
        file: documentPathSchema,
        options: READING_OPS.recognizeDocument.input.shape.options,
      })
      .strict(),
    output: returns<DocumentResult>(),
    errors: [...PATH_ERRORS, ...READING_OPS.recognizeDocument.errors],
  },
  /** `pageImage` of a file on disk. */
  pageImageAt: {
    input: z
      .object({
        file: documentPathSchema,
        page: READING_OPS.pageImage.input.shape.page,
        password: pdfPasswordSchema.optional(),
      })
      .strict(),
    output: returns<Uint8Array>(),
    errors: [...PATH_ERRORS, ...READING_OPS.pageImage.errors],
  },
  /** `searchablePdf` of a file on disk. */
  searchablePdfAt: {
    input: z.object({ file: documentPathSchema, result: documentResultSchema }).strict(),
    output: returns<Uint8Array>(),
    errors: [...PATH_ERRORS, ...READING_OPS.searchablePdf.errors],
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
