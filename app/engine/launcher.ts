/**
 * How the EngineHost starts a worker process: one small interface, two implementations — `child_process.fork`
 * (plain Node: serve, CLI, tests; `app/engine/node-launcher.ts`) and Electron's `utilityProcess.fork` (`main/`).
 */
import type { EngineRequest, WorkerMessage } from '../contracts/engine-protocol';
import type { LanesSetting } from './lanes';
import { engineTunables } from './malloc-tunables';
import { ortTelemetryEnv } from '../ocr/ort-telemetry';

/** A running worker process as the host sees it. */
export interface WorkerHandle {
  readonly pid: number | undefined;
  /** Sends a request (structured clone: Uint8Array bytes are copied, not JSON-encoded). */
  send(message: EngineRequest): void;
  /** Called for every message the worker sends. */
  onMessage(cb: (message: WorkerMessage) => void): void;
  /** Called once when the process has exited, however it ended. */
  onExit(cb: (info: { code: number | null; signal: string | null }) => void): void;
  /** Kills the process (SIGKILL by default). */
  kill(signal?: NodeJS.Signals): void;
}

/** Options passed to a new worker (as environment variables, so both launchers carry them the same way). */
export interface WorkerOptions {
  readonly provider: string;
  readonly threads: number;
  readonly lanes?: LanesSetting;
  /** Idle time before the lane threads are released (lane-life.ts). */
  readonly laneIdleMs?: number;
  readonly modelsDir: string;
  readonly packId?: string;
}

/** Starts worker processes. */
export interface WorkerLauncher {
  launch(options: WorkerOptions): WorkerHandle;
}

/**
 * Environment variables that carry WorkerOptions into the worker, plus its malloc settings (malloc-tunables.ts) and
 * onnxruntime's telemetry off (ort-telemetry.ts), on top of `base` (the launcher's own environment).
 */
export function workerEnv(
  o: WorkerOptions,
  base: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
): Record<string, string> {
  const tunables = engineTunables(base.GLIBC_TUNABLES, platform);
  return {
    LANTERN_PROVIDER: o.provider,
    LANTERN_THREADS: String(o.threads),
    ...(o.lanes !== undefined ? { LANTERN_LANES: String(o.lanes) } : {}),
    ...(o.laneIdleMs !== undefined ? { LANTERN_LANE_IDLE_MS: String(o.laneIdleMs) } : {}),
    LANTERN_MODELS_DIR: o.modelsDir,
    ...(o.packId ? { LANTERN_PACK: o.packId } : {}),
    ...(tunables ? { GLIBC_TUNABLES: tunables } : {}),
    ...ortTelemetryEnv(base),
  };
}
