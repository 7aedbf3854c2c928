import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { foldConvBatchNorm } from '../../app/ocr/graph/bn-fold';
import { decodeGraph } from '../../app/ocr/graph/onnx-graph';
import { buildModel, noise } from '../helpers/onnx-build';

const DIMS = [1, 4, 6, 8];
const pos = (n: number, seed: number, lo: number, hi: number) =>
  noise(n, seed).map((v) => lo + ((v + 1) / 2) * (hi - lo));

/** Conv → BatchNorm that shrinks (|a| ≤ 1) → Relu → Conv without bias → BatchNorm that widens one channel (a > 1). */
function model(): Uint8Array {
  return buildModel({
    opset: 9,
    dims: DIMS,
    outputs: ['y'],
    constants: {
      w1: { dims: [5, 4, 3, 3], data: noise(5 * 4 * 9, 1) },
      b1: { dims: [5], data: noise(5, 2) },
      g1: { dims: [5], data: pos(5, 3, 0.01, 0.05) },
      be1: { dims: [5], data: noise(5, 4) },
      m1: { dims: [5], data: noise(5, 5) },
      v1: { dims: [5], data: pos(5, 6, 0.5, 2) },
      w2: { dims: [3, 5, 1, 1], data: noise(15, 7) },
      g2: { dims: [3], data: Float32Array.of(0.2, 3, 0.5) },
      be2: { dims: [3], data: noise(3, 8) },
      m2: { dims: [3], data: noise(3, 9) },
      v2: { dims: [3], data: Float32Array.of(1, 1, 1) },
    },
    nodes: [
      { op: 'Conv', inputs: ['x', 'w1', 'b1'], outputs: ['c1'], ints: { pads: [1, 1, 1, 1] } },
      {
        op: 'BatchNormalization',
        inputs: ['c1', 'g1', 'be1', 'm1', 'v1'],
        outputs: ['n1'],
        floats: { epsilon: 1e-3 },
      },
      { op: 'Relu', inputs: ['n1'], outputs: ['r1'] },
      { op: 'Conv', inputs: ['r1', 'w2'], outputs: ['c2'] },
      { op: 'BatchNormalization', inputs: ['c2', 'g2', 'be2', 'm2', 'v2'], outputs: ['y'] },
    ],
  });
}

async function run(bytes: Uint8Array): Promise<Float32Array> {
  const s = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'disabled' });
  const x = new ort.Tensor(
    'float32',
    noise(
      DIMS.reduce((a, b) => a * b),
      10,
    ).map((v) => v * 3),
    DIMS,
  );
  const r = await s.run({ x }, ['y']);
  await s.release();
  return r.y!.data as Float32Array;
}

test('a BatchNorm that only shrinks is folded into its Conv with the same result; one that widens stays', async () => {
  const folded = foldConvBatchNorm(model());
  assert.equal(folded.folded, 1);
  const g = decodeGraph(folded.bytes);
  const bns = g.nodes.filter((n) => n.opType === 'BatchNormalization');
  assert.deepEqual(
    bns.map((n) => n.outputs[0]),
    ['y'],
  );
  assert.ok(
    g.nodes.some((n) => n.opType === 'Conv' && n.outputs[0] === 'n1'),
    'the folded Conv writes n1',
  );
  const want = await run(model());
  const got = await run(folded.bytes);
  const spread = Math.max(...want) - Math.min(...want);
  const err = Math.max(...want.map((v, i) => Math.abs(v - got[i]!)));
  assert.ok(spread > 0 && err < 1e-5 * Math.max(1, spread), `folded graph differs by ${err}`);
});
