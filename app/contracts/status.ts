/** The engine's lifecycle status: one shape for main, the renderer, the tray, the HTTP API and the CLI. */
import { z } from 'zod';
import { errorReasonSchema } from './wire-error-schema';

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

/** The longest idle time before unloading, in minutes (a day): the schema and the Settings form's message share it. */
export const IDLE_MINUTES_MAX = 24 * 60;

/** Idle policy: keep the models loaded, or unload them after some idle minutes (pre-warmed again on a signal). */
export const idlePolicySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('always-warm') }),
  z.object({
    kind: z.literal('unload-after'),
    minutes: z.number().positive().max(IDLE_MINUTES_MAX),
  }),
]);

/** The idle policy setting. */
export type IdlePolicy = z.infer<typeof idlePolicySchema>;

/** What the engine reported as wrong, or what the host found (a wire error: code and the engine's own words). */
const wireErrorSchema = z.object({ code: z.string(), message: z.string(), reason: errorReasonSchema });

/**
 * Why the last worker went away, as data the UI words in its own language: it reported a failure, it exited (with
 * the failure it reported before, if any), or it stopped answering heartbeats.
 */
export const faultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reported'), error: wireErrorSchema }),
  z.object({
    kind: z.literal('exit'),
    exitCode: z.number().int().nullable(),
    signal: z.string().nullable(),
    cause: wireErrorSchema.nullable(),
  }),
  z.object({ kind: z.literal('hang') }),
]);

/** A fault of the last worker. */
export type Fault = z.infer<typeof faultSchema>;

/** Every status code, in lifecycle order (the UI has words for each; a test checks both languages). */
export const STATUS_CODES = [
  'STARTING',
  'LOADING',
  'WARMING',
  'READY',
  'BUSY',
  'UNLOADED',
  'STOPPED',
  'CRASHED',
  'HUNG',
  'RESTARTING',
  'ERROR',
] as const;

/** One status code. */
export type StatusCode = (typeof STATUS_CODES)[number];

/** What the state means now: a code and its parameters, never prose, so each UI words it in its own language. */
export const statusDetailSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('STARTING') }),
  z.object({ code: z.literal('LOADING') }),
  z.object({ code: z.literal('WARMING') }),
  z.object({ code: z.literal('READY') }),
  z.object({ code: z.literal('BUSY'), pending: z.number().int() }),
  z.object({ code: z.literal('UNLOADED') }),
  z.object({ code: z.literal('STOPPED') }),
  z.object({ code: z.literal('CRASHED') }),
  z.object({ code: z.literal('HUNG') }),
  /**
   * `attempt` counts restarts since the host started; the next worker starts `retryInMs` after the crash, at
   * `retryAt` (epoch ms), from which a reader words the time left when it shows it.
   */
  z.object({
    code: z.literal('RESTARTING'),
    attempt: z.number().int(),
    retryInMs: z.number(),
    retryAt: z.number(),
  }),
  /** A crash loop: `failures` within `windowMs`; the host tries again on its own `retryInMs` later, at `retryAt`. */
  z.object({
    code: z.literal('ERROR'),
    failures: z.number().int(),
    windowMs: z.number(),
    retryInMs: z.number(),
    retryAt: z.number(),
  }),
]);

/** A status code with its parameters. */
export type StatusDetail = z.infer<typeof statusDetailSchema>;

/** Status snapshot published on every change (and with each heartbeat). */
export const engineStatusSchema = z.object({
  state: z.enum(ENGINE_STATES),
  /** Whether the models are loaded and warm (what /ready and the "model ready" pill mean). */
  modelLoaded: z.boolean(),
  provider: z.string().nullable(),
  providerSummary: z.string().nullable(),
  /** The providers tried before the one running and why each could not be used (absent: none, or not reported). */
  providerFailures: z.array(z.object({ provider: z.string(), reason: z.string() })).optional(),
  /** The recogniser variant the current worker runs (null until it is warm). */
  recVariant: z.enum(['fp32', 'int8', 'int8-cascade']).nullable(),
  pid: z.number().int().nullable(),
  /** Per-model session creation times of the current worker. */
  loadMs: z.object({ det: z.number(), cls: z.number(), rec: z.number() }).nullable(),
  warmupMs: z.number().nullable(),
  /** Worker start to ready, for the current worker. */
  readyMs: z.number().nullable(),
  /** Recognition lanes of the current worker (two on a multi-core CPU: two requests run at once), once ready. */
  lanes: z.number().int().optional(),
  /** Lanes running now: the second starts when a request first waits behind another and is released when idle. */
  lanesRunning: z.number().int().optional(),
  /** When the current engine process was launched (a restart or reload launches a new one); its uptime counts from it. */
  startedAt: z.number(),
  readyAt: z.number().nullable(),
  lastHeartbeatAt: z.number().nullable(),
  /** The engine worker's resident memory at its last heartbeat (null until one is answered, and with no worker). */
  workerRssBytes: z.number().nullable(),
  /** Workers launched after a crash or hang (after a backoff, a self-heal or a retry). */
  restarts: z.number().int(),
  /** Crashes and hangs, every one (also those that end in `error`). */
  faults: z.number().int(),
  queue: z.number().int(),
  inFlight: z.number().int(),
  idlePolicy: idlePolicySchema,
  /** Set in `error` (why, and whether retry() may help) and after a recovered fault (what happened last). */
  error: wireErrorSchema.nullable(),
  /** The same last fault as data, for the UI to word (null when `error` is). */
  fault: faultSchema.nullable(),
  /** The state as a code with parameters; the UI words it in its language. */
  detail: statusDetailSchema,
  /**
   * `detail` in English, for logs, the tray, the CLI and HTTP clients (app/engine/status-text.ts), worded when the
   * status is published; an answer given later words it again for its own moment (`statusAt`).
   */
  message: z.string(),
});

/** A status snapshot. */
export type EngineStatus = z.infer<typeof engineStatusSchema>;
