/**
 * What the host logs when liveness flips: an orchestrator restarts the process on the 503 of /health, and the operator
 * then looks in the log for why.
 */
import type { Phase } from './phase';

/** A log line: its level and message. */
export interface LogLine {
  readonly level: 'info' | 'error';
  readonly message: string;
}

/**
 * The line for liveness that was `wasLive` and has flipped, at the lifecycle's `phase` after `heals` self-heal rounds;
 * `cause` is asked only when it is lost (the status's error).
 */
export function livenessLine(wasLive: boolean, phase: Phase, heals: number, cause: () => string): LogLine {
  if (!wasLive)
    return {
      level: 'info',
      message: `/health answers 200 again (${phase === 'ready' ? 'the engine is ready' : 'retried by hand'})`,
    };
  return {
    level: 'error',
    message: `/health now answers 503 (SELF_HEAL_FAILED): ${heals} self-heal rounds in a row ended without a ready engine (last: ${cause()}). Fix the cause; the host keeps trying, and an orchestrator restarts the process.`,
  };
}
