import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { fixture } from '../helpers/fixtures';

const FULL_WIDTH = /[\uff01-\uff5e]/u;
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/u;

let pipeline: OcrPipeline;
before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
});
after(() => pipeline.release());

// sroie_006 (SROIE, see test/fixtures/SOURCES.md): the recogniser reads its colons full-width ("：CS00004040").
test('a Latin receipt comes out in ASCII: no full-width forms on lines without CJK text, nor in their words', async () => {
  const r = await pipeline.recognize(await readFile(fixture('sroie_006.jpg')), { words: true });
  const latin = r.lines.filter((l) => !CJK.test(l.text));
  assert.ok(latin.length > 20, `${latin.length} Latin lines`);
  for (const l of latin) {
    assert.doesNotMatch(l.text, FULL_WIDTH, l.text);
    for (const w of l.words ?? []) assert.doesNotMatch(w.text, FULL_WIDTH, w.text);
  }
  assert.ok(
    r.lines.some((l) => l.text.startsWith(':')),
    'the colon read full-width before the fold is kept, as ASCII',
  );
});
