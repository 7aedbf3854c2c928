/** The probe and OCR endpoints: /health, /ready and POST /ocr (raw image or multipart). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HTTP_API } from '../contracts/http-api';
import { ENGINE_SIDE_CODES, LanternError, toWireError } from '../contracts/errors';
import { warningCodes } from '../contracts/result-warnings';
import {
  FILE_NAME_HEADER,
  PDF_PASSWORD_HEADER,
  REQUEST_ID_HEADER,
  WARNINGS_HEADER,
} from '../contracts/http-routes';
import { decodePasswordHeader } from './password-header';
import type { EngineStatus } from '../contracts/status';
import { isReadPage, type DocumentResult } from '../documents/document-types';
import type { ProbeReason } from '../engine/probe';
import { probeReasonText, statusAt } from '../engine/status-text';
import type { OcrResult } from '../ocr/types';
import type { HistoryService, HttpBackend } from './backend';
import type { Metrics } from './metrics';
import type { RouteHandler } from './route-table';
import { retryAfterSeconds } from './errors';
import type { Slots } from './slots';
import { MAX_FILE_NAME_CHARS, readUploads, untilAborted } from './uploads';
import { localDocuments } from '../documents/document-reader';
import { documentBody } from '../documents/http-output';
import type { RequestCancels } from './request-cancels';
import { sniffDocument } from '../documents/sniff';
import { tiffPageCount } from '../documents/tiff-source';
import type { PageProgressChannel } from './page-progress';
import { bodyBytes } from './body-bytes';
import { unreadImageError } from './unread-image';

/** The body of /health and /ready (snake_case, as probes and scripts expect); `code`/`detail` word the state. */
export function healthBody(s: EngineStatus, startedAt: number, ok: boolean, reason: ProbeReason | null) {
  return {
    status: ok ? 'ok' : 'unavailable',
    ...(ok || !reason ? {} : { reason: probeReasonText(reason), reason_code: reason.code }),
    model_loaded: s.modelLoaded,
    state: s.state,
    code: s.detail.code,
    detail: s.message,
    provider: s.provider,
    rec_variant: s.recVariant,
    uptime_s: Math.round((Date.now() - startedAt) / 1000),
    queue: s.queue + s.inFlight,
    engine_pid: s.pid,
    restarts: s.restarts,
    ready_ms: s.readyMs,
    warmup_ms: s.warmupMs,
    ...(s.lanes ? { lanes: s.lanes } : {}),
  };
}

/** Answers /health (liveness: can this process still serve?) or /ready (can /ocr take work right now?). */
export function probe(
  reply: FastifyReply,
  backend: HttpBackend,
  slots: Slots,
  startedAt: number,
  readiness: boolean,
): unknown {
  const p = backend.engine.probe();
  const ok = readiness ? p.ready && slots.free : p.live;
  const reason: ProbeReason | null =
    readiness && p.ready && !slots.free ? { code: 'SLOTS_TAKEN', max: slots.max } : p.reason;
  reply.code(ok ? 200 : 503);
  if (!ok) reply.header('retry-after', String(retryAfterSeconds(backend.engine.status)));
  return healthBody(statusAt(backend.engine.status, Date.now()), startedAt, ok, reason);
}

const admitted = new WeakMap<FastifyRequest, AbortSignal>();

const size = (bytes: number) =>
  bytes < 2 ** 20 ? `${Math.ceil(bytes / 1024)} KiB` : `${Math.round((bytes / 2 ** 20) * 10) / 10} MiB`;

/**
 * Runs before the body is read: takes an OCR slot (503 QUEUE_FULL when none is free) and ties the request's
 * lifetime to its connection. The slot is released and the signal aborted when the response closes, whether it was
 * answered or its client went away.
 */
export function admitOcr(req: FastifyRequest, reply: FastifyReply, slots: Slots, limitBytes: number): void {
  // The body's declared length (a longer one is refused by its limit before it is held), else the limit itself.
  const declared = Number(req.headers['content-length']);
  const bytes = Number.isSafeInteger(declared) && declared >= 0 ? Math.min(declared, limitBytes) : limitBytes;
  const release = slots.take(bytes);
  if (release === 'count')
    throw new LanternError('QUEUE_FULL', `too many requests in progress (${slots.max})`);
  if (release === 'bytes')
    throw new LanternError(
      'QUEUE_FULL',
      `too many request bodies in memory (${size(slots.bytesInUse)} of ${size(slots.maxBytes)} held; this one is ${size(bytes)})`,
    );
  const ac = new AbortController();
  reply.raw.once('close', () => {
    release();
    if (!reply.raw.writableFinished) ac.abort();
  });
  admitted.set(req, ac.signal);
}

/** Records a result or document in the history; a failure there is logged, never turned into a failed OCR. */
function remember(
  history: HistoryService | undefined,
  name: string,
  result: { readonly image: OcrResult } | { readonly document: DocumentResult },
  log: Log,
): void {
  if (!history) return;
  const failed = (e: unknown) => log('warn', `history: could not record ${name}: ${toWireError(e).message}`);
  try {
    const added =
      'image' in result ? history.add(name, result.image) : history.addDocument?.(name, result.document);
    void Promise.resolve(added).catch(failed);
  } catch (e) {
    failed(e);
  }
}

type Log = (level: 'info' | 'warn', message: string) => void;

/** What POST /ocr needs. */
export interface OcrDeps {
  readonly backend: HttpBackend;
  readonly metrics: Metrics;
  readonly maxBodyBytes: number;
  readonly log: Log;
  /** Where documents' per-page progress goes (the /events stream). */
  readonly pages?: PageProgressChannel;
  /** Requests with an X-Request-Id, so that /api/cancel reaches them between a document's pages too. */
  readonly cancels?: RequestCancels;
}

/** The file name of a raw upload (X-File-Name, URI-encoded). */
function rawName(header: string | string[] | undefined): string {
  if (typeof header !== 'string') return 'upload';
  try {
    return decodeURIComponent(header).slice(0, MAX_FILE_NAME_CHARS);
  } catch {
    throw new LanternError('BAD_REQUEST', `${FILE_NAME_HEADER} is not URI-encoded`);
  }
}

/** Whether a body keeps the plain one-image answer: an image, or a TIFF of one page (as before documents). */
async function onePageImage(bytes: Uint8Array): Promise<boolean> {
  const kind = sniffDocument(bytes);
  if (kind === 'pdf') return false;
  return kind === 'image' || (await tiffPageCount(bytes).catch(() => 1)) <= 1;
}

/** The coded 415 for a POST /ocr body of a type it does not read (curl's --data-binary sends a form type). */
export function ocrBodyRefusal(contentType: string | undefined): LanternError {
  return new LanternError(
    'UNSUPPORTED_MEDIA_TYPE',
    `send an image (image/*), a PDF (application/pdf) or multipart/form-data, not "${contentType ?? 'nothing'}"`,
  );
}

/** POST /ocr: a raw image, PDF or TIFF body, or multipart `file` fields (one result or error each). */
export function ocrHandler(d: OcrDeps): RouteHandler<typeof HTTP_API.ocr> {
  return async ({ query }, req, reply) => {
    const connection = admitted.get(req) ?? new AbortController().signal;
    const documents = d.backend.documents ?? localDocuments;
    const t0 = performance.now();
    const rid = req.headers[REQUEST_ID_HEADER];
    const requestId = typeof rid === 'string' ? rid.slice(0, 128) : undefined;
    const tracked = requestId !== undefined ? d.cancels?.track(requestId) : undefined;
    if (tracked) reply.raw.once('close', tracked.close);
    const signal = tracked ? AbortSignal.any([connection, tracked.signal]) : connection;
    const submit = { priority: 'interactive', signal, ...(requestId ? { requestId } : {}) } as const;
    const output = query.output ?? 'json';
    const run = async (name: string, bytes: Uint8Array): Promise<OcrResult> => {
      const result = await d.backend.engine.recognize(
        { kind: 'bytes', name, bytes },
        { paragraphs: query.paragraphs === '1', ...(query.words === '1' ? { words: true } : {}) },
        submit,
      );
      d.metrics.page('ocr');
      remember(d.backend.history, name, { image: result }, d.log);
      return result;
    };
    // `image`: the upload is one image (the JSON answer would be the plain image result), so a page it fails is its
    // error as a whole.
    const doc = async (name: string, bytes: Uint8Array, password: string | undefined, image = false) => {
      const read = await documents.recognize(
        { bytes },
        {
          file: name,
          ...(password === undefined ? {} : { password }),
          forceOcr: query.force_ocr === '1',
          ...(output === 'pdf' ? { rewrite: true } : {}),
          fatal: ENGINE_SIDE_CODES,
          signal,
          ocr: (page) =>
            d.backend.engine.recognize(
              { kind: 'bytes', bytes: page },
              { words: true, ...(query.paragraphs === '1' ? { paragraphs: true } : {}) },
              submit,
            ),
          // Each page is counted as it is read: a client that leaves, or an engine that fails, ends the document
          // early, and the pages read before then were still work done.
          onPage: (page, pages, outcome) => {
            d.metrics.page(isReadPage(outcome) ? outcome.source : 'failed');
            d.pages?.publish({ ...(requestId ? { requestId } : {}), file: name, page, pages });
          },
        },
      );
      const unread = image ? unreadImageError(read) : undefined;
      if (unread) throw unread;
      remember(d.backend.history, name, { document: read }, d.log);
      return read;
    };
    // Images keep their one-result answer; documents, and any other output than JSON, go page by page.
    const read = async (name: string, bytes: Uint8Array, password: string | undefined) =>
      output === 'json' && (await onePageImage(bytes)) ? run(name, bytes) : doc(name, bytes, password);
    const answerOne = async (name: string, bytes: Uint8Array, password: string | undefined) => {
      if (output === 'json') return read(name, bytes, password);
      const result = await doc(name, bytes, password, await onePageImage(bytes));
      const { contentType, body } = await documentBody(bytes, result, output, (source, r) =>
        documents.searchablePdf({ bytes: source }, r),
      );
      // Text, Markdown and PDF bodies have no place for what could not be read: the header says it.
      const codes = warningCodes(result.warnings);
      if (codes.length > 0) reply.header(WARNINGS_HEADER, codes.join(', '));
      return reply.type(contentType).send(body);
    };
    let answer: unknown;
    if (req.isMultipart()) {
      const { files, password } = await untilAborted(signal, readUploads(req, d.maxBodyBytes));
      if (output !== 'json' && files.length !== 1)
        throw new LanternError('BAD_REQUEST', `output=${output} takes one file, not ${files.length}`);
      answer =
        output === 'json'
          ? await Promise.all(
              files.map((f) =>
                read(f.name, f.bytes, password).catch((e: unknown) => ({
                  file: f.name,
                  error: toWireError(e),
                })),
              ),
            )
          : await answerOne(files[0]!.name, files[0]!.bytes, password);
    } else if (req.body instanceof Buffer) {
      const pw = req.headers[PDF_PASSWORD_HEADER];
      const password = typeof pw === 'string' ? decodePasswordHeader(pw) : undefined;
      answer = await answerOne(rawName(req.headers[FILE_NAME_HEADER]), bodyBytes(req.body), password);
    } else {
      throw ocrBodyRefusal(req.headers['content-type']);
    }
    // A client that went away got no answer: its time is not an answer's latency (it counts as a 499).
    if (!signal.aborted) d.metrics.observe((performance.now() - t0) / 1000);
    return answer;
  };
}
