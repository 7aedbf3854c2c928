/** The host's one current worker process: what a replaced worker still says or does is ignored. */
import type { EngineRequest, WorkerMessage } from '../contracts/engine-protocol';
import type { WorkerHandle, WorkerLauncher, WorkerOptions } from './launcher';

/** How long a worker asked to shut down may take before it is killed. */
export const SHUTDOWN_GRACE_MS = 3000;

/** What the slot reports about its current worker. */
export interface SlotEvents {
  message(m: WorkerMessage): void;
  exit(info: { readonly code: number | null; readonly signal: string | null }): void;
}

/** Holds the current worker and tells its messages and exit from those of workers it replaced. */
export class WorkerSlot {
  private current: WorkerHandle | null = null;
  private generation = 0;

  constructor(
    private readonly launcher: WorkerLauncher,
    private readonly events: SlotEvents,
  ) {}

  get pid(): number | null {
    return this.current?.pid ?? null;
  }

  get running(): boolean {
    return this.current !== null;
  }

  /** Starts a new worker; the previous one, if any, is no longer listened to. */
  launch(options: WorkerOptions): void {
    const gen = ++this.generation;
    const w = this.launcher.launch(options);
    this.current = w;
    w.onMessage((m) => gen === this.generation && this.events.message(m));
    w.onExit((info) => {
      if (gen !== this.generation) return;
      this.current = null;
      this.events.exit(info);
    });
  }

  /** Sends to the current worker; false when there is none. */
  send(req: EngineRequest): boolean {
    if (!this.current) return false;
    this.current.send(req);
    return true;
  }

  kill(): void {
    this.current?.kill('SIGKILL');
  }

  /** Asks the worker to exit (`ask` sends the request) and kills it if it has not within the grace period. */
  async shutdown(ask: () => void): Promise<void> {
    const w = this.current;
    if (!w) return;
    const exited = new Promise<void>((r) => w.onExit(() => r()));
    ask();
    const t = setTimeout(() => w.kill('SIGKILL'), SHUTDOWN_GRACE_MS);
    await exited;
    clearTimeout(t);
  }
}
