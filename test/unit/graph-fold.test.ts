import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { foldAffine } from '../../app/ocr/graph/affine-fold';
import { decodeGraph } from '../../app/ocr/graph/onnx-graph';
import { buildModel, noise, type BuildNode } from '../helpers/onnx-build';

const scalar = (v: number) => ({ dims: [1], data: Float32Array.of(v) });

/** x·clip(x+3, 0, 6)/6 as paddle2onnx writes it (Clip bounds as inputs from opset 11, as attributes before). */
function hardSwishNodes(x: string, out: string, opset: number): BuildNode[] {
  const clip: BuildNode =
    opset >= 11
      ? { op: 'Clip', inputs: [`${out}.a`, 'zero', 'six'], outputs: [`${out}.c`] }
      : { op: 'Clip', inputs: [`${out}.a`], outputs: [`${out}.c`], floats: { min: 0, max: 6 } };
  return [
    { op: 'Add', inputs: [x, 'three'], outputs: [`${out}.a`] },
    clip,
    { op: 'Mul', inputs: [x, `${out}.c`], outputs: [`${out}.m`] },
    { op: 'Div', inputs: [`${out}.m`, 'six'], outputs: [out] },
  ];
}

/** A learnable affine block as exported: x·s{k} (constant first) then + t{k}, into `${x}.s` and `${x}.t`. */
function affine(x: string, k: number): BuildNode[] {
  return [
    { op: 'Mul', inputs: [`s${k}`, x], outputs: [`${x}.s`] },
    { op: 'Add', inputs: [`${x}.s`, `t${k}`], outputs: [`${x}.t`] },
  ];
}

/**
 * One PP-LCNetV3 block pair as exported: conv → affine → hard-swish → affine → 1×1 conv → affine → hard-swish →
 * affine → padded depthwise conv.
 */
function lcnetBlocks(opset: number, extraOutputs: readonly string[] = []): Uint8Array {
  const c = 8;
  return buildModel({
    opset,
    dims: [1, 4, 9, 7],
    outputs: ['y', ...extraOutputs],
    constants: {
      w1: { dims: [c, 4, 3, 3], data: noise(c * 4 * 9, 1) },
      b1: { dims: [c], data: noise(c, 2) },
      w2: { dims: [c, c, 1, 1], data: noise(c * c, 3) },
      w3: { dims: [c, 1, 3, 3], data: noise(c * 9, 4) },
      b3: { dims: [c], data: noise(c, 5) },
      s1: scalar(1.7),
      t1: scalar(0.4),
      s2: scalar(0.6),
      t2: scalar(-0.3),
      s3: scalar(2.1),
      t3: scalar(0.8),
      s4: scalar(0.45),
      t4: scalar(0.12),
      three: { dims: [], data: Float32Array.of(3) },
      zero: { dims: [], data: Float32Array.of(0) },
      six: { dims: [], data: Float32Array.of(6) },
    },
    nodes: [
      {
        op: 'Conv',
        inputs: ['x', 'w1', 'b1'],
        outputs: ['c1'],
        ints: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] },
      },
      ...affine('c1', 1),
      ...hardSwishNodes('c1.t', 'h1', opset),
      ...affine('h1', 2),
      {
        op: 'Conv',
        inputs: ['h1.t', 'w2'],
        outputs: ['c2'],
        ints: { kernel_shape: [1, 1], pads: [0, 0, 0, 0] },
      },
      ...affine('c2', 3),
      ...hardSwishNodes('c2.t', 'h2', opset),
      ...affine('h2', 4),
      {
        op: 'Conv',
        inputs: ['h2.t', 'w3', 'b3'],
        outputs: ['y'],
        ints: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] },
        int: { group: c },
      },
    ],
  });
}

async function run(model: Uint8Array, names: readonly string[]): Promise<Float32Array[]> {
  const s = await ort.InferenceSession.create(model, {
    graphOptimizationLevel: 'disabled',
    logSeverityLevel: 3,
  });
  const x = new ort.Tensor(
    'float32',
    noise(4 * 9 * 7, 9).map((v) => v * 4),
    [1, 4, 9, 7],
  );
  const out = await s.run({ x });
  const res = names.map((n) => out[n]!.data as Float32Array);
  await s.release();
  return res;
}

function assertClose(a: Float32Array, b: Float32Array): void {
  assert.equal(a.length, b.length);
  const scale = Math.max(...a.map(Math.abs));
  for (let i = 0; i < a.length; i++)
    assert.ok(Math.abs(a[i]! - b[i]!) <= 1e-5 * scale, `element ${i}: ${a[i]} vs ${b[i]}`);
}

const ops = (model: Uint8Array) =>
  decodeGraph(model)
    .nodes.map((n) => n.opType)
    .filter((o) => o !== 'Constant');

for (const opset of [9, 11]) {
  test(`opset ${opset}: the LCNet affine and hard-swish ops fold away and the output stays the same`, async () => {
    const model = lcnetBlocks(opset);
    const folded = foldAffine(model);
    assert.deepEqual(folded.counts, { convAffine: 2, hardSwish: 2, affineIntoConv: 1, affineToBatchNorm: 1 });
    assert.deepEqual(ops(folded.bytes), [
      'Conv',
      'HardSigmoid',
      'Mul',
      'Conv',
      'HardSigmoid',
      'Mul',
      'BatchNormalization',
      'Conv',
    ]);
    const [before] = await run(model, ['y']);
    const [after] = await run(folded.bytes, ['y']);
    assertClose(before!, after!);
  });
}

test('a tensor that is also a graph output is never folded away, and that output keeps its value', async () => {
  const model = lcnetBlocks(11, ['c1.s', 'h2.s']);
  const folded = foldAffine(model);
  // c1 → Mul stops at the visible c1.s, so its Add stays; h2.s is visible, so neither that chain nor a BatchNorm forms.
  assert.equal(folded.counts.affineToBatchNorm, 0);
  const [y0, a0, b0] = await run(model, ['y', 'c1.s', 'h2.s']);
  const [y1, a1, b1] = await run(folded.bytes, ['y', 'c1.s', 'h2.s']);
  assertClose(y0!, y1!);
  assertClose(a0!, a1!);
  assertClose(b0!, b1!);
});

test('a model without the patterns comes back as the same bytes', () => {
  const model = buildModel({
    opset: 11,
    dims: [1, 2, 3, 3],
    outputs: ['y'],
    constants: { w: { dims: [2, 2, 1, 1], data: noise(4, 7) } },
    nodes: [
      { op: 'Conv', inputs: ['x', 'w'], outputs: ['c'], ints: { kernel_shape: [1, 1] } },
      { op: 'Relu', inputs: ['c'], outputs: ['y'] },
    ],
  });
  const folded = foldAffine(model);
  assert.equal(folded.bytes, model);
  assert.deepEqual(folded.counts, { convAffine: 0, hardSwish: 0, affineIntoConv: 0, affineToBatchNorm: 0 });
});
