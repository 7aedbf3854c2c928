/** How many recognition lanes the engine worker runs, and each extra lane's intra-op threads. */
import * as z from '../contracts/zod-mini';

/** The setting: `auto` (one lane until a host kind is measured to gain from two), or a fixed count. */
export type LanesSetting = 'auto' | 1 | 2;

/** The setting as it travels in the worker's environment (LANTERN_LANES). */
export const lanesSettingSchema = z.union([z.literal('auto'), z.literal(1), z.literal(2)]);

/** Reads LANTERN_LANES (a missing or unknown value is `auto`). */
export function lanesFromEnv(value: string | undefined): LanesSetting {
  const parsed = lanesSettingSchema.safeParse(value === '1' || value === '2' ? Number(value) : value);
  return parsed.success ? parsed.data : 'auto';
}

/**
 * The lanes to run. GPU providers get one: the device, not the cores, limits them. On the CPU the main lane keeps
 * every intra-op thread (a lone request is as fast as before), and the extra lane, used only while the main one is
 * busy, gets half of them.
 */
export function lanePlan(
  setting: LanesSetting,
  provider: string,
  cores: number,
  threads: number,
): { readonly lanes: 1 | 2; readonly extraThreads: number } {
  const all = threads > 0 ? threads : cores;
  const extraThreads = Math.max(1, Math.floor(all / 2));
  if (provider !== 'cpu') return { lanes: 1, extraThreads };
  // auto stays at one: on the measured 2-core host the second lane cost memory and gained no wall-clock throughput.
  if (setting === 'auto') return { lanes: 1, extraThreads };
  return { lanes: setting, extraThreads };
}
