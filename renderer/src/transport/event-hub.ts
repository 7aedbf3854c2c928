/** The web transport's one EventSource on /events: fans its named events out and says whether the page is connected. */
import type { ConnectionState } from '../../../app/contracts/lantern-api';
import { LANTERN_EVENTS, type EventName, type EventPayload } from '../../../app/contracts/lantern-ops';
import { CONNECTION_NEXT, type ConnectionInput } from './connection-state';

/** How the hub reaches the server. */
export interface EventHubOptions {
  /** Opens the stream. */
  readonly open: () => EventSource;
  /** Whether the server refuses the page's token now: true only for a 401 (no answer or another status is false). */
  readonly unauthorized: () => Promise<boolean>;
  /** Milliseconds before the n-th (0-based) reopen of a stream the browser gave up; 1, 2, 4, then every 5 s. */
  readonly retryDelayMs?: (attempt: number) => number;
}

// EventSource.CLOSED, a constant of the spec: the global is absent where the hub is unit-tested (Node).
const CLOSED = 2;

/** A shared EventSource, opened while someone listens, with the connection state the status pill shows. */
export class EventHub {
  private source: EventSource | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private attempts = 0;
  private checking = false;
  private state: ConnectionState = 'connected';
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly watchers = new Set<(state: ConnectionState) => void>();
  private readonly delayMs: (attempt: number) => number;

  constructor(private readonly o: EventHubOptions) {
    this.delayMs = o.retryDelayMs ?? ((n) => Math.min(1000 * 2 ** n, 5000));
  }

  /** Subscribes to one named event of the stream; returns the unsubscribe function. */
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set.add(cb));
    this.ensure();
    return () => {
      set.delete(cb);
      this.maybeClose();
    };
  }

  /** Subscribes to the connection state (the current one at once); returns the unsubscribe function. */
  onConnection(cb: (state: ConnectionState) => void): () => void {
    this.watchers.add(cb);
    cb(this.state);
    this.ensure();
    return () => {
      this.watchers.delete(cb);
      this.maybeClose();
    };
  }

  /**
   * Asks again whether an expired token is still refused (the page came back into view: the URL serve printed may
   * have been opened in another tab meanwhile, setting the cookie this page sends); if not, reconnects.
   */
  recheck(): void {
    if (this.state !== 'expired' || this.checking) return;
    this.checking = true;
    this.o
      .unauthorized()
      .catch(() => true) // no answer: stay expired, the next look asks again
      .then((refused) => {
        this.checking = false;
        if (refused || this.state !== 'expired') return;
        this.tell('reauthorized');
        if (this.wanted()) this.ensure();
      })
      .catch((err: unknown) => console.error('event hub:', err)); // a watcher threw: say so, keep the page
  }

  private ensure(): void {
    if (this.source || this.retry || this.state === 'expired') return;
    const es = this.o.open();
    for (const event of Object.keys(LANTERN_EVENTS) as EventName[])
      es.addEventListener(event, (ev) => {
        // A message, not the bare `open`, says the stream is up: every stream starts with the current status, told
        // in the same task, so the pill goes from disconnected straight to the real state, never the stale one.
        this.attempts = 0;
        this.tell('opened');
        const payload = parse(ev);
        if (payload !== null) for (const cb of [...(this.listeners.get(event) ?? [])]) cb(payload as never);
      });
    es.addEventListener('error', () => {
      if (es.readyState === CLOSED) this.givenUp(es);
      else this.tell('dropped'); // no answer: the browser reconnects by itself
    });
    this.source = es;
  }

  /** The browser closed the stream for good (an answer that is not the stream): a 401 ends it, the rest is retried. */
  private givenUp(es: EventSource): void {
    if (this.source !== es) return;
    this.source = null;
    this.o
      .unauthorized()
      .catch(() => false) // no answer to the question either: the server is away, not refusing us
      .then((wrongToken) => {
        if (wrongToken) return this.tell('unauthorized');
        this.tell('refused');
        if (!this.wanted() || this.source || this.retry || this.state === 'expired') return;
        this.retry = setTimeout(() => {
          this.retry = null;
          if (this.wanted()) this.ensure();
        }, this.delayMs(this.attempts++));
      })
      .catch((err: unknown) => console.error('event hub:', err)); // a watcher threw: say so, keep the page
  }

  private tell(input: ConnectionInput): void {
    const next = CONNECTION_NEXT[this.state][input];
    // An expired token stays wrong: stop asking the server.
    if (next === 'expired') this.stop();
    if (next === this.state) return;
    this.state = next;
    for (const cb of [...this.watchers]) cb(next);
  }

  private wanted(): boolean {
    return this.watchers.size > 0 || [...this.listeners.values()].some((s) => s.size > 0);
  }

  private stop(): void {
    this.source?.close();
    this.source = null;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }

  private maybeClose(): void {
    if (!this.wanted()) this.stop();
  }
}

/** The server's own JSON (same origin, our server): its shape is the operation's output by contract. */
function parse(ev: Event): unknown {
  try {
    return JSON.parse((ev as MessageEvent<string>).data) as unknown;
  } catch {
    return null;
  }
}
