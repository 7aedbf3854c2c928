/** IPC channel names shared by main and the preload (constants only: the sandboxed preload bundles this file). */

/** Renderer → main requests (ipcRenderer.invoke / ipcMain.handle). */
export const INVOKE = {
  recognize: 'lantern:recognize',
  cancel: 'lantern:cancel',
  getStatus: 'lantern:status:get',
  retry: 'lantern:retry',
  historyList: 'lantern:history:list',
  historyClear: 'lantern:history:clear',
  settingsGet: 'lantern:settings:get',
  settingsSet: 'lantern:settings:set',
  watchList: 'lantern:watch:list',
  watchAdd: 'lantern:watch:add',
  watchRemove: 'lantern:watch:remove',
  watchSetEnabled: 'lantern:watch:set-enabled',
  watchFailed: 'lantern:watch:failed',
  watchRetry: 'lantern:watch:retry',
  watchBatch: 'lantern:watch:batch',
  watchBatchControl: 'lantern:watch:batch-control',
  grantDroppedPaths: 'lantern:paths:grant-drop',
  chooseFolder: 'lantern:dialog:choose-folder',
} as const;

/** Renderer → main one-way messages (ipcRenderer.send / ipcMain.on). */
export const SEND = {
  prewarm: 'lantern:prewarm',
} as const;

/** Main → renderer events (webContents.send / ipcRenderer.on). */
export const EVENTS = {
  status: 'lantern:event:status',
  watch: 'lantern:event:watch',
  externalResult: 'lantern:event:external-result',
} as const;

/** One invoke channel. */
export type InvokeChannel = (typeof INVOKE)[keyof typeof INVOKE];

/** What every invoke handler answers: the value, or the error with its machine-readable code. */
export type IpcReply<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };
