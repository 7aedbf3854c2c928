/** The probe and OCR endpoints: /health, /ready, /metrics and POST /ocr (raw image or multipart). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LanternError, toWireError } from '../contracts/errors';
import { FILE_NAME_HEADER, REQUEST_ID_HEADER } from '../contracts/http-routes';
import type { EngineStatus } from '../contracts/status';
import type { OcrResult } from '../ocr/types';
import type { HttpBackend } from './backend';
import { readBody, readMultipart } from './body';
import { sendError, sendJson } from './errors';
import type { Metrics } from './metrics';

/** Limits applied to OCR uploads. */
export interface OcrLimits {
  readonly maxBodyBytes: number;
  /** Requests waiting or running through HTTP at once; past it, 503 + Retry-After. */
  readonly maxPending: number;
}

/** The body of /health and /ready (snake_case, as probes and scripts expect). */
export function healthBody(s: EngineStatus, startedAt: number) {
  return {
    status: 'ok',
    model_loaded: s.modelLoaded,
    state: s.state,
    provider: s.provider,
    uptime_s: Math.round((Date.now() - startedAt) / 1000),
    queue: s.queue + s.inFlight,
    engine_pid: s.pid,
    restarts: s.restarts,
    ready_ms: s.readyMs,
    warmup_ms: s.warmupMs,
  };
}

/** Handles GET /health and GET /ready. */
export function probe(
  res: ServerResponse,
  backend: HttpBackend,
  startedAt: number,
  readiness: boolean,
): void {
  const s = backend.engine.status;
  sendJson(res, readiness && !s.modelLoaded ? 503 : 200, healthBody(s, startedAt));
}

/** Handles POST /ocr. */
export async function ocr(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  backend: HttpBackend,
  metrics: Metrics,
  limits: OcrLimits,
  pending: { n: number },
): Promise<void> {
  if (pending.n >= limits.maxPending)
    throw new LanternError('QUEUE_FULL', `too many requests in progress (${limits.maxPending})`);
  pending.n++;
  const t0 = performance.now();
  try {
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    const paragraphs = url.searchParams.get('paragraphs') === '1';
    const requestId =
      typeof req.headers[REQUEST_ID_HEADER] === 'string'
        ? (req.headers[REQUEST_ID_HEADER] as string).slice(0, 128)
        : undefined;
    const run = async (name: string, bytes: Uint8Array): Promise<OcrResult> => {
      const result = await backend.engine.recognize(
        { kind: 'bytes', name, bytes },
        { paragraphs },
        { priority: 'interactive', ...(requestId ? { requestId } : {}) },
      );
      void backend.history?.add(name, result);
      return result;
    };
    if (type.startsWith('multipart/form-data')) {
      const files = await readMultipart(req, limits.maxBodyBytes);
      const results = await Promise.all(
        files.map((f) =>
          run(f.name, f.bytes).catch((e: unknown) => ({ file: f.name, error: toWireError(e) })),
        ),
      );
      sendJson(res, 200, results);
    } else if (type.startsWith('image/') || type.startsWith('application/octet-stream')) {
      const bytes = await readBody(req, limits.maxBodyBytes);
      const raw = req.headers[FILE_NAME_HEADER];
      let name = 'upload';
      try {
        if (typeof raw === 'string') name = decodeURIComponent(raw).slice(0, 1024);
      } catch {
        throw new LanternError('BAD_REQUEST', `${FILE_NAME_HEADER} is not URI-encoded`);
      }
      sendJson(res, 200, await run(name, bytes));
    } else {
      req.resume();
      throw new LanternError(
        'UNSUPPORTED_MEDIA_TYPE',
        `send an image (Content-Type image/*) or multipart/form-data, not "${type || 'nothing'}"`,
      );
    }
    metrics.observe((performance.now() - t0) / 1000);
  } catch (err) {
    sendError(res, err);
  } finally {
    pending.n--;
  }
}
