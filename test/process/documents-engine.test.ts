import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { isReadPage } from '../../app/documents/document-types';
import { documentBody, ocrDocument } from '../../app/documents/http-output';
import { stopHosts, makeHost, waitForState } from '../helpers/engine';
import { fixture } from '../helpers/fixtures';
import { img2pdf } from '../helpers/pdf-fixtures';
import { tempFolder } from '../helpers/temp-folder';

after(stopHosts);

test('a PDF through the engine process, page by page: JSON, txt, md and the searchable PDF the HTTP API answers', async (t) => {
  const dir = tempFolder('lantern-docs-engine-', t);
  const pdf = readFileSync(
    img2pdf([fixture('plate_000.jpg'), fixture('zhscreen_04_chat_ftp.png')], path.join(dir, 'in.pdf')),
  );
  const { host } = makeHost();
  host.start();
  await waitForState(host, 'ready');
  const seen: number[] = [];
  const doc = await ocrDocument(host, pdf, { onPage: (done) => seen.push(done) });
  assert.deepEqual(seen, [1, 2]);
  assert.deepEqual(
    doc.pages.map((p) => isReadPage(p) && p.source),
    ['ocr', 'ocr'],
  );
  assert.match(doc.text, /L3N67[^\f]*\n\f[^\f]*ftp/u);
  // The layout's blocks come back from the engine process on every OCRed page (the Markdown is built from them).
  for (const p of doc.pages)
    assert.ok(
      isReadPage(p) && p.blocks && p.blocks.flatMap((b) => b.lines).length === p.lines.length,
      `page ${p.page}`,
    );
  const json = await documentBody(pdf, doc, 'json');
  assert.equal(json.contentType, 'application/json');
  assert.equal((JSON.parse(json.body as string) as { pages: unknown[] }).pages.length, 2);
  assert.match(
    (await documentBody(pdf, doc, 'md')).body as string,
    /## Page 1\n\n[^]*L3N67[^]*## Page 2\n\n/u,
  );
  assert.equal((await documentBody(pdf, doc, 'txt')).body, `${doc.text}\n`);
  const out = await documentBody(pdf, doc, 'pdf');
  assert.equal(out.contentType, 'application/pdf');
  writeFileSync(path.join(dir, 'out.pdf'), out.body);
  const text = execFileSync('pdftotext', [path.join(dir, 'out.pdf'), '-'], { encoding: 'utf8' });
  assert.match(text, /L3N67/u);
  assert.match(text, /显示远端机器目录下的文件名列表/u);
});
