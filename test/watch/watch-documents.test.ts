/**
 * PDFs and multi-page TIFFs in a watched folder and a batch (real files, real models): outputs per format beside
 * the inputs and never read back, per-page `page` events, a bad page failing alone, encrypted and corrupt PDFs
 * failed with their codes while the rest of the folder goes on, and documents and pages counted once.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import type { WatchEvent } from '../../app/contracts/lantern-api';
import { fixture } from '../helpers/fixtures';
import { encryptedPdf, img2pdf } from '../helpers/pdf-fixtures';
import { multiPageTiff } from '../helpers/tiff-fixture';
import { harness, listFiles, tempDir, useInProcessService, waitFor } from './helpers';

const service = useInProcessService();

type PageEvent = Extract<WatchEvent, { type: 'page' }>;
const FORMATS = ['txt', 'json', 'md', 'pdf'] as const;

/** img2pdf of the plate and a word crop, with a 200-inch blank page between them (past the pixel limit at 72 dpi). */
async function scanWithBadPage(dir: string): Promise<Uint8Array> {
  const two = img2pdf([fixture('plate_000.jpg'), fixture('ic15_word_1.png')], path.join(dir, 'two.pdf'));
  const pdf = await PDFDocument.load(readFileSync(two));
  pdf.insertPage(1, [14400, 14400]);
  return pdf.save();
}

describe('watch: PDF and TIFF inputs', () => {
  it('reads documents page by page beside images; bad pages and bad PDFs fail alone; pages counted once', async () => {
    const { dir: root, cleanup } = tempDir();
    const inDir = path.join(root, 'in');
    const batchDir = path.join(root, 'batch');
    mkdirSync(inDir);
    mkdirSync(batchDir);
    const scan = await scanWithBadPage(root);
    const h = harness(service(), path.join(root, 'ledger.db'));
    try {
      await h.manager.start();
      // Outputs beside the inputs with the default patterns, which take *.pdf: scan.pdf.pdf must not come back.
      const folder = await h.manager.add(inDir, { formats: [...FORMATS] });
      writeFileSync(path.join(inDir, 'scan.pdf'), scan);
      writeFileSync(
        path.join(inDir, 'pages.tiff'),
        await multiPageTiff([fixture('plate_000.jpg'), fixture('ic15_word_1.png')]),
      );
      writeFileSync(path.join(inDir, 'locked.pdf'), encryptedPdf('s3cret'));
      // A TIFF none of whose pages can be decoded fails as a whole, as a broken image does.
      writeFileSync(path.join(inDir, 'unreadable.tiff'), await multiPageTiff([fixture('plate_000.jpg')], 0));
      writeFileSync(path.join(inDir, 'broken.pdf'), `%PDF-1.7\n${'garbage '.repeat(64)}`);
      copyFileSync(fixture('plate_000.jpg'), path.join(inDir, 'plate.jpg'));
      await waitFor(
        () => {
          const c = h.ledger.counts(folder.id);
          return c.done === 3 && c.failed === 3;
        },
        '3 done and 3 failed',
        180000,
      );
      await h.manager.whenIdle();

      const inputs = ['broken.pdf', 'locked.pdf', 'pages.tiff', 'plate.jpg', 'scan.pdf', 'unreadable.tiff'];
      const outputs = ['pages.tiff', 'plate.jpg', 'scan.pdf'].flatMap((n) => FORMATS.map((f) => `${n}.${f}`));
      assert.deepEqual(listFiles(inDir), [...inputs, ...outputs].sort());
      const rows = h.ledger.files(folder.id);
      assert.deepEqual(rows.map((r) => r.path).sort(), inputs, 'no output was taken as an input');
      const codes = Object.fromEntries(rows.map((r) => [r.path, r.errorCode ?? r.state]));
      assert.deepEqual(codes, {
        'broken.pdf': 'BAD_PDF',
        'locked.pdf': 'PDF_ENCRYPTED',
        'pages.tiff': 'done',
        'plate.jpg': 'done',
        'scan.pdf': 'done',
        'unreadable.tiff': 'BAD_IMAGE',
      });
      // A folder has no password to give: the message says where one can be given.
      assert.match(
        h.manager.failed().find((f) => f.path.endsWith('locked.pdf'))!.message,
        /^the PDF is encrypted, and a watched folder has no password to give it: open it in the window or read it with the CLI's --password/,
      );
      assert.match(
        h.manager.failed().find((f) => f.path.endsWith('unreadable.tiff'))!.message,
        /^no page of its 1 could be read \(page 1: /,
      );
      assert.deepEqual(h.ledger.totals(folder.id), { documents: 3, pages: 6, pagesFailed: 1 });
      for (const r of rows.filter((r) => r.state === 'done'))
        assert.equal(h.ledger.pages.count(r.id), 0, `${r.path}: pages kept after done`);

      const scanPath = path.join(inDir, 'scan.pdf');
      const pageEvents = h.events.filter((e): e is PageEvent => e.type === 'page' && e.path === scanPath);
      assert.deepEqual(
        pageEvents.map((e) => `${e.page}/${e.pages}`),
        ['1/3', '2/3', '3/3'],
      );
      const doneEvent = h.events.find((e) => e.type === 'file' && e.path === scanPath && e.state === 'done');
      assert.match(
        (doneEvent as { message?: string }).message ?? '',
        /1 of 3 pages failed \(page 2 IMAGE_TOO_LARGE\)/,
      );

      const json = JSON.parse(readFileSync(path.join(inDir, 'scan.pdf.json'), 'utf8'));
      assert.equal(json.kind, 'pdf');
      assert.equal(json.file, 'scan.pdf');
      assert.deepEqual(
        json.pages.map((p: { error?: { code: string } }) => p.error?.code ?? 'read'),
        ['read', 'IMAGE_TOO_LARGE', 'read'],
      );
      assert.match(json.pages[0].text, /L3N67/);
      const txt = readFileSync(path.join(inDir, 'scan.pdf.txt'), 'utf8');
      assert.equal(txt.split('\f').length, 3, 'three pages separated by form feeds');
      const md = readFileSync(path.join(inDir, 'scan.pdf.md'), 'utf8');
      assert.match(md, /^# scan\.pdf\n\n## Page 1\n/);
      assert.match(md, /## Page 2\n\n\*not read: IMAGE_TOO_LARGE/);
      const out = readFileSync(path.join(inDir, 'scan.pdf.pdf'));
      assert.equal((await PDFDocument.load(out)).getPageCount(), 3);
      const layer = execFileSync('pdftotext', [path.join(inDir, 'scan.pdf.pdf'), '-'], { encoding: 'utf8' });
      assert.match(layer, /L3N67/);
      const tiff = JSON.parse(readFileSync(path.join(inDir, 'pages.tiff.json'), 'utf8'));
      assert.equal(tiff.kind, 'tiff');
      assert.equal(tiff.pages.length, 2);
      assert.equal(
        (await PDFDocument.load(readFileSync(path.join(inDir, 'pages.tiff.pdf')))).getPageCount(),
        2,
      );

      // A batch over another folder takes the same PDF the same way (outputs into an output folder).
      writeFileSync(path.join(batchDir, 'again.pdf'), scan);
      const outDir = path.join(root, 'batch-out');
      const job = await h.manager.batch(batchDir, { outDir, formats: ['txt'] });
      const end = await job.ended;
      assert.deepEqual([end.done, end.failed, end.total], [1, 0, 1]);
      assert.deepEqual(listFiles(outDir), ['again.pdf.txt']);
      assert.equal(readFileSync(path.join(outDir, 'again.pdf.txt'), 'utf8'), txt);
      const batchFolder = h.ledger.folders.byDir(batchDir)!;
      assert.deepEqual(h.ledger.totals(batchFolder.id), { documents: 1, pages: 3, pagesFailed: 1 });
    } finally {
      await h.close();
      cleanup();
    }
  });

  it('a document deleted while it is read is not read on, and gets no outputs', async () => {
    const { dir: root, cleanup } = tempDir();
    const inDir = path.join(root, 'in');
    mkdirSync(inDir);
    // 40 pages of a real receipt: far longer to read than the deletion takes to be noticed.
    const long = img2pdf(
      Array.from({ length: 40 }, () => fixture('sroie_006.jpg')),
      path.join(root, 'long.pdf'),
    );
    const h = harness(service(), ':memory:');
    try {
      await h.manager.start();
      const folder = await h.manager.add(inDir);
      const file = path.join(inDir, 'long.pdf');
      copyFileSync(long, file);
      const pages = () => h.events.filter((e): e is PageEvent => e.type === 'page' && e.path === file).length;
      await waitFor(() => pages() >= 1, 'its first page read', 120000);
      rmSync(file);
      await waitFor(
        () => h.ledger.file(folder.id, 'long.pdf')?.state !== 'running',
        'the read stopped',
        120000,
      );
      await h.manager.whenIdle();
      assert.ok(pages() < 40, `read on to page ${pages()} of 40`);
      assert.deepEqual(listFiles(inDir), [], 'no outputs for a file that is gone');
      assert.notEqual(h.ledger.file(folder.id, 'long.pdf')?.state, 'done');
    } finally {
      await h.close();
      cleanup();
    }
  });
});
