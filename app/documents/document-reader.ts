/**
 * Where documents are rendered and written: `DocumentReader` is the part of the document thread's handle that the
 * HTTP API and watched folders use, so Electron main hands them its document thread while `serve` reads on its own.
 */
import { sourceBytes } from './document-file';
import type { DocumentWork } from './document-thread-client';
import { bytesRecognizer } from './engine-recognizer';
import { pagePreview } from './page-preview';
import { recognizeDocument } from './recognize-document';
import { RenderSlots } from './render-slots';
import { searchablePdf } from './searchable-pdf';

/** Reading a document page by page, one page's image, the searchable PDF of a result. */
export type DocumentReader = Pick<DocumentWork, 'recognize' | 'pageImage' | 'searchablePdf'>;

/** The pages rendered at once by the documents this thread reads. */
const renderSlots = new RenderSlots();

/** A DocumentReader on the calling thread (serve and the CLI, which have no UI to keep responsive). */
export const localDocuments: DocumentReader = {
  recognize: async (source, { ocr, fatal, batch, ...opts }) =>
    recognizeDocument(await sourceBytes(source), bytesRecognizer(ocr), {
      lookahead: 1,
      ...(batch ? {} : { renderSlots }),
      ...opts,
      ...(fatal === undefined ? {} : { isFatal: (e) => fatal.includes(e.code) }),
    }),
  pageImage: async (source, page, password) =>
    pagePreview(await sourceBytes(source), page, password === undefined ? {} : { password }),
  searchablePdf: async (source, result) => searchablePdf(await sourceBytes(source), result),
};
