/** The engine's lifecycle status: one shape for main, the renderer, the tray, the HTTP API and the CLI. */
import { z } from 'zod';

/** Lifecycle states of the resident engine (design brief §2). */
export const ENGINE_STATES = [
  'starting',
  'loading',
  'warming',
  'ready',
  'busy',
  'unloaded',
  'crashed',
  'hung',
  'restarting',
  'error',
] as const;

/** One lifecycle state. */
export type EngineState = (typeof ENGINE_STATES)[number];

/** Idle policy: keep the models loaded, or unload them after some idle minutes (pre-warmed again on a signal). */
export const idlePolicySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('always-warm') }),
  z.object({
    kind: z.literal('unload-after'),
    minutes: z
      .number()
      .positive()
      .max(24 * 60),
  }),
]);

/** The idle policy setting. */
export type IdlePolicy = z.infer<typeof idlePolicySchema>;

/** Status snapshot published on every change (and with each heartbeat). */
export const engineStatusSchema = z.object({
  state: z.enum(ENGINE_STATES),
  /** Whether the models are loaded and warm (what /ready and the "model ready" pill mean). */
  modelLoaded: z.boolean(),
  provider: z.string().nullable(),
  providerSummary: z.string().nullable(),
  pid: z.number().int().nullable(),
  /** Per-model session creation times of the current worker. */
  loadMs: z.object({ det: z.number(), cls: z.number(), rec: z.number() }).nullable(),
  warmupMs: z.number().nullable(),
  /** Worker start to ready, for the current worker. */
  readyMs: z.number().nullable(),
  startedAt: z.number(),
  readyAt: z.number().nullable(),
  lastHeartbeatAt: z.number().nullable(),
  restarts: z.number().int(),
  queue: z.number().int(),
  inFlight: z.number().int(),
  idlePolicy: idlePolicySchema,
  /** Set in `error` (why, and whether retry() may help) and after a recovered fault (what happened last). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** A one-line human description of the state, e.g. "Restarting after a crash (attempt 2)". */
  message: z.string(),
});

/** A status snapshot. */
export type EngineStatus = z.infer<typeof engineStatusSchema>;
