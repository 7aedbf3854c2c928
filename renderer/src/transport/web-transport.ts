/**
 * The web transport of `window.lantern`: the `LanternApi` over the HTTP API of `serve` (same-origin fetch carrying the
 * `lantern_token` cookie) and server-sent events from `/events` for the status, watch and page streams.
 */
import { LanternError, type ErrorCode, type ErrorMore } from '../../../app/contracts/errors';
import { HTTP_API, httpErrorBodySchema, pathOf, type HttpOperation } from '../../../app/contracts/http-api';
import {
  encodePasswordHeader,
  FILE_NAME_HEADER,
  PDF_PASSWORD_HEADER,
  REQUEST_ID_HEADER,
} from '../../../app/contracts/http-routes';
import { extensionOf, INPUT_FORMATS } from '../../../app/contracts/input-formats';
import type { LanternApi, UiImage } from '../../../app/contracts/lantern-api';
import type { DocumentResult } from '../../../app/contracts/document-result';
import { imageDocument } from '../../../app/contracts/document-formats';
import type { OcrResult } from '../../../app/contracts/ocr-result';
import { createLanternApi } from '../../../app/contracts/lantern-client';
import type { LanternTransport, OpInput, OpName, OpOutput } from '../../../app/contracts/lantern-ops';
import { EventHub } from './event-hub';

/** Options of the web transport (all optional: same origin, the global fetch and EventSource). */
export interface WebTransportOptions {
  /** Base URL of the server; '' = same origin. */
  readonly base?: string;
  readonly fetch?: typeof fetch;
  readonly eventSource?: (url: string) => EventSource;
  /** Minimum milliseconds between two prewarm requests. */
  readonly prewarmIntervalMs?: number;
}

/** The Content-Type to send for a file name (octet-stream when the extension names no accepted format). */
export function contentTypeFor(name: string): string {
  const ext = extensionOf(name);
  return INPUT_FORMATS.find((f) => f.extensions.includes(ext))?.mime ?? 'application/octet-stream';
}

/** Turns a non-2xx response into a LanternError with the server's code and message. */
async function errorOf(res: Response): Promise<LanternError> {
  let code: ErrorCode = res.status === 401 ? 'UNAUTHORIZED' : 'INTERNAL';
  let message = `HTTP ${res.status} ${res.statusText}`.trim();
  let more: ErrorMore = {};
  try {
    const body = httpErrorBodySchema.safeParse(await res.json());
    if (body.success) {
      code = body.data.error.code as ErrorCode;
      message = body.data.error.message;
      more = { reason: body.data.error.reason, why: body.data.error.cause };
    }
  } catch {
    // not JSON: keep the status line
  }
  return new LanternError(code, message, more);
}

/** The one place an HTTP answer gets its type: our own server's JSON for a route is that operation's output. */
async function answer<T>(res: Response): Promise<T> {
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as T;
}

/** How each operation of the table travels over HTTP; the mapped type makes a missing operation a compile error. */
export type HttpCalls = { readonly [K in OpName]: (input: OpInput<K>) => Promise<OpOutput<K>> };

/** The per-operation HTTP calls, plus the prewarm hint (a route, not an operation: it answers nothing). */
export interface HttpClient {
  readonly calls: HttpCalls;
  prewarm(): Promise<void>;
}

/** The fetch of the options, else the global one (called late, so a page that replaces it is heard). */
const fetchOf =
  (o: WebTransportOptions): typeof fetch =>
  (input, init) =>
    (o.fetch ?? fetch)(input, init);

/**
 * A fetch whose only failure without an answer is a coded one: SERVER_UNREACHABLE when the server is gone (fetch's
 * bare TypeError "Failed to fetch" said nothing), the original error when the request was aborted on purpose.
 */
function reachingFetch(o: WebTransportOptions): (url: string, init: RequestInit) => Promise<Response> {
  const doFetch = fetchOf(o);
  return async (url, init) => {
    try {
      return await doFetch(url, init);
    } catch (err) {
      if (init.signal?.aborted) throw err;
      const why = err instanceof Error ? err.message : String(err);
      throw new LanternError('SERVER_UNREACHABLE', `${init.method ?? 'GET'} ${url} got no answer (${why})`);
    }
  };
}

/** Creates the per-operation HTTP calls: method and path come from the operation's route in the HTTP table. */
export function createHttpClient(o: WebTransportOptions = {}): HttpClient {
  const base = o.base ?? '';
  const doFetch = reachingFetch(o);

  /** Sends one request of the route; the JSON answer is the route's output (our own server, by contract). */
  const send = async <T>(
    op: HttpOperation,
    args: { id?: string; limit?: number | undefined; body?: unknown } = {},
  ): Promise<T> => {
    const init: RequestInit = {
      method: op.method,
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    };
    if (args.body !== undefined) {
      init.body = JSON.stringify(args.body);
      init.headers = { ...init.headers, 'content-type': 'application/json' };
    }
    const query = args.limit === undefined ? '' : `?limit=${args.limit}`;
    const res = await doFetch(
      base + pathOf(op.path, args.id === undefined ? {} : { id: args.id }) + query,
      init,
    );
    return answer<T>(res);
  };
  const A = HTTP_API;
  const done = async (p: Promise<unknown>): Promise<void> => void (await p);
  /** Documents being read, by request id: cancel also leaves the request, which stops the page loop at once. */
  const documents = new Map<string, AbortController>();
  /** POSTs a file's bytes as a raw body (its type from its name) and returns the response, or throws its coded error. */
  const postFile = async (
    url: string,
    file: UiImage,
    init: { readonly headers?: Record<string, string>; readonly signal?: AbortSignal } = {},
  ): Promise<Response> => {
    const res = await doFetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': contentTypeFor(file.name),
        [FILE_NAME_HEADER]: encodeURIComponent(file.name),
        ...init.headers,
      },
      body: new Blob([file.bytes.slice()]),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    if (!res.ok) throw await errorOf(res);
    return res;
  };

  const calls: HttpCalls = {
    async recognize({ image, options = {} }) {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (options.requestId) headers[REQUEST_ID_HEADER] = options.requestId;
      const query = new URLSearchParams({
        ...(options.paragraphs ? { paragraphs: '1' } : {}),
        ...(options.words ? { words: '1' } : {}),
      }).toString();
      const res = await postFile(`${base}${A.ocr.path}${query ? `?${query}` : ''}`, image, {
        headers,
      });
      return answer(res);
    },
    async recognizeDocument({ image, options = {} }) {
      const ac = new AbortController();
      const headers: Record<string, string> = { accept: 'application/json' };
      if (options.requestId) {
        headers[REQUEST_ID_HEADER] = options.requestId;
        documents.set(options.requestId, ac);
      }
      if (options.password) headers[PDF_PASSWORD_HEADER] = encodePasswordHeader(options.password);
      try {
        const query = new URLSearchParams({
          ...(options.forceOcr ? { force_ocr: '1' } : {}),
          ...(options.paragraphs ? { paragraphs: '1' } : {}),
        }).toString();
        const url = `${base}${A.ocr.path}${query ? `?${query}` : ''}`;
        const res = await postFile(url, image, { headers, signal: ac.signal });
        const body = await answer<DocumentResult | OcrResult>(res);
        // A one-page TIFF keeps the plain image answer: show it as the one-page document it is.
        return 'pages' in body ? body : { ...imageDocument({ ...body, file: image.name }), kind: 'tiff' };
      } catch (err) {
        if (ac.signal.aborted) throw new LanternError('CANCELLED', 'the document was cancelled');
        throw err;
      } finally {
        if (options.requestId) documents.delete(options.requestId);
      }
    },
    async pageImage({ image, page, password }) {
      const url = `${base}${A.pageImage.path}?page=${page}`;
      const headers: Record<string, string> = { accept: 'image/png' };
      if (password) headers[PDF_PASSWORD_HEADER] = encodePasswordHeader(password);
      const res = await postFile(url, image, { headers });
      return new Uint8Array(await res.arrayBuffer());
    },
    async searchablePdf({ image, result }) {
      const form = new FormData();
      form.append('file', new Blob([image.bytes.slice()], { type: contentTypeFor(image.name) }), image.name);
      form.append('result', new Blob([JSON.stringify(result)], { type: 'application/json' }), 'result.json');
      const res = await doFetch(base + A.searchablePdf.path, {
        method: A.searchablePdf.method,
        credentials: 'same-origin',
        body: form,
      });
      if (!res.ok) throw await errorOf(res);
      return new Uint8Array(await res.arrayBuffer());
    },
    async cancel({ requestId }) {
      const doc = documents.get(requestId);
      doc?.abort();
      const pending = (await send<{ cancelled: boolean }>(A.cancel, { id: requestId })).cancelled;
      return pending || doc !== undefined;
    },
    getStatus: () => send(A.status),
    retry: () => done(send(A.retry)),
    historyList: ({ limit }) => send(A.historyList, { limit }),
    historyRemove: ({ id }) => done(send(A.historyRemove, { id })),
    historyClear: () => done(send(A.historyClear)),
    settingsGet: () => send(A.settingsGet),
    settingsSet: ({ patch }) => send(A.settingsSet, { body: patch }),
    watchList: () => send(A.watchList),
    watchAdd: (body) => send(A.watchAdd, { body }),
    watchRemove: ({ id }) => done(send(A.watchRemove, { id })),
    watchSetEnabled: ({ id, enabled }) => send(A.watchEnable, { id, body: { enabled } }),
    watchFailed: ({ limit }) => send(A.watchFailed, { limit }),
    watchRetry: ({ id }) => done(send(A.watchRetry, { id })),
    watchBatch: (body) => send(A.watchBatch, { body }),
    watchBatches: () => send(A.watchBatches),
    watchLedger: () => send(A.watchLedger),
    watchBatchControl: async ({ id, action }) =>
      (await send<{ ok: boolean }>(A.batchControl, { id, body: { action } })).ok,
  };
  return { calls, prewarm: () => done(send(A.prewarm)) };
}

/** Creates the `LanternApi` over HTTP + SSE (what `serve`'s UI uses as `window.lantern`). */
export function createWebTransport(o: WebTransportOptions = {}): LanternApi {
  const base = o.base ?? '';
  const { calls, prewarm } = createHttpClient(o);
  const doFetch = fetchOf(o);
  const hub = new EventHub({
    open: o.eventSource
      ? () => o.eventSource!(base + HTTP_API.events.path)
      : () => new EventSource(base + HTTP_API.events.path),
    // Asked when the browser gave the stream up: a 401 means the server now has another token.
    unauthorized: async () => {
      const res = await doFetch(base + HTTP_API.status.path, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      return res.status === 401;
    },
  });
  // A page that comes back into view asks again whether its token expired (another tab may have the new one now).
  if (typeof document !== 'undefined') {
    document.addEventListener(
      'visibilitychange',
      () => document.visibilityState === 'visible' && hub.recheck(),
    );
    window.addEventListener('focus', () => hub.recheck());
  }
  const prewarmInterval = o.prewarmIntervalMs ?? 5000;
  let lastPrewarm = 0;
  const transport: LanternTransport = {
    call: <K extends OpName>(name: K, input: OpInput<K>): Promise<OpOutput<K>> => calls[name](input),
    on: (event, cb) => hub.on(event, cb),
    onConnection: (cb) => hub.onConnection(cb),
    prewarm(): void {
      const now = Date.now();
      if (now - lastPrewarm < prewarmInterval) return;
      lastPrewarm = now;
      prewarm().catch(() => {
        lastPrewarm = 0;
      });
    },
  };
  return createLanternApi(transport);
}
