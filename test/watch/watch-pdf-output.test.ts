/** The "pdf" output format of a watched folder: a searchable PDF beside txt, never taken back as an input. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { fixture } from '../helpers/fixtures';
import { harness, listFiles, PLATE_TEXT, tempDir, useInProcessService, waitFor } from './helpers';

const service = useInProcessService();

describe('watch: pdf output', () => {
  it('writes a one-page searchable PDF and a txt beside each image; the PDFs are not read again', async () => {
    const { dir: root, cleanup } = tempDir();
    const inDir = path.join(root, 'in');
    mkdirSync(inDir);
    const h = harness(service(), path.join(root, 'ledger.db'));
    try {
      await h.manager.start();
      // Outputs beside the images and a pattern that matches everything: the PDFs must not come back as inputs.
      const folder = await h.manager.add(inDir, { formats: ['txt', 'pdf'], patterns: ['*'] });
      copyFileSync(fixture('plate_000.jpg'), path.join(inDir, 'plate.jpg'));
      copyFileSync(fixture('zhscreen_04_chat_ftp.png'), path.join(inDir, 'chat.png'));
      await waitFor(() => h.ledger.counts(folder.id).done === 2, '2 done', 120000);
      await h.manager.whenIdle();
      assert.deepEqual(listFiles(inDir).sort(), [
        'chat.png',
        'chat.png.pdf',
        'chat.png.txt',
        'plate.jpg',
        'plate.jpg.pdf',
        'plate.jpg.txt',
      ]);
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
      await waitFor(() => h.ledger.counts(folder.id).done >= 3, 'later.jpg done', 120000);
      await h.manager.whenIdle();
      const rows = h.ledger.files(folder.id).map((r) => `${r.path} ${r.state}`);
      assert.deepEqual(rows.sort(), ['chat.png done', 'later.jpg done', 'plate.jpg done']);
    } finally {
      await h.close();
      cleanup();
    }
  });
});
