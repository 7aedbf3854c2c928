import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { modelsDir } from '../../app/models/paths';
import { ctcCharset, ctcEmit, stepMaxima } from '../../app/ocr/ctc';
import { CTC_HEAD } from '../../app/ocr/graph/ctc-head';
import { decodeImage } from '../../app/ocr/decode';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { HALF_NORM, writeResized } from '../../app/ocr/tensor';
import { fixture } from '../helpers/fixtures';

let pipeline: OcrPipeline;
before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
});
after(() => pipeline.release());

/** Runs the recogniser on a 60-px strip of a receipt: every output of the loaded graph, by name. */
async function readStrip(): Promise<Record<string, ort.Tensor>> {
  const { rec: p } = pipeline.pack.pack;
  const img = await decodeImage(await readFile(fixture('sroie_006.jpg')));
  const strip = { ...img, height: 60, data: img.data.subarray(img.width * 3 * 300, img.width * 3 * 360) };
  const w = Math.ceil((p.height * strip.width) / strip.height);
  const input = new Float32Array(3 * p.height * w);
  writeResized(strip, w, p.height, w, input, 0, p.channelOrder, HALF_NORM);
  const s = pipeline.sessions.rec;
  return s.run({ [s.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, p.height, w]) }, [
    ...s.outputNames,
  ]);
}

test('the recogniser outputs softmax probabilities, so ctcEmit’s early stop at p > 0.5 decodes as a full argmax', async () => {
  const { rec: p } = pipeline.pack.pack;
  const out = (await readStrip())[pipeline.sessions.rec.outputNames[0]!]!;
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
  const emitted = ctcEmit(stepMaxima(probs, 0, steps, classes), charset);
  assert.ok(expected.length > 10, `the strip holds text: "${expected}"`);
  assert.equal(emitted.map((e) => e.ch).join(''), expected);
});

test('the CTC head added to the recogniser gives each step’s argmax class, its probability and the space’s', async () => {
  assert.deepEqual(pipeline.sessions.rec.outputNames.slice(1), [
    CTC_HEAD.index,
    CTC_HEAD.prob,
    CTC_HEAD.last,
  ]);
  const charset = ctcCharset(pipeline.pack.dictionary, pipeline.pack.pack.rec.useSpaceChar);
  assert.equal(charset[charset.length - 1], ' ', 'the last class is the space');
  const res = await readStrip();
  const probs = res[pipeline.sessions.rec.outputNames[0]!]!;
  const [, steps, classes] = probs.dims as [number, number, number];
  const fromProbs = stepMaxima(probs.data as Float32Array, 0, steps, classes);
  assert.deepEqual(res[CTC_HEAD.index]!.dims, [1, steps]);
  assert.deepEqual([...(res[CTC_HEAD.index]!.data as Int32Array)], Array.from(fromProbs.index));
  const prob = res[CTC_HEAD.prob]!.data as Float32Array;
  for (let t = 0; t < steps; t++) assert.equal(prob[t], fromProbs.prob[t]);
  const last = res[CTC_HEAD.last]!.data as Float32Array;
  for (let t = 0; t < steps; t++) assert.equal(last[t], fromProbs.last[t]);
  assert.equal(classes, charset.length);
});
