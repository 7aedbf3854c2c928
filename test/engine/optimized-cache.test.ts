import assert from 'node:assert/strict';
import { readdirSync, writeFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { modelsDir } from '../../app/models/paths';
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
