/** The EngineHost's options and their production defaults. */
import type { IdlePolicy } from '../contracts/status';
import type { ProviderChoice } from '../ocr/providers';
import type { CrashPolicy } from './crash-policy';
import type { WorkerLauncher } from './launcher';
import { LANE_IDLE_MS } from './lane-life';
import type { LanesSetting } from './lanes';

/** Host configuration; every timing has a production default and can be shortened in tests. */
export interface EngineHostOptions {
  readonly launcher: WorkerLauncher;
  readonly modelsDir: string;
  readonly provider?: ProviderChoice;
  readonly threads?: number;
  /** Recognition lanes in the worker (lanes.ts): `auto` runs two on a multi-core CPU. */
  readonly lanes?: LanesSetting;
  /** How long the lane threads stay without work before they are released (lane-life.ts LANE_IDLE_MS). */
  readonly laneIdleMs?: number;
  readonly packId?: string;
  readonly idlePolicy?: IdlePolicy;
  readonly heartbeatMs?: number;
  readonly hangTimeoutMs?: number;
  readonly startTimeoutMs?: number;
  readonly maxInFlight?: number;
  readonly maxQueue?: number;
  readonly crashPolicy?: Partial<CrashPolicy>;
  readonly log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

/** The options with every default filled in (provider, threads and idle policy change with the settings). */
export type HostSettings = Required<Omit<EngineHostOptions, 'packId' | 'crashPolicy' | 'log'>> &
  Pick<EngineHostOptions, 'packId' | 'log'>;

/** Fills in the defaults. */
export function hostSettings(options: EngineHostOptions): HostSettings {
  return {
    provider: 'auto',
    threads: 0,
    lanes: 'auto',
    laneIdleMs: LANE_IDLE_MS,
    idlePolicy: { kind: 'always-warm' },
    heartbeatMs: 2000,
    hangTimeoutMs: 15000,
    startTimeoutMs: 120000,
    maxInFlight: 2,
    maxQueue: 512,
    ...options,
  };
}

/** The crash policy with its defaults: 3 crashes in 60 s give up; self-heal after 30 s doubling to 5 min. */
export function crashPolicyOf(options: Pick<EngineHostOptions, 'crashPolicy'>): CrashPolicy {
  return {
    maxCrashes: 3,
    windowMs: 60000,
    baseBackoffMs: 250,
    maxBackoffMs: 10000,
    healBaseMs: 30000,
    healMaxMs: 300000,
    maxHeals: 5,
    ...options.crashPolicy,
  };
}

/** Whether new settings need a new worker: a different provider or thread count (the idle policy does not). */
export function needsReload(
  current: HostSettings,
  next: { readonly provider?: ProviderChoice; readonly threads?: number },
): boolean {
  return (
    (next.provider !== undefined && next.provider !== current.provider) ||
    (next.threads !== undefined && next.threads !== current.threads)
  );
}
