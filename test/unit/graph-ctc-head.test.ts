import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { addCtcHead, CTC_HEAD } from '../../app/ocr/graph/ctc-head';
import { buildModel, noise } from '../helpers/onnx-build';

const [BATCH, STEPS, CLASSES] = [2, 5, 7];

/** A recogniser's tail: [batch, steps, classes] scores through Softmax over the classes, at `opset`. */
function softmaxModel(opset: number): Uint8Array {
  return buildModel({
    opset,
    dims: [BATCH, STEPS, CLASSES],
    constants: {},
    nodes: [{ op: 'Softmax', inputs: ['x'], outputs: ['y'], int: { axis: 2 } }],
    outputs: ['y'],
  });
}

/** Runs the model with its head and returns the probabilities and the head's three outputs. */
async function runHead(opset: number) {
  const { bytes, added } = addCtcHead(softmaxModel(opset));
  assert.ok(added, `head added at opset ${opset}`);
  const s = await ort.InferenceSession.create(bytes);
  const x = new ort.Tensor(
    'float32',
    noise(BATCH * STEPS * CLASSES, 7).map((v) => v * 4),
    [BATCH, STEPS, CLASSES],
  );
  const r = await s.run({ x }, ['y', CTC_HEAD.index, CTC_HEAD.prob, CTC_HEAD.last]);
  await s.release();
  return {
    y: r.y!.data as Float32Array,
    index: r[CTC_HEAD.index]!,
    prob: r[CTC_HEAD.prob]!.data as Float32Array,
    last: r[CTC_HEAD.last]!,
  };
}

for (const opset of [9, 13])
  test(`the CTC head gives each step's argmax, its probability and the last class's (opset ${opset})`, async () => {
    const { y, index, prob, last } = await runHead(opset);
    assert.deepEqual(index.dims, [BATCH, STEPS]);
    assert.deepEqual(last.dims, [BATCH, STEPS]);
    const idx = index.data as Int32Array;
    const lastP = last.data as Float32Array;
    for (let t = 0; t < BATCH * STEPS; t++) {
      const row = Array.from(y.subarray(t * CLASSES, (t + 1) * CLASSES));
      const best = row.indexOf(Math.max(...row));
      assert.equal(idx[t], best);
      assert.equal(prob[t], row[best]);
      assert.equal(lastP[t], row[CLASSES - 1]);
    }
  });

test('a graph at opset 18 or later (ReduceMax takes its axes as an input) is left as it is', () => {
  const model = softmaxModel(18);
  const { bytes, added } = addCtcHead(model);
  assert.equal(added, false);
  assert.equal(bytes, model);
});
