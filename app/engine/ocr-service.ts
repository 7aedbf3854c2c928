/** What the rest of the app needs from the engine: submit OCR work, cancel it, watch the status, ask for a pre-warm. */
import type { RecognizeInput, RecognizeOptions } from '../contracts/engine-protocol';
import type { EngineStatus } from '../contracts/status';
import type { OcrResult } from '../ocr/types';

/** Interactive requests (UI, HTTP) go before batch work (watched folders). */
export type Priority = 'interactive' | 'batch';

/** How a request is submitted. */
export interface SubmitOptions {
  readonly priority?: Priority;
  /** Caller-chosen id, so the caller can cancel it. */
  readonly requestId?: string;
  /** Aborted when nobody waits for the answer any more: a queued job is dropped, a running one's answer ignored. */
  readonly signal?: AbortSignal;
}

/** The engine as a service; EngineHost implements it. */
export interface OcrService {
  /** Queues a recognition; resolves with the result or rejects with a LanternError (exactly one answer). */
  recognize(input: RecognizeInput, options?: RecognizeOptions, submit?: SubmitOptions): Promise<OcrResult>;
  /** Cancels a queued or running request; true when it was still pending. */
  cancel(requestId: string): boolean;
  /** The latest status snapshot. */
  readonly status: EngineStatus;
  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(cb: (s: EngineStatus) => void): () => void;
  /** A request is probably coming: load the engine now if the idle policy unloaded it. */
  prewarm(): void;
}
