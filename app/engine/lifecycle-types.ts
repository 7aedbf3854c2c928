/** The vocabulary of the lifecycle table (lifecycle.ts): its state, its events and the effects it asks for. */
import type { EngineEvent, WorkerReady } from '../contracts/engine-protocol';
import type { WireError } from '../contracts/errors';
import type { Fault } from '../contracts/status';
import type { Phase } from './phase';

/** The lifecycle's whole state: the phase and what the crash policy and the status need to remember. */
export interface Lifecycle {
  readonly phase: Phase;
  /** Crash times within the policy's window. */
  readonly crashes: readonly number[];
  /** Self-heal rounds since a worker last reached ready. */
  readonly heals: number;
  /** Workers launched after a crash or hang since the host was made (after a backoff, a self-heal or a retry). */
  readonly restarts: number;
  /** Crashes and hangs since the host was made, every one (also those that end in `error`). */
  readonly faults: number;
  /** The last fault, shown until a reload, a heal or a retry clears it. */
  readonly fault: Fault | null;
  /** In `restarting` or `error`: how long after entering it the next worker starts. */
  readonly retryInMs: number | null;
  /** In `restarting` or `error`: when (epoch ms) the next worker starts. */
  readonly retryAt: number | null;
}

/** Everything that can happen to the host. */
export type LifecycleEvent =
  | { readonly type: 'start' }
  /** A request or a pre-warm while the models are unloaded. */
  | { readonly type: 'wake' }
  | { readonly type: 'loading' }
  | { readonly type: 'warming' }
  | { readonly type: 'ready'; readonly ready: WorkerReady }
  /** The worker reported that it cannot serve (it exits next). */
  | { readonly type: 'failed'; readonly error: WireError }
  | {
      readonly type: 'exit';
      readonly exitCode: number | null;
      readonly signal: string | null;
      readonly at: number;
      readonly pending: number;
    }
  /** Raised after a crash or hang exit: restart with backoff, or give up for a while (crash loop). */
  | { readonly type: 'decide'; readonly at: number }
  /** The watchdog heard nothing from the worker within its deadline. */
  | { readonly type: 'silent' }
  | { readonly type: 'restartDue' }
  | { readonly type: 'healDue' }
  | { readonly type: 'retry' }
  | { readonly type: 'idle'; readonly pending: number }
  /** New provider or thread count: replace the worker without counting a crash. */
  | { readonly type: 'reload' }
  /** The self-test read the wrong text: replace the worker as if it had crashed. */
  | { readonly type: 'recycle'; readonly reason: string }
  | { readonly type: 'stop' }
  /** The stop's grace period is over (or nothing was pending). */
  | { readonly type: 'drained' };

/** The kinds of event. */
export type EventType = LifecycleEvent['type'];

/** The event of one kind. */
export type EventOf<E extends EventType> = Extract<LifecycleEvent, { readonly type: E }>;

/** Every event type (for the exhaustive table test). */
export const EVENT_TYPES: readonly EventType[] = [
  'start',
  'wake',
  'loading',
  'warming',
  'ready',
  'failed',
  'exit',
  'decide',
  'silent',
  'restartDue',
  'healDue',
  'retry',
  'idle',
  'reload',
  'recycle',
  'stop',
  'drained',
];

/** What the host does on a transition, in order. */
export type Effect =
  | { readonly kind: 'startHeartbeat' }
  | { readonly kind: 'launch' }
  | { readonly kind: 'kill' }
  /** Ask the worker to exit, and kill it if it has not within a few seconds. */
  | { readonly kind: 'shutdown' }
  | { readonly kind: 'markReady'; readonly ready: WorkerReady }
  | { readonly kind: 'armIdle' }
  | { readonly kind: 'dispatch' }
  /** After a crash: jobs that were running go back to the front once, then fail. */
  | { readonly kind: 'retryInFlight' }
  /** After a reload: jobs that were running go back to the front; the attempt does not count. */
  | { readonly kind: 'requeueInFlight' }
  /** Entering `error`: queued jobs fail now rather than wait minutes. */
  | { readonly kind: 'failQueued' }
  /** Stopping: every pending job fails. */
  | { readonly kind: 'failAll' }
  | { readonly kind: 'scheduleRestart'; readonly ms: number }
  | { readonly kind: 'scheduleHeal'; readonly ms: number }
  /** Restart, heal and idle timers and the heartbeat. */
  | { readonly kind: 'cancelTimers' }
  | { readonly kind: 'raise'; readonly event: LifecycleEvent };

/** The outcome of an accepted event. */
export interface Transition {
  readonly next: Lifecycle;
  readonly effects: readonly Effect[];
}

/** The lifecycle event of a worker's status report. */
export function statusEvent(m: Extract<EngineEvent, { readonly type: 'status' }>): LifecycleEvent {
  switch (m.phase) {
    case 'ready':
      return { type: 'ready', ready: m.ready };
    case 'failed':
      return { type: 'failed', error: m.error };
    case 'loading':
    case 'warming':
      return { type: m.phase };
  }
}
