/**
 * The "pdf" output format of a watched folder: a searchable PDF beside txt and json, never taken back as an input,
 * its text layer word by word on the recognised word boxes, as a document's pages get it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import type { OcrResult } from '../../app/ocr/types';
import { fixture } from '../helpers/fixtures';
import { layerWords, wordsOffTheirBoxes } from '../helpers/text-layer-check';
import { harness, listFiles, PLATE_TEXT, tempDir, useInProcessService, waitFor } from './helpers';

const service = useInProcessService();

describe('watch: pdf output', () => {
  it('writes a one-page searchable PDF with words on their boxes beside each image; the PDFs are not read again', async () => {
    const { dir: root, cleanup } = tempDir();
    const inDir = path.join(root, 'in');
    mkdirSync(inDir);
    const h = harness(service(), path.join(root, 'ledger.db'));
    try {
      await h.manager.start();
      // Outputs beside the images and a pattern that matches everything: the PDFs must not come back as inputs.
      const folder = await h.manager.add(inDir, { formats: ['txt', 'json', 'pdf'], patterns: ['*'] });
      copyFileSync(fixture('plate_000.jpg'), path.join(inDir, 'plate.jpg'));
      copyFileSync(fixture('zhscreen_04_chat_ftp.png'), path.join(inDir, 'chat.png'));
      copyFileSync(fixture('tess_eurotext.png'), path.join(inDir, 'euro.png'));
      await waitFor(() => h.ledger.counts(folder.id).done === 3, '3 done', 120000);
      await h.manager.whenIdle();
      const outputs = (name: string) => [name, `${name}.json`, `${name}.pdf`, `${name}.txt`];
      assert.deepEqual(listFiles(inDir).sort(), [
        ...outputs('chat.png'),
        ...outputs('euro.png'),
        ...outputs('plate.jpg'),
      ]);
      // A page of Latin text: every word pdftotext finds in the layer lies on the word box it was read at.
      const euro = JSON.parse(readFileSync(path.join(inDir, 'euro.png.json'), 'utf8')) as OcrResult;
      const { ours, found } = layerWords(path.join(inDir, 'euro.png.pdf'), euro);
      assert.ok(ours.length > 2 * euro.lines.length, `lines carry their words (${ours.length} words)`);
      assert.ok(found.length >= ours.length * 0.8, `pdftotext finds the words (${found.length})`);
      // The scan's lines rise by about 4 pt across the page; each is set level on one baseline (text-layer.ts).
      assert.deepEqual(wordsOffTheirBoxes(ours, found, 3), [], 'words on none of our word boxes');
      for (const [name, text] of [
        ['plate.jpg', PLATE_TEXT.replace('·', '')],
        ['chat.png', 'ftp'],
      ] as const) {
        const pdf = path.join(inDir, `${name}.pdf`);
        assert.equal((await PDFDocument.load(readFileSync(pdf))).getPageCount(), 1);
        const layer = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
        assert.ok(layer.replace(/[\s·]/g, '').includes(text.replace(/\s/g, '')), `${name}: ${layer}`);
      }
      // A later image, written after the PDFs: once it is done, the watcher has seen the PDFs too.
      copyFileSync(fixture('plate_000.jpg'), path.join(inDir, 'later.jpg'));
      await waitFor(() => h.ledger.counts(folder.id).done >= 4, 'later.jpg done', 120000);
      await h.manager.whenIdle();
      const rows = h.ledger.files(folder.id).map((r) => `${r.path} ${r.state}`);
      assert.deepEqual(rows.sort(), ['chat.png done', 'euro.png done', 'later.jpg done', 'plate.jpg done']);
    } finally {
      await h.close();
      cleanup();
    }
  });
});
