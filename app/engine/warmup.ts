/** Warm-up and self-test inputs: the known self-test image, and a page-sized composite of it for real shapes. */
import * as ort from 'onnxruntime-node';
import { normalizeText } from '../eval/metrics';
import { rotate180 } from '../ocr/crop';
import { loadSharp } from '../ocr/decode';
import type { OcrPipeline } from '../ocr/pipeline';
import { recFetches } from '../ocr/rec';
import { warmShapes, type ShapeMode } from '../ocr/shape-buckets';
import { recordSessions } from './replay-sessions';
import { SELF_TEST_PNG_BASE64, SELF_TEST_TEXT } from './self-test-image';

/** The self-test image bytes. */
export const selfTestImage = (): Buffer => Buffer.from(SELF_TEST_PNG_BASE64, 'base64');

/**
 * A 960x544 page with the self-test text tiled on it seven times, so warm-up runs det, cls and rec at request-sized
 * shapes: onnxruntime's first run at a shape costs more than later ones, most where its arena must grow. 960x544 is the
 * detector input of a 16:9 screenshot or photo (and about the pixel count of a receipt's 384x960): a smaller page
 * leaves a first 16:9 request cold, a larger one lengthens the time to ready for nothing (docs/engine.md). The seven
 * lines make one recognition batch at the column limit (5 × 476 of the manifest's 2,400: every later batch fits the
 * arena this grows) and a two-line batch. Two lines are upside down: the angle classifier only looks at unsure reads,
 * so an upright page alone would leave it cold. Six short words below them take the receipt path (short crops packed
 * into one recogniser slot, pack-crops.ts), which a first receipt would otherwise run cold. It is a JPEG, the format of
 * most photos and scans, and it encodes faster at start than a PNG (deflate).
 */
export async function warmupPage(): Promise<Buffer> {
  const sharp = await loadSharp();
  const tile = selfTestImage();
  const turned = await sharp(tile).rotate(180).png().toBuffer();
  const composites = Array.from({ length: 7 }, (_, i) => ({
    input: i >= 5 ? turned : tile,
    left: 40 + (i % 2) * 440,
    top: 20 + Math.floor(i / 2) * 80,
  }));
  const word = (left: number) => sharp(tile).extract({ left, top: 0, width: 70, height: 48 }).toBuffer();
  const [ocr, year] = await Promise.all([word(116), word(188)]);
  const words = Array.from({ length: 6 }, (_, i) => ({
    input: i % 2 ? year : ocr,
    left: 60 + (i % 4) * 240,
    top: 350 + Math.floor(i / 4) * 90 + (i % 2) * 45,
  }));
  return sharp({ create: { width: 960, height: 544, channels: 3, background: '#ffffff' } })
    .composite([...composites, ...words])
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** Whether recognised text is the self-test text (case and spaces ignored: the model may read "OCR" as "OcR"). */
export function isSelfTestText(text: string): boolean {
  const squash = (s: string) => normalizeText(s).replace(/ /g, '').toLowerCase();
  return squash(text) === squash(SELF_TEST_TEXT);
}

/**
 * Whether the warm-up also runs batches of one. GPU providers build separate kernels for them, and the page above only
 * makes batches of several lines, so a request with one line (a word, a crop, a one-line screenshot) would pay for
 * building them. On the CPU a batch of one costs nothing extra, so the CPU skips it and keeps its time to ready; with
 * padded batches (shape-buckets.ts) no batch of one is ever run. Figures: docs/gpu.md.
 */
export function warmsSingleBatches(provider: string, shapes: ShapeMode = 'exact'): boolean {
  return provider !== 'cpu' && shapes === 'exact';
}

/**
 * Passes of our own code over the warm-up page after the real one, with the models' answers replayed: after one pass
 * V8 has not yet optimised the per-pixel and per-line functions, and a first request would run them slower.
 */
const JIT_PASSES = 3;

async function runBlank(session: ort.InferenceSession, dims: number[], fetches?: string[]): Promise<void> {
  const input = new ort.Tensor('float32', new Float32Array(dims.reduce((a, b) => a * b, 1)), dims);
  const feeds = { [session.inputNames[0]!]: input };
  const out = await (fetches ? session.run(feeds, fetches) : session.run(feeds));
  for (const t of Object.values(out)) t.dispose();
}

/**
 * Runs each model once at every warm-up shape of the pipeline's shape policy (none under exact shapes), on blank
 * inputs: what a GPU provider builds on first use (kernels, pipelines, buffers) depends on the shapes, not the pixels.
 */
export async function warmBuckets(pipeline: OcrPipeline): Promise<void> {
  const { det, cls, rec } = pipeline.pack.pack;
  const shapes = warmShapes(pipeline.shapes, det, rec, cls);
  const s = pipeline.sessions;
  for (const { w, h } of shapes.det) await runBlank(s.det, [1, 3, h, w]);
  for (const n of shapes.cls) await runBlank(s.cls, [n, 3, cls.height, cls.width]);
  for (const { count, width } of shapes.rec)
    await runBlank(s.rec, [count, 3, rec.height, width], recFetches(s.rec));
}

/**
 * Runs the warm-up: the shape policy's shapes on GPU providers, then the page composite once (every model at realistic
 * shapes, and our own code on its real path), our own code over it again with the models' answers replayed
 * (replay-sessions.ts), a decode that needs a resize, and on GPU providers with exact shapes one upside-down line (a one-line
 * rec batch, a one-crop angle check, the re-read). Pass `page` when it was started earlier (the worker composes it on
 * libuv's threads while the sessions load); the time counts from when it is awaited.
 */
export async function warmUp(
  pipeline: OcrPipeline,
  page: Promise<Buffer> = warmupPage(),
  singles = warmsSingleBatches(pipeline.provider, pipeline.shapes.mode),
): Promise<number> {
  const t = performance.now();
  const bytes = await page;
  await warmBuckets(pipeline);
  const recorded = recordSessions(pipeline.sessions);
  await pipeline.withSessions(recorded.sessions).recognize(bytes);
  const replay = pipeline.withSessions(recorded.replay());
  const decoded = await replay.decodePage(bytes);
  try {
    for (let i = 0; i < JIT_PASSES; i++) await replay.recognizePage(decoded);
  } finally {
    replay.releasePage(decoded);
  }
  // The page needs no resize to the detector's size; most requests do (and PNG is the other common format).
  pipeline.releasePage(await pipeline.decodePage(selfTestImage()));
  if (singles) await pipeline.recognizeImage(rotate180(await pipeline.decode(selfTestImage())));
  return Math.round(performance.now() - t);
}
