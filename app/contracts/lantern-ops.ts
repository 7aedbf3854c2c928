/**
 * The renderer ↔ app contract: every operation of `window.lantern`, with its input schema, output type, the HTTP
 * route the web transport calls and the error codes it may answer. The Electron IPC (channel names, payload
 * validation, handlers), the preload, the web transport and the `/api` route schemas are all derived from this table,
 * and the limits (op-schemas.ts) are the same on both transports. Each area's operations are in their own file
 * (ops-reading.ts, ops-history-settings.ts, ops-watch.ts, desktop-ops.ts; events in lantern-events.ts), joined here.
 */
import type { z } from 'zod';
import type { ConnectionState } from './lantern-api';
import type { EventName, EventPayload } from './lantern-events';
import type { LanternOp, Returns } from './op-schemas';
import { DESKTOP_OPS } from './desktop-ops';
import { HISTORY_SETTINGS_OPS } from './ops-history-settings';
import { READING_OPS } from './ops-reading';
import { WATCH_OPS } from './ops-watch';

export { DESKTOP_OPS } from './desktop-ops';
export {
  DESKTOP_EVENTS,
  LANTERN_EVENTS,
  openedFilesSchema,
  type DesktopEventName,
  type DesktopEventPayload,
  type EventName,
  type EventPayload,
  type OpenedFiles,
} from './lantern-events';

/** Every operation of `window.lantern`, on every transport: the areas' tables joined. */
export const LANTERN_OPS = {
  ...READING_OPS,
  ...HISTORY_SETTINGS_OPS,
  ...WATCH_OPS,
} as const satisfies Record<string, LanternOp & { readonly http: string }>;

/** Every operation main answers over IPC. */
export const IPC_OPS = { ...LANTERN_OPS, ...DESKTOP_OPS } as const;

/** The name of a `window.lantern` operation. */
export type OpName = keyof typeof LANTERN_OPS;

/** The name of any IPC operation (with the desktop extras). */
export type IpcOpName = keyof typeof IPC_OPS;

/** What a caller passes to an operation. */
export type OpInput<K extends IpcOpName> = z.input<(typeof IPC_OPS)[K]['input']>;

/** An operation's input once validated (defaults applied). */
export type OpParsed<K extends IpcOpName> = z.output<(typeof IPC_OPS)[K]['input']>;

/** What an operation answers. */
export type OpOutput<K extends IpcOpName> =
  (typeof IPC_OPS)[K]['output'] extends Returns<infer T> ? T : never;

/** A transport: calls one operation, subscribes to one event or to its connection state, sends the prewarm hint. */
export interface LanternTransport {
  call<K extends OpName>(name: K, input: OpInput<K>): Promise<OpOutput<K>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
  onConnection(cb: (state: ConnectionState) => void): () => void;
  prewarm(): void;
}
