/** How many recognition lanes the engine worker runs, and how the cores are split between them when both are busy. */
import * as z from '../contracts/zod-mini';

/** The setting: `auto` (two lanes on a multi-core CPU), or a fixed count. */
export type LanesSetting = 'auto' | 1 | 2;

/** The setting as it travels in the worker's environment (LANTERN_LANES). */
export const lanesSettingSchema = z.union([z.literal('auto'), z.literal(1), z.literal(2)]);

/** Reads LANTERN_LANES (a missing or unknown value is `auto`). */
export function lanesFromEnv(value: string | undefined): LanesSetting {
  const parsed = lanesSettingSchema.safeParse(value === '1' || value === '2' ? Number(value) : value);
  return parsed.success ? parsed.data : 'auto';
}

/** How many lane threads run pages at once, in the engine worker and the CLI: two pages fill two halves of the cores. */
export const LANE_THREADS = 2;

/** The lanes to run, and the intra-op threads each gets while both are busy (a lone page gets every thread). */
export interface LanePlan {
  readonly lanes: 1 | 2;
  readonly splitThreads: number;
}

/**
 * The lanes to run. GPU providers get one: the device, not the cores, limits them; so does a single core. On the CPU
 * a lone page runs on every intra-op thread, and two pages at once each run on half of them, so the cores are split,
 * not oversubscribed.
 */
export function lanePlan(setting: LanesSetting, provider: string, cores: number, threads: number): LanePlan {
  const all = threads > 0 ? threads : cores;
  const splitThreads = Math.max(1, Math.floor(all / 2));
  if (provider !== 'cpu') return { lanes: 1, splitThreads };
  if (setting === 'auto') return { lanes: cores > 1 ? 2 : 1, splitThreads };
  return { lanes: setting, splitThreads };
}
