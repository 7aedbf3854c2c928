/**
 * Messages between the engine worker's main thread and a recognition lane (lane-thread.ts). Both ends are our own code
 * in one process, built from one bundle step: the types are the contract, nothing crosses a trust boundary.
 */
import type { WireError } from '../contracts/errors';
import type { RecognizeOptions } from '../ocr/pipeline';
import type { RecVariant } from '../ocr/rec-int8';
import type { OcrResult, Page } from '../ocr/types';

/** What a lane is started with (its `workerData`). */
export interface LaneStart {
  readonly modelsDir: string;
  readonly threads: number;
  readonly packId?: string;
  /** The recogniser the main thread's sessions run, so that both lanes read alike. */
  readonly recVariant: RecVariant;
}

/**
 * A decoded page to recognise: its pixels sit in pooled shared buffers that the main thread gives back once the
 * answer came. `t0` is an absolute time (performance.timeOrigin + now): each thread has its own time origin.
 */
export interface LaneRequest {
  readonly id: number;
  readonly page: Page;
  readonly opts: RecognizeOptions;
  readonly t0: number;
  readonly decodeMs: number;
}

/**
 * A lane's messages: ready once its sessions are loaded, then one answer per request. A lane runs no warm-up page: it
 * starts when pages are already waiting, and its first pages cost little more than later ones (docs/engine.md).
 */
export type LaneMessage =
  | { readonly type: 'ready'; readonly loadMs: number }
  | { readonly type: 'answer'; readonly id: number; readonly ok: true; readonly result: OcrResult }
  | { readonly type: 'answer'; readonly id: number; readonly ok: false; readonly error: WireError };
