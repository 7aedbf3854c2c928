/**
 * Electron main's handle on its document thread (document-thread.ts): the thread starts on the first document job,
 * holds the process alive only while a job runs, and ends after a quiet minute, freeing PDFium's heap.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fromWireError, LanternError, toWireError, type ErrorCode } from '../contracts/errors';
import type { OcrResult } from '../ocr/types';
import type { DocumentSource } from './document-file';
import type { DocumentPage, DocumentResult } from './document-types';
import type { ThreadMessage, ThreadRequest } from './document-thread-protocol';

/** How long an idle thread is kept for the next job before it ends. */
const IDLE_MS = 60_000;

/** A job's callbacks: its answer, its progress, and the pages it asks the engine to read. */
interface Job {
  settle(m: ThreadMessage & { kind: 'done' | 'bytes' | 'failed' }): void;
  page?(page: number, pages: number, result: DocumentPage): void;
  ocr?(bytes: Uint8Array): Promise<OcrResult>;
}

/** A job under way: what was asked, where it runs now, and the pages read so far (for a document moved after an abort). */
interface Running extends Job {
  readonly req: NewJob;
  readonly signal?: AbortSignal;
  readonly known?: Map<number, DocumentPage>;
  id: number;
  on: Worker;
}

/** A job before it is given its id. */
type NewJob =
  Extract<ThreadRequest, { op: 'recognize' | 'pageImage' | 'searchablePdf' }> extends infer R
    ? R extends unknown
      ? Omit<R, 'id'>
      : never
    : never;

/** Document work done off the calling thread. */
export interface DocumentWork {
  /** Reads a document page by page; `ocr` reads one rendered page (PNG) with the engine; `signal` stops it before its next page. */
  recognize(
    source: DocumentSource,
    opts: {
      readonly file?: string;
      readonly forceOcr: boolean;
      /** Only a searchable copy is wanted: an encrypted PDF is refused before its pages are read. */
      readonly rewrite?: boolean;
      /** An encrypted PDF's password (PDFium only). */
      readonly password?: string;
      readonly signal: AbortSignal;
      readonly ocr: (bytes: Uint8Array) => Promise<OcrResult>;
      /** After each page read now: its number, the page count and its outcome. */
      readonly onPage?: (page: number, pages: number, result: DocumentPage) => void;
      /** Pages already read (a resumed watched document), taken as they are. */
      readonly known?: ReadonlyMap<number, DocumentPage>;
      /** Error codes that stop the document (rethrown) instead of failing one page. */
      readonly fatal?: readonly ErrorCode[];
      /**
       * A watched folder's or batch's document: bounded by their own concurrency, and its pages wait behind interactive
       * work in the engine, so it takes no render slot (holding one there would hold up the window's and the API's).
       */
      readonly batch?: boolean;
    },
  ): Promise<DocumentResult>;
  pageImage(source: DocumentSource, page: number, password?: string): Promise<Uint8Array>;
  searchablePdf(source: DocumentSource, result: DocumentResult): Promise<Uint8Array>;
  /** The running thread's id (undefined while none runs): never the caller's. */
  readonly threadId: number | undefined;
  /** The most PDFium instances one of its threads has loaded: one, since a thread whose PDFium aborted is replaced. */
  readonly mostPdfiumInstances: number;
  /** Ends the thread; a later job starts a new one. */
  close(): Promise<void>;
}

/**
 * The bundled thread entry beside the running bundle: dist/main/main.cjs → dist/main/document-thread.cjs (Electron),
 * dist/node/serve.mjs → dist/node/document-thread.mjs (serve).
 */
export function documentThreadEntry(): string {
  if (typeof __dirname === 'string') return path.join(__dirname, 'document-thread.cjs');
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'document-thread.mjs');
}

/**
 * PDFium's heap past which a thread is replaced once its jobs are done: WebAssembly memory never shrinks, so a thread
 * that rendered one poster-sized page would hold that for as long as documents keep coming; the bar sits above what
 * A4 and A3 scans need, so they keep their thread (the figures: docs/memory.md).
 */
export const RETIRE_HEAP_BYTES = 160 * 2 ** 20;

/** Document work on a worker thread started from `entry` (the bundled document-thread.cjs beside main.cjs). */
export function documentThread(
  entry: string | URL,
  opts: { readonly retireHeapBytes?: number } = {},
): DocumentWork {
  const retireHeapBytes = opts.retireHeapBytes ?? RETIRE_HEAP_BYTES;
  let worker: Worker | undefined;
  let idle: NodeJS.Timeout | undefined;
  const jobs = new Map<number, Running>();
  let mostInstances = 0;
  /** Threads that take no new job and end when their last one settles. */
  const retired = new Set<Worker>();
  /** Threads whose PDFium aborted, until they have gone. */
  const ending = new Set<Worker>();
  let nextId = 1;
  const busy = (w: Worker) => [...jobs.values()].some((j) => j.on === w);

  const onMessage = (w: Worker, m: ThreadMessage) => {
    if (m.kind === 'spent') return moveOff(w, m);
    const job = jobs.get(m.id);
    if (!job) {
      // A page started ahead of a document that has ended since: nobody reads it, and the thread must not wait.
      if (m.kind === 'ocr')
        w.postMessage({
          op: 'ocrFailed',
          call: m.call,
          error: { code: 'CANCELLED', message: 'the document has ended' },
        } satisfies ThreadRequest);
      return;
    }
    switch (m.kind) {
      case 'page':
        job.known?.set(m.page, m.result);
        return job.page?.(m.page, m.pages, m.result);
      case 'ocr': {
        const answer = job.ocr ? job.ocr(m.bytes) : Promise.reject(new Error('no engine for this job'));
        answer.then(
          (result) => w.postMessage({ op: 'ocrAnswer', call: m.call, result } satisfies ThreadRequest),
          (err: unknown) =>
            w.postMessage({ op: 'ocrFailed', call: m.call, error: toWireError(err) } satisfies ThreadRequest),
        );
        return;
      }
      default:
        jobs.delete(m.id);
        mostInstances = Math.max(mostInstances, m.instances ?? 0);
        job.settle(m);
        // New jobs go to a fresh thread; this one ends once the jobs it still runs are done. Only while no other
        // thread is still ending: the pod's memory counts two heaps at most, and this one is retired at a later job.
        if (w === worker && (m.heap ?? 0) > retireHeapBytes && retired.size === 0 && ending.size === 0) {
          worker = undefined;
          retired.add(w);
        }
        if (retired.has(w) && !busy(w)) {
          retired.delete(w);
          void w.terminate();
        }
        if (jobs.size === 0) quiet();
    }
  };
  /**
   * The thread's PDFium aborted (a bomb): its heap, up to the cap, is freed only by ending the thread, so it is ended
   * now and its jobs go on in a fresh one once it has gone, documents from the pages it had read (the page that aborted
   * it included). So no more than one such heap lives at a time, however many bombs arrive together.
   */
  const moveOff = (w: Worker, m: ThreadMessage & { kind: 'spent' }) => {
    mostInstances = Math.max(mostInstances, m.instances);
    if (m.id !== undefined && m.page) jobs.get(m.id)?.known?.set(m.page.page, m.page);
    if (worker === w) worker = undefined;
    retired.delete(w);
    const moving = [...jobs.values()].filter((j) => j.on === w);
    for (const j of moving) jobs.delete(j.id);
    ending.add(w);
    void w.terminate().then(() => {
      ending.delete(w);
      moving.forEach(dispatch);
    });
  };
  /** Sends a job to the current thread (starting one if none runs). */
  const dispatch = (j: Running) => {
    clearTimeout(idle);
    const w = (worker ??= start());
    w.ref();
    j.id = nextId++;
    j.on = w;
    jobs.set(j.id, j);
    w.postMessage({ ...j.req, id: j.id, ...(j.known ? { known: j.known } : {}) });
    if (j.signal?.aborted) w.postMessage({ op: 'cancel', id: j.id } satisfies ThreadRequest);
  };
  /** No job left: the thread no longer keeps the process alive, and ends if nothing comes for a while. */
  const quiet = () => {
    worker?.unref();
    clearTimeout(idle);
    idle = setTimeout(() => void close(), IDLE_MS);
    idle.unref();
  };
  const start = (): Worker => {
    const w = new Worker(entry);
    w.on('message', (m: ThreadMessage) => onMessage(w, m));
    // A thread that dies fails its jobs; the next job starts a new one.
    const die = (err: Error) => {
      if (worker === w) worker = undefined;
      retired.delete(w);
      for (const [id, job] of jobs) {
        if (job.on !== w) continue;
        jobs.delete(id);
        job.settle({
          kind: 'failed',
          id,
          error: { code: 'INTERNAL', message: `document thread: ${err.message}` },
        });
      }
    };
    w.on('error', die);
    w.on('exit', (code) => die(new Error(`exited with code ${code}`)));
    return w;
  };
  /** Runs a job on the thread; `signal` cancels it there (a document stops before its next page). */
  const call = (req: NewJob, job: Omit<Job, 'settle'> = {}, signal?: AbortSignal) =>
    new Promise<ThreadMessage & { kind: 'done' | 'bytes' }>((resolve, reject) => {
      const onAbort = () => running.on.postMessage({ op: 'cancel', id: running.id } satisfies ThreadRequest);
      const running: Running = {
        ...job,
        req,
        ...(signal ? { signal } : {}),
        ...(req.op === 'recognize' ? { known: new Map(req.known ?? []) } : {}),
        id: 0,
        on: undefined as unknown as Worker,
        settle: (m) => {
          signal?.removeEventListener('abort', onAbort);
          if (m.kind === 'failed') reject(fromWireError(m.error));
          else resolve(m);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      dispatch(running);
    });
  const bytesOf = async (p: ReturnType<typeof call>) => {
    const m = await p;
    if (m.kind !== 'bytes') throw new Error('document thread: answered without bytes');
    return m.bytes;
  };
  const close = async () => {
    clearTimeout(idle);
    const ending = [...retired, ...(worker ? [worker] : [])];
    worker = undefined;
    retired.clear();
    await Promise.all(ending.map((w) => w.terminate()));
  };

  return {
    async recognize(source, opts) {
      if (opts.signal.aborted) throw new LanternError('CANCELLED', 'the document was cancelled');
      const { file, forceOcr, rewrite, password, signal, ocr, onPage, known, fatal, batch } = opts;
      const m = await call(
        {
          op: 'recognize',
          source,
          forceOcr,
          ...(rewrite ? { rewrite } : {}),
          ...(file === undefined ? {} : { file }),
          ...(password === undefined ? {} : { password }),
          ...(known === undefined ? {} : { known }),
          ...(fatal === undefined ? {} : { fatal }),
          ...(batch ? { batch } : {}),
        },
        { ocr, ...(onPage ? { page: onPage } : {}) },
        signal,
      );
      if (m.kind !== 'done') throw new Error('document thread: answered without a document');
      return m.doc;
    },
    pageImage: (source, page, password) =>
      bytesOf(call({ op: 'pageImage', source, page, ...(password === undefined ? {} : { password }) })),
    searchablePdf: (source, result) => bytesOf(call({ op: 'searchablePdf', source, result })),
    get threadId() {
      return worker?.threadId;
    },
    get mostPdfiumInstances() {
      return mostInstances;
    },
    close,
  };
}
