/**
 * The host's recognitions: queued jobs (interactive first), the ones sent to the worker, and their single answer
 * each, whatever happens to the worker (retried once after a crash, put back after a reload, failed on stop).
 */
import type {
  EngineRequest,
  EngineResponse,
  RecognizeInput,
  RecognizeOptions,
} from '../contracts/engine-protocol';
import { fromWireError, LanternError, type ErrorCause } from '../contracts/errors';
import type { OcrResult } from '../ocr/types';
import { cancelledError } from './cancelled';
import { JobQueue, type Job } from './job-queue';
import type { SubmitOptions } from './ocr-service';

/** Jobs waiting and running. */
export class Dispatcher {
  private readonly queue = new JobQueue();
  private readonly running = new Map<string, Job>();
  private seq = 0;

  /** `changed` runs when a job leaves on its own (cancelled by its caller), so the status can be published. */
  constructor(private readonly changed: () => void) {}

  get queued(): number {
    return this.queue.size;
  }

  get inFlight(): number {
    return this.running.size;
  }

  /** Queued plus running. */
  get pending(): number {
    return this.queue.size + this.running.size;
  }

  /** Queues a recognition; the promise is its one answer. An aborted signal drops it while it is still queued. */
  submit(
    input: RecognizeInput,
    options: RecognizeOptions | undefined,
    submit: SubmitOptions,
  ): Promise<OcrResult> {
    return new Promise<OcrResult>((resolve, reject) => {
      const signal = submit.signal;
      if (signal?.aborted) return reject(cancelledError(signal));
      const job: Job = {
        id: `j${++this.seq}`,
        requestId: submit.requestId,
        input,
        options,
        priority: submit.priority ?? 'interactive',
        acceptedAt: Date.now(),
        attempts: 0,
        resolve: (r) => (signal?.removeEventListener('abort', onAbort), resolve(r)),
        reject: (e) => (signal?.removeEventListener('abort', onAbort), reject(e)),
      };
      // A queued job nobody waits for is dropped; a running one finishes and its answer goes nowhere.
      const onAbort = () => {
        if (!this.queue.remove(job)) return;
        job.reject(cancelledError(signal));
        this.changed();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
    });
  }

  /** Sends queued jobs to the worker while fewer than `max` are running. */
  fill(max: number, send: (req: EngineRequest) => void): void {
    while (this.running.size < max) {
      const job = this.queue.shift();
      if (!job) return;
      job.attempts++;
      this.running.set(job.id, job);
      send({
        id: job.id,
        type: 'recognize',
        input: job.input,
        ...(job.options ? { options: job.options } : {}),
      });
    }
  }

  /** Settles the running job this answer belongs to; false when it belongs to no running job. */
  answer(m: EngineResponse): boolean {
    const job = this.running.get(m.id);
    if (!job) return false;
    this.running.delete(m.id);
    if (!m.ok) job.reject(fromWireError(m.error));
    else if (m.type === 'recognize') job.resolve(m.result);
    else job.reject(new LanternError('INTERNAL', `a recognition was answered as ${m.type}`));
    return true;
  }

  /** Cancels a queued or running job; the id of a running one is returned so the worker can be told. */
  cancel(requestId: string): { readonly found: boolean; readonly runningId?: string } {
    const queued = this.queue.take(requestId);
    if (queued) {
      queued.reject(new LanternError('CANCELLED', 'cancelled'));
      return { found: true };
    }
    for (const [id, job] of this.running) {
      if (job.requestId !== requestId) continue;
      this.running.delete(id);
      job.reject(new LanternError('CANCELLED', 'cancelled'));
      return { found: true, runningId: id };
    }
    return { found: false };
  }

  /** After a crash or hang: running jobs go back to the front once; a second loss fails them with `why`. */
  retryRunning(why: string): void {
    for (const job of [...this.running.values()].reverse()) {
      if (job.attempts >= 2)
        job.reject(
          new LanternError('ENGINE_CRASHED', `the engine ${why} twice while reading this image; giving up`),
        );
      else this.queue.push(job, true);
    }
    this.running.clear();
  }

  /** After a reload: running jobs go back to the front, and this attempt does not count. */
  requeueRunning(): void {
    for (const job of [...this.running.values()].reverse()) {
      job.attempts--;
      this.queue.push(job, true);
    }
    this.running.clear();
  }

  /** Fails every queued job: the engine gave up for a while (`why`, which the error carries as its cause). */
  failQueued(why: ErrorCause | null): void {
    const error = new LanternError('ENGINE_UNAVAILABLE', why?.message ?? 'the engine is in error', {
      why: why ?? undefined,
    });
    for (const job of this.queue.drain()) job.reject(error);
  }

  /** Fails every queued and running job: the engine is stopping. */
  failAll(): void {
    const error = new LanternError('ENGINE_STOPPED', 'the engine stopped before this request finished');
    for (const job of [...this.queue.drain(), ...this.running.values()]) job.reject(error);
    this.running.clear();
  }
}
