/**
 * The preload's `window.lantern`: LanternApi over IPC with named functions only (ipcRenderer never leaves this file's
 * closure), plus the desktop extras the sandboxed renderer cannot do itself (the path of a dropped file, a folder
 * picker). Bundled into the sandboxed preload: it imports only channel constants and types.
 */
import type {
  BatchAction,
  FailedFile,
  HistoryEntry,
  LanternApi,
  UiImage,
  WatchEvent,
  WatchFolder,
  WatchOptions,
} from '../app/contracts/lantern-api';
import type { Settings, SettingsPatch } from '../app/contracts/settings';
import type { EngineStatus } from '../app/contracts/status';
import type { OcrResult } from '../app/ocr/types';
import { EVENTS, INVOKE, SEND, type IpcReply } from './ipc-channels';

/** The part of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/** The part of Electron's webUtils the preload uses. */
export interface WebUtilsLike {
  getPathForFile(file: File): string;
}

/** A file main opened from outside the window (second launch, "Open with"), with its result or error. */
export type ExternalResult =
  | { readonly file: string; readonly result: OcrResult }
  | { readonly file: string; readonly error: { readonly code: string; readonly message: string } };

/** Desktop-only extras, exposed as `window.lanternDesktop`. */
export interface LanternDesktopApi {
  /** The local path of a File from a real drop or file input ('' for constructed Files); grants it to watch.add. */
  pathForFile(file: File): string;
  /** Opens a folder picker; resolves with the chosen folder (granted to watch.add) or null. */
  chooseFolder(): Promise<string | null>;
  /** Subscribes to results of files opened from outside the window; returns the unsubscribe function. */
  onExternalResult(cb: (r: ExternalResult) => void): () => void;
}

/** Turns a reply into its value, or throws an Error whose message starts with the error code. */
function unwrap<T>(reply: unknown): T {
  const r = reply as IpcReply<T> | undefined;
  if (r && r.ok === true) return r.value;
  const code = r && r.ok === false ? r.error.code : 'INTERNAL';
  const message = r && r.ok === false ? r.error.message : 'malformed reply from main';
  // contextBridge copies only the message of an Error to the page, so the code travels in it.
  const err = new Error(`${code}: ${message}`) as Error & { code: string };
  err.name = 'LanternError';
  err.code = code;
  throw err;
}

/** Builds the bridge objects over an ipcRenderer; `prewarmIntervalMs` throttles prewarm messages. */
export function createPreloadApi(
  ipc: IpcRendererLike,
  webUtils: WebUtilsLike,
  o: { readonly prewarmIntervalMs?: number; readonly now?: () => number } = {},
): { api: LanternApi; desktop: LanternDesktopApi } {
  const call = async <T>(channel: string, payload?: unknown): Promise<T> =>
    unwrap<T>(await (payload === undefined ? ipc.invoke(channel) : ipc.invoke(channel, payload)));
  const subscribe = <T>(channel: string, cb: (value: T) => void): (() => void) => {
    // Only the payload reaches the page: never the IpcRendererEvent (it holds `sender`).
    const listener = (_event: unknown, payload: unknown) => cb(payload as T);
    ipc.on(channel, listener);
    return () => {
      ipc.removeListener(channel, listener);
    };
  };
  const now = o.now ?? Date.now;
  const interval = o.prewarmIntervalMs ?? 2000;
  let lastPrewarm = Number.NEGATIVE_INFINITY;
  let pendingGrants: Promise<unknown> = Promise.resolve();

  const api: LanternApi = {
    recognize(image: UiImage, options?: { readonly paragraphs?: boolean; readonly requestId?: string }) {
      return call<OcrResult>(INVOKE.recognize, {
        image: { name: image.name, bytes: image.bytes },
        ...(options ? { options: { ...options } } : {}),
      });
    },
    cancel: (requestId: string) => call<boolean>(INVOKE.cancel, { requestId }),
    getStatus: () => call<EngineStatus>(INVOKE.getStatus),
    onStatus(cb: (s: EngineStatus) => void): () => void {
      let pushed = false;
      const off = subscribe<EngineStatus>(EVENTS.status, (s) => {
        pushed = true;
        cb(s);
      });
      // Like the web transport's event stream: the current status first, unless a newer one arrived already.
      void call<EngineStatus>(INVOKE.getStatus).then(
        (s) => {
          if (!pushed) cb(s);
        },
        () => undefined,
      );
      return off;
    },
    async retry(): Promise<void> {
      await call<unknown>(INVOKE.retry);
    },
    prewarm(): void {
      const t = now();
      if (t - lastPrewarm < interval) return;
      lastPrewarm = t;
      ipc.send(SEND.prewarm);
    },
    history: {
      list: (limit?: number) =>
        call<HistoryEntry[]>(INVOKE.historyList, limit === undefined ? {} : { limit }),
      async clear(): Promise<void> {
        await call<unknown>(INVOKE.historyClear);
      },
    },
    settings: {
      get: () => call<Settings>(INVOKE.settingsGet),
      set: (patch: SettingsPatch) => call<Settings>(INVOKE.settingsSet, { patch }),
    },
    watch: {
      list: () => call<WatchFolder[]>(INVOKE.watchList),
      async add(dir: string, options: Partial<WatchOptions>): Promise<WatchFolder> {
        await pendingGrants;
        return call<WatchFolder>(INVOKE.watchAdd, { dir, options });
      },
      async remove(id: string): Promise<void> {
        await call<unknown>(INVOKE.watchRemove, { id });
      },
      setEnabled: (id: string, enabled: boolean) =>
        call<WatchFolder>(INVOKE.watchSetEnabled, { id, enabled }),
      failed: (limit?: number) =>
        call<FailedFile[]>(INVOKE.watchFailed, limit === undefined ? {} : { limit }),
      async retry(fileId: string): Promise<void> {
        await call<unknown>(INVOKE.watchRetry, { id: fileId });
      },
      async batch(dir: string, options: Partial<WatchOptions>): Promise<{ batchId: string }> {
        await pendingGrants;
        return call<{ batchId: string }>(INVOKE.watchBatch, { dir, options });
      },
      batchControl: (batchId: string, action: BatchAction) =>
        call<boolean>(INVOKE.watchBatchControl, { id: batchId, action }),
      onEvent: (cb: (e: WatchEvent) => void) => subscribe<WatchEvent>(EVENTS.watch, cb),
    },
  };

  const desktop: LanternDesktopApi = {
    pathForFile(file: File): string {
      const p = webUtils.getPathForFile(file);
      if (p)
        pendingGrants = pendingGrants
          .then(() => ipc.invoke(INVOKE.grantDroppedPaths, { paths: [p] }))
          .catch(() => undefined);
      return p;
    },
    chooseFolder: () => call<string | null>(INVOKE.chooseFolder),
    onExternalResult: (cb: (r: ExternalResult) => void) =>
      subscribe<ExternalResult>(EVENTS.externalResult, cb),
  };
  return { api, desktop };
}
