/**
 * The engine worker: loads the det, cls and rec sessions once, warms them up, then serves engine-protocol requests on
 * its main thread, and, with two lanes on the CPU while that is busy, recognitions on a second lane with sessions of
 * its own (lane-thread.ts, started when first needed), both lanes then on half the threads (split-sessions.ts). The
 * next queued image is read and decoded meanwhile (input-prefetch.ts). Runs under Electron's utilityProcess and under
 * Node's child_process.fork (see worker-port.ts).
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import {
  engineRequestSchema,
  type EngineRequest,
  type EngineResponse,
  type WorkerReady,
} from '../contracts/engine-protocol';
import { LanternError, toWireError } from '../contracts/errors';
import * as z from '../contracts/zod-mini';
import { modelsDir } from '../models/paths';
import { OcrPipeline, type PageClock, type RecognizeOptions } from '../ocr/pipeline';
import { createSessions, releaseSessions, type Sessions } from '../ocr/sessions';
import type { OcrResult, Page } from '../ocr/types';
import type { ProviderChoice } from '../ocr/providers';
import { gpuTuning } from './gpu-tuning';
import { recVariantFromEnv } from '../ocr/rec-int8';
import { InputPrefetch } from './input-prefetch';
import { ImageThread } from './image-thread-client';
import { LaneThread } from './lane-client';
import { laneIdleFromEnv, laneStep, type LaneEvent, type LaneLife } from './lane-life';
import { lanePlan, lanesFromEnv } from './lanes';
import { Timers } from './timers';
import { splitSessions } from './split-sessions';
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
/**
 * The second lane: planned at ready, started the first time a recognition waits while the main thread is busy, with
 * the main thread's sessions at the split thread count (`split`) loaded alongside; both released after `idleMs`
 * without work for the lane (lane-life.ts).
 */
let extra:
  | {
      readonly start: () => LaneThread;
      readonly loadSplit: () => Promise<Sessions>;
      readonly splitThreads: number;
      readonly idleMs: number;
      life: LaneLife;
      lane?: LaneThread;
      split?: Sessions;
      busy: boolean;
      idleDue: boolean;
      answered: number;
    }
  | undefined;
const laneTimer = new Timers<'idle'>();

const reply = (r: EngineResponse) => port.send(r);
const fail = (id: string, err: unknown) => reply({ id, ok: false, error: toWireError(err) });

type RecognizeRequest = Extract<EngineRequest, { type: 'recognize' }>;

async function readInput(req: RecognizeRequest): Promise<{ bytes: Uint8Array; file?: string }> {
  if (req.input.kind === 'bytes')
    return { bytes: req.input.bytes, ...(req.input.name ? { file: req.input.name } : {}) };
  try {
    return { bytes: await readFile(req.input.path), file: req.input.path };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new LanternError(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      `cannot read ${req.input.path}: ${code ?? String(err)}`,
    );
  }
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

type RecognizeOn = (page: Page, opts: RecognizeOptions, clock: PageClock) => Promise<OcrResult>;

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
  for (let req = queue.shift(); req; req = queue.shift()) {
    feedExtra();
    try {
      await handle(req, pipeline);
    } catch (err) {
      fail(req.id, err);
    }
  }
  draining = false;
  releaseIfDue();
}

type Extra = NonNullable<typeof extra>;

/** Moves the second lane along its table (lane-life.ts); a step the table does not have is a bug here. */
function step(x: Extra, event: LaneEvent): void {
  const next = laneStep(x.life, event);
  if (!next) throw new Error(`second lane: ${event} in ${x.life}`);
  x.life = next;
}

/** Tells the host how many lanes are running now (its status' `lanesRunning`). */
const sendLanes = (running: 1 | 2) => port.send({ type: 'lanes', running });

/** Starts the second lane and the main lane's split sessions; a lane that cannot start leaves the worker on one. */
function startExtra(x: Extra): void {
  step(x, 'wanted');
  const lane = x.start();
  x.lane = lane;
  const split = x.loadSplit();
  Promise.all([lane.ready, split]).then(
    ([ms, sessions]) => {
      if (extra !== x) return void lane.terminate().then(() => releaseSessions(sessions)); // shut down meanwhile
      x.split = sessions;
      step(x, 'started');
      sendLanes(2);
      port.send({
        type: 'log',
        level: 'info',
        message:
          `second recognition lane ready (warm-up ${ms} ms); the main lane runs ${x.splitThreads} intra-op ` +
          `thread${x.splitThreads > 1 ? 's' : ''} while both lanes are busy`,
      });
      armLaneIdle(x);
      feedExtra();
    },
    (err: Error) => {
      port.send({
        type: 'log',
        level: 'warn',
        message: `second recognition lane did not start: ${err.message}`,
      });
      void lane.terminate();
      void split.then(releaseSessions, () => {}); // a set that failed to load is the error reported above
      if (extra === x) extra = undefined;
    },
  );
}

/** Counts the lane's idle time from now: when it runs out, the lane is released once neither lane is busy. */
function armLaneIdle(x: Extra): void {
  laneTimer.set('idle', x.idleMs, () => {
    x.idleDue = true;
    releaseIfDue();
  });
}

/**
 * Releases the second lane and the split sessions once its idle time ran out and nothing runs: the main lane is idle
 * too, so no model run of it holds a split session. Requests meanwhile go to the main lane; the next one that waits
 * behind another once the release is done starts the lane again.
 */
function releaseIfDue(): void {
  const x = extra;
  if (!x?.idleDue || x.life !== 'ready' || x.busy || draining) return;
  x.idleDue = false;
  step(x, 'idle');
  const { lane, split } = x;
  x.lane = undefined;
  x.split = undefined; // the main lane's sessions answer with every thread from here
  sendLanes(1);
  void (async () => {
    await lane?.terminate();
    if (split) await releaseSessions(split);
    collectFull();
    return `second recognition lane released after ${x.idleMs / 1000} s without work for it`;
  })().then(
    (message) => released(x, 'info', message),
    (err: unknown) => released(x, 'warn', `second recognition lane released with an error: ${String(err)}`),
  );
}

/** Ends a release (what could not be freed is not retried: the next start loads afresh); a waiting request restarts it. */
function released(x: Extra, level: 'info' | 'warn', message: string): void {
  step(x, 'released');
  port.send({ type: 'log', level, message });
  feedExtra();
}

/** While the main thread is busy, hands the next queued recognition to the extra lane (starting it when absent). */
function feedExtra(): void {
  const next = queue[0];
  const x = extra;
  if (!x || !draining || next?.type !== 'recognize') return;
  if (x.life === 'absent') return startExtra(x);
  if (x.life !== 'ready' || x.busy) return; // starting or releasing: the main lane takes it
  const lane = x.lane!;
  queue.shift();
  x.busy = true;
  x.idleDue = false;
  void recognize(next, (page, opts, clock) => lane.recognize(page, opts, clock))
    .catch((err: unknown) => fail(next.id, err))
    .finally(() => {
      if (x.answered++ === 0)
        port.send({
          type: 'log',
          level: 'debug',
          message: 'second recognition lane answered its first request',
        });
      x.busy = false;
      armLaneIdle(x);
      feedExtra();
      releaseIfDue();
    });
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
        const last = extra;
        extra = undefined; // the main lane's sessions answer with every thread from here
        laneTimer.clearAll();
        await last?.lane?.terminate();
        if (last?.split) await releaseSessions(last.split);
        await pipeline?.release();
        reply({ id: req.id, ok: true, type: 'shutdown', result: {} });
        setTimeout(() => process.exit(0), 20);
      })();
      return;
    default:
      queue.push(req);
      if (draining) {
        feedExtra();
        offerNext();
      }
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
  let main = p;
  if (plan.lanes > 1) {
    const warmupPage = await page;
    main = p.withSessions(
      splitSessions(
        p.sessions,
        () => extra?.split,
        () => extra?.busy === true,
      ),
    );
    extra = {
      splitThreads: plan.splitThreads,
      idleMs: laneIdleFromEnv(process.env.LANTERN_LANE_IDLE_MS),
      life: 'absent',
      idleDue: false,
      loadSplit: () =>
        createSessions(p.pack, {
          provider: 'cpu',
          threads: plan.splitThreads,
          recVariant: p.sessions.recVariant,
        }),
      start: () =>
        LaneThread.start(
          new URL('./lane-thread.mjs', import.meta.url),
          {
            modelsDir: modelsDir(),
            threads: plan.splitThreads,
            recVariant: p.sessions.recVariant,
            ...(process.env.LANTERN_PACK ? { packId: process.env.LANTERN_PACK } : {}),
            warmupPage,
          },
          (err) => {
            process.stderr.write(`recognition lane died: ${err.message}\n`);
            setTimeout(() => process.exit(4), 20);
          },
        ),
      busy: false,
      answered: 0,
    };
  }
  const ready: WorkerReady = {
    provider: p.provider,
    providerSummary: p.sessions.provider.summary,
    recVariant: p.sessions.recVariant,
    loadMs: p.sessions.loadMs,
    warmupMs,
    readyMs: Math.round(performance.now()),
    lanes: plan.lanes,
  };
  pipeline = main;
  port.send({ type: 'status', phase: 'ready', ready });
  void drain();
}

boot().catch((err: unknown) => {
  port.send({ type: 'status', phase: 'failed', error: toWireError(err) });
  setTimeout(() => process.exit(3), 50);
});
