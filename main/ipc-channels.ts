/**
 * IPC channel names, derived from the operations table (app/contracts/lantern-ops.ts): never spelled by hand. Only
 * types come from the table, so the sandboxed preload that bundles this file does not bundle zod.
 */
import type { DesktopEventName, EventName, IpcOpName } from '../app/contracts/lantern-ops';
import type { ErrorCode } from '../app/contracts/errors';

/** The invoke channel of an operation (ipcRenderer.invoke / ipcMain.handle). */
export const ipcChannel = <K extends IpcOpName>(name: K): `lantern:${K}` => `lantern:${name}`;

/** The channel of a main → renderer event (webContents.send / ipcRenderer.on). */
export const eventChannel = <E extends EventName | DesktopEventName>(name: E): `lantern:event:${E}` =>
  `lantern:event:${name}`;

/** Renderer → main one-way hint (ipcRenderer.send / ipcMain.on): a request is probably coming. */
export const PREWARM_CHANNEL = 'lantern:prewarm';

/** What every invoke handler answers: the value, or the error with its machine-readable code. */
export type IpcReply<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: ErrorCode; readonly message: string } };
