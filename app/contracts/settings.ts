/** User settings: schema with defaults, validated on load (a corrupt file falls back to defaults, never a crash). */
import { z } from 'zod';
import { PROVIDER_CHOICES, type ProviderChoice } from './providers';
import { idlePolicySchema } from './status';

/**
 * Where the app runs and where these settings are kept: the host adds it to the settings it hands out (the UI says
 * where they are stored, and in `serve` shows the HTTP API as what it runs over); never stored, never patched.
 */
export const settingsRuntimeSchema = z.object({
  mode: z.enum(['desktop', 'serve']),
  /** The settings file, or null when the settings live only in memory (`serve` without `--data`). */
  file: z.string().nullable(),
});

/** Where settings live. */
export type SettingsRuntime = z.infer<typeof settingsRuntimeSchema>;

/**
 * The ranges the schema accepts: the Settings form checks the same and names them in its messages. Threads go as far
 * as `--threads` does (far past any core count, short of exhausting memory), so a server started with more still saves.
 */
export const SETTINGS_LIMITS = {
  threads: { min: 0, max: 256 },
  port: { min: 1024, max: 65535 },
  token: { min: 16, max: 200 },
} as const;

const { threads, port, token } = SETTINGS_LIMITS;

/**
 * The characters a token may hold: RFC 6750's token characters, the only ones an `Authorization: Bearer` header
 * carries as they are typed (a space or a non-ASCII letter would leave only the browser link working).
 */
export const TOKEN_PATTERN = /^[A-Za-z0-9._~+/=-]+$/;

/** What TOKEN_PATTERN allows, in words for messages. */
export const TOKEN_CHARACTERS = 'letters, digits and - . _ ~ + / =';

/** A token's length as stored (its characters are checked only where a new one is set). */
const tokenText = z.string().min(token.min).max(token.max);

/** The settings schema; every field has a default so a partial or old file still loads. */
export const settingsSchema = z.object({
  provider: z.enum(PROVIDER_CHOICES as [ProviderChoice, ...ProviderChoice[]]).default('auto'),
  /** onnxruntime intra-op threads; 0 = one per core. */
  threads: z.number().int().min(threads.min).max(threads.max).default(0),
  idlePolicy: idlePolicySchema.default({ kind: 'always-warm' }),
  http: z
    .object({
      enabled: z.boolean().default(false),
      port: z.number().int().min(port.min).max(port.max).default(8765),
      token: tokenText.nullable().default(null),
    })
    .default({ enabled: false, port: 8765, token: null }),
  language: z.enum(['system', 'en', 'zh-CN']).default('system'),
  closeToTray: z.boolean().default(true),
  closeToTrayNoticeShown: z.boolean().default(false),
  startMinimized: z.boolean().default(false),
  launchAtLogin: z.boolean().default(false),
  runtime: settingsRuntimeSchema.optional(),
  /** Global shortcut of "Capture text" (an Electron accelerator; empty = none); three modifiers clash with nothing common. */
  captureShortcut: z.string().max(100).default('CommandOrControl+Alt+Shift+O'),
  /** What a screen capture copies: its lines as read, or one paragraph (for pasting into running text). */
  captureCopy: z.enum(['lines', 'paragraph']).default('lines'),
});

/** Settings as stored and used. */
export type Settings = z.infer<typeof settingsSchema>;

const f = settingsSchema.shape;
const httpFields = f.http.unwrap().shape;

/**
 * A partial update from the UI: the same fields without their defaults (zod would otherwise fill every missing field
 * with its default and a one-field patch would reset the rest), unknown keys refused. `http` is partial too: a patch
 * of `{ http: { enabled } }` keeps the port and token it does not name.
 */
export const settingsPatchSchema = z
  .object({
    provider: f.provider.unwrap().optional(),
    threads: f.threads.unwrap().optional(),
    idlePolicy: f.idlePolicy.unwrap().optional(),
    // New tokens are checked for what a Bearer header carries; a stored one is not, so an older file still loads.
    http: z
      .object({
        enabled: httpFields.enabled.unwrap().optional(),
        port: httpFields.port.unwrap().optional(),
        token: tokenText
          .regex(TOKEN_PATTERN, `a token may hold ${TOKEN_CHARACTERS} only`)
          .nullable()
          .optional(),
      })
      .optional(),
    language: f.language.unwrap().optional(),
    closeToTray: f.closeToTray.unwrap().optional(),
    closeToTrayNoticeShown: f.closeToTrayNoticeShown.unwrap().optional(),
    startMinimized: f.startMinimized.unwrap().optional(),
    launchAtLogin: f.launchAtLogin.unwrap().optional(),
    captureShortcut: f.captureShortcut.unwrap().optional(),
    captureCopy: f.captureCopy.unwrap().optional(),
  })
  .strict();

/** A settings update. */
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The defaults. */
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** Parses stored settings; anything invalid gives the defaults and a notice. */
export function parseSettings(raw: unknown): { settings: Settings; notice?: string } {
  const r = settingsSchema.safeParse(raw);
  if (r.success) return { settings: r.data };
  return {
    settings: DEFAULT_SETTINGS,
    notice: `settings were invalid and have been reset to defaults (${r.error.issues[0]?.message ?? 'unknown'})`,
  };
}
