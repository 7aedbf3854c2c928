/** A notification when a batch ends, with its counts (once per batch). */
import type { WatchEvent } from '../app/contracts/lantern-api';
import type { Notify } from './notifications';

/** The notification text for a batch that ended, or null while it runs. */
export function batchEndMessage(e: WatchEvent): { title: string; body: string } | null {
  if (e.type !== 'batch' || (e.state !== 'finished' && e.state !== 'cancelled')) return null;
  const title = e.state === 'finished' ? 'Batch finished' : 'Batch cancelled';
  const body = `${e.done} done, ${e.failed} failed${e.state === 'cancelled' ? `, ${e.total - e.done - e.failed} not started` : ''} (of ${e.total})`;
  return { title, body };
}

/** Subscribes to watch events; returns the unsubscribe function. */
export function setupBatchNotifications(
  watch: { onEvent(cb: (e: WatchEvent) => void): () => void },
  notify: Notify,
): () => void {
  const notified = new Set<string>();
  return watch.onEvent((e) => {
    const m = batchEndMessage(e);
    if (!m || e.type !== 'batch' || notified.has(`${e.batchId}:${e.state}`)) return;
    notified.add(`${e.batchId}:${e.state}`);
    notify(m.title, m.body);
  });
}
