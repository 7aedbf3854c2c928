/** Pushes the engine status and watch events from main to every Lantern window, on the table's event channels. */
import type { WatchService } from '../app/http/backend';
import type { OcrService } from '../app/engine/ocr-service';
import type { EventName, EventPayload } from '../app/contracts/lantern-ops';
import { eventChannel } from './ipc-channels';

/** Sends one event to all our windows. */
export type Broadcast = (channel: string, payload: unknown) => void;

/** Subscribes the broadcasts; returns the function that stops them. */
export function setupIpcEvents(d: {
  readonly engine: Pick<OcrService, 'onStatus'>;
  readonly watch: Pick<WatchService, 'onEvent'>;
  readonly broadcast: Broadcast;
}): () => void {
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) =>
    d.broadcast(eventChannel(event), payload);
  const offStatus = d.engine.onStatus((s) => emit('status', s));
  const offWatch = d.watch.onEvent((e) => emit('watch', e));
  return () => {
    offStatus();
    offWatch();
  };
}
