/** The live engine status from the bridge, plus whether the engine is recovering from a fault (crash or hang). */
import { useEffect, useState } from 'react';
import type { EngineStatus } from '../../../app/contracts/status';
import { lantern } from '../bridge';

/** The status (null until the first one arrives) and `recovering`: true from a crash/hang until ready again. */
export interface EngineStatusView {
  readonly status: EngineStatus | null;
  readonly recovering: boolean;
}

const FAULT = new Set(['crashed', 'hung', 'restarting']);
const SETTLED = new Set(['ready', 'busy', 'error', 'unloaded']);

/** Subscribes to the status stream (and fetches the current status once, in case the stream is slow to open). */
export function useEngineStatus(): EngineStatusView {
  const [view, setView] = useState<EngineStatusView>({ status: null, recovering: false });
  useEffect(() => {
    let live = true;
    let streamed = false;
    const apply = (s: EngineStatus) =>
      setView((v) => ({
        status: s,
        recovering: FAULT.has(s.state) ? true : SETTLED.has(s.state) ? false : v.recovering,
      }));
    const off = lantern.onStatus((s) => {
      streamed = true;
      apply(s);
    });
    lantern
      .getStatus()
      .then((s) => {
        if (live && !streamed) apply(s);
      })
      .catch(() => {}); // the status stream above delivers it regardless
    return () => {
      live = false;
      off();
    };
  }, []);
  return view;
}
