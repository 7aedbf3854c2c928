/** The live engine status from the bridge, whether the engine is recovering from a fault, and the page's connection. */
import { useEffect, useState } from 'react';
import type { ConnectionState } from '../../../app/contracts/lantern-api';
import type { EngineStatus } from '../../../app/contracts/status';
import { lantern } from '../bridge';

/**
 * The status (null until the first one arrives), `recovering` (true from a crash/hang until ready again) and the
 * connection: while it is not `connected`, `status` is only the last one the page heard, not the engine's state now.
 */
export interface EngineStatusView {
  readonly status: EngineStatus | null;
  readonly recovering: boolean;
  readonly connection: ConnectionState;
}

const FAULT = new Set(['crashed', 'hung', 'restarting']);
const SETTLED = new Set(['ready', 'busy', 'error', 'unloaded']);

/** Subscribes to the status stream (and fetches the current status once, in case the stream is slow to open). */
export function useEngineStatus(): EngineStatusView {
  const [view, setView] = useState<EngineStatusView>({
    status: null,
    recovering: false,
    connection: 'connected',
  });
  useEffect(() => {
    let live = true;
    let streamed = false;
    const apply = (s: EngineStatus) =>
      setView((v) => ({
        ...v,
        status: s,
        recovering: FAULT.has(s.state) ? true : SETTLED.has(s.state) ? false : v.recovering,
      }));
    const off = lantern.onStatus((s) => {
      streamed = true;
      apply(s);
    });
    const offConnection = lantern.onConnection((connection) => setView((v) => ({ ...v, connection })));
    lantern
      .getStatus()
      .then((s) => {
        if (live && !streamed) apply(s);
      })
      .catch(() => {}); // the status stream above delivers it regardless
    return () => {
      live = false;
      off();
      offConnection();
    };
  }, []);
  return view;
}
