import assert from 'node:assert/strict';
import { readdirSync, writeFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { loadPack } from '../../app/models/load';
import { modelsDir } from '../../app/models/paths';
import { rewriteModel } from '../../app/ocr/graph/rewrite';
import { createRewrittenSession } from '../../app/ocr/optimized-cache';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { fixture } from '../helpers/fixtures';

let dir: string;
let reference: string;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lantern-model-cache-'));
  const plain = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0, cacheDir: null });
  assert.deepEqual(plain.sessions.cache, { det: 'off', cls: 'off', rec: 'off' });
  reference = JSON.stringify((await plain.recognize(await readFile(fixture('sroie_006.jpg')))).lines);
  await plain.release();
});
after(() => rm(dir, { recursive: true, force: true }));

async function readWith(): Promise<{ cache: object; lines: string }> {
  const p = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0, cacheDir: dir });
  try {
    const r = await p.recognize(await readFile(fixture('sroie_006.jpg')));
    return { cache: p.sessions.cache, lines: JSON.stringify(r.lines) };
  } finally {
    await p.release();
  }
}

test('the first start stores the optimised graphs, the next loads them, and both read exactly as uncached', async () => {
  const first = await readWith();
  assert.deepEqual(first.cache, { det: 'stored', cls: 'stored', rec: 'stored' });
  assert.equal(readdirSync(dir).filter((f) => f.endsWith('.onnx')).length, 3);
  assert.equal(readdirSync(dir).filter((f) => f.endsWith('.tmp')).length, 0, 'no temporary files left');
  assert.equal(first.lines, reference);
  const second = await readWith();
  assert.deepEqual(second.cache, { det: 'hit', cls: 'hit', rec: 'hit' });
  assert.equal(second.lines, reference);
});

test('a damaged cache file is dropped and rebuilt, and recognition is unaffected', async () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.onnx'));
  assert.equal(files.length, 3, 'runs after the first test');
  for (const f of files) {
    const file = path.join(dir, f);
    writeFileSync(file, Buffer.alloc(statSync(file).size, 7)); // same size: only onnxruntime can tell
  }
  const r = await readWith();
  assert.deepEqual(r.cache, { det: 'stored', cls: 'stored', rec: 'stored' });
  assert.equal(r.lines, reference);
  assert.deepEqual((await readWith()).cache, { det: 'hit', cls: 'hit', rec: 'hit' });
});

test('a graph stored for another rewrite or onnxruntime is replaced, not kept beside the new one', async () => {
  const asShipped = await OcrPipeline.create(modelsDir(), {
    provider: 'cpu',
    threads: 0,
    cacheDir: dir,
    graphRewrite: false,
  });
  assert.deepEqual(asShipped.sessions.cache, { det: 'stored', cls: 'stored', rec: 'stored' });
  await asShipped.release();
  const onnx = () => readdirSync(dir).filter((f) => f.endsWith('.onnx'));
  assert.equal(onnx().length, 3);
  assert.ok(onnx().every((f) => f.includes('-asis-')));
  const old = path.join(dir, onnx()[0]!.replace(/-ort[^-]+-/, '-ort0.0.1-'));
  writeFileSync(old, 'an older onnxruntime');
  writeFileSync(`${old}.size`, '20');
  assert.deepEqual((await readWith()).cache, { det: 'stored', cls: 'stored', rec: 'stored' });
  assert.equal(onnx().length, 3);
  assert.ok(onnx().every((f) => !f.includes('-asis-') && !f.includes('-ort0.0.1-')));
  assert.ok(!readdirSync(dir).some((f) => f.endsWith('.size') && !onnx().includes(f.slice(0, -5))));
});

test('an unwritable cache folder only turns the cache off', async () => {
  const blocker = path.join(dir, 'not-a-folder');
  writeFileSync(blocker, 'x');
  const p = await OcrPipeline.create(modelsDir(), {
    provider: 'cpu',
    threads: 0,
    cacheDir: path.join(blocker, 'sub'),
  });
  try {
    assert.deepEqual(p.sessions.cache, { det: 'off', cls: 'off', rec: 'off' });
    assert.equal(
      JSON.stringify((await p.recognize(await readFile(fixture('sroie_006.jpg')))).lines),
      reference,
    );
  } finally {
    await p.release();
  }
});

test('GPU providers cache the rewritten graph: stored once, then loaded; a damaged one is rebuilt; the CPU graphs stay', async () => {
  // The GPU path differs from the CPU one only in its session options' provider: run it here on the CPU.
  const pack = await loadPack(modelsDir());
  const source = {
    role: 'cls',
    path: pack.paths.cls,
    sha256: pack.pack.files.cls.sha256,
    rewrite: true,
  } as const;
  const so = { executionProviders: ['cpu'], logSeverityLevel: 3 } as const;
  const cpuGraphs = () =>
    readdirSync(dir).filter((f) => f.endsWith('.onnx') && !f.endsWith('.rewritten.onnx'));
  const before = cpuGraphs();
  const input = new ort.Tensor(
    'float32',
    Float32Array.from({ length: 3 * 48 * 192 }, (_, i) => Math.sin(i)),
    [1, 3, 48, 192],
  );
  const outputOf = async (s: ort.InferenceSession) => {
    const out = (await s.run({ [s.inputNames[0]!]: input }))[s.outputNames[0]!]!;
    return [...(out.data as Float32Array)];
  };
  const same = (got: number[], exp: number[]) =>
    assert.ok(
      got.length === exp.length && got.every((v, i) => Math.abs(v - exp[i]!) < 1e-5),
      `${got} ≈ ${exp}`,
    );
  const direct = await ort.InferenceSession.create(rewriteModel('cls', await readFile(source.path)), so);
  const want = await outputOf(direct);
  await direct.release();

  const first = await createRewrittenSession(source, so, dir);
  assert.equal(first.cache, 'stored');
  same(await outputOf(first.session), want);
  await first.session.release();
  const file = readdirSync(dir).find((f) => f.endsWith('.rewritten.onnx'));
  assert.ok(file, 'the rewritten graph is in the cache');
  assert.deepEqual(
    await readFile(path.join(dir, file)),
    Buffer.from(rewriteModel('cls', await readFile(source.path))),
  );
  assert.deepEqual(cpuGraphs(), before, 'storing it leaves the CPU graphs alone');

  const second = await createRewrittenSession(source, so, dir);
  assert.equal(second.cache, 'hit');
  same(await outputOf(second.session), want);
  await second.session.release();

  writeFileSync(path.join(dir, file), Buffer.alloc(statSync(path.join(dir, file)).size, 7));
  const rebuilt = await createRewrittenSession(source, so, dir);
  assert.equal(rebuilt.cache, 'stored');
  same(await outputOf(rebuilt.session), want);
  await rebuilt.session.release();
  assert.deepEqual(
    (await readWith()).cache,
    { det: 'hit', cls: 'hit', rec: 'hit' },
    'the CPU cache still hits',
  );
});
