/**
 * The web transport of `window.lantern`: the `LanternApi` over the HTTP API of `serve` (same-origin fetch carrying the
 * `lantern_token` cookie) and server-sent events from `/events` for the status and watch streams.
 */
import { LanternError, type ErrorCode } from '../contracts/errors';
import { HTTP_API, pathOf, type HttpOperation } from '../contracts/http-api';
import { FILE_NAME_HEADER, REQUEST_ID_HEADER } from '../contracts/http-routes';
import { extensionOf, INPUT_FORMATS } from '../contracts/input-formats';
import type {
  BatchAction,
  FailedFile,
  HistoryEntry,
  LanternApi,
  UiImage,
  WatchEvent,
  WatchFolder,
  WatchOptions,
} from '../contracts/lantern-api';
import type { Settings, SettingsPatch } from '../contracts/settings';
import type { EngineStatus } from '../contracts/status';
import type { OcrResult } from '../ocr/types';

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
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code as ErrorCode;
    if (body.error?.message) message = body.error.message;
  } catch {
    // not JSON: keep the status line
  }
  return new LanternError(code, message);
}

/** A shared EventSource on /events, opened while someone listens, fanning `status` and `watch` events out. */
class EventHub {
  private source: EventSource | null = null;
  private readonly status = new Set<(s: EngineStatus) => void>();
  private readonly watch = new Set<(e: WatchEvent) => void>();

  constructor(private readonly open: () => EventSource) {}

  onStatus(cb: (s: EngineStatus) => void): () => void {
    this.status.add(cb);
    this.ensure();
    return () => {
      this.status.delete(cb);
      this.maybeClose();
    };
  }

  onWatch(cb: (e: WatchEvent) => void): () => void {
    this.watch.add(cb);
    this.ensure();
    return () => {
      this.watch.delete(cb);
      this.maybeClose();
    };
  }

  private ensure(): void {
    if (this.source) return;
    const es = this.open();
    es.addEventListener('status', (ev) => {
      const s = parse<EngineStatus>(ev);
      if (s) for (const cb of [...this.status]) cb(s);
    });
    es.addEventListener('watch', (ev) => {
      const e = parse<WatchEvent>(ev);
      if (e) for (const cb of [...this.watch]) cb(e);
    });
    this.source = es;
  }

  private maybeClose(): void {
    if (this.status.size > 0 || this.watch.size > 0 || !this.source) return;
    this.source.close();
    this.source = null;
  }
}

function parse<T>(ev: Event): T | null {
  try {
    return JSON.parse((ev as MessageEvent<string>).data) as T;
  } catch {
    return null;
  }
}

/** Creates the `LanternApi` over HTTP + SSE (what `serve`'s UI uses as `window.lantern`). */
export function createWebTransport(o: WebTransportOptions = {}): LanternApi {
  const base = o.base ?? '';
  const doFetch = o.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const hub = new EventHub(
    o.eventSource
      ? () => o.eventSource!(base + HTTP_API.events.path)
      : () => new EventSource(base + HTTP_API.events.path),
  );
  const prewarmInterval = o.prewarmIntervalMs ?? 5000;
  let lastPrewarm = 0;

  /** Calls one operation of the contract: its method and path come from the table, never spelled here. */
  const call = async <T>(
    op: HttpOperation,
    args: { id?: string; limit?: number; body?: unknown } = {},
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
    const query = args.limit === undefined ? '' : `?limit=${Math.floor(args.limit)}`;
    const res = await doFetch(
      base + pathOf(op.path, args.id === undefined ? {} : { id: args.id }) + query,
      init,
    );
    if (!res.ok) throw await errorOf(res);
    return (await res.json()) as T;
  };
  const A = HTTP_API;

  return {
    async recognize(image: UiImage, options = {}): Promise<OcrResult> {
      const headers: Record<string, string> = {
        'content-type': contentTypeFor(image.name),
        [FILE_NAME_HEADER]: encodeURIComponent(image.name),
        accept: 'application/json',
      };
      if (options.requestId) headers[REQUEST_ID_HEADER] = options.requestId;
      const res = await doFetch(`${base}${A.ocr.path}${options.paragraphs ? '?paragraphs=1' : ''}`, {
        method: A.ocr.method,
        credentials: 'same-origin',
        headers,
        body: new Blob([image.bytes.slice()]),
      });
      if (!res.ok) throw await errorOf(res);
      return (await res.json()) as OcrResult;
    },
    async cancel(requestId: string): Promise<boolean> {
      return (await call<{ cancelled: boolean }>(A.cancel, { id: requestId })).cancelled;
    },
    getStatus: () => call<EngineStatus>(A.status),
    onStatus: (cb) => hub.onStatus(cb),
    async retry(): Promise<void> {
      await call<unknown>(A.retry);
    },
    prewarm(): void {
      const now = Date.now();
      if (now - lastPrewarm < prewarmInterval) return;
      lastPrewarm = now;
      void call<unknown>(A.prewarm).catch(() => {
        lastPrewarm = 0;
      });
    },
    history: {
      list: (limit?: number) => call<HistoryEntry[]>(A.historyList, { limit }),
      async clear(): Promise<void> {
        await call<unknown>(A.historyClear);
      },
    },
    settings: {
      get: () => call<Settings>(A.settingsGet),
      set: (patch: SettingsPatch) => call<Settings>(A.settingsSet, { body: patch }),
    },
    watch: {
      list: () => call<WatchFolder[]>(A.watchList),
      add: (dir: string, options: Partial<WatchOptions>) =>
        call<WatchFolder>(A.watchAdd, { body: { dir, options } }),
      async remove(folderId: string): Promise<void> {
        await call<unknown>(A.watchRemove, { id: folderId });
      },
      setEnabled: (folderId: string, enabled: boolean) =>
        call<WatchFolder>(A.watchEnable, { id: folderId, body: { enabled } }),
      failed: (limit?: number) => call<FailedFile[]>(A.watchFailed, { limit }),
      async retry(fileId: string): Promise<void> {
        await call<unknown>(A.watchRetry, { id: fileId });
      },
      batch: (dir: string, options: Partial<WatchOptions>) =>
        call<{ batchId: string }>(A.watchBatch, { body: { dir, options } }),
      batchControl: async (batchId: string, action: BatchAction) =>
        (await call<{ ok: boolean }>(A.batchControl, { id: batchId, body: { action } })).ok,
      onEvent: (cb) => hub.onWatch(cb),
    },
  };
}
