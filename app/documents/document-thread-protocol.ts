/**
 * Messages between Electron main and its document thread (document-thread.ts): PDFium and pdf-lib run there, so a
 * page's rendering never blocks main. Both ends are our code from one bundle step: the types are the contract.
 */
import type { ErrorCode, WireError } from '../contracts/errors';
import type { OcrResult } from '../ocr/types';
import type { DocumentSource } from './document-file';
import type { DocumentPage, DocumentResult } from './document-types';

/** Main to the thread: a job (correlated by `id`) on a document's bytes or its path (read there), a cancel, or the engine's answer to a page the thread sent. */
export type ThreadRequest =
  | {
      readonly op: 'recognize';
      readonly id: number;
      readonly source: DocumentSource;
      readonly file?: string;
      readonly forceOcr: boolean;
      readonly rewrite?: boolean;
      readonly password?: string;
      /** Pages already read (a resumed watched document), taken as they are. */
      readonly known?: ReadonlyMap<number, DocumentPage>;
      /** Error codes that stop the document instead of failing one page. */
      readonly fatal?: readonly ErrorCode[];
      /** A watched folder's document: it takes no render slot (see DocumentWork.recognize). */
      readonly batch?: boolean;
    }
  | {
      readonly op: 'pageImage';
      readonly id: number;
      readonly source: DocumentSource;
      readonly page: number;
      readonly password?: string;
    }
  | {
      readonly op: 'searchablePdf';
      readonly id: number;
      readonly source: DocumentSource;
      readonly result: DocumentResult;
    }
  | { readonly op: 'cancel'; readonly id: number }
  | { readonly op: 'ocrAnswer'; readonly call: number; readonly result: OcrResult }
  | { readonly op: 'ocrFailed'; readonly call: number; readonly error: WireError };

/** What a thread tells main with each answer: its PDFium heap's size in bytes, and how many instances it has loaded. */
interface ThreadPdfium {
  readonly heap?: number;
  readonly instances?: number;
}

/**
 * The thread to main: a job's answer or error (with its PDFium's state), a page done, a rendered page for main to
 * send to the engine, or word that its PDFium aborted (`page` of job `id` the one that did), so main ends it.
 */
export type ThreadMessage =
  | ({ readonly kind: 'done'; readonly id: number; readonly doc: DocumentResult } & ThreadPdfium)
  | ({ readonly kind: 'bytes'; readonly id: number; readonly bytes: Uint8Array } & ThreadPdfium)
  | ({ readonly kind: 'failed'; readonly id: number; readonly error: WireError } & ThreadPdfium)
  | { readonly kind: 'spent'; readonly id?: number; readonly page?: DocumentPage; readonly instances: number }
  | {
      readonly kind: 'page';
      readonly id: number;
      readonly page: number;
      readonly pages: number;
      readonly result: DocumentPage;
    }
  | { readonly kind: 'ocr'; readonly id: number; readonly call: number; readonly bytes: Uint8Array };
