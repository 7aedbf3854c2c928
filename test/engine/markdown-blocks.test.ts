import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { documentMarkdown } from '../../app/contracts/document-formats';
import { bytesRecognizer } from '../../app/documents/engine-recognizer';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { fixture } from '../helpers/fixtures';

let pipeline: OcrPipeline;
before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'auto', threads: 0 });
});
after(() => pipeline.release());

/** A fixture read as a document through the real pipeline, as Markdown. */
async function markdownOf(name: string): Promise<string> {
  const doc = await recognizeDocument(
    await readFile(fixture(name)),
    bytesRecognizer((bytes) => pipeline.recognize(bytes)),
  );
  return documentMarkdown(doc);
}

test('a two-column page as Markdown: whole paragraphs, the left column before the right', async () => {
  const md = await markdownOf('two-column-merged.png');
  const [heading, ...paragraphs] = md.trimEnd().split('\n\n');
  assert.equal(heading, '## Page 1');
  assert.ok(paragraphs.length >= 2, md);
  for (const p of paragraphs) assert.ok(!p.includes('\n'), `a paragraph is one line:\n${p}`);
  const left = paragraphs.findIndex((p) => /^of the Work and reproducing .* redistributing$/u.test(p));
  const right = paragraphs.findIndex((p) => /^damages\. 9\. Accepting Warranty/u.test(p));
  assert.ok(left >= 0 && right > left, md);
  assert.match(paragraphs[left]!, /NOTICE file\. 7\. Disclaimer of Warranty\./u);
});

test('a receipt as Markdown: its keys and amounts stand in pipe tables, one cell each', async () => {
  const md = await markdownOf('sroie_006.jpg');
  assert.match(md, /^\| --- \| --- \|/mu, md);
  assert.match(md, /^\| Total Sales :? \| 327\.00 \|/mu, md);
  assert.match(md, /^SOON HUAT MACHINERY ENTERPRISE$/mu, md);
});
