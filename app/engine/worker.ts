/**
 * The engine worker: loads the det, cls and rec sessions once, warms them up, then serves engine-protocol requests:
 * a lone page on its main thread with every intra-op thread, pages at once, with two lanes on the CPU, on two lane
 * threads of half the threads each while the main thread only dispatches (lane-threads.ts). The next queued image is
 * read and decoded meanwhile (input-prefetch.ts). Runs under Electron's utilityProcess and under Node's
 * child_process.fork (see worker-port.ts).
 */
import os from 'node:os';
import {
  engineRequestSchema,
  type EngineRequest,
  type EngineResponse,
  type WorkerReady,
} from '../contracts/engine-protocol';
import { LanternError, toWireError } from '../contracts/errors';
import * as z from '../contracts/zod-mini';
import { readInputPath } from '../files/read-input-path';
import { modelsDir } from '../models/paths';
import { OcrPipeline } from '../ocr/pipeline';
import type { Page } from '../ocr/types';
import type { ProviderChoice } from '../ocr/providers';
import { gpuTuning } from './gpu-tuning';
import { recVariantFromEnv } from '../ocr/rec-int8';
import { InputPrefetch } from './input-prefetch';
import { ImageThread } from './image-thread-client';
import { laneIdleFromEnv } from './lane-life';
import { lanePlan, lanesFromEnv } from './lanes';
import { setupLaneThreads, type LaneThreads, type RecognizeOn, type RecognizeRequest } from './lane-threads';
import { isSelfTestText, selfTestImage, warmUp } from './warmup';
import { fullCollector } from './young-gc';
import { connectWorkerPort } from './worker-port';

// First: the image thread loads sharp on the other core while this thread loads the models. Should it die, the worker
// exits: its host restarts it whole and retries the request in flight.
const images = ImageThread.start(new URL('./image-thread.mjs', import.meta.url), (err) => {
  process.stderr.write(`image thread died: ${err.message}\n`);
  setTimeout(() => process.exit(4), 20);
});
const port = connectWorkerPort();
port.onDisconnect(() => process.exit(0));
const queue: EngineRequest[] = [];
let pipeline: OcrPipeline | undefined;
let draining = false;
/** The lane threads for pages at once, when the plan at ready has two lanes (lane-threads.ts). */
let extra: LaneThreads | undefined;
const reply = (r: EngineResponse) => port.send(r);
const fail = (id: string, err: unknown) => reply({ id, ok: false, error: toWireError(err) });

async function readInput(req: RecognizeRequest): Promise<{ bytes: Uint8Array; file?: string }> {
  if (req.input.kind === 'bytes')
    return { bytes: req.input.bytes, ...(req.input.name ? { file: req.input.name } : {}) };
  return { bytes: await readInputPath(req.input.path, 'files'), file: req.input.path };
}

/** A request's decoded page, with the time decoding took (reported in the result's `ms.decode`). */
async function decodeInput(req: RecognizeRequest): Promise<{ page: Page; decodeMs: number; file?: string }> {
  if (!pipeline) throw new LanternError('INTERNAL', 'a request was decoded before the models were loaded');
  const { bytes, file } = await readInput(req);
  const t = performance.now();
  const page = await pipeline.decodePage(bytes);
  return { page, decodeMs: performance.now() - t, ...(file ? { file } : {}) };
}

const prefetch = new InputPrefetch(decodeInput);
/** Pages from this many bytes on are collected as soon as they are done (docs/memory.md). */
const BIG_PAGE_BYTES = 48 * 2 ** 20;
const collectFull = fullCollector();
const offerNext = () => {
  const next = queue[0];
  if (next?.type === 'recognize') prefetch.offer(next);
};

/** Recognises a request's page on a lane (the main thread's pipeline or the extra lane) and answers it. */
async function recognize(req: RecognizeRequest, on: RecognizeOn): Promise<void> {
  const input = prefetch.take(req);
  offerNext();
  const { page, decodeMs, file } = await input;
  const opts = {
    ...(file ? { file } : {}),
    paragraphs: req.options?.paragraphs ?? false,
    words: req.options?.words ?? false,
  };
  try {
    reply({
      id: req.id,
      ok: true,
      type: 'recognize',
      result: await on(page, opts, { t0: performance.now() - decodeMs, decodeMs }),
    });
  } finally {
    pipeline?.releasePage(page);
    // Once this frame, which holds the page, has returned.
    if (page.image.data.byteLength >= BIG_PAGE_BYTES) setImmediate(collectFull);
  }
}

async function handle(req: EngineRequest, p: OcrPipeline): Promise<void> {
  switch (req.type) {
    case 'recognize':
      return recognize(req, (page, opts, clock) => p.recognizePage(page, opts, clock));
    case 'selfTest': {
      const t = performance.now();
      const r = await p.recognize(selfTestImage());
      reply({
        id: req.id,
        ok: true,
        type: 'selfTest',
        result: { ok: isSelfTestText(r.text), text: r.text, ms: Math.round(performance.now() - t) },
      });
      return;
    }
    case 'ping':
    case 'cancel':
    case 'shutdown':
      return; // answered on arrival
  }
}

async function drain(): Promise<void> {
  if (draining || !pipeline) return;
  draining = true;
  // While a lane thread runs a page the queue is the lanes': this thread stays free to receive and answer.
  const next = () => (extra?.busy() ? undefined : queue.shift());
  for (let req = next(); req; req = next()) {
    extra?.feed();
    try {
      await handle(req, pipeline);
    } catch (err) {
      fail(req.id, err);
    }
  }
  draining = false;
  extra?.releaseIfDue();
}

port.onMessage((raw) => {
  const parsed = engineRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : '';
    fail(id, new LanternError('BAD_REQUEST', `malformed engine request: ${z.prettifyError(parsed.error)}`));
    return;
  }
  const req = parsed.data;
  switch (req.type) {
    case 'ping':
      reply({
        id: req.id,
        ok: true,
        type: 'ping',
        result: { t: Date.now(), rss: process.memoryUsage.rss() },
      });
      return;
    case 'cancel': {
      const i = queue.findIndex((q) => q.id === req.target);
      if (i >= 0) {
        prefetch.drop(req.target);
        fail(queue.splice(i, 1)[0]!.id, new LanternError('CANCELLED', 'cancelled'));
      }
      reply({ id: req.id, ok: true, type: 'cancel', result: { cancelled: i >= 0 } });
      return;
    }
    case 'shutdown':
      void (async () => {
        // Queued work is refused; a page being read finishes first: sessions released (or a lane thread ended)
        // under a running inference abort the whole process (Napi::Error, SIGABRT). The host kills it past its grace.
        for (const q of queue.splice(0))
          fail(q.id, new LanternError('ENGINE_STOPPED', 'the engine is stopping'));
        while (draining || extra?.busy()) await new Promise((r) => setTimeout(r, 10));
        await extra?.shutdown();
        await pipeline?.release();
        reply({ id: req.id, ok: true, type: 'shutdown', result: {} });
        setTimeout(() => process.exit(0), 20);
      })();
      return;
    default:
      queue.push(req);
      extra?.feed();
      if (draining || extra?.busy()) offerNext();
      void drain();
  }
});

async function boot(): Promise<void> {
  port.send({ type: 'status', phase: 'loading' });
  const page = images.warmupPage();
  page.catch(() => {}); // a failure surfaces when warm-up awaits it
  const threads = Number(process.env.LANTERN_THREADS ?? 0) || 0;
  const p = await OcrPipeline.create(modelsDir(), {
    provider: (process.env.LANTERN_PROVIDER ?? 'auto') as ProviderChoice,
    threads,
    ...(process.env.LANTERN_PACK ? { packId: process.env.LANTERN_PACK } : {}),
    ...gpuTuning(process.env),
    recVariant: recVariantFromEnv(process.env),
    imageOps: images,
  });
  port.send({ type: 'status', phase: 'warming' });
  const warmupMs = await warmUp(p, page);
  const plan = lanePlan(
    lanesFromEnv(process.env.LANTERN_LANES),
    p.provider,
    os.availableParallelism(),
    threads,
  );
  if (plan.lanes > 1) {
    extra = setupLaneThreads(
      p,
      {
        modelsDir: modelsDir(),
        threads: plan.splitThreads,
        idleMs: laneIdleFromEnv(process.env.LANTERN_LANE_IDLE_MS),
        ...(process.env.LANTERN_PACK ? { packId: process.env.LANTERN_PACK } : {}),
        onDeath: (err) => {
          process.stderr.write(`recognition lane died: ${err.message}\n`);
          setTimeout(() => process.exit(4), 20);
        },
      },
      {
        queue,
        mainBusy: () => draining,
        drain: () => void drain(),
        send: (e) => port.send(e),
        recognize,
        fail,
        collect: collectFull,
      },
    );
  }
  const ready: WorkerReady = {
    provider: p.provider,
    providerSummary: p.sessions.provider.summary,
    providerFailures: p.sessions.provider.failures,
    recVariant: p.sessions.recVariant,
    loadMs: p.sessions.loadMs,
    warmupMs,
    readyMs: Math.round(performance.now()),
    lanes: plan.lanes,
  };
  pipeline = p;
  port.send({ type: 'status', phase: 'ready', ready });
  void drain();
}

boot().catch((err: unknown) => {
  port.send({ type: 'status', phase: 'failed', error: toWireError(err) });
  setTimeout(() => process.exit(3), 50);
});
