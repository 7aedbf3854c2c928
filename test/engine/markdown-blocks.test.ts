import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { blocksMarkdown } from '../../app/contracts/blocks-markdown';
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

/** The rows of the pipe tables in Markdown, each its cells' texts (the padding cells left out). */
function pipeRows(md: string): string[][] {
  return md
    .split('\n')
    .filter((l) => l.startsWith('| ') && !/^\| --- \|/u.test(l))
    .map((l) => {
      const cells = l
        .slice(1, -1)
        .split(/(?<!\\)\|/u)
        .map((c) => c.trim().replace(/\\\|/gu, '|'));
      while (cells[cells.length - 1] === '') cells.pop();
      return cells;
    });
}

test("a receipt's Markdown tables are the layout's rows, upright and turned a quarter", async () => {
  // Turned, the boxes lie on their sides: found again from them, the rows fell apart into one cell per line.
  const src = await readFile(fixture('sroie_006.jpg'));
  for (const angle of [0, 90] as const) {
    const r = await pipeline.recognize(angle === 0 ? src : await sharp(src).rotate(angle).png().toBuffer());
    assert.equal(r.orientation, angle);
    const tables = (r.blocks ?? []).filter((b) => b.kind === 'table');
    const rows = tables.flatMap((b) => {
      const cells = (b.rows ?? []).map((row) => row.map((i) => r.lines[i]!.text.trim()));
      return cells.some((c) => c.length > 1) ? cells : [];
    });
    assert.ok(rows.length >= 10, `${angle}°: ${JSON.stringify(r.blocks)}`);
    assert.deepEqual(pipeRows(blocksMarkdown(r.lines, r.blocks ?? [])), rows, `${angle}°`);
  }
});
