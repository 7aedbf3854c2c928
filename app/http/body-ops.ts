/** The operations of the HTTP contract whose request bodies are images or documents. */
import type { HttpOperationName } from '../contracts/http-api';

/**
 * Each takes an in-progress slot (by count and by its body's bytes) before its body is read: the window's page-image
 * and searchable-PDF routes hold a document as /ocr does, so they must not pass the bytes budget a pod is sized by.
 */
export const BODY_OPS: ReadonlySet<HttpOperationName> = new Set(['ocr', 'pageImage', 'searchablePdf']);
