/** What the host knows of the worker it launched last, for the status: when it started and was ready, its lanes. */
import type { WorkerReady } from '../contracts/engine-protocol';

/** The current worker's launch, readiness and running lanes. */
export class WorkerRun {
  /** When the current worker was launched: the status's uptime is this process's, not the host's. */
  startedAt = Date.now();
  ready: WorkerReady | null = null;
  readyAt: number | null = null;
  /** Lanes of the current worker running now (its `lanes` events); the second starts when first needed. */
  lanesRunning = 1;

  /** A new worker is launched: not ready yet, one lane. */
  launched(): void {
    this.startedAt = Date.now();
    this.ready = null;
    this.lanesRunning = 1;
  }

  /** The worker said it is ready. */
  markReady(ready: WorkerReady): void {
    this.ready = ready;
    this.readyAt = Date.now();
  }
}
