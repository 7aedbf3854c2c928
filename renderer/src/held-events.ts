/** Events main may send before the UI listens (a window made for them): held until a taker takes them. */

/** Subscribes to `subscribe` now (at module load) and answers the function a component takes the events with. */
export function heldEvents<T>(
  subscribe: ((cb: (value: T) => void) => unknown) | undefined,
): (cb: (value: T) => void) => () => void {
  const pending: T[] = [];
  let taker: ((value: T) => void) | null = null;
  subscribe?.((value) => (taker ? taker(value) : void pending.push(value)));
  return (cb) => {
    taker = cb;
    for (const value of pending.splice(0)) cb(value);
    return () => {
      if (taker === cb) taker = null;
    };
  };
}
