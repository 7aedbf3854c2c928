/**
 * A PDF open in one PDFium instance, and the guard around calls into it: a page that exhausts PDFium's heap aborts the
 * instance every open document shares, so each document must be able to open itself again on a fresh one.
 */
import { DocumentError, needsPassword } from './errors';
import { FPDF_ERR, loadPdfium, pdfiumAborted, type PdfiumApi } from './pdfium';

/** Thrown by a page method called on an instance another document aborted; live() opens the PDF again. */
export class InstanceLost extends Error {}

/** BAD_PDF of the page (or open) during which PDFium aborted: the document thread is replaced after it. */
export class HeapExhausted extends DocumentError {}

/** The PDF opened in one PDFium instance: its copy of the bytes and its document handle. */
export interface Opened {
  readonly api: PdfiumApi;
  readonly doc: number;
  readonly data: number;
  readonly pageCount: number;
  readonly encrypted: boolean;
}

/**
 * Runs `fn` on `at`'s instance; if PDFium aborts in it (its heap cannot grow: a content stream that inflates or a form
 * that draws itself without end), `what` fails BAD_PDF and the instance is never called again.
 */
export function guarded<T>(at: Opened, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!pdfiumAborted(at.api)) throw err;
    throw new HeapExhausted(
      'BAD_PDF',
      `${what} needs more memory than the PDF reader has (${Math.round(at.api.HEAPU8.byteLength / 2 ** 20)} MiB): its content ` +
        'inflates or draws itself without end',
    );
  }
}

/**
 * Opens the PDF on an instance that has not aborted: documents waiting for the same fresh instance resume one after
 * another, and one of them may abort it before the next one opens.
 */
export async function openLive(bytes: Uint8Array, password: string | undefined): Promise<Opened> {
  for (;;) {
    const api = await loadPdfium();
    if (!pdfiumAborted(api)) return openIn(api, bytes, password);
  }
}

/** Opens the PDF in `api`'s heap, or throws PDF_ENCRYPTED / BAD_PDF. */
function openIn(api: PdfiumApi, bytes: Uint8Array, password: string | undefined): Opened {
  const data = api.wasmExports.malloc(Math.max(1, bytes.length));
  api.HEAPU8.set(bytes, data);
  const pw = password ? cString(api, password) : 0;
  const at = { api, doc: 0, data, pageCount: 0, encrypted: false };
  const doc = guarded(at, 'the PDF', () => api._FPDF_LoadMemDocument(data, bytes.length, pw));
  if (pw) api.wasmExports.free(pw);
  if (!doc) {
    const err = api._FPDF_GetLastError();
    api.wasmExports.free(data);
    if (err === FPDF_ERR.PASSWORD)
      throw password ? new DocumentError('PDF_ENCRYPTED', 'the PDF password is wrong') : needsPassword();
    if (err === FPDF_ERR.SECURITY)
      throw new DocumentError('PDF_ENCRYPTED', 'the PDF uses an unsupported security handler');
    throw new DocumentError('BAD_PDF', 'not a readable PDF (corrupt or truncated)');
  }
  // Read in the same synchronous stretch as the open, so no other document aborts the instance in between.
  return guarded(at, 'the PDF', () => ({
    api,
    doc,
    data,
    pageCount: api._FPDF_GetPageCount(doc),
    encrypted: api._FPDF_GetSecurityHandlerRevision(doc) !== -1,
  }));
}

/** A NUL-terminated UTF-8 copy of `s` in the instance's heap (the caller frees it). */
function cString(api: PdfiumApi, s: string): number {
  const utf8 = new TextEncoder().encode(s);
  const ptr = api.wasmExports.malloc(utf8.length + 1);
  api.HEAPU8.set(utf8, ptr);
  api.HEAPU8[ptr + utf8.length] = 0;
  return ptr;
}
