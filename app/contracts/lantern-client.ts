/**
 * Builds the renderer's `LanternApi` from any transport of the operations table (IPC in the preload, HTTP + SSE in the
 * browser), so both transports expose the same methods with the same argument-to-input mapping.
 */
import type {
  BatchAction,
  DocumentReadOptions,
  LanternApi,
  RecognizeUiOptions,
  UiImage,
  WatchOptions,
} from './lantern-api';
import type { LanternTransport } from './lantern-ops';
import type { DocumentResult } from './document-result';
import type { SettingsPatch } from './settings';

/** How a transport differs: the preload waits for its pending grants and has no stream that starts with the status. */
export interface LanternApiOptions {
  /** Runs before a folder is sent. */
  readonly beforeFolder?: () => Promise<void>;
  /** Fetches the current status for a new status subscriber (an event stream that opens with it does not need to). */
  readonly statusFirst?: boolean;
}

/** The `LanternApi` over a transport. */
export function createLanternApi(t: LanternTransport, o: LanternApiOptions = {}): LanternApi {
  const ready = o.beforeFolder ?? (() => Promise.resolve());
  const onStatus: LanternApi['onStatus'] = (cb) => {
    if (!o.statusFirst) return t.on('status', cb);
    let pushed = false;
    const off = t.on('status', (s) => {
      pushed = true;
      cb(s);
    });
    // The current status first, unless a newer one arrived already.
    void t.call('getStatus', undefined).then(
      (s) => {
        if (!pushed) cb(s);
      },
      () => undefined, // the pushed statuses follow regardless
    );
    return off;
  };
  const list = (limit?: number) => (limit === undefined ? {} : { limit });
  return {
    recognize: (image: UiImage, options?: RecognizeUiOptions) =>
      t.call('recognize', {
        image: { name: image.name, bytes: image.bytes },
        ...(options ? { options: { ...options } } : {}),
      }),
    recognizeDocument: (file: UiImage, options?: DocumentReadOptions) =>
      t.call('recognizeDocument', {
        image: { name: file.name, bytes: file.bytes },
        ...(options ? { options: { ...options } } : {}),
      }),
    onPage: (cb) => t.on('page', cb),
    pageImage: (file: UiImage, page: number, options?: { readonly password?: string }) =>
      t.call('pageImage', {
        image: { name: file.name, bytes: file.bytes },
        page,
        ...(options?.password ? { password: options.password } : {}),
      }),
    searchablePdf: (file: UiImage, result: DocumentResult) =>
      t.call('searchablePdf', { image: { name: file.name, bytes: file.bytes }, result }),
    cancel: (requestId: string) => t.call('cancel', { requestId }),
    getStatus: () => t.call('getStatus', undefined),
    onStatus,
    onConnection: (cb) => t.onConnection(cb),
    retry: () => t.call('retry', undefined),
    prewarm: () => t.prewarm(),
    history: {
      list: (limit?: number) => t.call('historyList', list(limit)),
      remove: (id: string) => t.call('historyRemove', { id }),
      clear: () => t.call('historyClear', undefined),
    },
    settings: {
      get: () => t.call('settingsGet', undefined),
      set: (patch: SettingsPatch) => t.call('settingsSet', { patch }),
    },
    watch: {
      list: () => t.call('watchList', undefined),
      add: async (dir: string, options: Partial<WatchOptions>) => {
        await ready();
        return t.call('watchAdd', { dir, options });
      },
      remove: (id: string) => t.call('watchRemove', { id }),
      setEnabled: (id: string, enabled: boolean) => t.call('watchSetEnabled', { id, enabled }),
      failed: (limit?: number) => t.call('watchFailed', list(limit)),
      retry: (fileId: string) => t.call('watchRetry', { id: fileId }),
      batch: async (dir: string, options: Partial<WatchOptions>) => {
        await ready();
        return t.call('watchBatch', { dir, options });
      },
      batches: () => t.call('watchBatches', undefined),
      batchControl: (batchId: string, action: BatchAction) =>
        t.call('watchBatchControl', { id: batchId, action }),
      ledger: () => t.call('watchLedger', undefined),
      onEvent: (cb) => t.on('watch', cb),
    },
  };
}
