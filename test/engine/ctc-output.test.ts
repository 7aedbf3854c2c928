import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { modelsDir } from '../../app/models/paths';
import { ctcCharset, ctcEmit } from '../../app/ocr/ctc';
import { decodeImage } from '../../app/ocr/decode';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { HALF_NORM, writeResized } from '../../app/ocr/tensor';
import { fixture } from '../helpers/fixtures';

let pipeline: OcrPipeline;
before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
});
after(() => pipeline.release());

test('the recogniser outputs softmax probabilities, so ctcEmit’s early stop at p > 0.5 decodes as a full argmax', async () => {
  const { rec: p } = pipeline.pack.pack;
  const img = await decodeImage(await readFile(fixture('sroie_006.jpg')));
  const strip = { ...img, height: 60, data: img.data.subarray(img.width * 3 * 300, img.width * 3 * 360) };
  const w = Math.ceil((p.height * strip.width) / strip.height);
  const input = new Float32Array(3 * p.height * w);
  writeResized(strip, w, p.height, w, input, 0, p.channelOrder, HALF_NORM);
  const s = pipeline.sessions.rec;
  const out = (await s.run({ [s.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, p.height, w]) }))[
    s.outputNames[0]!
  ]!;
  const [, steps, classes] = out.dims as [number, number, number];
  const probs = out.data as Float32Array;
  const naive: number[] = [];
  for (let t = 0; t < steps; t++) {
    const row = probs.subarray(t * classes, (t + 1) * classes);
    const sum = row.reduce((a, v) => a + v, 0);
    assert.ok(Math.abs(sum - 1) < 1e-3, `step ${t} sums to ${sum}`);
    naive.push(row.indexOf(Math.max(...row)));
  }
  const charset = ctcCharset(pipeline.pack.dictionary, p.useSpaceChar);
  const expected = naive
    .filter((c, t) => c !== 0 && c !== naive[t - 1])
    .map((c) => charset[c])
    .join('');
  const emitted = ctcEmit(probs, 0, steps, classes, charset);
  assert.ok(expected.length > 10, `the strip holds text: "${expected}"`);
  assert.equal(emitted.map((e) => e.ch).join(''), expected);
});
