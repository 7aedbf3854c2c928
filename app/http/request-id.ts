/** The id a request is known by in the log and to its client: the client's X-Request-Id, else the server's own. */
import type { FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER } from '../contracts/http-routes';

/** The longest client-chosen id kept, so that a client cannot fill a log line. */
export const MAX_REQUEST_ID_CHARS = 128;

/** The id of a request: its `X-Request-Id` (cut to 128 characters), else the one the server gave it. */
export function requestIdOf(req: Pick<FastifyRequest, 'headers' | 'id'>): string {
  const rid = req.headers[REQUEST_ID_HEADER];
  return typeof rid === 'string' && rid !== '' ? rid.slice(0, MAX_REQUEST_ID_CHARS) : req.id;
}
