/** Readiness, liveness and admission of new requests, as pure functions of the host's state, with coded reasons. */
import { LanternError } from '../contracts/errors';
import type { EngineState } from '../contracts/status';
import { cancelledError } from './cancelled';
import { publicState, type Phase } from './phase';

/** Why a probe fails, as a code and its figures (worded by status-text.ts). */
export type ProbeReason =
  | { readonly code: 'ENGINE_NOT_READY'; readonly state: EngineState }
  | { readonly code: 'ENGINE_SILENT'; readonly silentMs: number }
  | { readonly code: 'QUEUE_FULL'; readonly max: number }
  | { readonly code: 'STOPPING' }
  | { readonly code: 'SELF_HEAL_FAILED'; readonly heals: number }
  | { readonly code: 'SLOTS_TAKEN'; readonly max: number };

/** What the probes need: whether new work can start now, and whether the process can still serve at all. */
export interface EngineProbe {
  readonly ready: boolean;
  readonly live: boolean;
  /** Why not ready or not live (null when both hold). */
  readonly reason: ProbeReason | null;
}

/** The inputs of a probe. */
export interface ProbeInput {
  readonly phase: Phase;
  readonly heals: number;
  readonly maxHeals: number;
  /** Since the worker last said anything (or became ready). */
  readonly silentMs: number;
  readonly heartbeatMs: number;
  readonly hangTimeoutMs: number;
  readonly queued: number;
  readonly maxQueue: number;
}

/**
 * Phases that take a request although no warm worker runs: the request loads the models again. Readiness holds in
 * them, or an orchestrator that routes only to ready pods would never send the request that wakes the engine.
 */
const WAKES_ON_REQUEST: ReadonlySet<Phase> = new Set<Phase>(['unloading', 'unloaded']);

/**
 * Readiness: a warm worker that answered recently (or an idle unload that a request wakes) and a queue with room.
 * Liveness: false only once `maxHeals` self-heal rounds in a row failed to bring a worker to ready (an orchestrator
 * should then restart the process).
 */
export function probeOf(i: ProbeInput): EngineProbe {
  const live = i.heals < i.maxHeals;
  const warm = i.phase === 'ready';
  const notReady: ProbeReason | null =
    i.phase === 'draining' || i.phase === 'stopping'
      ? { code: 'STOPPING' }
      : !warm && !WAKES_ON_REQUEST.has(i.phase)
        ? { code: 'ENGINE_NOT_READY', state: publicState(i.phase, 0, false) }
        : warm && i.silentMs > Math.max(3 * i.heartbeatMs, i.hangTimeoutMs / 2)
          ? { code: 'ENGINE_SILENT', silentMs: i.silentMs }
          : i.queued >= i.maxQueue
            ? { code: 'QUEUE_FULL', max: i.maxQueue }
            : null;
  return {
    ready: notReady === null,
    live,
    reason: live ? notReady : { code: 'SELF_HEAL_FAILED', heals: i.heals },
  };
}

/** Why a new request is refused in this phase, if it is (checked before it is queued). */
export function admission(
  phase: Phase,
  queued: number,
  maxQueue: number,
  signal: AbortSignal | undefined,
  error: { readonly code: string; readonly message: string } | null | undefined,
): LanternError | null {
  if (phase === 'error')
    return new LanternError(
      'ENGINE_UNAVAILABLE',
      `the engine is in error: ${error?.message ?? 'unknown'} (it will try again on its own)`,
      { why: error ?? undefined },
    );
  if (phase === 'stopped' || phase === 'draining' || phase === 'stopping')
    return new LanternError('ENGINE_STOPPED', 'the engine is stopped');
  if (queued >= maxQueue) return new LanternError('QUEUE_FULL', `the queue is full (${maxQueue} waiting)`);
  if (signal?.aborted) return cancelledError(signal);
  return null;
}
