import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { cer } from '../../app/eval/metrics';
import { modelsDir } from '../../app/models/paths';
import { ctcCharset } from '../../app/ocr/ctc';
import { localImageOps } from '../../app/ocr/image-ops';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { recognizeSequences, single } from '../../app/ocr/rec';
import { EXACT_SHAPES } from '../../app/ocr/shape-buckets';
import { UNSURE_BELOW } from '../../app/ocr/upright-read';
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

test('the int8 cascade reads an unsure crop again with its fp32 recogniser, and keeps the int8 read of a sure one', async () => {
  const p = await OcrPipeline.create(modelsDir(), {
    provider: 'cpu',
    threads: 0,
    recVariant: 'int8-cascade',
  });
  try {
    const { rec, recFallback, recVariant } = p.sessions;
    assert.equal(recVariant, 'int8-cascade');
    assert.ok(recFallback, 'the cascade loads an fp32 recogniser beside the int8 one');
    const { det: detP, rec: recP } = p.pack.pack;
    const charset = ctcCharset(p.pack.dictionary, recP.useSpaceChar);
    for (const [name, unsure] of [
      ['ic15_word_1753.png', true],
      ['ic15_word_1.png', false],
    ] as const) {
      const page = await localImageOps.decodePage(await readFile(fixture(name)), detP);
      const seqs = [single(page.image, recP)];
      const int8 = await recognizeSequences(rec, seqs, charset, recP);
      const fp32 = await recognizeSequences(recFallback, seqs, charset, recP);
      const cascade = await recognizeSequences(rec, seqs, charset, recP, EXACT_SHAPES, recFallback);
      assert.equal(
        int8.texts[0]!.score < UNSURE_BELOW,
        unsure,
        `${name}: int8 read ${JSON.stringify(int8.texts[0])}`,
      );
      assert.equal(cascade.fellBack, unsure ? 1 : 0, name);
      assert.deepEqual(cascade.texts[0], (unsure ? fp32 : int8).texts[0], name);
      // The fp32 read must be a different one for the check to tell which recogniser ran.
      if (unsure) assert.notEqual(fp32.texts[0]!.text, int8.texts[0]!.text, name);
    }
  } finally {
    await p.release();
  }
});
