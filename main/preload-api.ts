/**
 * The preload's `window.lantern`: LanternApi over IPC with named functions only (ipcRenderer never leaves this file's
 * closure), plus the desktop extras the sandboxed renderer cannot do itself (the path of a dropped file, a folder
 * picker). Bundled into the sandboxed preload: it imports channel names, types and the zod-free API builder.
 */
import { createLanternApi } from '../app/contracts/lantern-client';
import type { DocumentReadOptions, LanternApi } from '../app/contracts/lantern-api';
import type {
  DesktopEventPayload,
  EventName,
  EventPayload,
  IpcOpName,
  LanternTransport,
  OpenedFiles,
  OpInput,
  OpOutput,
} from '../app/contracts/lantern-ops';
import type { DocumentResult } from '../app/documents/document-types';
import { eventChannel, ipcChannel, PREWARM_CHANNEL, type IpcReply } from './ipc-channels';

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

/** A document the window reads by its path on disk (a dropped or opened file): main reads it, no bytes cross IPC. */
export interface DesktopDocuments {
  recognize(
    file: { readonly name: string; readonly path: string },
    options?: DocumentReadOptions,
  ): Promise<DocumentResult>;
  pageImage(
    file: { readonly name: string; readonly path: string },
    page: number,
    options?: { readonly password?: string },
  ): Promise<Uint8Array>;
  searchablePdf(
    file: { readonly name: string; readonly path: string },
    result: DocumentResult,
  ): Promise<Uint8Array>;
}

/** Desktop-only extras, exposed as `window.lanternDesktop`. */
export interface LanternDesktopApi {
  /** Documents by path (large PDFs), for files whose `pathForFile` is known. */
  readonly documents: DesktopDocuments;
  /** The local path of a File from a real drop or file input ('' for constructed Files); grants it to watch.add. */
  pathForFile(file: File): string;
  /** Opens a folder picker; resolves with the chosen folder (granted to watch.add) or null. */
  chooseFolder(): Promise<string | null>;
  /** An opened image's bytes (granted files only), for its thumbnail and `recognize`. */
  imageAt(file: { readonly name: string; readonly path: string }): Promise<Uint8Array>;
  /** Subscribes to files opened from outside the window (already granted to it); returns the unsubscribe function. */
  onOpened(cb: (opened: OpenedFiles) => void): () => void;
}

/** Turns a reply into its value, or throws an Error whose message starts with the error code. */
function unwrap<T>(r: IpcReply<T> | undefined): T {
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
  /** The one place an IPC reply gets its type: main's handler for `name` answers IpcReply<OpOutput<name>>. */
  const call = async <K extends IpcOpName>(name: K, input: OpInput<K>): Promise<OpOutput<K>> => {
    const channel = ipcChannel(name);
    const reply = await (input === undefined ? ipc.invoke(channel) : ipc.invoke(channel, input));
    return unwrap(reply as IpcReply<OpOutput<K>> | undefined);
  };
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

  const transport: LanternTransport = {
    call,
    on: <E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void) =>
      subscribe(eventChannel(event), cb),
    onConnection(cb) {
      // IPC to main lives as long as the window: it never drops or expires.
      cb('connected');
      return () => undefined;
    },
    prewarm(): void {
      const t = now();
      if (t - lastPrewarm < interval) return;
      lastPrewarm = t;
      ipc.send(PREWARM_CHANNEL);
    },
  };
  const api = createLanternApi(transport, {
    statusFirst: true,
    beforeFolder: async () => {
      await pendingGrants;
    },
  });

  const desktop: LanternDesktopApi = {
    pathForFile(file: File): string {
      const p = webUtils.getPathForFile(file);
      if (p)
        pendingGrants = pendingGrants
          .then(() => call('grantDroppedPaths', { paths: [p] }))
          .catch(() => undefined); // an ungranted path fails the request that uses it, with its own error
      return p;
    },
    chooseFolder: () => call('chooseFolder', undefined),
    documents: {
      // The path's grant (sent by pathForFile) must land first.
      recognize: async ({ name, path }, options) => {
        await pendingGrants;
        return call('recognizeDocumentAt', {
          file: { name, path },
          ...(options ? { options: { ...options } } : {}),
        });
      },
      pageImage: async ({ name, path }, page, options) => {
        await pendingGrants;
        return call('pageImageAt', {
          file: { name, path },
          page,
          ...(options?.password ? { password: options.password } : {}),
        });
      },
      searchablePdf: async ({ name, path }, result) => {
        await pendingGrants;
        return call('searchablePdfAt', { file: { name, path }, result });
      },
    },
    imageAt: ({ name, path }) => call('imageAt', { file: { name, path } }),
    onOpened: (cb) => subscribe<DesktopEventPayload<'opened'>>(eventChannel('opened'), cb),
  };
  return { api, desktop };
}
