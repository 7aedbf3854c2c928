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
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INTERNAL';

/** An error that carries a code across process and HTTP boundaries. */
export class LanternError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LanternError';
  }
}

/** The serialised form of an error on every wire. */
export interface WireError {
  readonly code: ErrorCode;
  readonly message: string;
}

/** Turns anything thrown into a WireError (unknown errors become INTERNAL). */
export function toWireError(err: unknown): WireError {
  if (err instanceof LanternError) return { code: err.code, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}
