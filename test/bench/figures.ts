/** The figures one benchmark run produces (also printed as the `--json` line), shared by the run and its reports. */
import type { SourceScore } from '../../app/eval/evaluate';
import type { ProviderChoice } from '../../app/ocr/providers';
import type { ToolId } from './adapter';
import type { CaptureFigures } from './capture-latency';

/** Start-up: fresh process → ready → first request → the next requests on the same image. */
export interface StartupFigures {
  /** 'engine' = Lantern's dist/node/engine.mjs worker; 'host' = the benchmark host around the adapter. */
  readonly process: 'engine' | 'host';
  readonly rounds: number;
  /** Median over rounds of fork() → ready, measured by the parent. */
  readonly readyMs: number;
  /** Median over rounds of the child's own clock at ready (from its process start). */
  readonly readySelfMs: number;
  /** Lantern's engine worker: median model load (det+cls+rec) and warm-up reported by the worker. */
  readonly loadMs?: number;
  readonly warmupMs?: number;
  readonly firstMs: number;
  readonly nextMedianMs: number;
  /** Median over rounds of first / median(next). */
  readonly firstRatio: number;
  readonly rssAtReady: number;
}

/** Warm latency over a set of images (per-image medians over repetitions, then median and p95 over images). */
export interface LatencyFigures {
  readonly images: number;
  readonly reps: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly meanMs: number;
  /** Per image: median wall time (ms) over repetitions, keyed by file name. */
  readonly perImage: Readonly<Record<string, number>>;
}

/** Lantern OCR's split of the warm time per image (medians over images of per-image medians), in ms. */
export interface SplitFigures {
  readonly decode: number;
  readonly det: number;
  readonly cls: number;
  readonly rec: number;
  /** Pipeline time outside the named steps (reading order, result building). */
  readonly other: number;
  /** Round trip minus pipeline total: IPC and (de)serialisation. */
  readonly ipc: number;
  readonly total: number;
  /** Inside onnxruntime's run(). */
  readonly ort: number;
  /** Σ(total − ort) / Σ total over all warm requests: our time outside onnxruntime, in the pipeline. */
  readonly outsideOrtShare: number;
  /** Σ(wall − ort) / Σ wall: the same including IPC (what a caller of the engine sees). */
  readonly outsideOrtShareWithIpc: number;
  /** The median image's own (wall − ort) / wall: what a typical request sees, where the Σ shares weigh big pages most. */
  readonly outsideOrtShareMedianImage?: number;
}

/** Batch throughput over the page set. */
export interface ThroughputFigures {
  readonly images: number;
  /** One request at a time: images / Σ per-image warm medians (from the alternating warm run). */
  readonly sequential: number;
  /** Two requests in flight to one process over the whole set (images/s), and how the tool ran them. */
  readonly inFlight2?: number;
  readonly inFlight2Mode?: string;
  readonly best: number;
}

/** Memory of the tool's process. */
export interface MemoryFigures {
  /** VmHWM of the resident process after the warm run over the pages. */
  readonly peakPages?: number;
  /** The drift run: a fresh process, `requests` sequential requests on a small image. */
  readonly requests: number;
  readonly rssAt100?: number;
  readonly rssAtEnd?: number;
  readonly peakDrift?: number;
  /** rssAtEnd / rssAt100 − 1. */
  readonly drift?: number;
  readonly samples: readonly { readonly n: number; readonly rss: number }[];
}

/** Accuracy of the same run (scores of the predictions the warm run returned). */
export interface AccuracyFigures {
  readonly sources: readonly SourceScore[];
  /** Pages every tool of the run was given (English pages when tesseract.js is in the run, else all). */
  readonly pages?: { readonly cer: number; readonly charF1: number; readonly images: number };
  /** Same-model pages (all sources every PP-OCR tool covers). */
  readonly allPages?: { readonly cer: number; readonly charF1: number; readonly images: number };
  readonly crops?: { readonly exact: number; readonly cer: number; readonly images: number };
}

/** Everything measured for one tool. */
export interface ToolFigures {
  readonly id: ToolId;
  readonly name: string;
  readonly version: string;
  /** Lantern OCR: the provider its processes reported at ready (e.g. "WebGPU", "CPU — CUDA unavailable: …"). */
  provider?: string;
  startup?: StartupFigures;
  pages?: LatencyFigures;
  crops?: LatencyFigures;
  split?: SplitFigures;
  throughput?: ThroughputFigures;
  memory?: MemoryFigures;
  accuracy?: AccuracyFigures;
  readonly errors: string[];
}

/** A speed, memory or accuracy target (issues 7 and 30) and how this run measured against it. */
export interface TargetFigure {
  readonly target: string;
  readonly measured: string;
  readonly value: number;
  readonly met: boolean | undefined;
  readonly note?: string;
}

/** The whole run. */
export interface BenchFigures {
  readonly date: string;
  /** `git describe --always --dirty` at the start of the run. */
  readonly commit?: string;
  readonly mode: 'quick' | 'full' | 'custom';
  readonly machine: {
    readonly cpu: string;
    readonly cores: number;
    /** Vector extensions of the CPU (cpu-features.ts): onnxruntime's speed, and so the ratios, depend on them. */
    readonly vector: string;
    readonly memGiB: number;
    readonly os: string;
    readonly node: string;
    readonly loadBefore: readonly number[];
    readonly loadAfter: readonly number[];
  };
  readonly gpu: string;
  /** The provider Lantern OCR was asked to use (`--provider`). */
  readonly provider: ProviderChoice;
  readonly imageSet: string;
  readonly pageSources: readonly string[];
  readonly cropSources: readonly string[];
  readonly reps: number;
  readonly wallS: number;
  readonly enginePath?: string;
  readonly tools: readonly ToolFigures[];
  readonly ratios: Readonly<Record<string, number>>;
  readonly targets: readonly TargetFigure[];
  /** Screen capture: selection to clipboard (issue 24). */
  readonly capture?: CaptureFigures;
}
