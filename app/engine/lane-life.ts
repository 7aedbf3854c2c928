/**
 * The lane threads' lifecycle as a table: started when a recognition first waits behind a running one, released after
 * LANE_IDLE_MS without work for them (their sessions are memory held for nothing).
 */

/** A minute: a burst of requests keeps the lanes, a desktop in the tray or a server between bursts gives them back. */
export const LANE_IDLE_MS = 60_000;

/** Where the lane threads stand; requests that find them anything but `ready` go to the main lane. */
export type LaneLife = 'absent' | 'starting' | 'ready' | 'releasing';

/** What moves it: a recognition waiting, its start ending, its idle time running out, its release ending. */
export type LaneEvent = 'wanted' | 'started' | 'idle' | 'released';

const TABLE: { readonly [S in LaneLife]: Partial<Readonly<Record<LaneEvent, LaneLife>>> } = {
  absent: { wanted: 'starting' },
  starting: { started: 'ready' },
  ready: { idle: 'releasing' },
  releasing: { released: 'absent' },
};

/** The next state, or undefined where the event does not apply (lanes that failed to start are dropped instead). */
export function laneStep(state: LaneLife, event: LaneEvent): LaneLife | undefined {
  return TABLE[state][event];
}

/** Reads LANTERN_LANE_IDLE_MS (a missing or invalid value is LANE_IDLE_MS). */
export function laneIdleFromEnv(value: string | undefined): number {
  const ms = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(ms) && ms > 0 ? ms : LANE_IDLE_MS;
}
