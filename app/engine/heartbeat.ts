/** Liveness of the worker: any message proves it alive; a timer asks the watchdog what to do at each beat. */
import type { Phase } from './phase';

/** The heartbeat period and the silences after which a worker counts as hung. */
export interface HeartbeatTimings {
  readonly heartbeatMs: number;
  /** Silence allowed once ready. */
  readonly hangTimeoutMs: number;
  /** Silence allowed while starting, loading and warming up. */
  readonly startTimeoutMs: number;
}

/** What to do at a beat: report the worker silent, ping it, or nothing (no worker to watch). */
export function watchdog(phase: Phase, silentMs: number, t: HeartbeatTimings): 'silent' | 'ping' | 'wait' {
  switch (phase) {
    case 'starting':
    case 'loading':
    case 'warming':
      return silentMs > t.startTimeoutMs ? 'silent' : 'wait';
    case 'ready':
      return silentMs > t.hangTimeoutMs ? 'silent' : 'ping';
    default:
      return 'wait';
  }
}

/** What the heartbeat needs from the host. */
export interface HeartbeatHost {
  /** The phase now, or null when no worker runs. */
  phase(): Phase | null;
  /** Reports a worker silent past its deadline. */
  silent(): void;
  /** Pings the worker; resolves with its resident memory when it answers. */
  ping(timeoutMs: number): Promise<{ readonly rss: number }>;
  /** A ping was answered (the status shows when). */
  answered(): void;
}

/** A beat this many periods late shows that this process stalled, not the worker. */
const STALLED_BEATS = 3;

/** The beat timer, when the worker was last heard, and the watchdog decision at each beat. */
export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private heardAt = 0;
  /** When the beat timer last ran: a beat far later than its period means this process itself stalled. */
  private beatAt = 0;
  /** When a ping was last answered (published as `lastHeartbeatAt`). */
  lastPongAt: number | null = null;
  /** The worker's resident memory at that answer (published as `workerRssBytes`; cleared for a new worker). */
  lastRss: number | null = null;

  constructor(
    private readonly t: HeartbeatTimings,
    private readonly host: HeartbeatHost,
  ) {}

  /** Starts beating (idempotent). */
  start(): void {
    this.beatAt = Date.now();
    this.timer ??= setInterval(() => this.beat(), this.t.heartbeatMs);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Records a sign of life (a new worker, or any message from it). */
  heard(now = Date.now()): void {
    this.heardAt = now;
  }

  /** How long the worker has said nothing, counting from `since` when that is later (e.g. when it became ready). */
  silentMs(now = Date.now(), since = 0): number {
    return now - Math.max(this.heardAt, since);
  }

  private beat(): void {
    const now = Date.now();
    // After a stall of this process (a blocked event loop, a suspended machine) timers run before the messages that
    // arrived meanwhile are read: the silence is ours, not the worker's, and counts only from the beat before this one.
    if (now - this.beatAt > STALLED_BEATS * this.t.heartbeatMs)
      this.heardAt = Math.max(this.heardAt, now - this.t.heartbeatMs);
    this.beatAt = now;
    const phase = this.host.phase();
    if (phase === null) return;
    const action = watchdog(phase, this.silentMs(), this.t);
    if (action === 'silent') this.host.silent();
    if (action !== 'ping') return;
    this.host.ping(this.t.hangTimeoutMs).then(
      ({ rss }) => {
        this.lastPongAt = Date.now();
        this.lastRss = rss;
        this.host.answered();
      },
      // A lost ping needs no handling here: the silence deadline above catches a worker that stopped answering.
      () => undefined,
    );
  }
}
