/**
 * The window's documents on the Electron side (Electron faked): a real two-page PDF read through main's document
 * operations, rendered on the bundled document thread (dist/main/document-thread.cjs built as main's bundle is), each page's progress in the tray's tooltip and menu, the document in History, a page image, the
 * searchable PDF from the result, and cancel stopping before the next page.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { threadId } from 'node:worker_threads';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { LanternError } from '../../app/contracts/errors';
import { LIMITS } from '../../app/contracts/op-schemas';
import type { RecognizeInput } from '../../app/contracts/engine-protocol';
import type { PageProgress } from '../../app/contracts/lantern-api';
import type { EngineStatus } from '../../app/contracts/status';
import { documentThread } from '../../app/documents/document-thread-client';
import { isReadPage } from '../../app/documents/document-types';
import type { OcrResult } from '../../app/ocr/types';
import { Ledger } from '../../app/watch/ledger';
import { documentOps } from '../../main/document-ops';
import { setupTray } from '../../main/tray';
import type { TrayActions } from '../../main/tray-menu';
import { fixture } from '../helpers/fixtures';
import { encryptedPdf, img2pdf, paddedPdf } from '../helpers/pdf-fixtures';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lantern-main-docs-'));
// The thread as the app runs it: bundled by scripts/build-electron.mjs beside main.cjs (inside the repository, so
// that its external packages resolve from node_modules).
const bundles = path.resolve('dist', `.test-docs-${process.pid}`);
execFileSync(process.execPath, ['scripts/build-electron.mjs'], {
  env: { ...process.env, LANTERN_ELECTRON_OUTDIR: bundles },
  stdio: 'pipe',
});
const work = documentThread(path.join(bundles, 'document-thread.cjs'));
after(async () => {
  await work.close();
  rmSync(tmp, { recursive: true, force: true });
  rmSync(bundles, { recursive: true, force: true });
});
const pdf = (images = ['plate_000.jpg', 'tess_eurotext.png']) =>
  new Uint8Array(
    readFileSync(
      img2pdf(
        images.map((f) => fixture(f)),
        path.join(tmp, `${images.length}.pdf`),
      ),
    ),
  );

/**
 * An engine that "reads" each page as one line over the whole page image it was sent, its text the image's size
 * (pages rendered ahead may reach it out of order).
 */
function pageEngine(opts: { hold?: Promise<void> } = {}) {
  const seen: string[] = [];
  /** The options each page was read with. */
  const asked: unknown[] = [];
  const cancelled: string[] = [];
  /** The thread that rendered each page, taken while main's engine reads it. */
  const renderedOn: (number | undefined)[] = [];
  let sent: () => void = () => {};
  const firstPage = new Promise<void>((r) => (sent = r));
  return {
    seen,
    asked,
    cancelled,
    renderedOn,
    firstPage,
    engine: {
      async recognize(
        input: RecognizeInput,
        o?: unknown,
        submit?: { requestId?: string },
      ): Promise<OcrResult> {
        assert.equal(input.kind, 'bytes');
        asked.push(o);
        const { width = 0, height = 0 } = await sharp((input as { bytes: Uint8Array }).bytes).metadata();
        seen.push(`${submit?.requestId ?? '-'} ${width}x${height}`);
        renderedOn.push(work.threadId);
        sent();
        await opts.hold;
        const text = `w${width}h${height}`;
        const box = [
          [1, 1],
          [width - 1, 1],
          [width - 1, height - 1],
          [1, height - 1],
        ] as const;
        return {
          width,
          height,
          lines: [{ text, score: 0.99, box }],
          text,
          ms: { decode: 0, det: 0, cls: 0, rec: 0, total: 1 },
          provider: 'cpu',
        } as OcrResult;
      },
      cancel: (id: string) => (cancelled.push(id), false),
    },
  };
}

/** The tray with Electron's Tray and Menu faked: records tooltips and menus. */
function fakeTray() {
  const tooltips: string[] = [];
  const menus: MenuItemConstructorOptions[][] = [];
  const tray = setupTray<string, MenuItemConstructorOptions[]>({
    createTray: () => ({
      setImage: () => {},
      setToolTip: (t) => tooltips.push(t),
      setContextMenu: (m) => menus.push(m),
      on: () => undefined,
      destroy: () => {},
    }),
    buildMenu: (t) => t,
    iconFor: (k) => k,
    engine: {
      status: {
        state: 'ready',
        message: 'Model ready',
        detail: { code: 'READY' },
        queue: 0,
        inFlight: 0,
        provider: 'cpu',
      } as EngineStatus,
      onStatus: () => () => {},
    },
    watchingPaused: () => false,
    // No menu item is clicked here.
    actions: Object.fromEntries(
      ['showWindow', 'ocrClipboard', 'toggleWatching', 'retryEngine', 'openLog', 'quit'].map((k) => [
        k,
        () => {},
      ]),
    ) as unknown as TrayActions,
  });
  const documentItem = () => menus.at(-1)!.find((i) => i.id === 'document')?.label;
  return { tray, tooltips, documentItem };
}

test('a two-page PDF: progress in the tray, one History entry with both pages, page image, searchable PDF', async () => {
  const { engine, seen, renderedOn } = pageEngine();
  const { tray, tooltips, documentItem } = fakeTray();
  const ledger = Ledger.open(':memory:');
  const pages: PageProgress[] = [];
  const lines: (string | undefined)[] = [];
  const ops = documentOps({
    engine,
    work,
    history: ledger.history,
    activity: {
      page: (p) => {
        pages.push(p);
        tray.documentPage(p);
        lines.push(documentItem());
      },
      end: (file) => tray.documentEnd(file),
    },
    log: () => {},
  });
  const file = { name: 'two.pdf', bytes: pdf() };
  const doc = await ops.recognizeDocument(file, { requestId: 'doc-1' });

  assert.equal(doc.kind, 'pdf');
  const texts = doc.pages.map((p) => (isReadPage(p) ? p.text : p.error.code));
  assert.deepEqual(
    texts,
    doc.pages.map((p) => (isReadPage(p) ? `w${p.width}h${p.height}` : '')),
    'each page has the text read from its own image',
  );
  assert.notEqual(texts[0], texts[1]);
  assert.equal(seen.length, 2);
  // Main's event loop ran the engine's side of each page while the page came from another thread.
  assert.ok(
    renderedOn.every((t) => t !== undefined && t !== threadId),
    `rendered on ${renderedOn.join(', ')}, main is ${threadId}`,
  );
  assert.ok(
    seen.every((s) => s.startsWith('doc-1 ')),
    'every page went as the request to cancel',
  );
  assert.deepEqual(pages, [
    { requestId: 'doc-1', file: 'two.pdf', page: 1, pages: 2 },
    { requestId: 'doc-1', file: 'two.pdf', page: 2, pages: 2 },
  ]);
  assert.deepEqual(lines, ['Page 1 of 2 — two.pdf', 'Page 2 of 2 — two.pdf']);
  assert.ok(
    tooltips.some((t) => t.endsWith('\nPage 1 of 2 — two.pdf')),
    tooltips.join(' | '),
  );
  assert.equal(documentItem(), undefined, 'the line goes once the document is done');
  assert.ok(!tooltips.at(-1)!.includes('Page'), tooltips.at(-1));

  const [entry] = ledger.history.list(10);
  assert.equal(entry?.name, 'two.pdf');
  assert.equal(entry?.document?.pages.length, 2);
  assert.equal(entry?.result.text, doc.text, 'older clients see the whole text');

  // Page 2's image for display: a PNG in the proportions of the page the boxes are on.
  const read = doc.pages[1]!;
  assert.ok(isReadPage(read));
  const png = await sharp(await ops.pageImage(file, 2)).metadata();
  assert.equal(png.format, 'png');
  assert.ok(Math.max(png.width!, png.height!) <= 1600);
  assert.ok(Math.abs(png.width! / png.height! - read.width / read.height) < 0.01);

  // The searchable PDF from the result, without a second OCR: pdftotext finds each page's text on its page.
  const out = path.join(tmp, 'searchable.pdf');
  writeFileSync(out, await ops.searchablePdf(file, doc));
  assert.equal(seen.length, 2);
  const layer = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })
    .split('\f')
    .map((t) => t.replace(/\s+/g, ''));
  assert.deepEqual(layer.slice(0, 2), texts);
});

test("the window's Paragraphs: each page is read with its paragraphs when the window asks, and only then", async () => {
  const { engine, asked } = pageEngine();
  const ops = documentOps({ engine, work, history: Ledger.open(':memory:').history, log: () => {} });
  const file = { name: 'two.pdf', bytes: pdf() };
  await ops.recognizeDocument(file, { paragraphs: true });
  assert.deepEqual(asked, [
    { words: true, paragraphs: true },
    { words: true, paragraphs: true },
  ]);
  asked.length = 0;
  await ops.recognizeDocument(file, {});
  assert.deepEqual(asked, [{ words: true }, { words: true }]);
});

test('cancel stops a document before its next page is sent, and the tray line goes', async () => {
  let release: () => void = () => {};
  const hold = new Promise<void>((r) => (release = r));
  const { engine, seen, cancelled, firstPage } = pageEngine({ hold });
  const { tray, documentItem } = fakeTray();
  const ops = documentOps({
    engine,
    work,
    history: {},
    activity: { page: (p) => tray.documentPage(p), end: (f) => tray.documentEnd(f) },
    log: () => {},
  });
  const three = pdf(['plate_000.jpg', 'plate_003.jpg', 'tess_eurotext.png']);
  const reading = ops.recognizeDocument({ name: 'three.pdf', bytes: three }, { requestId: 'doc-2' });
  await Promise.race([firstPage, reading]);
  assert.equal(ops.cancel('doc-2'), true);
  release();
  await assert.rejects(reading, { code: 'CANCELLED' });
  // Page 2 may have gone ahead while page 1 was read (the engine was told to drop the request); page 3 never went.
  assert.ok(seen.length <= 2, seen.join(', '));
  assert.deepEqual(cancelled, ['doc-2']);
  assert.equal(documentItem(), undefined);
  assert.equal(ops.cancel('doc-2'), false, 'nothing left to cancel');
});

test("a page's going cancels the documents it asked for, and only those; nothing of them is recorded", async () => {
  let release: () => void = () => {};
  const hold = new Promise<void>((r) => (release = r));
  const { engine, cancelled, firstPage } = pageEngine({ hold });
  const { tray, documentItem } = fakeTray();
  const recorded: string[] = [];
  const ops = documentOps({
    engine,
    work,
    history: { addDocument: (name) => void recorded.push(name) },
    activity: { page: (p) => tray.documentPage(p), end: (f) => tray.documentEnd(f) },
    log: () => {},
  });
  const gone = 7;
  const stays = 8;
  // One page each: the page being read is the last, so nothing but the cancel keeps the result from History.
  const one = pdf(['plate_000.jpg']);
  const ofGone = ops.recognizeDocument({ name: 'gone.pdf', bytes: one }, { requestId: 'g' }, gone);
  const ofOther = ops.recognizeDocument({ name: 'stays.pdf', bytes: one }, { requestId: 's' }, stays);
  await Promise.race([firstPage, ofGone, ofOther]);
  assert.equal(ops.cancelOwner(gone), 1);
  assert.deepEqual(cancelled, ['g'], 'the engine drops only that page');
  assert.equal(ops.cancelOwner(gone), 0, 'nothing left of that page');
  release(); // the engine here finishes the page anyway
  await assert.rejects(ofGone, { code: 'CANCELLED' });
  assert.equal((await ofOther).pages.length, 1);
  assert.deepEqual(recorded, ['stays.pdf']);
  assert.equal(documentItem(), undefined);
});

test('errors cross the thread with their codes: a corrupt PDF, a page not in the document', async () => {
  const { engine } = pageEngine();
  const ops = documentOps({ engine, work, history: {}, log: () => {} });
  const bad = { name: 'bad.pdf', bytes: new TextEncoder().encode('%PDF-1.7\n1 0 obj garbage') };
  await assert.rejects(ops.recognizeDocument(bad), { code: 'BAD_PDF' });
  await assert.rejects(ops.pageImage({ name: 'two.pdf', bytes: pdf() }, 3), { code: 'BAD_REQUEST' });
});

test('an encrypted PDF: refused without or with a wrong password, read and shown with the right one', async () => {
  const { engine, seen } = pageEngine();
  const recorded: string[] = [];
  const ops = documentOps({
    engine,
    work,
    history: { addDocument: (name, doc) => void recorded.push(JSON.stringify({ name, doc })) },
    log: () => {},
  });
  const locked = { name: 'locked.pdf', bytes: encryptedPdf('s3cret') };
  await assert.rejects(ops.recognizeDocument(locked), {
    code: 'PDF_ENCRYPTED',
    message: /give its password/,
  });
  await assert.rejects(ops.recognizeDocument(locked, { password: 'nope' }), {
    code: 'PDF_ENCRYPTED',
    message: /password is wrong/,
  });
  await assert.rejects(ops.pageImage(locked, 1), { code: 'PDF_ENCRYPTED' });
  assert.deepEqual(seen, []);
  const doc = await ops.recognizeDocument(locked, { requestId: 'lk', password: 's3cret' });
  assert.equal(doc.pages.length, 1);
  assert.ok(isReadPage(doc.pages[0]!));
  assert.equal(seen.length, 1);
  const png = await ops.pageImage(locked, 1, 's3cret');
  assert.ok(((await sharp(png).metadata()).width ?? 0) > 0);
  assert.equal(recorded.length, 1);
  assert.ok(!recorded[0]!.includes('s3cret'), 'the password is not recorded in History');
});

test('a PDF larger than the IPC limit is read by path on the thread: pages, page image, searchable PDF', async () => {
  // A real scanned page plus 30 MiB of incompressible bytes in an unused stream: over LIMITS.imageBytes (25 MiB).
  const file = path.join(tmp, 'big.pdf');
  writeFileSync(file, await paddedPdf(fixture('plate_000.jpg'), 30 * 1024 * 1024));
  assert.ok(statSync(file).size > LIMITS.imageBytes);

  const { engine, seen } = pageEngine();
  const ops = documentOps({ engine, work, history: {}, log: () => {} });
  const big = { name: 'big.pdf', path: file };
  const read = await ops.recognizeDocument(big, { requestId: 'big' });
  assert.equal(read.pages.length, 1);
  assert.ok(isReadPage(read.pages[0]!));
  assert.equal(seen.length, 1);
  const png = await ops.pageImage(big, 1);
  assert.ok(((await sharp(png).metadata()).width ?? 0) > 0);
  const searchable = await ops.searchablePdf(big, read);
  assert.equal((await PDFDocument.load(searchable)).getPageCount(), 1);
  await assert.rejects(ops.recognizeDocument({ name: 'gone.pdf', path: path.join(tmp, 'gone.pdf') }), {
    code: 'FILE_NOT_FOUND',
  });
});

test('a watched document on the thread: known pages are not read again, each page comes back, fatal codes stop it', async () => {
  const three = pdf(['plate_000.jpg', 'plate_003.jpg', 'tess_eurotext.png']);
  const { engine, seen } = pageEngine();
  const first = await work.recognize(
    { bytes: three },
    {
      forceOcr: false,
      signal: new AbortController().signal,
      ocr: (bytes) => engine.recognize({ kind: 'bytes', bytes }),
    },
  );
  seen.length = 0;
  const outcomes: string[] = [];
  const resumed = await work.recognize(
    { bytes: three },
    {
      forceOcr: false,
      signal: new AbortController().signal,
      known: new Map([[1, first.pages[0]!]]),
      ocr: (bytes) => engine.recognize({ kind: 'bytes', bytes }),
      onPage: (page, pages, result) =>
        outcomes.push(`${page}/${pages} ${isReadPage(result) ? result.text : ''}`),
    },
  );
  assert.equal(seen.length, 2, 'page 1 was taken as it was');
  assert.deepEqual(resumed.pages, first.pages);
  assert.deepEqual(
    outcomes,
    first.pages.slice(1).map((p) => `${p.page}/3 ${isReadPage(p) ? p.text : ''}`),
  );
  const stopped = () => Promise.reject(new LanternError('ENGINE_STOPPED', 'the engine is stopped'));
  const opts = { forceOcr: false, signal: new AbortController().signal, ocr: stopped };
  const failedPages = await work.recognize({ bytes: three }, opts);
  assert.ok(failedPages.pages.every((p) => !isReadPage(p) && p.error.code === 'ENGINE_STOPPED'));
  await assert.rejects(work.recognize({ bytes: three }, { ...opts, fatal: ['ENGINE_STOPPED'] }), {
    code: 'ENGINE_STOPPED',
  });
});
