/**
 * Compile-time checks of the renderer ↔ app contract (tsc runs on this file; nothing runs it): each
 * `@ts-expect-error` line must fail to compile, or tsc reports the directive as unused and `npm test` fails.
 */
import type { LanternTransport } from '../../app/contracts/lantern-ops';
import type { IpcHandlers } from '../../main/ipc';
import { ipcChannel } from '../../main/ipc-channels';
import type { HttpCalls } from '../../renderer/src/transport/web-transport';

/** Calls that must not compile, through any transport of the table. */
export async function misuses(t: LanternTransport): Promise<void> {
  // @ts-expect-error an operation that is not in the table
  await t.call('noSuchOp', undefined);
  // @ts-expect-error a payload of the wrong type
  await t.call('cancel', { requestId: 1 });
  // @ts-expect-error a payload missing a field
  await t.call('watchSetEnabled', { id: 'f1' });
  // @ts-expect-error an answer used as another type
  const n: number = await t.call('getStatus', undefined);
  // @ts-expect-error an event that is not in the table
  t.on('noSuchEvent', () => {});
  // @ts-expect-error a channel for an operation that is not in the table
  ipcChannel('noSuchOp');
  void n;
}

/** Main's handlers: one missing operation does not compile. */
// @ts-expect-error grantDroppedPaths, chooseFolder and the rest are missing
export const partialHandlers: IpcHandlers = { getStatus: () => ({}) as never };

/** The web transport: one missing operation does not compile. */
// @ts-expect-error every operation but getStatus is missing
export const partialCalls: HttpCalls = { getStatus: () => Promise.reject(new Error('unused')) };
