/** Creates the det, cls and rec onnxruntime sessions once, on the best usable provider, with timings. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { LoadedPack } from '../models/load';
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
}

/** How to create sessions. */
export interface SessionOptions {
  readonly provider: ProviderChoice;
  /** Intra-op threads per session; 0 = one per available core. */
  readonly threads: number;
}

function epConfig(p: ProviderName): ort.InferenceSession.ExecutionProviderConfig {
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
      return 'webgpu';
  }
}

/** Default intra-op thread count: every available core. */
export function defaultThreads(): number {
  return Math.max(1, os.availableParallelism());
}

function sessionOptions(p: ProviderName, threads: number): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: [epConfig(p)],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads > 0 ? threads : defaultThreads(),
    interOpNumThreads: 1,
    executionMode: 'sequential',
    // Input shapes change with every image: memory patterns would be re-planned each run and only cost memory.
    enableMemPattern: false,
    enableCpuMemArena: true,
    logSeverityLevel: 3,
  };
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await f();
  return [v, Math.round(performance.now() - t)];
}

/** Why a provider cannot work here before onnxruntime is even asked (missing CUDA provider files), else undefined. */
export function precheck(p: ProviderName): string | undefined {
  if (p !== 'cuda' || process.platform !== 'linux') return undefined;
  try {
    const binding = path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node'));
    const lib = path.join(
      binding,
      '..',
      'bin',
      'napi-v6',
      'linux',
      process.arch,
      'libonnxruntime_providers_cuda.so',
    );
    return existsSync(lib)
      ? undefined
      : 'CUDA provider files not installed (npm ci --onnxruntime-node-install=cuda12)';
  } catch {
    return undefined;
  }
}

/** Loads det, cls and rec, trying providers in order and falling back to CPU with the reasons recorded. */
export async function createSessions(pack: LoadedPack, opts: SessionOptions): Promise<Sessions> {
  const failures: ProviderFailure[] = [];
  for (const p of providerCandidates(opts.provider, process.platform)) {
    const skip = precheck(p);
    if (skip) {
      failures.push({ provider: p, reason: skip });
      continue;
    }
    const so = sessionOptions(p, opts.threads);
    try {
      const [det, detMs] = await timed(() => ort.InferenceSession.create(pack.paths.det, so));
      const [cls, clsMs] = await timed(() => ort.InferenceSession.create(pack.paths.cls, so));
      const [rec, recMs] = await timed(() => ort.InferenceSession.create(pack.paths.rec, so));
      return {
        det,
        cls,
        rec,
        provider: providerSummary(p, failures),
        loadMs: { det: detMs, cls: clsMs, rec: recMs },
      };
    } catch (err) {
      if (p === 'cpu') throw err;
      failures.push({ provider: p, reason: shortReason(err instanceof Error ? err.message : String(err)) });
    }
  }
  throw new Error('no execution provider could load the models');
}
