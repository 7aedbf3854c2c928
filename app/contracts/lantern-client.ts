/**
 * Builds the renderer's `LanternApi` from any transport of the operations table (IPC in the preload, HTTP + SSE in the
 * browser), so both transports expose the same methods with the same argument-to-input mapping.
 */
import type { BatchAction, LanternApi, UiImage, WatchOptions } from './lantern-api';
import type { LanternTransport } from './lantern-ops';
import type { SettingsPatch } from './settings';

/** The `LanternApi` over a transport; `beforeFolder` runs before a folder is sent (the preload's pending grants). */
export function createLanternApi(
  t: LanternTransport,
  o: { readonly beforeFolder?: () => Promise<void> } = {},
): LanternApi {
  const ready = o.beforeFolder ?? (() => Promise.resolve());
  const list = (limit?: number) => (limit === undefined ? {} : { limit });
  return {
    recognize: (image: UiImage, options?: { readonly paragraphs?: boolean; readonly requestId?: string }) =>
      t.call('recognize', {
        image: { name: image.name, bytes: image.bytes },
        ...(options ? { options: { ...options } } : {}),
      }),
    cancel: (requestId: string) => t.call('cancel', { requestId }),
    getStatus: () => t.call('getStatus', undefined),
    onStatus: (cb) => t.on('status', cb),
    retry: () => t.call('retry', undefined),
    prewarm: () => t.prewarm(),
    history: {
      list: (limit?: number) => t.call('historyList', list(limit)),
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
      batchControl: (batchId: string, action: BatchAction) =>
        t.call('watchBatchControl', { id: batchId, action }),
      onEvent: (cb) => t.on('watch', cb),
    },
  };
}
