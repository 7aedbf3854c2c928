import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { test } from 'node:test';
import { foldAffine } from '../../app/ocr/graph/affine-fold';
import { decodeGraph } from '../../app/ocr/graph/onnx-graph';
import { rewriteModel } from '../../app/ocr/graph/rewrite';
import { loadPack } from '../../app/models/load';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import type { OcrResult } from '../../app/ocr/types';
import { fixture } from '../helpers/fixtures';

const roles = ['det', 'cls', 'rec'] as const;

async function modelBytes(role: (typeof roles)[number]): Promise<Uint8Array> {
  const pack = await loadPack(modelsDir(), undefined, undefined);
  const b = await readFile(pack.paths[role]);
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

const count = (model: Uint8Array, op: string) =>
  decodeGraph(model).nodes.filter((n) => n.opType === op).length;

test('reading and writing back a real model without changes gives the same bytes', async () => {
  for (const role of roles) {
    const model = await modelBytes(role);
    const g = decodeGraph(model);
    assert.deepEqual(g.encode(g.nodes), model, role);
  }
});

test('a model read into a Node Buffer is rewritten as one in its own Uint8Array', async () => {
  // A Buffer's slice() is a view, not a copy: weights copied with it were read from the start of the file.
  const pack = await loadPack(modelsDir(), undefined, undefined);
  for (const role of roles) {
    const buf = await readFile(pack.paths[role]);
    const own = new Uint8Array(buf);
    assert.deepEqual(Buffer.from(rewriteModel(role, buf)), Buffer.from(rewriteModel(role, own)), role);
  }
});

test('every hard-swish of the real models is rewritten and the scalar affine ops are gone from the backbones', async () => {
  for (const role of roles) {
    const model = await modelBytes(role);
    const { bytes, counts } = foldAffine(model);
    // paddle2onnx writes each hard-swish with one Clip, and these models use Clip for nothing else.
    assert.equal(counts.hardSwish, count(model, 'Clip'), role);
    assert.equal(count(bytes, 'Clip'), 0, role);
    assert.equal(count(bytes, 'HardSigmoid'), count(model, 'HardSigmoid') + counts.hardSwish, role);
    if (role !== 'cls') {
      assert.ok(counts.convAffine >= 20 && counts.affineIntoConv > 0 && counts.affineToBatchNorm > 0, role);
      assert.ok(
        count(bytes, 'Mul') + count(bytes, 'Add') < (count(model, 'Mul') + count(model, 'Add')) / 2,
        role,
      );
    }
  }
});

async function readAll(graphRewrite: boolean): Promise<OcrResult[]> {
  const p = await OcrPipeline.create(modelsDir(), {
    provider: 'cpu',
    threads: 0,
    cacheDir: null,
    graphRewrite,
  });
  try {
    const out: OcrResult[] = [];
    for (const f of ['sroie_006.jpg', 'zhscreen_04_chat_ftp.png', 'plate_000.jpg', 'ic15_word_1.png'])
      out.push(await p.recognize(await readFile(fixture(f))));
    return out;
  } finally {
    await p.release();
  }
}

test('the rewritten models read every fixture exactly as the shipped ones: same text, same boxes', async () => {
  const [shipped, rewritten] = [await readAll(false), await readAll(true)];
  for (let i = 0; i < shipped.length; i++) {
    const [a, b] = [shipped[i]!, rewritten[i]!];
    assert.ok(a.lines.length > 0);
    assert.deepEqual(
      b.lines.map((l) => [l.text, l.box]),
      a.lines.map((l) => [l.text, l.box]),
    );
    for (let k = 0; k < a.lines.length; k++)
      assert.ok(Math.abs(a.lines[k]!.score - b.lines[k]!.score) < 1e-3);
  }
});

/** The graph onnxruntime itself makes of `model` for this CPU (optimisation level 'all'), as its saved file. */
async function ortOptimised(model: Uint8Array, dir: string, name: string): Promise<Uint8Array> {
  const file = path.join(dir, `${name}.onnx`);
  const session = await ort.InferenceSession.create(model, {
    graphOptimizationLevel: 'all',
    optimizedModelFilePath: file,
    intraOpNumThreads: 1,
    logSeverityLevel: 3,
  });
  await session.release();
  return new Uint8Array(await readFile(file));
}

test('onnxruntime alone does not do these fusions: its optimised shipped graphs keep hard-swish spelled out, the affine ops and twice the layout reorders', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lantern-ortopt-'));
  try {
    for (const role of ['det', 'rec'] as const) {
      const model = await modelBytes(role);
      const alone = await ortOptimised(model, dir, `${role}-shipped`);
      const ours = await ortOptimised(rewriteModel(role, model), dir, `${role}-rewritten`);
      const nodes = (m: Uint8Array) => decodeGraph(m).nodes.length;
      const elementwise = (m: Uint8Array) => count(m, 'Mul') + count(m, 'Add') + count(m, 'Div');
      const reorders = (m: Uint8Array) => count(m, 'ReorderInput') + count(m, 'ReorderOutput');
      const figures = `${role}: nodes ${nodes(alone)} vs ${nodes(ours)}, elementwise ${elementwise(alone)} vs ${elementwise(ours)}, reorders ${reorders(alone)} vs ${reorders(ours)}`;
      assert.ok(count(alone, 'Clip') > 0 && count(ours, 'Clip') === 0, figures);
      assert.ok(elementwise(ours) * 4 < elementwise(alone), figures);
      assert.ok(reorders(ours) * 2 < reorders(alone), figures);
      assert.ok(nodes(ours) * 2 < nodes(alone), figures);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
