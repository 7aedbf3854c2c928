/** Helpers for tests that run a real engine worker process. */
import type { EngineState, EngineStatus } from '../../app/contracts/status';
import { EngineHost, type EngineHostOptions } from '../../app/engine/host';
import { NodeLauncher } from '../../app/engine/node-launcher';
import { modelsDir } from '../../app/models/paths';

const started = new Set<EngineHost>();

/** Stops every host makeHost made (idempotent): a test that fails mid-way must not leave a worker keeping the run open. */
export async function stopHosts(): Promise<void> {
  await Promise.all([...started].map((h) => h.stop(500)));
  started.clear();
}

/** A host on the real bundled worker (dist/node/engine.mjs) with quiet output and the given overrides. */
export function makeHost(overrides: Partial<EngineHostOptions> = {}): { host: EngineHost; output: string[] } {
  const output: string[] = [];
  const host = new EngineHost({
    launcher: new NodeLauncher(undefined, (l) => output.push(l)),
    modelsDir: modelsDir(),
    provider: 'cpu',
    ...overrides,
  });
  started.add(host);
  return { host, output };
}

/** Resolves when the host publishes a status matching `pred` (rejects after `ms`). */
export function waitForStatus(
  host: EngineHost,
  pred: (s: EngineStatus) => boolean,
  ms = 60000,
): Promise<EngineStatus> {
  if (pred(host.status)) return Promise.resolve(host.status);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for status; last: ${host.status.state} ${host.status.message}`));
    }, ms);
    const off = host.onStatus((s) => {
      if (pred(s)) {
        clearTimeout(timer);
        off();
        resolve(s);
      }
    });
  });
}

/** Shorthand: wait for one state. */
export const waitForState = (host: EngineHost, state: EngineState, ms?: number) =>
  waitForStatus(host, (s) => s.state === state, ms);

/** Records every state the host goes through. */
export function recordStates(host: EngineHost): EngineState[] {
  const seen: EngineState[] = [host.status.state];
  host.onStatus((s) => {
    if (seen[seen.length - 1] !== s.state) seen.push(s.state);
  });
  return seen;
}
