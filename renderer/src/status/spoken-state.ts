/** The engine state the pill's live region speaks of, which leaves out the routine ready ⇄ busy of every request. */
import { useRef } from 'react';
import type { EngineState } from '../../../app/contracts/status';

/** The state to announce: a ready engine taking requests stays "ready" there (busy is shown, not said, each time). */
export function useSpokenState(state: EngineState | null): EngineState | null {
  const spoken = useRef(state);
  const routine = state === 'busy' && (spoken.current === 'ready' || spoken.current === 'busy');
  if (!routine) spoken.current = state;
  return spoken.current;
}
