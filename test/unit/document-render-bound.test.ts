/**
 * Documents read at once share a bound on the pages rendered and not yet read: each such page is a full-size bitmap
 * (25 MB for an A4 page at 300 dpi), and one form of 32 small PDFs, each rendering two pages ahead, took serve past
 * 1.8 GiB before the engine had read a page.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { localDocuments } from '../../app/documents/document-reader';
import { isReadPage } from '../../app/documents/document-types';
import { RENDER_SLOTS } from '../../app/documents/render-slots';
import type { OcrResult } from '../../app/ocr/types';

const page = { width: 1, height: 1, lines: [], text: 'page' } as unknown as OcrResult;

test('documents read at once hold at most RENDER_SLOTS rendered pages between them', async () => {
  const doc = await PDFDocument.create();
  for (let i = 0; i < 3; i++) doc.addPage([200, 200]);
  const pdf = await doc.save();
  let held = 0;
  let most = 0;
  // The engine: a page waits for the next turn of the event loop, so the pages of every document pile up at once.
  const ocr = async (): Promise<OcrResult> => {
    most = Math.max(most, ++held);
    await new Promise((r) => setImmediate(r));
    held--;
    return page;
  };
  const docs = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      localDocuments.recognize(
        { bytes: pdf },
        { file: `d${i}.pdf`, forceOcr: true, signal: new AbortController().signal, ocr },
      ),
    ),
  );
  for (const d of docs) assert.deepEqual(d.pages.map(isReadPage), [true, true, true]);
  assert.ok(most <= RENDER_SLOTS, `${most} pages held at once, more than ${RENDER_SLOTS}`);
  assert.ok(most >= 2, 'the documents still share the slots: more than one page at a time');
});

test('a document whose reader left gives up its place in line without rendering', async () => {
  const doc = await PDFDocument.create();
  for (let i = 0; i < 2; i++) doc.addPage([200, 200]);
  const pdf = await doc.save();
  // Every slot taken by documents whose pages the engine holds until released.
  const waiting: (() => void)[] = [];
  const hold = (): Promise<OcrResult> => new Promise((r) => waiting.push(() => r(page)));
  const holders = Array.from({ length: RENDER_SLOTS }, () =>
    localDocuments.recognize(
      { bytes: pdf },
      { forceOcr: true, signal: new AbortController().signal, ocr: hold },
    ),
  );
  while (waiting.length < RENDER_SLOTS) await new Promise((r) => setImmediate(r));
  const left = new AbortController();
  let rendered = 0;
  const leaver = localDocuments.recognize(
    { bytes: pdf },
    { forceOcr: true, signal: left.signal, ocr: async () => (rendered++, page) },
  );
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  left.abort();
  // It leaves the line at once: the documents ahead of it still hold every slot.
  await assert.rejects(leaver, { code: 'CANCELLED' });
  assert.equal(rendered, 0);
  for (let i = 0; i < 2 * RENDER_SLOTS; i++) {
    while (waiting.length === 0) await new Promise((r) => setImmediate(r));
    waiting.shift()!();
  }
  await Promise.all(holders);
});

test(
  "a watched folder's documents take no render slot: pages waiting behind interactive work hold up no one",
  { timeout: 30000 },
  async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 2; i++) doc.addPage([200, 200]);
    const pdf = await doc.save();
    // Batch documents whose pages the engine leaves waiting (interactive work goes first).
    const waiting: (() => void)[] = [];
    const behind = (): Promise<OcrResult> => new Promise((r) => waiting.push(() => r(page)));
    const batch = Array.from({ length: RENDER_SLOTS }, () =>
      localDocuments.recognize(
        { bytes: pdf },
        { forceOcr: true, signal: new AbortController().signal, ocr: behind, batch: true },
      ),
    );
    while (waiting.length < 2 * RENDER_SLOTS) await new Promise((r) => setImmediate(r));
    const read = await localDocuments.recognize(
      { bytes: pdf },
      { forceOcr: true, signal: new AbortController().signal, ocr: async () => page },
    );
    assert.deepEqual(read.pages.map(isReadPage), [true, true]);
    for (const release of waiting) release();
    await Promise.all(batch);
  },
);
