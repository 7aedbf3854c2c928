/** Starts engine workers with Electron's `utilityProcess.fork` (the desktop app); plain Node uses NodeLauncher. */
import type { EngineRequest, WorkerMessage } from '../app/contracts/engine-protocol';
import {
  workerEnv,
  type WorkerHandle,
  type WorkerLauncher,
  type WorkerOptions,
} from '../app/engine/launcher';
import { outputLines } from '../app/engine/output-lines';
import { UTILITY_EXEC_ARGV } from '../app/engine/v8-flags';

/** The name the engine process shows in task managers and in `child-process-gone`. */
export const ENGINE_SERVICE_NAME = 'Lantern OCR engine';

/** A readable output stream of the child (Node's Readable and Electron's stream type fit). */
export interface OutputStreamLike {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
}

/** The part of an Electron UtilityProcess the launcher uses. */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  readonly stdout: OutputStreamLike | null;
  readonly stderr: OutputStreamLike | null;
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'spawn', listener: () => void): unknown;
  on(event: 'error', listener: (type: string, location: string, report: string) => void): unknown;
  kill(): boolean;
}

/** Options of `utilityProcess.fork` the launcher passes. */
export interface ForkOptionsLike {
  readonly serviceName: string;
  readonly env: Record<string, string | undefined>;
  readonly execArgv: string[];
  readonly stdio: 'pipe';
}

/** Electron's `utilityProcess` module, reduced to `fork`. */
export interface UtilityProcessModule {
  fork(modulePath: string, args: string[], options: ForkOptionsLike): UtilityProcessLike;
}

/** Options of the Electron launcher. */
export interface ElectronLauncherOptions {
  readonly utilityProcess: UtilityProcessModule;
  /** The bundled worker entry (dist/node/engine.mjs). */
  readonly enginePath: string;
  /** Receives the worker's stdout/stderr, line by line. */
  readonly onOutput?: (line: string) => void;
  /** A V8 fatal error ended the worker (its exit follows, and the host restarts it). */
  readonly onFatalError?: (message: string) => void;
  readonly baseEnv?: Record<string, string | undefined>;
  readonly platform?: NodeJS.Platform;
  /** Sends a signal to a pid (process.kill); used on POSIX, where `kill()` alone cannot end a stopped (hung) process. */
  readonly killPid?: (pid: number, signal: NodeJS.Signals) => void;
}

/** A WorkerLauncher over `utilityProcess.fork`. */
export class ElectronLauncher implements WorkerLauncher {
  constructor(private readonly o: ElectronLauncherOptions) {}

  launch(options: WorkerOptions): WorkerHandle {
    const base = this.o.baseEnv ?? process.env;
    const child = this.o.utilityProcess.fork(this.o.enginePath, [], {
      serviceName: ENGINE_SERVICE_NAME,
      env: { ...base, ...workerEnv(options, base, this.o.platform ?? process.platform) },
      execArgv: [...UTILITY_EXEC_ARGV],
      stdio: 'pipe',
    });
    const onOutput = this.o.onOutput ?? (() => {});
    for (const stream of [child.stdout, child.stderr]) {
      const lines = outputLines(onOutput);
      stream?.on('data', (chunk: Buffer | string) => lines.push(Buffer.from(chunk)));
      stream?.on('end', () => lines.end());
    }
    const platform = this.o.platform ?? process.platform;
    const killPid = this.o.killPid ?? ((pid: number, signal: NodeJS.Signals) => process.kill(pid, signal));

    // Messages or an exit that arrive before the host subscribes are kept and replayed, so none is lost.
    const early: WorkerMessage[] = [];
    let messageCb: ((m: WorkerMessage) => void) | null = null;
    let exitCode: number | null | undefined;
    const exitCbs: ((info: { code: number | null; signal: string | null }) => void)[] = [];
    child.on('message', (m: unknown) => {
      if (messageCb) messageCb(m as WorkerMessage);
      else early.push(m as WorkerMessage);
    });
    // Electron emits "error" on the process object for a V8 fatal error: unheard, it would throw in main (an error
    // dialog over the app). The report is a whole diagnostic JSON, so only where it happened is kept.
    child.on('error', (type, location) => this.o.onFatalError?.(`engine ${type} at ${location}`));
    child.on('exit', (code: number) => {
      if (exitCode !== undefined) return;
      exitCode = code;
      for (const cb of exitCbs.splice(0)) cb({ code, signal: null });
    });

    return {
      get pid() {
        return child.pid;
      },
      send: (m: EngineRequest) => {
        if (exitCode === undefined) child.postMessage(m);
      },
      onMessage: (cb) => {
        messageCb = cb;
        for (const m of early.splice(0)) cb(m);
      },
      onExit: (cb) => {
        if (exitCode !== undefined) cb({ code: exitCode, signal: null });
        else exitCbs.push(cb);
      },
      // utilityProcess.kill() takes no signal and sends SIGTERM on POSIX, which a stopped (hung) process never
      // handles: there the signal goes to the pid directly. On Windows kill() is TerminateProcess, already final.
      kill: (signal: NodeJS.Signals = 'SIGKILL') => {
        if (exitCode !== undefined) return;
        const pid = child.pid;
        if (platform !== 'win32' && pid !== undefined) {
          try {
            killPid(pid, signal);
            return;
          } catch {
            // already gone or not ours: fall back to Electron's kill
          }
        }
        child.kill();
      },
    };
  }
}
