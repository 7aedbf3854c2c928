/** Creates the det, cls and rec onnxruntime sessions once, on the best usable provider, with timings. */
import os from 'node:os';
import type * as ort from 'onnxruntime-node';
import type { LoadedPack } from '../models/load';
import { modelCacheDir } from '../models/paths';
import type { ModelRole } from './graph/rewrite';
import { createCachedSession, createRewrittenSession, type CacheOutcome } from './optimized-cache';
import { cpuFlags, recVariantFor } from './cpu-vnni';
import { precheck, thisMachine } from './provider-precheck';
import { loadCalibration, type Calibration, type RecVariant, type RecVariantChoice } from './rec-int8';
import { GRAPH_REWRITE_ID } from './graph/rewrite';
import path from 'node:path';
import {
  providerCandidates,
  providerSummary,
  shortReason,
  type ProviderChoice,
  type ProviderFailure,
  type ProviderName,
  type ProviderReport,
} from './providers';

/** The three inference sessions of a pack. */
export interface Sessions {
  readonly det: ort.InferenceSession;
  readonly cls: ort.InferenceSession;
  readonly rec: ort.InferenceSession;
  readonly provider: ProviderReport;
  readonly loadMs: { readonly det: number; readonly cls: number; readonly rec: number };
  /** Whether each session came from the model cache (CPU: onnxruntime's optimised graph; GPU: the rewritten graph). */
  readonly cache: { readonly det: CacheOutcome; readonly cls: CacheOutcome; readonly rec: CacheOutcome };
  /** The recogniser variant running (int8 needs the calibration table; without it the recogniser runs fp32). */
  readonly recVariant: RecVariant;
  /** The int8 cascade's fp32 recogniser, which reads again the sequences the int8 `rec` was unsure of (rec.ts). */
  readonly recFallback?: ort.InferenceSession;
}

/** Frees the native sessions of a set. */
export async function releaseSessions(
  s: Pick<Sessions, 'det' | 'cls' | 'rec' | 'recFallback'>,
): Promise<void> {
  await Promise.all([s.det.release(), s.cls.release(), s.rec.release(), s.recFallback?.release()]);
}

/** How to create sessions. */
export interface SessionOptions {
  readonly provider: ProviderChoice;
  /** Intra-op threads per session; 0 = one per available core. */
  readonly threads: number;
  /** Optimised-graph cache folder; default modelCacheDir(), null = no cache. */
  readonly cacheDir?: string | null;
  /** Apply the graph rewrites of graph/rewrite.ts (default true); false loads the files as shipped. */
  readonly graphRewrite?: boolean;
  /** WebGPU's layout for layout-sensitive operators (onnxruntime's default, NCHW, when unset). */
  readonly webgpuLayout?: WebGpuLayout;
  /** The CPU recogniser (default auto: the int8 cascade on a VNNI CPU once its table is accepted, else fp32). */
  readonly recVariant?: RecVariantChoice;
}

/** The tensor layouts WebGPU can run convolutions in. */
export type WebGpuLayout = 'NCHW' | 'NHWC';

/** Whether a string names a WebGPU layout (narrows it). */
export function isWebGpuLayout(s: string): s is WebGpuLayout {
  return s === 'NCHW' || s === 'NHWC';
}

function epConfig(p: ProviderName, layout?: WebGpuLayout): ort.InferenceSession.ExecutionProviderConfig {
  switch (p) {
    case 'cpu':
      return 'cpu';
    case 'cuda':
      return { name: 'cuda', deviceId: 0 };
    case 'dml':
      return { name: 'dml', deviceId: 0 };
    case 'coreml':
      return { name: 'coreml' };
    case 'webgpu':
      return layout ? { name: 'webgpu', preferredLayout: layout } : 'webgpu';
  }
}

/** Default intra-op thread count: every available core. */
export function defaultThreads(): number {
  return Math.max(1, os.availableParallelism());
}

/** onnxruntime session options for a provider and intra-op thread count (0: every core). */
export function sessionOptions(
  p: ProviderName,
  threads: number,
  webgpuLayout?: WebGpuLayout,
): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: [epConfig(p, webgpuLayout)],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads > 0 ? threads : defaultThreads(),
    interOpNumThreads: 1,
    executionMode: 'sequential',
    // Input shapes change with every image: memory patterns would be re-planned each run and only cost memory.
    enableMemPattern: false,
    enableCpuMemArena: true,
    logSeverityLevel: 3,
    // Idle intra-op threads sleep instead of spinning: a spinning thread holds a core our own work between runs needs
    // (measurements: docs/pipeline.md).
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await f();
  return [v, Math.round(performance.now() - t)];
}

/** The model cache folder these options ask for: the given one, modelCacheDir() by default, none for null. */
export function cacheFolder(opts: Pick<SessionOptions, 'cacheDir'>): string | undefined {
  return opts.cacheDir === null ? undefined : (opts.cacheDir ?? modelCacheDir());
}

/** The int8 variant provider `p` is to run with its calibration table, when the table fits the pack's model. */
function int8Table(
  pack: LoadedPack,
  opts: SessionOptions,
  p: ProviderName,
): { variant: Exclude<RecVariant, 'fp32'>; table: Calibration } | undefined {
  if (opts.graphRewrite === false || p !== 'cpu' || opts.recVariant === 'fp32') return undefined;
  const c = loadCalibration(path.dirname(pack.paths.rec), pack.pack.files.rec.sha256, GRAPH_REWRITE_ID);
  if (typeof c === 'string') return undefined;
  const variant = recVariantFor(opts.recVariant ?? 'auto', p, cpuFlags(), c.accepted);
  return variant === 'fp32' ? undefined : { variant, table: c };
}

/** Loads det, cls and rec, trying providers in order and falling back to CPU with the reasons recorded. */
export async function createSessions(pack: LoadedPack, opts: SessionOptions): Promise<Sessions> {
  const failures: ProviderFailure[] = [];
  const machine = thisMachine();
  const dir = cacheFolder(opts);
  for (const p of providerCandidates(opts.provider, process.platform)) {
    const skip = precheck(p, machine);
    if (skip) {
      failures.push({ provider: p, reason: skip });
      continue;
    }
    const so = sessionOptions(p, opts.threads, opts.webgpuLayout);
    // The detector runs without onnxruntime's CPU arena, which would keep the largest input's activations for good (a
    // finer pass over a big page: hundreds of MiB); glibc reuses what it frees at ordinary sizes, as fast (docs/memory.md).
    // onnxruntime's optimised graph is CPU-specific (GPU providers partition the graph at load): they cache our rewrite.
    const create = p === 'cpu' ? createCachedSession : createRewrittenSession;
    const int8 = int8Table(pack, opts, p);
    const load = (role: ModelRole, quantised = role === 'rec' && int8 !== undefined) =>
      timed(() =>
        create(
          {
            role,
            path: pack.paths[role],
            sha256: pack.pack.files[role].sha256,
            rewrite: opts.graphRewrite ?? true,
            ...(quantised && int8 ? { int8: int8.table } : {}),
          },
          role === 'det' ? { ...so, enableCpuMemArena: false } : so,
          dir,
        ),
      );
    try {
      const [det, detMs] = await load('det');
      const [cls, clsMs] = await load('cls');
      const [rec, recMs] = await load('rec');
      const [fallback, fallbackMs] =
        int8?.variant === 'int8-cascade' ? await load('rec', false) : [undefined, 0];
      return {
        det: det.session,
        cls: cls.session,
        rec: rec.session,
        provider: providerSummary(p, failures),
        loadMs: { det: detMs, cls: clsMs, rec: recMs + fallbackMs },
        cache: { det: det.cache, cls: cls.cache, rec: rec.cache },
        recVariant: int8?.variant ?? 'fp32',
        ...(fallback ? { recFallback: fallback.session } : {}),
      };
    } catch (err) {
      if (p === 'cpu') throw err;
      failures.push({ provider: p, reason: shortReason(err instanceof Error ? err.message : String(err)) });
    }
  }
  throw new Error('no execution provider could load the models');
}
