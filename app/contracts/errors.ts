/** Machine-readable error codes shared by the pipeline, the engine protocol, the CLI and the HTTP API. */
export type ErrorCode =
  | 'BAD_IMAGE'
  | 'EMPTY_INPUT'
  | 'IMAGE_TOO_LARGE'
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'MODEL_MISSING'
  | 'MODEL_CORRUPT'
  | 'MODEL_MANIFEST_INVALID'
  | 'MODEL_PACK_UNKNOWN'
  | 'ENGINE_CRASHED'
  | 'ENGINE_UNAVAILABLE'
  | 'ENGINE_STOPPED'
  | 'CANCELLED'
  | 'TIMEOUT'
  | 'QUEUE_FULL'
  | 'BAD_REQUEST'
  | 'BAD_PATTERN'
  | 'BAD_OUTPUT_FOLDER'
  | 'FOLDER_OVERLAP'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'BAD_PDF'
  | 'PDF_EMPTY'
  | 'PDF_ENCRYPTED'
  | 'TOO_MANY_PAGES'
  | 'SERVER_UNREACHABLE'
  | 'SHORTCUT_UNAVAILABLE'
  | 'WRITE_FAILED'
  | 'LEDGER_DAMAGED'
  | 'INTERNAL';

/**
 * Why an error happened, where its code alone does not say and a caller acts on the difference: NEEDS_PASSWORD is a
 * PDF_ENCRYPTED for want of a password (a reader that can ask for one does), not a wrong one or an unsupported lock.
 */
export const ERROR_REASONS = ['NEEDS_PASSWORD'] as const;

/** One of ERROR_REASONS. */
export type ErrorReason = (typeof ERROR_REASONS)[number];

/** What lies behind an error (the engine's own failure behind ENGINE_UNAVAILABLE): its code and words. */
export interface ErrorCause {
  readonly code: string;
  readonly message: string;
}

/** What an error may carry besides its code and words. */
export interface ErrorMore {
  /** Where callers act on the difference (one of ERROR_REASONS). */
  readonly reason?: ErrorReason | undefined;
  /** The failure behind this one, when it is not this error's own (what an operator must fix). */
  readonly why?: ErrorCause | undefined;
}

/** An error that carries a code (and, where it helps, a reason or a cause) across process and HTTP boundaries. */
export class LanternError extends Error {
  readonly reason: ErrorReason | undefined;
  readonly why: ErrorCause | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    more: ErrorMore = {},
  ) {
    super(message);
    this.name = 'LanternError';
    this.reason = more.reason;
    this.why = more.why;
  }
}

/** The serialised form of an error on every wire. */
export interface WireError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Where callers act on the difference (NEEDS_PASSWORD). */
  readonly reason?: ErrorReason;
  /** The failure behind it (a request refused because the engine is in error: why the engine is). */
  readonly cause?: ErrorCause;
}

/** Turns anything thrown into a WireError (unknown errors become INTERNAL); a reason and a cause travel with it. */
export function toWireError(err: unknown): WireError {
  if (err instanceof LanternError)
    return {
      code: err.code,
      message: err.message,
      ...(err.reason ? { reason: err.reason } : {}),
      ...(err.why ? { cause: err.why } : {}),
    };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}

/** Rebuilds the LanternError a wire error was made from, reason and cause, on the far side of a thread or process. */
export function fromWireError(e: WireError): LanternError {
  return new LanternError(e.code, e.message, { reason: e.reason, why: e.cause });
}

/**
 * Whether trying the same request again may succeed: engine and queue troubles pass, while a bad, empty or too
 * large input, a refused request or a broken model fails the same way every time (so the UI offers no Retry).
 */
const RETRYABLE: Readonly<Record<ErrorCode, boolean>> = {
  BAD_IMAGE: false,
  EMPTY_INPUT: false,
  IMAGE_TOO_LARGE: false,
  FILE_NOT_FOUND: false,
  FILE_UNREADABLE: true,
  MODEL_MISSING: false,
  MODEL_CORRUPT: false,
  MODEL_MANIFEST_INVALID: false,
  MODEL_PACK_UNKNOWN: false,
  ENGINE_CRASHED: true,
  ENGINE_UNAVAILABLE: true,
  ENGINE_STOPPED: true,
  CANCELLED: true,
  TIMEOUT: true,
  QUEUE_FULL: true,
  BAD_REQUEST: false,
  BAD_PATTERN: false,
  BAD_OUTPUT_FOLDER: false,
  FOLDER_OVERLAP: false,
  UNAUTHORIZED: false,
  FORBIDDEN: false,
  NOT_FOUND: false,
  METHOD_NOT_ALLOWED: false,
  PAYLOAD_TOO_LARGE: false,
  UNSUPPORTED_MEDIA_TYPE: false,
  BAD_PDF: false,
  PDF_EMPTY: false,
  PDF_ENCRYPTED: false,
  TOO_MANY_PAGES: false,
  SERVER_UNREACHABLE: true,
  SHORTCUT_UNAVAILABLE: false,
  WRITE_FAILED: true,
  LEDGER_DAMAGED: false, // until a restart sets the file aside
  INTERNAL: true,
};

/**
 * Engine errors that say nothing about the file being read: a document's page that meets one stops the whole
 * document (retryable as a whole) instead of being recorded as that page's failure, page after page.
 */
export const ENGINE_SIDE_CODES = ['ENGINE_UNAVAILABLE', 'ENGINE_STOPPED', 'QUEUE_FULL', 'TIMEOUT'] as const;

/** Whether an error code (from any wire, so possibly one this build does not know) is worth retrying. */
export function isRetryable(code: string): boolean {
  return Object.hasOwn(RETRYABLE, code) ? RETRYABLE[code as ErrorCode] : true;
}

/**
 * An error as the page receives it, from either transport: a LanternError's own code (the web transport), else the
 * `CODE: ` the preload puts first in its message (Electron's contextBridge hands the page only an Error's message).
 */
export function receivedError(err: unknown): { readonly code: string; readonly message: string } {
  const e = err as { code?: unknown; message?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (typeof e?.code === 'string') return { code: e.code, message };
  const m = /^([A-Z][A-Z_]*): ([\s\S]*)$/.exec(message);
  return m && Object.hasOwn(RETRYABLE, m[1]!)
    ? { code: m[1]!, message: m[2]! }
    : { code: 'INTERNAL', message };
}
