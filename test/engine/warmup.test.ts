import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type * as ort from 'onnxruntime-node';
import { recordSessions } from '../../app/engine/replay-sessions';
import { warmUp, warmupPage, warmsSingleBatches } from '../../app/engine/warmup';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { fixture } from '../helpers/fixtures';

let pipeline: OcrPipeline;
before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
});
after(() => pipeline.release());

/** Records the batch size (first input dimension) of every run of each model of `p` while `f` runs. */
async function batchSizesOf(
  p: OcrPipeline,
  f: () => Promise<unknown>,
): Promise<Record<'det' | 'cls' | 'rec', number[]>> {
  const seen = { det: [] as number[], cls: [] as number[], rec: [] as number[] };
  const originals = (['det', 'cls', 'rec'] as const).map((role) => {
    const session = p.sessions[role];
    const run = session.run.bind(session);
    (session as { run: unknown }).run = (feeds: Record<string, ort.Tensor>, ...rest: unknown[]) => {
      seen[role].push(Object.values(feeds)[0]!.dims[0]!);
      return (run as (...a: unknown[]) => unknown)(feeds, ...rest);
    };
    return () => ((session as { run: unknown }).run = run);
  });
  try {
    await f();
  } finally {
    for (const restore of originals) restore();
  }
  return seen;
}

const batchSizes = (f: () => Promise<unknown>) => batchSizesOf(pipeline, f);

test('GPU providers warm batches of one; the CPU does not need to', () => {
  assert.equal(warmsSingleBatches('cpu'), false);
  for (const p of ['webgpu', 'cuda', 'dml', 'coreml']) assert.equal(warmsSingleBatches(p), true);
});

test('the page warm-up runs every model, at batches of several lines', async () => {
  const seen = await batchSizes(() => warmUp(pipeline, undefined, false));
  assert.deepEqual(seen.det, [1]);
  assert.ok(seen.cls.length > 0 && seen.rec.length > 0, JSON.stringify(seen));
  assert.ok(!seen.rec.includes(1) && !seen.cls.includes(1), `no batch of one yet: ${JSON.stringify(seen)}`);
});

test('with batches of one, rec and cls each also run a single line', async () => {
  const seen = await batchSizes(() => warmUp(pipeline, undefined, true));
  assert.equal(seen.det.length, 2, JSON.stringify(seen));
  assert.ok(seen.rec.includes(1), `rec batches ${JSON.stringify(seen.rec)}`);
  assert.ok(seen.cls.includes(1), `cls batches ${JSON.stringify(seen.cls)}`);
});

test('with padded batches (GPU providers) no model runs a batch of one, in warm-up or on a one-word image', async () => {
  const padded = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0, shapes: 'batches' });
  try {
    const seen = await batchSizesOf(padded, async () => {
      await warmUp(padded);
      const word = await readFile(fixture('ic15_word_1.png'));
      assert.notEqual((await padded.recognize(word)).text, '');
    });
    assert.ok(seen.rec.length > 0 && !seen.rec.includes(1), `rec batches ${JSON.stringify(seen.rec)}`);
    assert.ok(
      seen.cls.length > 0 && seen.cls.every((n) => n === 6),
      `cls batches ${JSON.stringify(seen.cls)}`,
    );
  } finally {
    await padded.release();
  }
});

test('the warm-up page is read whole, and replayed sessions read it again the same without running a model', async () => {
  const page = await warmupPage();
  const recorded = recordSessions(pipeline.sessions);
  const real = await pipeline.withSessions(recorded.sessions).recognize(page);
  const texts = real.lines.map((l) => l.text.replace(/ /g, '').toLowerCase());
  assert.equal(texts.filter((t) => t === 'lanternocr2026').length, 7, real.text);
  assert.equal(texts.filter((t) => t === 'ocr' || t === '2026').length, 6, real.text);
  const replay = pipeline.withSessions(recorded.replay());
  let again: typeof real | undefined;
  const seen = await batchSizes(async () => {
    again = await replay.recognize(page);
    again = await replay.recognize(page);
  });
  assert.deepEqual(seen, { det: [], cls: [], rec: [] });
  assert.deepEqual(again?.lines, real.lines);
});
