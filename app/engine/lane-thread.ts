/**
 * A recognition lane: a worker thread of the engine worker with its own det, cls and rec sessions (fewer intra-op
 * threads), so that a second queued page is recognised while the main thread runs the first (onnxruntime-node's
 * `session.run` holds its JS thread). It receives decoded pages from the main thread and answers each.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toWireError } from '../contracts/errors';
import { OcrPipeline } from '../ocr/pipeline';
import type { LaneMessage, LaneRequest, LaneStart } from './lane-protocol';

if (!parentPort) throw new Error('lane-thread.ts runs as a worker thread of the engine');
const port = parentPort;
const start = workerData as LaneStart;
const send = (m: LaneMessage) => port.postMessage(m);

const t0 = performance.now();
const pipeline = await OcrPipeline.create(start.modelsDir, {
  provider: 'cpu',
  threads: start.threads,
  recVariant: start.recVariant,
  ...(start.packId ? { packId: start.packId } : {}),
});
send({ type: 'ready', loadMs: Math.round(performance.now() - t0) });

port.on('message', (req: LaneRequest) => {
  const t0 = req.t0 - performance.timeOrigin;
  pipeline.recognizePage(req.page, req.opts, { t0, decodeMs: req.decodeMs }).then(
    (result) => send({ type: 'answer', id: req.id, ok: true, result }),
    (err: unknown) => send({ type: 'answer', id: req.id, ok: false, error: toWireError(err) }),
  );
});
