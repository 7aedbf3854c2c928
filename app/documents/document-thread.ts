/**
 * The document thread: reads PDFs and TIFFs page by page (PDFium renders, sharp encodes), draws page previews and
 * writes searchable PDFs (pdf-lib), off the event loop of Electron main or serve; each rendered page goes back to the
 * thread that holds the engine, and its result comes back here.
 */
import { parentPort } from 'node:worker_threads';
import { assertNever } from '../contracts/assert-never';
import { fromWireError, toWireError } from '../contracts/errors';
import type { OcrResult } from '../ocr/types';
import type { ThreadMessage, ThreadRequest } from './document-thread-protocol';
import { sourceBytes } from './document-file';
import { bytesRecognizer } from './engine-recognizer';
import { pagePreview } from './page-preview';
import type { DocumentPage } from './document-types';
import { HeapExhausted } from './pdf-instance';
import { oneInstanceOnly, pdfiumHeapBytes, pdfiumInstances, pdfiumSpent } from './pdfium';
import { recognizeDocument } from './recognize-document';
import { RenderSlots } from './render-slots';
import { searchablePdf } from './searchable-pdf';

if (!parentPort) throw new Error('document-thread.ts runs as a worker thread (of Electron main or serve)');
const port = parentPort;
const send = (m: ThreadMessage) => port.postMessage(m);
oneInstanceOnly();
let spentSent = false;
/** Tells main once that PDFium aborted here (with the page that did it, if a document's), so it ends this thread. */
const spent = (id?: number, page?: DocumentPage) => {
  if (spentSent || !pdfiumSpent()) return;
  spentSent = true;
  send({ kind: 'spent', ...(id === undefined ? {} : { id, page }), instances: pdfiumInstances() });
};
/** A job's last message carries the PDFium heap's size, so main can replace a thread a big page has swollen. */
const settle = (m: ThreadMessage & { kind: 'done' | 'bytes' | 'failed' }) => {
  send({ ...m, heap: pdfiumHeapBytes(), instances: pdfiumInstances() });
  spent();
};

/** The pages rendered at once by the documents this thread reads. */
const renderSlots = new RenderSlots();

/** Documents being read, to cancel; pages sent to main for OCR, awaiting the engine. */
const running = new Map<number, AbortController>();
const calls = new Map<number, { resolve: (r: OcrResult) => void; reject: (e: Error) => void }>();
let nextCall = 1;

/** Sends a page to main for OCR and waits for the engine's answer. */
function askMain(id: number, bytes: Uint8Array): Promise<OcrResult> {
  const call = nextCall++;
  return new Promise((resolve, reject) => {
    calls.set(call, { resolve, reject });
    send({ kind: 'ocr', id, call, bytes });
  });
}

/** Runs one job and sends its answer. */
async function run(req: ThreadRequest & { op: 'recognize' | 'pageImage' | 'searchablePdf' }): Promise<void> {
  try {
    switch (req.op) {
      case 'recognize': {
        const ac = new AbortController();
        running.set(req.id, ac);
        try {
          const recognize = bytesRecognizer((bytes) => askMain(req.id, bytes));
          const doc = await recognizeDocument(await sourceBytes(req.source), recognize, {
            lookahead: 1,
            ...(req.batch ? {} : { renderSlots }),
            signal: ac.signal,
            forceOcr: req.forceOcr,
            ...(req.rewrite ? { rewrite: true } : {}),
            ...(req.file === undefined ? {} : { file: req.file }),
            ...(req.password === undefined ? {} : { password: req.password }),
            ...(req.known === undefined ? {} : { known: req.known }),
            isFatal: (e) => req.fatal?.includes(e.code) ?? false,
            onPageFailed: (page, cause) => {
              if (cause instanceof HeapExhausted) spent(req.id, page);
            },
            onPage: (page, pages, result) => send({ kind: 'page', id: req.id, page, pages, result }),
          });
          settle({ kind: 'done', id: req.id, doc });
        } finally {
          running.delete(req.id);
        }
        return;
      }
      case 'pageImage':
        return settle({
          kind: 'bytes',
          id: req.id,
          bytes: await pagePreview(await sourceBytes(req.source), req.page, {
            ...(req.password === undefined ? {} : { password: req.password }),
          }),
        });
      case 'searchablePdf':
        return settle({
          kind: 'bytes',
          id: req.id,
          bytes: await searchablePdf(await sourceBytes(req.source), req.result),
        });
      default:
        return assertNever(req);
    }
  } catch (err) {
    settle({ kind: 'failed', id: req.id, error: toWireError(err) });
  }
}

port.on('message', (req: ThreadRequest) => {
  switch (req.op) {
    case 'recognize':
    case 'pageImage':
    case 'searchablePdf':
      void run(req);
      return;
    case 'cancel':
      running.get(req.id)?.abort();
      return;
    case 'ocrAnswer':
    case 'ocrFailed': {
      const waiting = calls.get(req.call);
      calls.delete(req.call);
      if (req.op === 'ocrAnswer') waiting?.resolve(req.result);
      else waiting?.reject(fromWireError(req.error));
      return;
    }
    default:
      assertNever(req);
  }
});
