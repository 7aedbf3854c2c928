/** How the host's phase is published: the public state and its one-line description. */
import type { WireError } from '../contracts/errors';
import type { EngineState } from '../contracts/status';
import type { Phase } from './host';

/** Maps the host's internal phase to the published state. */
export function publicState(phase: Phase, pending: number): EngineState {
  switch (phase) {
    case 'ready':
      return pending > 0 ? 'busy' : 'ready';
    case 'unloading':
    case 'unloaded':
      return 'unloaded';
    case 'stopped':
    case 'stopping':
      return 'unloaded';
    case 'starting':
    case 'loading':
    case 'warming':
    case 'crashed':
    case 'hung':
    case 'restarting':
    case 'error':
      return phase;
  }
}

/** The one-line human description of a state. */
export function describe(state: EngineState, restarts: number, err: WireError | null): string {
  switch (state) {
    case 'ready':
      return 'Model ready';
    case 'busy':
      return 'Recognising';
    case 'starting':
      return 'Starting the engine';
    case 'loading':
      return 'Loading the models';
    case 'warming':
      return 'Warming up';
    case 'unloaded':
      return 'Unloaded (idle)';
    case 'crashed':
      return `The engine crashed${err ? `: ${err.message}` : ''}`;
    case 'hung':
      return 'The engine stopped responding';
    case 'restarting':
      return `Restarting (restart ${restarts})`;
    case 'error':
      return `Engine error: ${err?.message ?? 'unknown'}`;
  }
}
