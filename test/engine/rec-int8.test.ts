import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { cer } from '../../app/eval/metrics';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { fixture } from '../helpers/fixtures';

test('the int8 recogniser loads when asked for, is cached beside fp32, and reads a page close to fp32', async () => {
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'rec-int8-'));
  const page = new Uint8Array(await readFile(fixture('tess_eurotext.png')));
  try {
    const read = async (recVariant: 'fp32' | 'int8') => {
      const p = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0, cacheDir, recVariant });
      try {
        return {
          variant: p.sessions.recVariant,
          cache: p.sessions.cache.rec,
          text: (await p.recognize(page)).text,
        };
      } finally {
        await p.release();
      }
    };
    const fp32 = await read('fp32');
    const int8 = await read('int8');
    assert.equal(fp32.variant, 'fp32');
    assert.equal(int8.variant, 'int8');
    assert.equal(int8.cache, 'stored', 'the int8 graph must not load the fp32 cache file');
    const files = (await readdir(cacheDir)).filter((f) => f.endsWith('.onnx'));
    assert.equal(files.filter((f) => f.includes('-int8-')).length, 1, files.join(' '));
    assert.equal(files.length, 4, files.join(' ')); // det, cls, rec fp32, rec int8
    assert.equal((await read('int8')).cache, 'hit');
    assert.notEqual(int8.text, '');
    assert.ok(cer(int8.text, fp32.text) < 0.03, `int8 read ${JSON.stringify(int8.text)}`);
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
});
