/**
 * Persistent user settings: one JSON file in the user-data folder, validated on load (a corrupt or invalid file falls
 * back to the defaults with a notice and is kept aside, never a crash), and written atomically (temp file + rename).
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { LanternError } from '../contracts/errors';
import {
  DEFAULT_SETTINGS,
  parseSettings,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
} from '../contracts/settings';

/** The file name inside the user-data folder. */
export const SETTINGS_FILE = 'settings.json';

/** The file operations a write uses (injectable so tests can make one fail). */
export interface SettingsFs {
  writeFileSynced(file: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string): Promise<void>;
}

/** Writes the data and flushes it to disk before the rename makes it visible. */
async function writeFileSynced(file: string, data: string): Promise<void> {
  const fh = await open(file, 'w', 0o600);
  try {
    await fh.writeFile(data, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
}

const NODE_FS: SettingsFs = {
  writeFileSynced,
  rename: (from, to) => rename(from, to),
  rm: (file) => rm(file, { force: true }),
};

/** Listener of settings changes. */
export type SettingsListener = (next: Settings, previous: Settings) => void;

/**
 * A check a change must pass before it is saved, for settings that take hold outside the file (a global shortcut
 * another application may own): it throws to refuse the whole change, or takes it up and returns how to undo that
 * should the write then fail.
 */
export type SettingsGuard = (next: Settings, previous: Settings) => (() => void) | void;

// What a patch may name: every setting, not the host's read-only `runtime`.
const KEYS = new Set(Object.keys(settingsPatchSchema.shape));

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/**
 * Applies a partial update: only the keys present in `patch` change; a nested plain object (e.g. `http`) is merged
 * one level deep, a discriminated union (`idlePolicy`) is replaced whole. Unknown keys are refused.
 */
export function mergeSettings(current: Settings, patch: unknown): Settings {
  if (!isPlainObject(patch)) throw new LanternError('BAD_REQUEST', 'settings patch must be an object');
  const unknown = Object.keys(patch).filter((k) => !KEYS.has(k));
  if (unknown.length > 0)
    throw new LanternError('BAD_REQUEST', `unknown settings key(s): ${unknown.join(', ')}`);
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const old = merged[key];
    merged[key] =
      key !== 'idlePolicy' && isPlainObject(old) && isPlainObject(value) ? { ...old, ...value } : value;
  }
  const r = settingsSchema.safeParse(merged);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'settings';
    throw new LanternError('BAD_REQUEST', `invalid setting ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}

/** Result of reading the file: the settings and, when the file was unusable, why. */
export interface LoadedSettings {
  readonly settings: Settings;
  readonly notice: string | null;
}

/** Reads and validates the settings file; a missing file gives the defaults silently, a bad one with a notice. */
export function loadSettingsFile(file: string): LoadedSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { settings: DEFAULT_SETTINGS, notice: null };
    return {
      settings: DEFAULT_SETTINGS,
      notice: `settings could not be read (${(err as Error).message}); defaults used`,
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return {
      settings: DEFAULT_SETTINGS,
      notice: `settings file is corrupt (${(err as Error).message}); defaults used`,
    };
  }
  const parsed = parseSettings(raw);
  return { settings: parsed.settings, notice: parsed.notice ?? null };
}

/** The settings of the app, persisted in `dir`. */
export class SettingsStore {
  private current: Settings;
  private readonly listeners = new Set<SettingsListener>();
  private readonly guards = new Set<SettingsGuard>();
  private writes: Promise<unknown> = Promise.resolve();
  private seq = 0;
  /** Why the stored file was not used (corrupt or invalid), or null; shown once to the user. */
  readonly notice: string | null;
  /** Absolute path of the settings file. */
  readonly file: string;

  private constructor(
    dir: string,
    loaded: LoadedSettings,
    private readonly fs: SettingsFs,
  ) {
    this.file = path.join(dir, SETTINGS_FILE);
    this.current = loaded.settings;
    this.notice = loaded.notice;
  }

  /** Loads the store from `dir` (synchronously, at start-up); a bad file is copied aside as settings.json.corrupt. */
  static open(dir: string, fs: SettingsFs = NODE_FS): SettingsStore {
    const file = path.join(dir, SETTINGS_FILE);
    const loaded = loadSettingsFile(file);
    let notice = loaded.notice;
    if (notice !== null) {
      try {
        copyFileSync(file, `${file}.corrupt`);
        notice += `; the old file was kept as ${SETTINGS_FILE}.corrupt`;
      } catch {
        // nothing to keep (unreadable): the notice already says why
      }
    }
    return new SettingsStore(dir, { settings: loaded.settings, notice }, fs);
  }

  /** The current settings. */
  get(): Settings {
    return this.current;
  }

  /**
   * Validates and applies a partial update, lets the guards refuse it, persists it atomically, then notifies; a
   * refused change or a failed write changes nothing.
   */
  set(patch: unknown): Promise<Settings> {
    const run = async (): Promise<Settings> => {
      const previous = this.current;
      const next = mergeSettings(previous, patch);
      const undo: (() => void)[] = [];
      try {
        for (const guard of [...this.guards]) {
          const u = guard(next, previous);
          if (u) undo.unshift(u);
        }
        await this.write(next);
      } catch (err) {
        for (const u of undo) u();
        throw err;
      }
      this.current = next;
      for (const cb of [...this.listeners]) cb(next, previous);
      return next;
    };
    const p = this.writes.then(run, run);
    this.writes = p.catch(() => undefined); // the caller gets p's failure; the chain only orders writes
    return p;
  }

  /** Adds a guard every later change must pass before it is written; returns the function that removes it. */
  guard(cb: SettingsGuard): () => void {
    this.guards.add(cb);
    return () => this.guards.delete(cb);
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  onChange(cb: SettingsListener): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private async write(s: Settings): Promise<void> {
    const tmp = `${this.file}.tmp-${process.pid}-${++this.seq}`;
    try {
      await this.fs.writeFileSynced(tmp, `${JSON.stringify(s, null, 2)}\n`);
      await this.fs.rename(tmp, this.file);
    } catch (err) {
      await this.fs.rm(tmp).catch(() => undefined); // the write's own error is the one to report
      throw new LanternError('INTERNAL', `settings could not be saved: ${(err as Error).message}`);
    }
  }
}
