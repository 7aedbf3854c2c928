/**
 * The main ↔ engine protocol: id-correlated requests with exactly one response each, plus id-less events.
 * Image bytes travel as structured-clone Uint8Arrays (never JSON arrays of numbers). Validated with zod/mini
 * (zod-mini.ts): the engine worker loads this at every start.
 */
import * as z from './zod-mini';
import type { WireError } from './errors';
import type { OcrResult } from './ocr-result';

/** What to recognise: bytes (from a drop, paste or HTTP body) or a path the host has vetted. */
export const recognizeInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('bytes'),
    name: z.optional(z.string().check(z.maxLength(1024))),
    bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes must be a Uint8Array'),
  }),
  z.object({ kind: z.literal('path'), path: z.string().check(z.minLength(1), z.maxLength(4096)) }),
]);

/** A recognition input. */
export type RecognizeInput = z.infer<typeof recognizeInputSchema>;

/** Per-request options. */
export const recognizeOptionsSchema = z.strictObject({
  paragraphs: z.optional(z.boolean()),
  words: z.optional(z.boolean()),
});

/** Per-request options. */
export type RecognizeOptions = z.infer<typeof recognizeOptionsSchema>;

/** Requests the host sends to the worker. */
export const engineRequestSchema = z.discriminatedUnion('type', [
  z.object({
    id: z.string(),
    type: z.literal('recognize'),
    input: recognizeInputSchema,
    options: z.optional(recognizeOptionsSchema),
  }),
  z.object({ id: z.string(), type: z.literal('ping') }),
  z.object({ id: z.string(), type: z.literal('selfTest') }),
  z.object({ id: z.string(), type: z.literal('cancel'), target: z.string() }),
  z.object({ id: z.string(), type: z.literal('shutdown') }),
]);

/** A request to the worker. */
export type EngineRequest = z.infer<typeof engineRequestSchema>;

/** What each request type answers with. */
export interface EngineResults {
  recognize: OcrResult;
  ping: { readonly t: number; readonly rss: number };
  selfTest: { readonly ok: boolean; readonly text: string; readonly ms: number };
  cancel: { readonly cancelled: boolean };
  shutdown: Record<string, never>;
}

/** A successful answer, tagged with its request's type so that its result is typed on arrival. */
export type EngineSuccess = {
  readonly [K in keyof EngineResults]: {
    readonly id: string;
    readonly ok: true;
    readonly type: K;
    readonly result: EngineResults[K];
  };
}[keyof EngineResults];

/** A response: exactly one per request. */
export type EngineResponse =
  EngineSuccess | { readonly id: string; readonly ok: false; readonly error: WireError };

/** Worker start-up phases reported before it serves requests. */
export interface WorkerReady {
  readonly provider: string;
  readonly providerSummary: string;
  /** The providers tried before the one running, with onnxruntime's reason (so a window can say it in its language). */
  readonly providerFailures?: readonly { readonly provider: string; readonly reason: string }[];
  /** Which recogniser runs: fp32, int8, or int8 with unsure sequences read again by fp32 (CPU with VNNI). */
  readonly recVariant: 'fp32' | 'int8' | 'int8-cascade';
  readonly loadMs: { readonly det: number; readonly cls: number; readonly rec: number };
  readonly warmupMs: number;
  /** Milliseconds from worker process start to ready. */
  readonly readyMs: number;
  /** Recognition lanes the worker runs (lanes.ts); the second starts when first needed. */
  readonly lanes?: number;
}

/** Events from the worker (no id). */
export type EngineEvent =
  | { readonly type: 'status'; readonly phase: 'loading'; readonly model?: 'det' | 'cls' | 'rec' }
  | { readonly type: 'status'; readonly phase: 'warming' }
  | { readonly type: 'status'; readonly phase: 'ready'; readonly ready: WorkerReady }
  | { readonly type: 'status'; readonly phase: 'failed'; readonly error: WireError }
  | { readonly type: 'log'; readonly level: 'debug' | 'info' | 'warn' | 'error'; readonly message: string }
  /** The lanes running now: 2 once the second has started, 1 again once it was released after its idle time. */
  | { readonly type: 'lanes'; readonly running: 1 | 2 }
  | {
      readonly type: 'progress';
      readonly id: string;
      readonly stage: 'decode' | 'det' | 'cls' | 'rec' | 'done';
    };

/** Anything the worker sends. */
export type WorkerMessage = EngineResponse | EngineEvent;

/** Tells responses from events. */
export function isResponse(m: WorkerMessage): m is EngineResponse {
  return 'id' in m && 'ok' in m;
}
