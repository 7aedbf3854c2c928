/**
 * A PDF of many objects is copied without waiting on a timer every few objects: pdf-lib pauses for a macrotask (a
 * setTimeout of 0) every 100 objects it parses and every 50 it writes by default, and a file of hundreds of thousands of
 * objects spent most of `POST /ocr?output=pdf` waiting on those timers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isReadPage } from '../../app/documents/document-types';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import { classicPdf } from '../helpers/pdf-fixtures';
import { oneLineResult } from '../helpers/one-line-result';

test("a searchable copy of a PDF with 30,000 objects waits on a handful of pdf-lib's timer ticks, not hundreds", async () => {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] >>',
  ];
  for (let i = 0; i < 30_000; i++) objects.push(`<< /N ${i} >>`);
  const pdf = classicPdf(objects);
  const doc = await recognizeDocument(pdf, () =>
    Promise.resolve(oneLineResult(1250, 833, 'word', [100, 100, 400, 160])),
  );
  assert.ok(doc.pages[0] && isReadPage(doc.pages[0]));
  const real = globalThis.setTimeout;
  let zeroTimers = 0;
  globalThis.setTimeout = ((fn: () => void, ms?: number, ...rest: unknown[]) => {
    if (!ms) zeroTimers++;
    return real(fn, ms, ...rest);
  }) as typeof setTimeout;
  try {
    const copy = await searchablePdf(pdf, doc);
    assert.ok(copy.length > pdf.length / 2);
  } finally {
    globalThis.setTimeout = real;
  }
  // Parsing and writing 30,000 objects took 1,500 ticks with pdf-lib's defaults.
  assert.ok(zeroTimers <= 20, `${zeroTimers} timer ticks`);
});
