/** /metrics counts the pages POST /ocr reads, by how they were read, beside the requests that carried them. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fixture } from '../helpers/fixtures';
import { startStack, TOKEN, until } from '../helpers/http';
import { bornDigitalPdf, img2pdf } from '../helpers/pdf-fixtures';

test('an image is one page, a document each of its pages', { timeout: 90000 }, async () => {
  const stack = await startStack();
  const dir = mkdtempSync(path.join(tmpdir(), 'lantern-metrics-pages-'));
  const post = async (body: Uint8Array, type: string) => {
    const res = await fetch(`${stack.base}/ocr`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': type },
      body: new Uint8Array(body),
    });
    assert.equal(res.status, 200, await res.text());
  };
  try {
    await until(async () => (await fetch(`${stack.base}/ready`)).status === 200, 60000);
    await post(readFileSync(fixture('plate_000.jpg')), 'image/jpeg');
    const scans = img2pdf([fixture('plate_003.jpg'), fixture('plate_028.jpg')], path.join(dir, 'two.pdf'));
    await post(readFileSync(scans), 'application/pdf');
    await post(await bornDigitalPdf(['Quarterly report']), 'application/pdf');
    const text = await (await fetch(`${stack.base}/metrics`)).text();
    assert.match(text, /^# TYPE lantern_ocr_pages_total counter$/m);
    assert.match(text, /^lantern_ocr_pages_total\{source="ocr"\} 3$/m);
    assert.match(text, /^lantern_ocr_pages_total\{source="pdf-text"\} 1$/m);
    assert.match(text, /^lantern_ocr_duration_seconds_count 3$/m);
  } finally {
    await stack.stop();
  }
});
