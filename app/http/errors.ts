/** HTTP status for each error code, and the one JSON error answer every endpoint gives. */
import { LanternError, toWireError, type ErrorCode, type WireError } from '../contracts/errors';
import { assertNever } from '../contracts/assert-never';
import type { EngineStatus } from '../contracts/status';

/** The HTTP status an error code maps to. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'BAD_IMAGE':
    case 'EMPTY_INPUT':
    case 'BAD_REQUEST':
    case 'BAD_PATTERN':
    case 'BAD_OUTPUT_FOLDER':
    case 'FILE_NOT_FOUND':
    case 'FILE_UNREADABLE':
    case 'BAD_PDF':
    case 'PDF_EMPTY':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'CANCELLED':
    case 'SHORTCUT_UNAVAILABLE': // another application holds the key
    case 'FOLDER_OVERLAP': // another watched folder already reads it
      return 409;
    case 'PDF_ENCRYPTED':
      return 422;
    case 'IMAGE_TOO_LARGE':
    case 'PAYLOAD_TOO_LARGE':
    case 'TOO_MANY_PAGES':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'QUEUE_FULL':
    case 'ENGINE_UNAVAILABLE':
    case 'ENGINE_STOPPED':
    case 'SERVER_UNREACHABLE': // raised by the web UI when no answer came; a proxy would say 503 for it
      return 503;
    case 'TIMEOUT':
      return 504;
    case 'MODEL_MISSING':
    case 'MODEL_CORRUPT':
    case 'MODEL_MANIFEST_INVALID':
    case 'MODEL_PACK_UNKNOWN':
    case 'ENGINE_CRASHED':
    case 'LEDGER_DAMAGED': // the server's own file: an operator restarts it, which sets the file aside
    case 'INTERNAL':
      return 500;
    case 'WRITE_FAILED': // the server's own disk (full, read-only): Insufficient Storage
      return 507;
    default:
      return assertNever(code);
  }
}

/** A ready-to-send error: status, `{ error: { code, message } }` and extra headers. */
export interface ErrorAnswer {
  readonly status: number;
  readonly body: { readonly error: WireError };
  readonly headers: Readonly<Record<string, string>>;
}

/** The code a framework's own 4xx (body parser, multipart, bad URL) stands for. */
function codeOfStatus(status: number): ErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  return 'BAD_REQUEST';
}

/** Whether a service threw a zod validation error (its input was wrong, not the server). */
function isZodError(err: unknown): err is Error & { issues: { path: PropertyKey[]; message: string }[] } {
  return (
    err instanceof Error && err.name === 'ZodError' && Array.isArray((err as { issues?: unknown }).issues)
  );
}

/**
 * Maps anything thrown to an answer: coded errors by their code, validation errors from services to 400, the
 * framework's own client errors to their 4xx, and only the rest to 500. 503s carry Retry-After.
 */
export function errorAnswer(err: unknown, retryAfterS = 1): ErrorAnswer {
  let e: WireError;
  let status: number;
  const fwStatus = (err as { statusCode?: unknown } | null)?.statusCode;
  if (err instanceof LanternError) {
    e = toWireError(err);
    status = httpStatusFor(e.code);
  } else if (isZodError(err)) {
    e = {
      code: 'BAD_REQUEST',
      message: err.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; '),
    };
    status = 400;
  } else if (typeof fwStatus === 'number' && fwStatus >= 400 && fwStatus < 500) {
    e = { code: codeOfStatus(fwStatus), message: (err as Error).message };
    status = fwStatus === 408 || fwStatus === 413 || fwStatus === 415 || fwStatus === 404 ? fwStatus : 400;
  } else {
    e = toWireError(err);
    status = httpStatusFor(e.code);
  }
  return {
    status,
    body: { error: e },
    headers: status === 503 ? { 'retry-after': String(retryAfterS) } : {},
  };
}

/**
 * Seconds a client should wait before asking again: what is left at `now` of the engine's own wait (until `retryAt`)
 * while it restarts or sits in `error` after a crash loop (a client told 1 s would ask 30 times for nothing), else 1.
 */
export function retryAfterSeconds(status: Pick<EngineStatus, 'detail'>, now = Date.now()): number {
  const d = status.detail;
  const waiting = d.code === 'ERROR' || d.code === 'RESTARTING';
  return waiting ? Math.max(1, Math.ceil((d.retryAt - now) / 1000)) : 1;
}
