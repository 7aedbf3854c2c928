/** Documents in the window: a dropped two-page PDF shows each page with its boxes and text, exports a searchable PDF. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { DocumentResult, ReadPage } from '../../app/documents/document-types';
import { charF1 } from '../../app/eval/metrics';
import { img2pdf } from '../helpers/pdf-fixtures';
import {
  ARTIFACTS,
  dropFiles,
  expect,
  fixtureFile,
  shownLines,
  stripItem,
  test,
  type FixtureFile,
} from './fixtures';
import { ROOT } from './serve-process';
import type { ServeHandle } from './serve-process';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lantern-docwin-'));
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A scanned two-page PDF made with img2pdf from two fixture images (copied from the eval set). */
function twoPagePdf(): FixtureFile {
  const fixtures = path.join(ROOT, 'test', 'fixtures');
  const out = img2pdf(
    [path.join(fixtures, 'plate_000.jpg'), path.join(fixtures, 'zhscreen_04_chat_ftp.png')],
    path.join(tmp, 'two.pdf'),
  );
  return { name: 'two.pdf', mimeType: 'application/pdf', buffer: readFileSync(out) };
}

/** What the API itself answers for the document (the window must show exactly this). */
async function apiDocument(serve: ServeHandle, f: FixtureFile): Promise<DocumentResult> {
  const res = await fetch(`${serve.origin}/ocr`, {
    method: 'POST',
    headers: { authorization: `Bearer ${serve.token}`, 'content-type': f.mimeType },
    body: new Uint8Array(f.buffer),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as DocumentResult;
}

/** Clicks "Searchable PDF", checks the download's name and returns its text layer as pdftotext extracts it. */
async function exportSearchablePdf(page: Page, name: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-pdf').click(),
  ]);
  expect(download.suggestedFilename()).toBe(name);
  const saved = path.join(tmp, `export-${name}`);
  await download.saveAs(saved);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', saved, '-'], { encoding: 'utf8' });
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

test.describe('Documents', () => {
  test('a dropped PDF shows both pages with boxes and text, and exports a searchable PDF', async ({
    app: page,
    serve,
  }) => {
    const pdf = twoPagePdf();
    await dropFiles(page, page.getByTestId('drop-zone'), [pdf]);
    const item = await stripItem(page, pdf.name, 'done');
    await expect(item.getByTestId('strip-state')).toHaveText(/^2 pages/);

    const expected = (await apiDocument(serve, pdf)).pages as ReadPage[];
    expect(expected).toHaveLength(2);
    const tabs = page.getByTestId('page-tab');
    await expect(tabs).toHaveCount(2);
    for (const p of expected) {
      await tabs.nth(p.page - 1).click();
      await expect(tabs.nth(p.page - 1)).toHaveAttribute('aria-pressed', 'true');
      // The page's own image (rendered for display) with one box per recognised line over it.
      const img = page.getByTestId('result-image');
      await expect(img).toBeVisible();
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      expect(p.lines.length).toBeGreaterThan(0);
      await expect(page.getByTestId('result-box')).toHaveCount(p.lines.length);
      await expect(page.getByTestId('result-line')).toHaveCount(p.lines.length);
      expect((await shownLines(page)).join('\n')).toBe(p.text);
      const frame = await img.boundingBox();
      const boxes = await page.getByTestId('result-boxes').boundingBox();
      expect(Math.abs(frame!.width - boxes!.width)).toBeLessThan(1.5);
      expect(Math.abs(frame!.height - boxes!.height)).toBeLessThan(1.5);
    }

    await page.screenshot({ path: path.join(ARTIFACTS, 'document-pages.png'), fullPage: true });
    const pages = (await exportSearchablePdf(page, 'two.pdf')).split('\f');
    for (const p of expected)
      expect(charF1(squeeze(pages[p.page - 1] ?? ''), squeeze(p.text))).toBeGreaterThan(0.95);

    // History: one entry for the document, with its page count and text.
    await page.getByTestId('nav-history').click();
    const entry = page.getByTestId('history-entry').filter({ hasText: 'two.pdf' }).first();
    await expect(entry).toContainText('2 pages');
    await entry.click();
    await expect(page.getByTestId('history-detail-pages').getByTestId('page-tab')).toHaveCount(2);
  });

  test('an image exports a one-page searchable PDF', async ({ app: page }) => {
    const file = fixtureFile('zhscreen_04_chat_ftp.png');
    await dropFiles(page, page.getByTestId('drop-zone'), [file]);
    await stripItem(page, file.name, 'done');
    const lines = await shownLines(page);
    const layer = await exportSearchablePdf(page, 'zhscreen_04_chat_ftp.pdf');
    expect(charF1(squeeze(layer), squeeze(lines.join('')))).toBeGreaterThan(0.95);
  });
});
