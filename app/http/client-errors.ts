/**
 * Answers to errors Node's HTTP parser raises before a request reaches a route (a body that stalls past the request
 * timeout, headers too large, bytes that are not HTTP), in the API's one error shape instead of the framework's.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WireError } from '../contracts/errors';

/** The status and coded error for a client error, or undefined when the connection is gone (nothing to answer). */
export function clientErrorAnswer(
  code: string | undefined,
  requestTimeoutMs: number,
): { readonly status: number; readonly error: WireError } | undefined {
  switch (code) {
    case 'ECONNRESET':
      return undefined;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        error: {
          code: 'TIMEOUT',
          message: `the request did not arrive within ${requestTimeoutMs} ms (serve --request-timeout-ms)`,
        },
      };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, error: { code: 'BAD_REQUEST', message: 'the request headers are too large' } };
    default:
      return { status: 400, error: { code: 'BAD_REQUEST', message: 'malformed HTTP request' } };
  }
}

/**
 * Writes the answer on the raw socket and closes it (the request never reached the framework), calling `answered`
 * with the status sent; a connection already gone is only destroyed.
 */
export function answerClientError(
  err: Error & { code?: string },
  socket: Duplex,
  requestTimeoutMs: number,
  answered: (status: number) => void,
): void {
  const a = clientErrorAnswer(err.code, requestTimeoutMs);
  if (a && socket.writable) {
    const body = JSON.stringify({ error: a.error });
    socket.write(
      `HTTP/1.1 ${a.status} ${STATUS_CODES[a.status] ?? ''}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n\r\n${body}`,
    );
    answered(a.status);
  }
  socket.destroy();
}
