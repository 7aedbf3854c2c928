/**
 * A tiny OcrService over an in-process OcrPipeline (no worker, no supervision): one request at a time,
 * interactive before batch. For tests and the watch runner; the app uses EngineHost.
 */
import { LanternError } from '../contracts/errors';
import { readInputPath } from '../files/read-input-path';
import type { RecognizeInput, RecognizeOptions } from '../contracts/engine-protocol';
import type { EngineStatus } from '../contracts/status';
import { modelsDir } from '../models/paths';
import { OcrPipeline } from '../ocr/pipeline';
import type { OcrResult } from '../ocr/types';
import type { OcrService, SubmitOptions } from './ocr-service';
import { statusMessage } from './status-text';

interface Job {
  readonly run: () => Promise<OcrResult>;
  readonly requestId: string | undefined;
  readonly resolve: (r: OcrResult) => void;
  readonly reject: (e: unknown) => void;
}

/** OcrService over an OcrPipeline in this process. */
export class InProcessOcrService implements OcrService {
  private readonly queues: Record<'interactive' | 'batch', Job[]> = { interactive: [], batch: [] };
  private running = false;
  /** A constant `ready` snapshot. */
  readonly status: EngineStatus;

  private constructor(readonly pipeline: OcrPipeline) {
    const now = Date.now();
    this.status = {
      state: 'ready',
      modelLoaded: true,
      provider: pipeline.provider,
      providerSummary: pipeline.provider,
      recVariant: pipeline.sessions.recVariant,
      pid: process.pid,
      loadMs: null,
      warmupMs: null,
      readyMs: null,
      startedAt: now,
      readyAt: now,
      lastHeartbeatAt: null,
      workerRssBytes: null,
      restarts: 0,
      faults: 0,
      queue: 0,
      inFlight: 0,
      idlePolicy: { kind: 'always-warm' },
      error: null,
      fault: null,
      detail: { code: 'READY' },
      message: statusMessage({ code: 'READY' }, null),
    };
  }

  /** Loads the models (CPU) and returns the service. */
  static async create(dir = modelsDir()): Promise<InProcessOcrService> {
    return new InProcessOcrService(await OcrPipeline.create(dir, { provider: 'cpu', threads: 0 }));
  }

  /** Queues one recognition. */
  recognize(input: RecognizeInput, options?: RecognizeOptions, submit?: SubmitOptions): Promise<OcrResult> {
    const file = input.kind === 'path' ? input.path : input.name;
    const run = async () => {
      const bytes = input.kind === 'path' ? await readInputPath(input.path, 'files') : input.bytes;
      return this.pipeline.recognize(bytes, { ...(file !== undefined ? { file } : {}), ...options });
    };
    return new Promise((resolve, reject) => {
      this.queues[submit?.priority ?? 'interactive'].push({
        run,
        requestId: submit?.requestId,
        resolve,
        reject,
      });
      void this.pump();
    });
  }

  /** Cancels a queued request (a running one finishes). */
  cancel(requestId: string): boolean {
    for (const q of Object.values(this.queues)) {
      const i = q.findIndex((j) => j.requestId === requestId);
      if (i >= 0) {
        q.splice(i, 1)[0]!.reject(new LanternError('CANCELLED', `request ${requestId} was cancelled`));
        return true;
      }
    }
    return false;
  }

  /** The status never changes. */
  onStatus(): () => void {
    return () => undefined;
  }

  /** Always warm. */
  prewarm(): void {}

  /** Frees the native sessions. */
  async release(): Promise<void> {
    await this.pipeline.release();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const job = this.queues.interactive.shift() ?? this.queues.batch.shift();
        if (!job) break;
        await job.run().then(job.resolve, job.reject);
      }
    } finally {
      this.running = false;
    }
  }
}
