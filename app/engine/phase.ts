/** The host's lifecycle phases, and how each is published (finer inside the host than in the status). */
import { assertNever } from '../contracts/assert-never';
import type { EngineState } from '../contracts/status';

/** Every phase of the host, in the order of the diagram in docs/engine.md. */
export const PHASES = [
  'stopped',
  'starting',
  'loading',
  'warming',
  'ready',
  'reloading',
  'unloading',
  'unloaded',
  'crashed',
  'hung',
  'restarting',
  'error',
  'draining',
  'stopping',
] as const;

/** One phase of the host. */
export type Phase = (typeof PHASES)[number];

/** Phases in which a worker process is running (or going away). */
export const WORKER_PHASES: ReadonlySet<Phase> = new Set<Phase>([
  'starting',
  'loading',
  'warming',
  'ready',
  'reloading',
  'unloading',
  'hung',
  'draining',
  'stopping',
]);

/** Maps a phase to the published state; `pending` is queued plus running, `warm` whether the worker said ready. */
export function publicState(phase: Phase, pending: number, warm: boolean): EngineState {
  switch (phase) {
    case 'ready':
      return pending > 0 ? 'busy' : 'ready';
    case 'draining':
      return warm ? (pending > 0 ? 'busy' : 'ready') : 'starting';
    case 'reloading':
      return 'starting';
    case 'unloading':
    case 'unloaded':
    case 'stopping':
    case 'stopped':
      return 'unloaded';
    case 'starting':
    case 'loading':
    case 'warming':
    case 'crashed':
    case 'hung':
    case 'restarting':
    case 'error':
      return phase;
    default:
      return assertNever(phase);
  }
}

/** Whether queued jobs may be sent to the worker: it is ready, or it is finishing its work before a stop. */
export function dispatches(phase: Phase, warm: boolean): boolean {
  return phase === 'ready' || (phase === 'draining' && warm);
}
