/** In-memory history and settings for `serve` without a data folder (a stateless server). */
import { randomUUID } from 'node:crypto';
import type { HistoryEntry } from '../contracts/lantern-api';
import { DEFAULT_SETTINGS, settingsSchema, type Settings, type SettingsPatch } from '../contracts/settings';
import type { EngineHost } from '../engine/host';
import type { HistoryService, SettingsService } from '../http/backend';
import type { OcrResult } from '../ocr/types';
import type { ServeOptions } from './args';

/** A bounded most-recent-first history. */
export function memoryHistory(max: number): HistoryService {
  let entries: HistoryEntry[] = [];
  return {
    list: (limit) => entries.slice(0, limit),
    clear: () => {
      entries = [];
    },
    add: (name: string, result: OcrResult) => {
      entries.unshift({ id: randomUUID(), name, createdAt: Date.now(), result });
      entries.length = Math.min(entries.length, max);
    },
  };
}

/** Settings held in memory; engine settings are applied to the running host. */
export function memorySettings(
  engine: EngineHost,
  opts: Pick<ServeOptions, 'provider' | 'threads'>,
): SettingsService {
  let current: Settings = { ...DEFAULT_SETTINGS, provider: opts.provider, threads: opts.threads };
  return {
    get: () => current,
    set: (patch: SettingsPatch) => {
      current = settingsSchema.parse({ ...current, ...patch });
      engine.reconfigure({
        provider: current.provider,
        threads: current.threads,
        idlePolicy: current.idlePolicy,
      });
      return current;
    },
  };
}
