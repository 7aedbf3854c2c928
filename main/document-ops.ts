/**
 * The window's document operations in main: read a PDF/TIFF page by page, a page's image, the searchable PDF, cancel.
 * Rendering and PDF writing run on the document thread; main only hands its pages to the engine.
 */
import { ENGINE_SIDE_CODES, LanternError } from '../app/contracts/errors';
import type { DocumentReadOptions, PageProgress, UiImage } from '../app/contracts/lantern-api';
import type { DocumentPath, DocumentSource } from '../app/documents/document-file';
import type { DocumentWork } from '../app/documents/document-thread-client';
import type { DocumentResult } from '../app/documents/document-types';
import type { HistoryService } from '../app/http/backend';
import type { OcrService } from '../app/engine/ocr-service';

/** Listeners of documents read through the bridge (the windows' progress, the tray line). */
export interface DocumentActivity {
  page(p: PageProgress): void;
  /** The document finished, failed or was cancelled. */
  end(file: string): void;
}

/** What the operations need. */
export interface DocumentOpsDeps {
  readonly engine: Pick<OcrService, 'recognize' | 'cancel'>;
  readonly history: Pick<HistoryService, 'addDocument'>;
  readonly activity?: DocumentActivity;
  /** Where PDFium and pdf-lib run: the document thread. */
  readonly work: DocumentWork;
  readonly log: (level: 'warn', message: string) => void;
}

/** The operations, with the running documents they can cancel. */
export interface DocumentOps {
  /**
   * Reads a document given by its bytes or (desktop drop, Open…) by its path, read on the document thread; `owner`
   * (the asking page's webContents id) lets `cancelOwner` stop it when that page goes.
   */
  recognizeDocument(
    file: UiImage | DocumentPath,
    options?: DocumentReadOptions,
    owner?: number,
  ): Promise<DocumentResult>;
  pageImage(file: UiImage | DocumentPath, page: number, password?: string): Promise<Uint8Array>;
  searchablePdf(file: UiImage | DocumentPath, result: DocumentResult): Promise<Uint8Array>;
  /** Cancels a request: a running document stops before its next page; true when something was still pending. */
  cancel(requestId: string): boolean;
  /** Cancels every document a page asked for (it reloaded, crashed or closed: nobody will see them); answers how many. */
  cancelOwner(owner: number): number;
}

/** A document being read. */
interface Run {
  readonly ac: AbortController;
  readonly file: string;
  readonly requestId: string | undefined;
  readonly owner: number | undefined;
}

/** What the document thread is handed: the bytes, or the path it reads itself (they never pass through main). */
function sourceOf(file: UiImage | DocumentPath): DocumentSource {
  return 'path' in file ? { path: file.path } : { bytes: file.bytes };
}

/** Creates the operations over the engine. */
export function documentOps(d: DocumentOpsDeps): DocumentOps {
  const running = new Set<Run>();
  /** Stops a run: the thread before its next page, the engine's page now, and its tray line goes at once. */
  const stop = (run: Run): boolean => {
    const wasRunning = !run.ac.signal.aborted;
    run.ac.abort();
    const engineHadIt = run.requestId !== undefined && d.engine.cancel(run.requestId);
    if (wasRunning) d.activity?.end(run.file);
    return engineHadIt || wasRunning;
  };
  return {
    async recognizeDocument(file, options = {}, owner) {
      const { requestId } = options;
      const run: Run = { ac: new AbortController(), file: file.name, requestId, owner };
      const { signal } = run.ac;
      running.add(run);
      try {
        const submit = {
          priority: 'interactive',
          signal,
          ...(requestId ? { requestId } : {}),
        } as const;
        const doc = await d.work.recognize(sourceOf(file), {
          file: file.name,
          signal,
          forceOcr: options.forceOcr === true,
          fatal: ENGINE_SIDE_CODES,
          ...(options.password ? { password: options.password } : {}),
          // Words on their own boxes, as every document's pages get them: the searchable PDF puts text on the ink.
          ocr: (bytes) =>
            d.engine.recognize(
              { kind: 'bytes', bytes },
              { words: true, ...(options.paragraphs ? { paragraphs: true } : {}) },
              submit,
            ),
          // A page finishing after a cancel would put the tray line back.
          onPage: (page, pages) =>
            signal.aborted
              ? undefined
              : d.activity?.page({ ...(requestId ? { requestId } : {}), file: file.name, page, pages }),
        });
        // Cancelled while its last page was read: nobody asked for it any more, so it is not recorded either.
        if (signal.aborted) throw new LanternError('CANCELLED', 'the document was cancelled');
        try {
          await d.history.addDocument?.(file.name, doc);
        } catch (err) {
          d.log('warn', `history: could not record ${file.name}: ${(err as Error).message}`);
        }
        return doc;
      } finally {
        running.delete(run);
        if (!signal.aborted) d.activity?.end(file.name);
      }
    },
    pageImage: (file, page, password) => d.work.pageImage(sourceOf(file), page, password),
    searchablePdf: (file, result) => d.work.searchablePdf(sourceOf(file), result),
    cancel(requestId) {
      const run = [...running].find((r) => r.requestId === requestId);
      return run ? stop(run) : d.engine.cancel(requestId);
    },
    cancelOwner(owner) {
      let stopped = 0;
      for (const run of running) if (run.owner === owner && stop(run)) stopped++;
      return stopped;
    },
  };
}
