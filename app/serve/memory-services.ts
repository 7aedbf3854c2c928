/** In-memory settings for `serve` without a data folder (a stateless server); history lives in the ledger. */
import { DEFAULT_SETTINGS, settingsSchema, type Settings, type SettingsPatch } from '../contracts/settings';
import type { EngineHost } from '../engine/host';
import type { SettingsService } from '../http/backend';
import type { ServeOptions } from './args';

/** Settings held in memory; engine settings are applied to the running host. */
export function memorySettings(
  engine: EngineHost,
  opts: Pick<ServeOptions, 'provider' | 'threads'>,
): SettingsService {
  let current: Settings = {
    ...DEFAULT_SETTINGS,
    provider: opts.provider,
    threads: opts.threads,
    runtime: { mode: 'serve', file: null },
  };
  return {
    get: () => current,
    set: (patch: SettingsPatch) => {
      current = settingsSchema.parse({ ...current, ...patch, runtime: current.runtime });
      engine.reconfigure({
        provider: current.provider,
        threads: current.threads,
        idlePolicy: current.idlePolicy,
      });
      return current;
    },
  };
}
