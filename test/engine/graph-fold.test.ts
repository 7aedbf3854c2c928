import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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
