/** In-memory settings for `serve` without a data folder (a stateless server); history lives in the ledger. */
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../contracts/settings';
import type { EngineHost } from '../engine/host';
import type { SettingsService } from '../http/backend';
import { mergeSettings } from '../settings/settings-store';
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
      // Merged as the stored settings are: a nested patch keeps what it does not name, a bad value is BAD_REQUEST.
      current = { ...mergeSettings(current, patch), runtime: current.runtime };
      engine.reconfigure({
        provider: current.provider,
        threads: current.threads,
        idlePolicy: current.idlePolicy,
      });
      return current;
    },
  };
}
