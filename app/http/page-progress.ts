/** Per-page progress of documents read over POST /ocr, published to the /events stream as `page` events. */
import type { PageProgress } from '../contracts/lantern-api';

export type { PageProgress };

/** A tiny publish/subscribe channel: handlers publish, each SSE client listens until it leaves. */
export interface PageProgressChannel {
  publish(p: PageProgress): void;
  subscribe(cb: (p: PageProgress) => void): () => void;
}

/** Makes a channel; a listener that throws never fails the request that published. */
export function pageProgressChannel(): PageProgressChannel {
  const listeners = new Set<(p: PageProgress) => void>();
  return {
    publish(p) {
      for (const cb of listeners) {
        try {
          cb(p);
        } catch {
          // A client's stream failing is that client's loss only.
        }
      }
    },
    subscribe(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}
