/** The host's pending-request queue: interactive work before batch work, FIFO within a priority. */
import type { RecognizeInput, RecognizeOptions } from '../contracts/engine-protocol';
import type { OcrResult } from '../ocr/types';
import type { Priority } from './ocr-service';

/** One accepted request, alive until it gets its single answer. */
export interface Job {
  readonly id: string;
  readonly requestId: string | undefined;
  readonly input: RecognizeInput;
  readonly options: RecognizeOptions | undefined;
  readonly priority: Priority;
  readonly acceptedAt: number;
  /** How many workers this job was sent to (a job is retried once after a worker died with it). */
  attempts: number;
  readonly resolve: (r: OcrResult) => void;
  readonly reject: (e: Error) => void;
}

/** A two-level FIFO. */
export class JobQueue {
  private readonly interactive: Job[] = [];
  private readonly batch: Job[] = [];

  get size(): number {
    return this.interactive.length + this.batch.length;
  }

  /** Adds at the back of its priority (or at the front, for jobs being retried). */
  push(job: Job, front = false): void {
    const q = job.priority === 'interactive' ? this.interactive : this.batch;
    if (front) q.unshift(job);
    else q.push(job);
  }

  /** Takes the next job. */
  shift(): Job | undefined {
    return this.interactive.shift() ?? this.batch.shift();
  }

  /** Removes and returns the job with this request id, if queued. */
  take(requestId: string): Job | undefined {
    for (const q of [this.interactive, this.batch]) {
      const i = q.findIndex((j) => j.requestId === requestId);
      if (i >= 0) return q.splice(i, 1)[0];
    }
    return undefined;
  }

  /** Removes this job if it is still queued; true when it was. */
  remove(job: Job): boolean {
    for (const q of [this.interactive, this.batch]) {
      const i = q.indexOf(job);
      if (i >= 0) return (q.splice(i, 1), true);
    }
    return false;
  }

  /** Empties the queue, returning what was in it. */
  drain(): Job[] {
    return [...this.interactive.splice(0), ...this.batch.splice(0)];
  }
}
