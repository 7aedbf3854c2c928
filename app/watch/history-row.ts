/** Reads one stored history result back: a row damaged on disk or written by a newer build is refused, not trusted. */
import { documentResultSchema } from '../contracts/document-schema';
import type { DocumentResult } from '../documents/document-types';
import { ocrResultSchema } from '../contracts/ocr-result-schema';
import type { OcrResult } from '../ocr/types';

/** A stored result, or why it cannot be shown (in words for the log). */
export type StoredHistoryResult =
  | { readonly ok: true; readonly stored: OcrResult | DocumentResult }
  | { readonly ok: false; readonly reason: string };

/** Parses and checks a history row's `result` column; the parsed value itself is returned, nothing stripped. */
export function readStoredHistoryResult(json: string): StoredHistoryResult {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    return { ok: false, reason: `its result is not JSON (${(err as Error).message})` };
  }
  const document = typeof value === 'object' && value !== null && 'pages' in value;
  const checked = (document ? documentResultSchema : ocrResultSchema).safeParse(value);
  if (checked.success) return { ok: true, stored: value as OcrResult | DocumentResult };
  const issue = checked.error.issues[0];
  const where = issue?.path.map(String).join('.') || 'result';
  return {
    ok: false,
    reason: `its result is not one this build reads (${where}: ${issue?.message ?? 'invalid'})`,
  };
}
