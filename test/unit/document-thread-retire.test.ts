/**
 * The document thread gives back PDFium's heap after a big page: WebAssembly memory never shrinks, so a thread whose
 * heap a poster-sized page swelled is replaced (new jobs go to a fresh thread, the old one ends after its last job),
 * while ordinary pages keep their thread. The thread is bundled as serve and the app run it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { documentThread } from '../../app/documents/document-thread-client';
import type { OcrResult } from '../../app/ocr/types';
import { fixture } from '../helpers/fixtures';
import { img2pdf } from '../helpers/pdf-fixtures';
import { bombPdf, plainPdf } from '../helpers/pdf-bombs';
import { isReadPage, type DocumentResult } from '../../app/documents/document-types';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lantern-doc-retire-'));
const bundles = path.resolve('dist', `.test-retire-${process.pid}`);
execFileSync(process.execPath, ['scripts/build-electron.mjs'], {
  env: { ...process.env, LANTERN_ELECTRON_OUTDIR: bundles },
  stdio: 'pipe',
});
// A small page leaves PDFium's heap at about 18 MiB; a 9000x9000 scan's preview takes it to about 60 MiB.
const work = documentThread(path.join(bundles, 'document-thread.cjs'), { retireHeapBytes: 32 * 2 ** 20 });
after(async () => {
  await work.close();
  rmSync(tmp, { recursive: true, force: true });
  rmSync(bundles, { recursive: true, force: true });
});

const small = new Uint8Array(readFileSync(img2pdf([fixture('plate_000.jpg')], path.join(tmp, 'small.pdf'))));
// One big page serves every test: making it (an 81-MP render, then img2pdf) costs far more than reading it, and the
// thread gets a copy of the bytes for each job, so no test sees another's use of them.
let bigPdf: Promise<Uint8Array> | undefined;
const big = () => (bigPdf ??= makeBig());
const makeBig = async () => {
  const side = 9000;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}"><rect width="100%" height="100%" fill="white"/><text x="400" y="900" font-size="200">A big scanned page</text></svg>`;
  const png = path.join(tmp, 'big.png');
  writeFileSync(png, await sharp(Buffer.from(svg)).greyscale().removeAlpha().png().toBuffer());
  return new Uint8Array(readFileSync(img2pdf([png], path.join(tmp, 'big.pdf'))));
};

const answer = (bytes: Uint8Array): Promise<OcrResult> =>
  sharp(bytes)
    .metadata()
    .then(
      ({ width = 0, height = 0 }) =>
        ({
          width,
          height,
          lines: [],
          text: 'page',
          ms: { decode: 0, det: 0, cls: 0, rec: 0, total: 1 },
          provider: 'cpu',
        }) as unknown as OcrResult,
    );

test('ordinary pages keep their thread; after a big page the next job runs on a fresh thread', async () => {
  await work.pageImage({ bytes: small }, 1);
  const first = work.threadId;
  assert.notEqual(first, undefined);
  await work.pageImage({ bytes: small }, 1);
  assert.equal(work.threadId, first, 'a small page does not replace the thread');

  await work.pageImage({ bytes: await big() }, 1);
  assert.equal(work.threadId, undefined, 'the swollen thread takes no new job');
  await work.pageImage({ bytes: small }, 1);
  assert.notEqual(work.threadId, undefined);
  assert.notEqual(work.threadId, first, 'the next job started a new thread');
});

/** A one-page document held at the engine: `atEngine` once its page is there, `release` lets it answer. */
const held = () => {
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  let reached: () => void = () => {};
  const atEngine = new Promise<void>((r) => (reached = r));
  const doc = work.recognize(
    { bytes: small },
    {
      forceOcr: false,
      signal: new AbortController().signal,
      ocr: async (bytes) => {
        reached();
        await gate;
        return answer(bytes);
      },
    },
  );
  return { doc, atEngine, release };
};

test('a job still running on a retired thread finishes there', async () => {
  await work.pageImage({ bytes: small }, 1);
  const before = work.threadId;
  const a = held();
  await a.atEngine;
  // The big page settles (and retires the thread) while the document still waits for its page.
  await work.pageImage({ bytes: await big() }, 1);
  assert.equal(work.threadId, undefined);
  a.release();
  const result = await a.doc;
  assert.equal(result.pages.length, 1);
  assert.equal((result.pages[0] as { text?: string }).text, 'page');
  await work.pageImage({ bytes: small }, 1);
  assert.notEqual(work.threadId, before);
});

test('a swollen thread is not retired while a retired one still runs: two threads at most, as the pod counts', async () => {
  const a = held();
  await a.atEngine;
  await work.pageImage({ bytes: await big() }, 1);
  assert.equal(work.threadId, undefined, 'the first thread is retired, its document still at the engine');
  const b = held();
  await b.atEngine;
  const second = work.threadId;
  assert.notEqual(second, undefined);
  await work.pageImage({ bytes: await big() }, 1);
  await work.pageImage({ bytes: small }, 1);
  assert.equal(work.threadId, second, 'no third thread while the retired one still runs');
  a.release();
  b.release();
  assert.equal((await a.doc).pages.length, 1);
  assert.equal((await b.doc).pages.length, 1);
  // Once the retired thread's document is done, the swollen one is retired: when its own document settles (if that
  // comes second) or at its next job (if first), so the next job never stays on it.
  await work.pageImage({ bytes: small }, 1);
  assert.notEqual(work.threadId, second, 'retired once it is the only thread');
});

test('PDF bombs sent together abort one PDFium per thread, and every document beside them is read', async () => {
  // An aborted heap (up to PDFium's cap) is freed only with its thread: a thread that loaded a fresh PDFium after each abort
  // held one such heap per bomb until V8 collected them.
  const read = (bytes: Uint8Array) =>
    work.recognize(
      { bytes },
      {
        forceOcr: false,
        signal: new AbortController().signal,
        ocr: () => Promise.reject(new Error('no OCR')),
      },
    );
  const texts = (doc: DocumentResult) => doc.pages.map((p) => (isReadPage(p) ? p.text : p.error.code));
  const docs = await Promise.all([...Array.from({ length: 3 }, () => read(bombPdf)), read(plainPdf)]);
  assert.deepEqual(docs.map(texts), [
    ['BAD_PDF', 'Hello'],
    ['BAD_PDF', 'Hello'],
    ['BAD_PDF', 'Hello'],
    ['One', 'Two'],
  ]);
  assert.equal(work.mostPdfiumInstances, 1, 'no thread loads a second PDFium');
});
