/**
 * The window's document operations in main: read a PDF/TIFF page by page, a page's image, the searchable PDF, cancel.
 * Rendering and PDF writing run on the document thread; main only hands its pages to the engine.
 */
import { ENGINE_SIDE_CODES } from '../app/contracts/errors';
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
  /** Reads a document given by its bytes or (desktop drop, Open…) by its path, read on the document thread. */
  recognizeDocument(file: UiImage | DocumentPath, options?: DocumentReadOptions): Promise<DocumentResult>;
  pageImage(file: UiImage | DocumentPath, page: number, password?: string): Promise<Uint8Array>;
  searchablePdf(file: UiImage | DocumentPath, result: DocumentResult): Promise<Uint8Array>;
  /** Cancels a request: a running document stops before its next page; true when something was still pending. */
  cancel(requestId: string): boolean;
}

/** What the document thread is handed: the bytes, or the path it reads itself (they never pass through main). */
function sourceOf(file: UiImage | DocumentPath): DocumentSource {
  return 'path' in file ? { path: file.path } : { bytes: file.bytes };
}

/** Creates the operations over the engine. */
export function documentOps(d: DocumentOpsDeps): DocumentOps {
  const running = new Map<string, AbortController>();
  return {
    async recognizeDocument(file, options = {}) {
      const { requestId } = options;
      const ac = new AbortController();
      if (requestId) running.set(requestId, ac);
      try {
        const submit = {
          priority: 'interactive',
          signal: ac.signal,
          ...(requestId ? { requestId } : {}),
        } as const;
        const doc = await d.work.recognize(sourceOf(file), {
          file: file.name,
          signal: ac.signal,
          forceOcr: options.forceOcr === true,
          fatal: ENGINE_SIDE_CODES,
          ...(options.password ? { password: options.password } : {}),
          // Words on their own boxes, as every document's pages get them: the searchable PDF puts text on the ink.
          ocr: (bytes) => d.engine.recognize({ kind: 'bytes', bytes }, { words: true }, submit),
          onPage: (page, pages) =>
            d.activity?.page({ ...(requestId ? { requestId } : {}), file: file.name, page, pages }),
        });
        try {
          await d.history.addDocument?.(file.name, doc);
        } catch (err) {
          d.log('warn', `history: could not record ${file.name}: ${(err as Error).message}`);
        }
        return doc;
      } finally {
        if (requestId) running.delete(requestId);
        d.activity?.end(file.name);
      }
    },
    pageImage: (file, page, password) => d.work.pageImage(sourceOf(file), page, password),
    searchablePdf: (file, result) => d.work.searchablePdf(sourceOf(file), result),
    cancel(requestId) {
      const doc = running.get(requestId);
      doc?.abort();
      return d.engine.cancel(requestId) || doc !== undefined;
    },
  };
}
