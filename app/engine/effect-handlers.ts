/** The lifecycle's effects as a table of handlers: the host carries each kind out, and a new kind needs its handler. */
import type { Effect } from './lifecycle-types';

/** An effect the host carries out (a raised event goes back to the table instead). */
export type HostEffect = Exclude<Effect, { kind: 'raise' }>;

/** One handler for each kind of effect, given the effect. */
export type EffectHandlers = {
  readonly [K in HostEffect['kind']]: (fx: Extract<HostEffect, { kind: K }>) => void;
};

/** Carries out `fx` with its kind's handler. */
export function performEffect(handlers: EffectHandlers, fx: HostEffect): void {
  (handlers[fx.kind] as (fx: HostEffect) => void)(fx);
}
