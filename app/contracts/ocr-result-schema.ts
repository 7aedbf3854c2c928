/** zod schemas of an OcrResult and its parts, for results that come back from outside (a client, a stored row). */
import { z } from 'zod';
import type { OcrResult } from './ocr-result';
import { WARNING_CODES } from './result-warnings';

const coord = z.number().finite();
const point = z.tuple([coord, coord]);
const quad = z.tuple([point, point, point, point]);

/** One recognised line, with its words when they were asked for. */
export const ocrLineSchema = z.object({
  text: z.string().max(100_000),
  score: z.number().finite(),
  box: quad,
  // Kept so the export puts the words where the ink is (text-layer.ts).
  words: z
    .array(z.object({ text: z.string().max(100_000), box: quad }))
    .max(100_000)
    .optional(),
});

/** Whether two index lists hold the same indices in the same order. */
function sameIndices(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

const index = z.number().int().min(0);

/** One layout block: its rows must be its lines cut into rows (the caller checks the indices against its lines). */
export const ocrBlockSchema = z
  .object({
    box: quad,
    lines: z.array(index).max(100_000),
    // Kept so the Markdown export's tables have the layout's rows; absent from results made before rows existed.
    rows: z.array(z.array(index).min(1).max(100_000)).max(100_000).optional(),
    kind: z.enum(['heading', 'paragraph', 'table']),
  })
  .refine((b) => b.rows === undefined || sameIndices(b.rows.flat(), b.lines), {
    message: "a block's rows are not its lines cut into rows",
    path: ['rows'],
  });

/** A warning this build knows. */
export const resultWarningSchema = z.object({
  code: z.enum(WARNING_CODES),
  message: z.string().max(10_000),
});

const ms = z.number().finite();

/** One image's result, as this build writes it (older results lack only the fields marked optional). */
export const ocrResultSchema: z.ZodType<OcrResult, OcrResult> = z
  .object({
    file: z.string().max(4096).optional(),
    width: z.number().finite().min(0),
    height: z.number().finite().min(0),
    lines: z.array(ocrLineSchema).max(100_000),
    text: z.string(),
    paragraphs: z.array(z.string()).max(100_000).optional(),
    orientation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).optional(),
    blocks: z.array(ocrBlockSchema).max(100_000).optional(),
    ms: z.object({ decode: ms, det: ms, cls: ms, rec: ms, total: ms }),
    provider: z.string(),
    warnings: z.array(resultWarningSchema).max(100).optional(),
  })
  .refine((r) => (r.blocks ?? []).every((b) => b.lines.every((i) => i < r.lines.length)), {
    message: 'a block names a line the result does not have',
    path: ['blocks'],
  });
