/**
 * Recognises one input file for the batch runner: an image as one engine request, a PDF or TIFF page by page (each
 * page one engine request), every page saved in the ledger as it is read so that a restart resumes after it.
 */
import { ENGINE_SIDE_CODES, LanternError, toWireError } from '../contracts/errors';
import { warningCodes } from '../contracts/result-warnings';
import { isReadPage } from '../documents/document-types';
import { localDocuments, type DocumentReader } from '../documents/document-reader';
import { sniffDocument } from '../documents/sniff';
import type { OcrService } from '../engine/ocr-service';
import { isDocumentResult, type StoredResult } from './ledger-rows';
import type { PageStore } from './ledger-pages';

/** Engine errors that say nothing about the file: the file is queued again after a pause (a document stops). */
export const TRANSIENT: ReadonlySet<string> = new Set(ENGINE_SIDE_CODES);

/** One file to recognise: its ledger row and content hash, and how its engine requests are tagged. */
export interface FileJob {
  readonly rowId: number;
  readonly rel: string;
  readonly sha256: string;
  readonly requestId: string;
  readonly signal: AbortSignal;
  /** A page of a document was read now (not one resumed from the ledger). */
  readonly onPage: (page: number, pages: number) => void;
}

/** A recognised file and its page counts. */
export interface RecognizedFile {
  readonly result: StoredResult;
  readonly ocrMs: number;
}

/** Why some pages of a done document failed, in one line (empty when none did). */
function failedPagesNote(r: StoredResult): string {
  if (!isDocumentResult(r)) return '';
  const failed = r.pages.flatMap((p) => (isReadPage(p) ? [] : [`page ${p.page} ${p.error.code}`]));
  return failed.length ? `; ${failed.length} of ${r.pages.length} pages failed (${failed.join(', ')})` : '';
}

/** A done file's failed pages and warnings, in one line (empty when it was all read). */
export function doneNote(r: StoredResult): string {
  const codes = warningCodes(r.warnings);
  return `${failedPagesNote(r)}${codes.length > 0 ? `; warnings: ${codes.join(', ')}` : ''}`;
}

/**
 * Recognises `bytes` (an image, PDF or TIFF, told apart by its bytes) through the engine at batch priority; a
 * document is rendered by `documents` (Electron main: its document thread).
 */
export async function recognizeFile(
  service: OcrService,
  pages: PageStore,
  bytes: Uint8Array,
  job: FileJob,
  documents: DocumentReader = localDocuments,
): Promise<RecognizedFile> {
  const submit = { priority: 'batch', requestId: job.requestId, signal: job.signal } as const;
  if (sniffDocument(bytes) === 'image') {
    const input = { kind: 'bytes' as const, name: job.rel.slice(-1024), bytes };
    // Words on their own boxes, as a document's pages get them: the searchable PDF's text then sits on the ink.
    const r = await service.recognize(input, { words: true }, submit);
    return { result: { ...r, file: job.rel }, ocrMs: r.ms.total };
  }
  const doc = await documents
    .recognize(
      { bytes },
      {
        file: job.rel,
        forceOcr: false,
        signal: job.signal,
        ocr: (page) => service.recognize({ kind: 'bytes', bytes: page }, { words: true }, submit),
        known: pages.saved(job.rowId, job.sha256),
        fatal: ENGINE_SIDE_CODES,
        batch: true,
        onPage: (n, total, page) => {
          pages.save(job.rowId, job.sha256, page);
          job.onPage(n, total);
        },
      },
    )
    .catch((err: unknown) => {
      throw noPasswordHere(err);
    });
  // A document of which no page could be read failed as a whole, as a broken image does: it is listed with the
  // failed files (its first page's code), not counted done with empty text.
  const failed = doc.pages.filter((p) => !isReadPage(p));
  const first = failed[0];
  if (first && !isReadPage(first) && failed.length === doc.pages.length)
    throw new LanternError(
      first.error.code,
      `no page of its ${failed.length} could be read (page ${first.page}: ${first.error.message})`,
    );
  return { result: doc, ocrMs: doc.ms };
}

/**
 * An encrypted PDF's error as a watched folder must put it: "give its password" asks for what a folder has no way to
 * take, so it says where a password can be given.
 */
function noPasswordHere(err: unknown): unknown {
  const e = toWireError(err);
  if (e.code !== 'PDF_ENCRYPTED' || e.reason !== 'NEEDS_PASSWORD') return err;
  return new LanternError(
    'PDF_ENCRYPTED',
    "the PDF is encrypted, and a watched folder has no password to give it: open it in the window or read it with the CLI's --password, or save it without a password",
  );
}
