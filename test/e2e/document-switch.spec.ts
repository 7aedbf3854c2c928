/** Switching between documents in the window: each shows its own pages, and no page or image outlives its item. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { img2pdf } from '../helpers/pdf-fixtures';
import { multiPageTiff } from '../helpers/tiff-fixture';
import { dropFiles, expect, stripItem, test, type FixtureFile } from './fixtures';
import { ROOT } from './serve-process';

const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lantern-docswitch-'));
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A 3-page TIFF and a 1-page PDF (licence plates: quick to read). */
async function documents(): Promise<{ tiff: FixtureFile; pdf: FixtureFile }> {
  const plates = ['plate_000.jpg', 'plate_003.jpg', 'plate_028.jpg'].map((f) => path.join(FIXTURES, f));
  const pdf = img2pdf([path.join(FIXTURES, 'plate_031.jpg')], path.join(tmp, 'one.pdf'));
  return {
    tiff: { name: 'three.tif', mimeType: 'image/tiff', buffer: await multiPageTiff(plates) },
    pdf: { name: 'one.pdf', mimeType: 'application/pdf', buffer: readFileSync(pdf) },
  };
}

/** Drops both documents and waits until both are read. */
async function dropBoth(page: Page): Promise<{ tiff: FixtureFile; pdf: FixtureFile }> {
  const docs = await documents();
  await dropFiles(page, page.getByTestId('drop-zone'), [docs.tiff, docs.pdf]);
  await stripItem(page, docs.tiff.name, 'done');
  await stripItem(page, docs.pdf.name, 'done');
  return docs;
}

/** Selects a strip item and waits until its name heads the result pane. */
async function select(page: Page, name: string): Promise<void> {
  await page.locator(`[data-testid="strip-item"][data-name="${name}"]`).click();
  await expect(page.locator('#result-title')).toHaveText(name);
}

/** Chooses a page and waits until its tab is pressed. */
async function choosePage(page: Page, n: number): Promise<void> {
  const tab = page.locator(`[data-testid="page-tab"][data-page="${n}"]`);
  await tab.click();
  await expect(tab).toHaveAttribute('aria-pressed', 'true');
}

test.describe('Switching documents', () => {
  test("another document opens on its page 1: the previous one's page number is never asked of it", async ({
    app: page,
  }) => {
    const asked: string[] = [];
    const refused: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname !== '/api/page-image') return;
      asked.push(
        `${decodeURIComponent(r.headers()['x-file-name'] ?? '')} page ${url.searchParams.get('page')}`,
      );
    });
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/api/page-image' && r.status() >= 400) refused.push(r.url());
    });
    const { tiff, pdf } = await dropBoth(page);
    await select(page, tiff.name);
    await expect(page.getByTestId('page-tab')).toHaveCount(3);
    const third = page.waitForResponse((r) => r.url().endsWith('/api/page-image?page=3'));
    await choosePage(page, 3);
    expect((await third).status()).toBe(200);

    const onePdf = page.waitForResponse(
      (r) => r.url().endsWith('/api/page-image?page=1') && r.request().headers()['x-file-name'] === pdf.name,
    );
    await select(page, pdf.name);
    await expect(page.getByTestId('page-tab')).toHaveCount(1);
    await expect(page.getByTestId('page-tab')).toHaveAttribute('aria-pressed', 'true');
    expect((await onePdf).status()).toBe(200);
    expect(asked).toEqual([`${tiff.name} page 1`, `${tiff.name} page 3`, `${pdf.name} page 1`]);
    expect(refused, 'page images refused').toEqual([]);
  });
});
