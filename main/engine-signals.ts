/** System signals for the engine: after a resume from sleep, a self-test inference (a failed one restarts it). */
import type { EngineStatus } from '../app/contracts/status';

/** The part of Electron's powerMonitor used. */
export interface PowerMonitorLike {
  on(event: 'resume', listener: () => void): unknown;
}

/** The engine operations used. */
export interface SelfTestable {
  readonly status: EngineStatus;
  selfTest(): Promise<{ ok: boolean; text: string; ms: number }>;
}

/** Runs a self-test on every resume while the models are loaded (an unloaded engine has nothing to test). */
export function setupEngineSignals(d: {
  readonly powerMonitor: PowerMonitorLike;
  readonly engine: SelfTestable;
  readonly log: (level: 'info' | 'warn', message: string) => void;
}): void {
  d.powerMonitor.on('resume', () => {
    if (!d.engine.status.modelLoaded) return d.log('info', 'resume: engine not loaded, no self-test');
    void d.engine
      .selfTest()
      .then((r) =>
        d.log(
          r.ok ? 'info' : 'warn',
          `resume self-test ${r.ok ? 'passed' : `failed ("${r.text}"): restarting`} in ${r.ms} ms`,
        ),
      );
  });
}
