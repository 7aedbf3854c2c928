/**
 * A deadline for sending an answer. Node bounds how long a request may take to arrive, not how long its answer may
 * take to leave: a client that stops reading (or a peer that is gone without a reset) would keep the connection,
 * the answer's bytes and, for OCR routes, an in-progress slot for good, until every slot is taken and /ready says 503.
 */
import type { ServerResponse } from 'node:http';

/** Cuts the connection if the answer has not been fully handed to the kernel `ms` after it started (`onCut` first). */
export function sendDeadline(res: ServerResponse, ms: number, onCut: () => void): void {
  if (res.writableFinished) return;
  const timer = setTimeout(() => (onCut(), res.destroy()), ms);
  timer.unref();
  res.once('close', () => clearTimeout(timer));
}
