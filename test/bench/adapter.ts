/** The common shape of every OCR tool under benchmark (Lantern OCR in-process and the peers). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Prediction } from '../../app/eval/evaluate';
import type { ProviderChoice } from '../../app/ocr/providers';
import type { Point, Quad, StepTimings } from '../../app/ocr/types';

/** What a tool returns for one image, plus Lantern's own step timings where it has them. */
export interface ToolPrediction extends Prediction {
  /** Lantern only: per-step milliseconds measured inside the pipeline. */
  readonly ms?: StepTimings;
  /** Lantern only: milliseconds spent inside onnxruntime's `run` for this image. */
  readonly ortMs?: number;
}

/** How a tool is started. */
export interface AdapterOptions {
  /** Requests the tool may run at once (tesseract.js: a scheduler with this many workers). */
  readonly concurrency?: number;
  /** Lantern OCR only: the execution provider asked for (`cpu` unless the bench is run with `--provider`). */
  readonly provider?: ProviderChoice;
}

/** One OCR tool: load its models once, then recognise any number of images. */
export interface OcrAdapter {
  readonly name: string;
  readonly version: string;
  /** Lantern OCR only, once started: the provider that runs the models and why others did not. */
  readonly provider?: string;
  /** Loads the models (and, for Lantern OCR, warms up): the tool is ready after this. */
  start(): Promise<void>;
  /** Recognises one encoded image; `file` is its path, for tools or errors that want it. */
  recognize(bytes: Uint8Array, file: string): Promise<ToolPrediction>;
  /** Frees the models and any worker. */
  stop(): Promise<void>;
}

/** The tools the speed benchmark runs by default, in table order. */
export const TOOL_IDS = ['lantern', 'gutenye', 'ppu', 'tesseract'] as const;

/** Every tool, in table order: the benchmark's plus native Tesseract 5 (an accuracy reference, installed from apt). */
export const ALL_TOOL_IDS = [...TOOL_IDS, 'tesseract5'] as const;

/** A tool's identifier. */
export type ToolId = (typeof ALL_TOOL_IDS)[number];

/** Whether a string names a known tool. */
export function isToolId(s: string): s is ToolId {
  return (ALL_TOOL_IDS as readonly string[]).includes(s);
}

/** A `--tools a,b` list split into the known tools and the names that are none. */
export function toolList(raw: string): { readonly tools: ToolId[]; readonly unknown: string[] } {
  const names = raw.split(',');
  return { tools: names.filter(isToolId), unknown: names.filter((n) => !isToolId(n)) };
}

/** The repository root: the nearest ancestor of this file (or of its bundle) with models/manifest.json. */
export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'models', 'manifest.json')) && existsSync(path.join(dir, 'package.json')))
      return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** The PP-OCR model files every same-model tool is configured with. */
export const MODEL_FILES = {
  det: path.join(REPO_ROOT, 'models', 'ch_PP-OCRv4_det_infer.onnx'),
  rec: path.join(REPO_ROOT, 'models', 'ch_PP-OCRv4_rec_infer.onnx'),
  cls: path.join(REPO_ROOT, 'models', 'ch_ppocr_mobile_v2.0_cls_infer.onnx'),
  dict: path.join(REPO_ROOT, 'models', 'ppocr_keys_v1.txt'),
} as const;

const requireHere = createRequire(import.meta.url);

/** The installed version of a package, read from its package.json. */
export function packageVersion(name: string): string {
  try {
    const pkg = requireHere(path.join(REPO_ROOT, 'node_modules', name, 'package.json')) as {
      version?: string;
    };
    return pkg.version ?? '?';
  } catch {
    return '?';
  }
}

/** This repository's version (package.json). */
export function lanternVersion(): string {
  return (requireHere(path.join(REPO_ROOT, 'package.json')) as { version: string }).version;
}

/** The version string the reports show for a tool. */
export function toolVersion(id: ToolId): string {
  switch (id) {
    case 'lantern':
      return `${lanternVersion()} (onnxruntime-node ${packageVersion('onnxruntime-node')})`;
    case 'gutenye':
      return packageVersion('@gutenye/ocr-node');
    case 'ppu':
      return packageVersion('ppu-paddle-ocr');
    case 'tesseract':
      return `${packageVersion('tesseract.js')} (core ${packageVersion('tesseract.js-core')}, eng ${packageVersion('@tesseract.js-data/eng')} 4.0.0_best_int)`;
    case 'tesseract5': {
      const v = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
      return v.status === 0
        ? (v.stdout.split('\n')[0]?.replace(/^tesseract\s*/u, '') ?? '?')
        : 'not installed';
    }
  }
}

/** An axis-aligned rectangle as a clockwise quad. */
export function rectQuad(x0: number, y0: number, x1: number, y1: number): Quad {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

/** A four-point box from a peer (number[][]) as a quad, or undefined when it is not one. */
export function toQuad(box: readonly (readonly number[])[] | undefined): Quad | undefined {
  if (!box || box.length !== 4) return undefined;
  const pts = box.map((p) => [p[0] ?? 0, p[1] ?? 0] as Point);
  return [pts[0]!, pts[1]!, pts[2]!, pts[3]!];
}
