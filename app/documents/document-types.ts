/** Plain data of a recognised document: what the engine takes per page; the result's shape is in the contracts. */
import type { OcrResult, RgbImage } from '../ocr/types';

export {
  isReadPage,
  MAX_PAGES,
  type DocumentKind,
  type DocumentPage,
  type DocumentResult,
  type FailedPage,
  type ReadPage,
} from '../contracts/document-result';

/** A page as the engine takes it: encoded bytes (a normal request) or pixels already decoded or rendered. */
export type PageInput =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'pixels'; readonly image: RgbImage };

/** Recognises one page image: the CLI's in-process pipeline or the engine behind the HTTP API. */
export type PageRecognizer = (input: PageInput) => Promise<OcrResult>;
