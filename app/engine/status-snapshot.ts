/** The published status snapshot, built from the lifecycle, the jobs and the current worker's report. */
import type { WorkerReady } from '../contracts/engine-protocol';
import type { EngineStatus, IdlePolicy } from '../contracts/status';
import type { Lifecycle } from './lifecycle-types';
import { publicState } from './phase';
import { detailOf, errorOf, statusMessage } from './status-text';

/** What a snapshot is made of. */
export interface SnapshotInput {
  readonly life: Lifecycle;
  readonly jobs: { readonly queued: number; readonly inFlight: number };
  /** The current worker's ready report (null until it is warm). */
  readonly ready: WorkerReady | null;
  readonly pid: number | null;
  /** Lanes of the current worker running now (1 until the second starts, and again after it is released). */
  readonly lanesRunning: number;
  readonly startedAt: number;
  readonly readyAt: number | null;
  readonly lastHeartbeatAt: number | null;
  readonly workerRssBytes: number | null;
  readonly idlePolicy: IdlePolicy;
  readonly windowMs: number;
  /** When the snapshot is taken (the English words count the seconds left of a wait from it). */
  readonly now: number;
}

/** The status as main, the renderer, the tray, HTTP and the CLI see it. */
export function snapshotOf(i: SnapshotInput): EngineStatus {
  const { queued, inFlight } = i.jobs;
  const pending = queued + inFlight;
  const warm = i.ready !== null;
  const state = publicState(i.life.phase, pending, warm);
  const detail = detailOf(i.life, pending, warm, i.windowMs);
  const error = errorOf(i.life.fault, detail, i.now);
  return {
    state,
    modelLoaded: state === 'ready' || state === 'busy',
    provider: i.ready?.provider ?? null,
    providerSummary: i.ready?.providerSummary ?? null,
    ...(i.ready?.providerFailures?.length ? { providerFailures: [...i.ready.providerFailures] } : {}),
    recVariant: i.ready?.recVariant ?? null,
    pid: i.pid,
    loadMs: i.ready?.loadMs ?? null,
    warmupMs: i.ready?.warmupMs ?? null,
    readyMs: i.ready?.readyMs ?? null,
    ...(i.ready?.lanes ? { lanes: i.ready.lanes, lanesRunning: i.lanesRunning } : {}),
    startedAt: i.startedAt,
    readyAt: i.readyAt,
    lastHeartbeatAt: i.lastHeartbeatAt,
    workerRssBytes: i.workerRssBytes,
    restarts: i.life.restarts,
    faults: i.life.faults,
    queue: queued,
    inFlight,
    idlePolicy: i.idlePolicy,
    error,
    fault: i.life.fault,
    detail,
    message: statusMessage(detail, error),
  };
}
