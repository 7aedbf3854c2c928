/**
 * A real `serve` over a models folder whose classifier is cut short: the engine crash-loops into `error`. What the
 * probes, /api/status and a refused /ocr say about the engine's next try is worded when they answer, so it counts
 * down with Retry-After instead of repeating the figure of the moment the engine gave up.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startServe, ROOT, type ServeHandle } from '../e2e/serve-process';
import { fixture } from '../helpers/fixtures';
import { until } from '../helpers/http';

let s: ServeHandle;
const models = mkdtempSync(path.join(os.tmpdir(), 'lantern-bad-models-'));
const CORRUPT = 'ch_ppocr_mobile_v2.0_cls_infer.onnx';

before(async () => {
  const from = path.join(ROOT, 'models');
  for (const f of [
    'manifest.json',
    'ppocr_keys_v1.txt',
    'ch_PP-OCRv4_det_infer.onnx',
    'ch_PP-OCRv4_rec_infer.onnx',
  ])
    symlinkSync(path.join(from, f), path.join(models, f));
  writeFileSync(path.join(models, CORRUPT), readFileSync(path.join(from, CORRUPT)).subarray(0, 100_000));
  s = await startServe(['--self-heal-ms', '60000'], { LANTERN_MODELS_DIR: models });
  await until(async () => (await s.health()).state === 'error', 60000, 100);
});
after(async () => {
  await s.stop();
  rmSync(models, { recursive: true, force: true });
});

const auth = () => ({ authorization: `Bearer ${s.token}` });
/** The seconds an English status sentence says are left before the next try. */
const saidSeconds = (text: string): number => {
  const m = /trying again in (\d+) s/.exec(text);
  assert.ok(m, `no "trying again in N s" in: ${text}`);
  return Number(m[1]);
};

/** Every answer that words the wait: its Retry-After and the seconds its text says. */
async function answers(): Promise<{ retryAfter: number; said: number }[]> {
  const ready = await fetch(`${s.origin}/ready`);
  const health = await fetch(`${s.origin}/health`);
  const status = await fetch(`${s.origin}/api/status`, { headers: auth() });
  const ocr = await fetch(`${s.origin}/ocr`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'image/jpeg' },
    body: new Uint8Array(readFileSync(fixture('plate_000.jpg'))),
  });
  assert.equal(ready.status, 503);
  assert.equal(ocr.status, 503);
  const retryAfter = Number(ready.headers.get('retry-after'));
  const st = (await status.json()) as { message: string; error: { message: string } };
  const texts = [
    ((await ready.json()) as { detail: string }).detail,
    ((await health.json()) as { detail: string }).detail,
    st.message,
    st.error.message,
    ((await ocr.json()) as { error: { message: string } }).error.message,
  ];
  return [
    { retryAfter, said: saidSeconds(texts[0]!) },
    ...texts
      .slice(1)
      .map((t) => ({ retryAfter: Number(ocr.headers.get('retry-after')), said: saidSeconds(t) })),
  ];
}

test('a request refused in error names the real cause: the code of the bad model file', async () => {
  const res = await fetch(`${s.origin}/ocr`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'image/jpeg' },
    body: new Uint8Array(readFileSync(fixture('plate_000.jpg'))),
  });
  assert.equal(res.status, 503);
  const { error } = (await res.json()) as {
    error: { code: string; cause?: { code: string; message: string } };
  };
  assert.equal(error.code, 'ENGINE_UNAVAILABLE');
  assert.equal(error.cause?.code, 'MODEL_CORRUPT');
  assert.ok(error.cause.message.includes(CORRUPT), error.cause.message);
});

test(
  'in error, every answer says the seconds actually left, as Retry-After does',
  { timeout: 120000 },
  async () => {
    const first = await answers();
    // Wait until the wait has visibly moved on (Retry-After is a second or more lower), then ask again.
    await until(
      async () =>
        Number((await fetch(`${s.origin}/ready`)).headers.get('retry-after')) < first[0]!.retryAfter - 1,
      60000,
      200,
    );
    const later = await answers();
    for (const a of later) {
      assert.ok(a.said < first[0]!.said, `still says ${a.said} s (first ${first[0]!.said} s)`);
      // Worded in the same second as the header (or the one next to it: two answers, two moments).
      assert.ok(Math.abs(a.said - a.retryAfter) <= 1, `says ${a.said} s, Retry-After ${a.retryAfter}`);
    }
  },
);
