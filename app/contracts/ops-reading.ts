/** The contract's reading operations: images and documents recognised, pages shown, PDFs written, the engine's state. */
import { z } from 'zod';
import { documentResultSchema } from './document-schema';
import type { DocumentResult } from './document-result';
import type { OcrResult } from './ocr-result';
import { idSchema, noInput, pdfPasswordSchema, returns, uiFileSchema, type LanternOp } from './op-schemas';
import type { EngineStatus } from './status';

/** What any call that reaches the engine can meet. */
const ENGINE_ERRORS = [
  'ENGINE_UNAVAILABLE',
  'ENGINE_CRASHED',
  'ENGINE_STOPPED',
  'QUEUE_FULL',
  'TIMEOUT',
] as const;

/** Recognising, rendering and writing, and the engine behind them (joined in LANTERN_OPS, lantern-ops.ts). */
export const READING_OPS = {
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
} as const satisfies Record<string, LanternOp & { readonly http: string }>;
