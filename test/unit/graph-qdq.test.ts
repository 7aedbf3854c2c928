import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { cpuFlags, hasVnni } from '../../app/ocr/cpu-vnni';
import { decodeGraph } from '../../app/ocr/graph/onnx-graph';
import { activationParams, quantisedTensors, quantiseQdq, quantiseWeights } from '../../app/ocr/graph/qdq';
import { buildModel, noise } from '../helpers/onnx-build';

const DIMS = [2, 4, 12, 16];

/**
 * Conv 3×3 → Relu → 1×1 Conv → Slice (opset 9: attributes) → MatMul → Relu, at opset 9 as PP-OCR's recogniser is:
 * every quantisable kind, and a Slice the pass must move to opset 10's form.
 */
function model(extraOutputs: readonly string[] = []): Uint8Array {
  return buildModel({
    opset: 9,
    dims: DIMS,
    outputs: ['y', ...extraOutputs],
    constants: {
      w1: { dims: [8, 4, 3, 3], data: noise(8 * 4 * 9, 1) },
      b1: { dims: [8], data: noise(8, 2) },
      w2: { dims: [6, 8, 1, 1], data: noise(6 * 8, 3).map((v, i) => v * (1 + (i % 6))) },
      b2: { dims: [6], data: noise(6, 4) },
      m: { dims: [16, 5], data: noise(16 * 5, 5) },
    },
    nodes: [
      { op: 'Conv', inputs: ['x', 'w1', 'b1'], outputs: ['c1'], ints: { pads: [1, 1, 1, 1] } },
      { op: 'Relu', inputs: ['c1'], outputs: ['r1'] },
      { op: 'Conv', inputs: ['r1', 'w2', 'b2'], outputs: ['c2'] },
      { op: 'Slice', inputs: ['c2'], outputs: ['s'], ints: { starts: [1], ends: [5], axes: [1] } },
      { op: 'MatMul', inputs: ['s', 'm'], outputs: ['mm'] },
      { op: 'Relu', inputs: ['mm'], outputs: ['y'] },
    ],
  });
}

const input = () =>
  new ort.Tensor(
    'float32',
    noise(
      DIMS.reduce((a, b) => a * b),
      9,
    ),
    DIMS,
  );

async function run(
  bytes: Uint8Array,
  outputs: readonly string[],
  so: ort.InferenceSession.SessionOptions = {},
) {
  const s = await ort.InferenceSession.create(bytes, so);
  const r = await s.run({ x: input() }, [...outputs]);
  await s.release();
  return Object.fromEntries(outputs.map((o) => [o, r[o]!.data as Float32Array]));
}

test('the QDQ pass quantises every Conv and MatMul, onnxruntime fuses them to int8, and the output stays close', async () => {
  const tensors = quantisedTensors(model());
  assert.deepEqual(new Set(tensors), new Set(['x', 'c1', 'r1', 'c2', 's', 'mm']));
  const probe = await run(model(tensors), tensors);
  const ranges = new Map(
    tensors.map((t) => [t, { min: Math.min(...probe[t]!), max: Math.max(...probe[t]!) }]),
  );
  const q = quantiseQdq(model(), ranges);
  assert.equal(q.quantised, 3);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qdq-'));
  try {
    const file = path.join(dir, 'opt.onnx');
    const int8 = await run(q.bytes, ['y'], { graphOptimizationLevel: 'all', optimizedModelFilePath: file });
    const ops = decodeGraph(new Uint8Array(await readFile(file))).nodes.map((n) => n.opType);
    assert.ok(ops.includes('QLinearConv'), `no QLinearConv in ${ops.join(',')}`);
    assert.ok(ops.includes('QLinearMatMul'), `no QLinearMatMul in ${ops.join(',')}`);
    assert.ok(!ops.includes('Conv') && !ops.includes('MatMul'), `float Conv/MatMul left: ${ops.join(',')}`);
    const fp32 = (await run(model(), ['y'])).y!;
    const spread = Math.max(...fp32) - Math.min(...fp32);
    const close = (out: Float32Array, what: string) => {
      const err = Math.max(...fp32.map((v, i) => Math.abs(v - out[i]!)));
      assert.ok(err > 0, `${what} gave the float result exactly: nothing was quantised`);
      assert.ok(err < 0.03 * spread, `${what} differs by ${err} (output spread ${spread})`);
    };
    // The quantisation itself, with onnxruntime's reference Quantize/Dequantize and float kernels (no fusion).
    close((await run(q.bytes, ['y'], { graphOptimizationLevel: 'disabled' })).y!, 'the unfused QDQ graph');
    // Without VNNI onnxruntime's fused u8×s8 kernels add byte pairs in 16 bits, which saturate on such weights; the
    // int8 recogniser is only ever chosen on a CPU with VNNI (cpu-vnni.ts), so that is where the fused result counts.
    if (hasVnni(cpuFlags())) close(int8.y!, 'the fused int8 graph');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('tensors without a calibrated range leave their nodes in float32', () => {
  const q = quantiseQdq(
    model(),
    new Map([
      ['x', { min: -1, max: 1 }],
      ['c1', { min: -2, max: 2 }],
    ]),
  );
  assert.equal(q.quantised, 1);
  const ops = decodeGraph(q.bytes).nodes.map((n) => n.opType);
  assert.equal(ops.filter((o) => o === 'QuantizeLinear').length, 2);
});

test('weights are symmetric int8 per output channel; activations keep zero exact', () => {
  const w = Float32Array.of(1, -0.5, 0.25, 0, 10, -20, 5, 2.5);
  const { q, scales } = quantiseWeights(w, [2, 4], 0);
  assert.deepEqual(
    [...scales].map((s) => +(s * 127).toFixed(5)),
    [1, 20],
  );
  assert.deepEqual([...q], [127, -64, 32, 0, 64, -127, 32, 16]);
  const a = activationParams({ min: -1, max: 3 });
  assert.equal(a.zero, 64);
  assert.ok(Math.abs(a.scale - 4 / 255) < 1e-9);
  assert.deepEqual(activationParams({ min: 0.5, max: 2 }), { scale: 2 / 255, zero: 0 });
});
