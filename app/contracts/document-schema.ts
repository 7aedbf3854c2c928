/** zod schema of a DocumentResult that comes back from a client (the window's "Searchable PDF" export); no Node. */
import { z } from 'zod';
import { LanternError, type WireError } from './errors';
import { wireErrorSchema } from './wire-error-schema';
import { MAX_PAGES, type DocumentResult } from './document-result';
import { ocrBlockSchema as block, ocrLineSchema as line, resultWarningSchema } from './ocr-result-schema';

const size = z.number().int().min(1).max(1_000_000);
const readPage = z
  .object({
    page: z.number().int().min(1),
    width: size,
    height: size,
    lines: z.array(line).max(100_000),
    text: z.string(),
    source: z.enum(['ocr', 'pdf-text']),
    // Kept so the searchable PDF adds no second layer over a page's own text (force-OCRed).
    ownText: z.boolean().optional(),
    // Kept so the searchable PDF layers a force-OCRed page's lines that its own text does not hold (own-lines.ts).
    ownLines: z.array(z.number().int().min(0)).max(100_000).optional(),
    // Kept so the searchable PDF sets a turned page's text along its lines (text-layer-frame.ts).
    orientation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).optional(),
    // Kept so the Markdown export has the page's headings, paragraphs and tables (blocks-markdown.ts).
    blocks: z.array(block).max(100_000).optional(),
    paragraphs: z.array(z.string()).max(100_000).optional(),
  })
  .refine((p) => (p.blocks ?? []).every((b) => b.lines.every((i) => i < p.lines.length)), {
    message: 'a block names a line the page does not have',
    path: ['blocks'],
  })
  .refine((p) => (p.ownLines ?? []).every((i) => i < p.lines.length), {
    message: 'names a line the page does not have',
    path: ['ownLines'],
  });
const failedPage = z.object({
  page: z.number().int().min(1),
  // A failed page only needs to be skipped: its code is kept as sent.
  error: z.custom<WireError>((v) => wireErrorSchema.safeParse(v).success, 'must be { code, message }'),
});

/** A recognised document as a client sends it back (callers pass the DocumentResult they were given). */
export const documentResultSchema: z.ZodType<DocumentResult, DocumentResult> = z.object({
  file: z.string().max(4096).optional(),
  kind: z.enum(['pdf', 'tiff', 'image']),
  pages: z
    .array(z.union([readPage, failedPage]))
    .min(1)
    .max(MAX_PAGES),
  text: z.string(),
  ms: z.number().finite(),
  encrypted: z.literal(true).optional(),
  warnings: z.array(resultWarningSchema).max(100).optional(),
});

/** Parses a client's DocumentResult, or throws BAD_REQUEST saying what is wrong. */
export function parseDocumentResult(value: unknown): DocumentResult {
  const r = documentResultSchema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new LanternError(
    'BAD_REQUEST',
    `result: ${issue?.path.map(String).join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
  );
}
