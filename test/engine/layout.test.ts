import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { cer } from '../../app/eval/metrics';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { fixture, groundTruth } from '../helpers/fixtures';

let pipeline: OcrPipeline;
before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'auto', threads: 0 });
});
after(() => pipeline.release());

test('a two-column page whose lines sit at the same heights reads column by column, with its blocks', async () => {
  const r = await pipeline.recognize(await readFile(fixture('two-column-page.png')));
  const gt = groundTruth('two-column-page.png');
  assert.ok(cer(r.text, gt) < 0.05, `CER ${cer(r.text, gt)}\n${r.text}`);
  const blocks = r.blocks ?? [];
  assert.ok(blocks.length >= 2, JSON.stringify(blocks));
  const first = blocks[0]!.lines.map((i) => r.lines[i]!.text).join(' ');
  const last = blocks[blocks.length - 1]!.lines.map((i) => r.lines[i]!.text).join(' ');
  assert.match(first, /^This is a lot of 12 point text/);
  assert.match(last, /preguiçoso|preguicoso/);
  assert.deepEqual(
    blocks.flatMap((b) => b.lines),
    r.lines.map((_, i) => i),
  );
});
