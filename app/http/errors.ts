/** HTTP status for each error code, and the JSON error body every endpoint uses. */
import type { ServerResponse } from 'node:http';
import { toWireError, type ErrorCode } from '../contracts/errors';
import { assertNever } from '../contracts/assert-never';

/** The HTTP status an error code maps to. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'BAD_IMAGE':
    case 'EMPTY_INPUT':
    case 'BAD_REQUEST':
    case 'FILE_NOT_FOUND':
    case 'FILE_UNREADABLE':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CANCELLED':
      return 409;
    case 'IMAGE_TOO_LARGE':
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'QUEUE_FULL':
    case 'ENGINE_UNAVAILABLE':
    case 'ENGINE_STOPPED':
      return 503;
    case 'TIMEOUT':
      return 504;
    case 'MODEL_MISSING':
    case 'MODEL_CORRUPT':
    case 'MODEL_MANIFEST_INVALID':
    case 'MODEL_PACK_UNKNOWN':
    case 'ENGINE_CRASHED':
    case 'INTERNAL':
      return 500;
    default:
      return assertNever(code);
  }
}

/** Sends a JSON body with security headers. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** Sends `{ error: { code, message } }` with the mapped status (503s carry Retry-After). */
export function sendError(res: ServerResponse, err: unknown): void {
  const e = toWireError(err);
  const status = httpStatusFor(e.code);
  sendJson(res, status, { error: e }, status === 503 ? { 'retry-after': '1' } : {});
}
