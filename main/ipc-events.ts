/** Pushes the engine status and watch events from main to every Lantern window. */
import type { WatchService } from '../app/http/backend';
import type { OcrService } from '../app/engine/ocr-service';
import { EVENTS } from './ipc-channels';

/** Sends one event to all our windows. */
export type Broadcast = (channel: string, payload: unknown) => void;

/** Subscribes the broadcasts; returns the function that stops them. */
export function setupIpcEvents(d: {
  readonly engine: Pick<OcrService, 'onStatus'>;
  readonly watch: Pick<WatchService, 'onEvent'>;
  readonly broadcast: Broadcast;
}): () => void {
  const offStatus = d.engine.onStatus((s) => d.broadcast(EVENTS.status, s));
  const offWatch = d.watch.onEvent((e) => d.broadcast(EVENTS.watch, e));
  return () => {
    offStatus();
    offWatch();
  };
}
