/**
 * Prometheus metrics of the HTTP API: request counts, pages read, OCR latency histogram, queue depth, restarts,
 * model_loaded.
 */
import type { EngineStatus } from '../contracts/status';
import { ENGINE_STATES } from '../contracts/status';

/** How a page was read: by OCR, from the PDF's own text, or not at all (its error is in the answer). */
export type PageSource = 'ocr' | 'pdf-text' | 'failed';

/** Up to 10 min: a request may carry a document of many pages, which would otherwise land only in +Inf. */
const BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/** Counters and a histogram, rendered in the Prometheus text format. */
export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly buckets = new Array<number>(BUCKETS.length).fill(0);
  private count = 0;
  private sum = 0;
  private readonly pageCounts: Record<PageSource, number> = { ocr: 0, 'pdf-text': 0, failed: 0 };

  /** Counts one finished HTTP request. */
  request(route: string, status: number): void {
    const key = `route="${route}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  /** Counts one page POST /ocr read (one request may carry a document of thousands). */
  page(source: PageSource): void {
    this.pageCounts[source]++;
  }

  /** Records one OCR latency (seconds). */
  observe(seconds: number): void {
    this.count++;
    this.sum += seconds;
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) this.buckets[i]!++;
    });
  }

  /** The exposition text; `inProgress` is how many OCR requests hold a slot now. */
  render(s: EngineStatus, inProgress: number): string {
    const out: string[] = [];
    out.push(
      '# HELP lantern_http_requests_total HTTP requests by route and status.',
      '# TYPE lantern_http_requests_total counter',
    );
    for (const [k, v] of this.requests) out.push(`lantern_http_requests_total{${k}} ${v}`);
    out.push(
      '# HELP lantern_ocr_pages_total Pages read by POST /ocr: an image is one, a document each of its pages.',
      '# TYPE lantern_ocr_pages_total counter',
    );
    for (const [k, v] of Object.entries(this.pageCounts))
      out.push(`lantern_ocr_pages_total{source="${k}"} ${v}`);
    out.push(
      '# HELP lantern_ocr_duration_seconds Time to answer an OCR request.',
      '# TYPE lantern_ocr_duration_seconds histogram',
    );
    BUCKETS.forEach((b, i) => out.push(`lantern_ocr_duration_seconds_bucket{le="${b}"} ${this.buckets[i]}`));
    out.push(
      `lantern_ocr_duration_seconds_bucket{le="+Inf"} ${this.count}`,
      `lantern_ocr_duration_seconds_sum ${this.sum}`,
      `lantern_ocr_duration_seconds_count ${this.count}`,
    );
    out.push(
      '# HELP lantern_queue_depth Requests waiting or running in the engine.',
      '# TYPE lantern_queue_depth gauge',
      `lantern_queue_depth ${s.queue + s.inFlight}`,
    );
    out.push(
      '# HELP lantern_http_in_progress Requests with an image or document body holding an in-progress slot (body, queue or engine).',
      '# TYPE lantern_http_in_progress gauge',
      `lantern_http_in_progress ${inProgress}`,
    );
    out.push(
      '# HELP lantern_engine_restarts_total Engine workers launched after a crash or hang.',
      '# TYPE lantern_engine_restarts_total counter',
      `lantern_engine_restarts_total ${s.restarts}`,
      '# HELP lantern_engine_crashes_total Engine worker crashes and hangs.',
      '# TYPE lantern_engine_crashes_total counter',
      `lantern_engine_crashes_total ${s.faults}`,
    );
    out.push(
      '# HELP lantern_model_loaded 1 when the models are loaded and warm.',
      '# TYPE lantern_model_loaded gauge',
      `lantern_model_loaded ${s.modelLoaded ? 1 : 0}`,
    );
    out.push(
      '# HELP lantern_engine_info The provider and recogniser variant the warm engine runs (1 while warm).',
      '# TYPE lantern_engine_info gauge',
    );
    if (s.provider && s.recVariant)
      out.push(`lantern_engine_info{provider="${s.provider}",rec_variant="${s.recVariant}"} 1`);
    out.push('# HELP lantern_engine_state The engine lifecycle state.', '# TYPE lantern_engine_state gauge');
    for (const st of ENGINE_STATES) out.push(`lantern_engine_state{state="${st}"} ${s.state === st ? 1 : 0}`);
    out.push(
      '# HELP process_resident_memory_bytes Resident memory of the server process.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${process.memoryUsage.rss()}`,
      '# HELP lantern_engine_resident_memory_bytes Resident memory of the engine worker at its last heartbeat.',
      '# TYPE lantern_engine_resident_memory_bytes gauge',
    );
    // Absent while no worker has answered a heartbeat: a stale figure of a dead worker would mislead.
    if (s.workerRssBytes !== null) out.push(`lantern_engine_resident_memory_bytes ${s.workerRssBytes}`);
    return out.join('\n') + '\n';
  }
}
