/** The contract's events: what the app pushes to the page (IPC event channels, SSE on `/events`). */
import { z } from 'zod';
import type { PageProgress, WatchEvent } from './lantern-api';
import { LIMITS, documentPathSchema, returns, type Returns } from './op-schemas';
import type { EngineStatus } from './status';

/** Events the app pushes to the renderer (IPC event channels, SSE event names on `/events`). */
export const LANTERN_EVENTS = {
  status: returns<EngineStatus>(),
  watch: returns<WatchEvent>(),
  page: returns<PageProgress>(),
} as const satisfies Record<string, Returns<unknown>>;

/** Files opened from outside the window ("Open with", the command line, a second launch), granted to it. */
export const openedFilesSchema = z
  .object({ files: z.array(documentPathSchema).min(1).max(LIMITS.droppedPaths) })
  .strict();

/** What main sends a window when files are opened from outside it. */
export type OpenedFiles = z.output<typeof openedFilesSchema>;

/** Events main pushes to the desktop window only (IPC event channels; `serve` has none of them). */
export const DESKTOP_EVENTS = {
  opened: returns<OpenedFiles>(),
} as const satisfies Record<string, Returns<unknown>>;

/** The name of a desktop-only event. */
export type DesktopEventName = keyof typeof DESKTOP_EVENTS;

/** A desktop-only event's payload. */
export type DesktopEventPayload<E extends DesktopEventName> =
  (typeof DESKTOP_EVENTS)[E] extends Returns<infer T> ? T : never;

/** The name of an event. */
export type EventName = keyof typeof LANTERN_EVENTS;

/** An event's payload. */
export type EventPayload<E extends EventName> =
  (typeof LANTERN_EVENTS)[E] extends Returns<infer T> ? T : never;
