import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { fixture } from '../helpers/fixtures';

let pipeline: OcrPipeline;
/** Time spent in every real session.run() of the pipeline since the last reset, and how many runs. */
const inside = { ms: 0, runs: 0 };

/** Times each real run() of a session from outside (the models still run: this only measures). */
function timeRuns(session: ort.InferenceSession): void {
  const run = session.run.bind(session) as (
    ...a: unknown[]
  ) => Promise<ort.InferenceSession.OnnxValueMapType>;
  Object.assign(session, {
    run: async (...a: unknown[]) => {
      const t = performance.now();
      try {
        return await run(...a);
      } finally {
        inside.ms += performance.now() - t;
        inside.runs += 1;
      }
    },
  });
}

before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
  for (const s of [pipeline.sessions.det, pipeline.sessions.cls, pipeline.sessions.rec]) timeRuns(s);
});
after(() => pipeline.release());

/** A page read more than once (probed turned, read the other way up) must report all of that work, not its last read. */
async function assertWholeWork(bytes: Buffer, what: string): Promise<void> {
  inside.ms = 0;
  inside.runs = 0;
  const r = await pipeline.recognize(bytes);
  const { ortMs } = pipeline.lastRun;
  // Rounded to 0.1 ms per figure, so allow that much per run.
  const slack = 0.1 * inside.runs;
  assert.ok(ortMs + slack >= inside.ms, `${what}: ortMs ${ortMs} < ${inside.ms} ms in ${inside.runs} runs`);
  assert.ok(r.ms.total + slack >= ortMs, `${what}: total ${r.ms.total} < ortMs ${ortMs}`);
  const parts = r.ms.decode + r.ms.det + r.ms.cls + r.ms.rec;
  assert.ok(r.ms.total + 0.5 >= parts, `${what}: total ${r.ms.total} < its parts ${parts}`);
  assert.ok(
    r.ms.det + r.ms.cls + r.ms.rec + slack >= ortMs,
    `${what}: steps ${JSON.stringify(r.ms)} < ortMs ${ortMs}`,
  );
}

test('a sign turned a quarter (detected again turned, read again) reports every run in ortMs and ms', async () => {
  const src = await readFile(fixture('ic15_test_img_9.jpg'));
  await assertWholeWork(await sharp(src).rotate(90).png().toBuffer(), 'img_9 at 90°');
});

test('a photo with few unsure lines (read the other way up too) reports both reads', async () => {
  const src = await readFile(fixture('ic15_test_img_1.jpg'));
  await assertWholeWork(src, 'img_1 upright');
  await assertWholeWork(await sharp(src).rotate(180).png().toBuffer(), 'img_1 at 180°');
});

test('a page read once reports the same runs', async () => {
  await assertWholeWork(await readFile(fixture('two-column-page.png')), 'two-column page');
});
