/** Switching between documents in the window: each shows its own pages, and no page or image outlives its item. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { img2pdf } from '../helpers/pdf-fixtures';
import { multiPageTiff } from '../helpers/tiff-fixture';
import { dropFiles, expect, stripItem, test, type FixtureFile } from './fixtures';
import { ROOT } from './serve-process';
import { specTempDir } from './spec-temp';

const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const tmp = specTempDir('lantern-docswitch-');

/** A 3-page TIFF and a 1-page PDF (licence plates: quick to read). */
async function documents(): Promise<{ tiff: FixtureFile; pdf: FixtureFile }> {
  const plates = ['plate_000.jpg', 'plate_003.jpg', 'plate_028.jpg'].map((f) => path.join(FIXTURES, f));
  const pdf = img2pdf([path.join(FIXTURES, 'plate_031.jpg')], path.join(tmp(), 'one.pdf'));
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

  test('the pages are one tab stop: arrows, Home and End move between them and the focus follows', async ({
    app: page,
  }) => {
    const { tiff } = await dropBoth(page);
    await select(page, tiff.name);
    const tab = (n: number) => page.locator(`[data-testid="page-tab"][data-page="${n}"]`);
    await expect(page.getByTestId('page-tab')).toHaveCount(3);
    await tab(1).focus();
    for (const [key, n] of [
      ['ArrowRight', 2],
      ['End', 3],
      ['ArrowRight', 3],
      ['ArrowLeft', 2],
      ['Home', 1],
    ] as const) {
      await page.keyboard.press(key);
      await expect(tab(n)).toHaveAttribute('aria-pressed', 'true');
      await expect(tab(n)).toBeFocused();
    }
    // Tab leaves the switcher from the chosen page: the other pages are not stops on the way.
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('page-tab').and(page.locator(':focus'))).toHaveCount(0);
    await page.keyboard.press('Shift+Tab');
    await expect(tab(1)).toBeFocused();
  });

  test("a page image that cannot be loaded says so in the page's words, with its code", async ({
    app: page,
  }) => {
    const { tiff } = await dropBoth(page);
    await select(page, tiff.name);
    await page.route('**/api/page-image?page=2', (route) =>
      route.fulfill({ status: 500, json: { error: { code: 'INTERNAL', message: 'the render failed' } } }),
    );
    await choosePage(page, 2);
    await expect(page.getByTestId('page-image-state')).toHaveText(
      'The image of page 2 cannot be shown: the render failed (INTERNAL)',
    );
  });

  test("in History, another document's first render is its page 1, never the previous one's page", async ({
    app: page,
  }) => {
    const { tiff, pdf } = await dropBoth(page);
    await page.getByTestId('nav-history').click();
    const entry = (name: string) => page.getByTestId('history-entry').filter({ hasText: name }).first();
    await entry(tiff.name).click();
    const tabs = page.getByTestId('history-detail-pages').getByTestId('page-tab');
    await expect(tabs).toHaveCount(3);
    await tabs.nth(2).click();
    await expect(tabs.nth(2)).toHaveAttribute('aria-pressed', 'true');
    // Every state the detail is drawn in from here on: the pressed page, and whether it says the page has no text.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        const pages = document.querySelector('[data-testid="history-detail-pages"]');
        const pressed = pages?.querySelector('[aria-pressed="true"]')?.getAttribute('data-page') ?? 'none';
        const tabCount = pages?.querySelectorAll('[data-testid="page-tab"]').length ?? 0;
        const empty = document.body.textContent?.includes('No text found') ? ' no text' : '';
        seen.push(`${tabCount} tabs, page ${pressed}${empty}`);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await entry(pdf.name).click();
    await expect(tabs).toHaveCount(1);
    await expect(tabs.first()).toHaveAttribute('aria-pressed', 'true');
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    const wrong = seen.filter((s) => !/^(3 tabs, page 3|1 tabs, page 1)$/.test(s));
    expect(wrong, `states drawn: ${seen.join('; ')}`).toEqual([]);
  });

  test("a page that was not read says so in its button's name, not only in its colour", async ({
    app: page,
  }) => {
    const { tiff } = await dropBoth(page);
    // The TIFF's page 2 failed (as a page whose image cannot be decoded does), in the list History is given.
    await page.route('**/api/history?limit=*', async (route) => {
      const list = (await (await route.fetch()).json()) as {
        name: string;
        document?: { pages: { page: number }[] };
      }[];
      for (const e of list)
        if (e.name === tiff.name && e.document)
          e.document.pages = e.document.pages.map((p) =>
            p.page === 2 ? { page: 2, error: { code: 'BAD_IMAGE', message: 'cannot decode' } } : p,
          );
      await route.fulfill({ json: list });
    });
    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-entry').filter({ hasText: tiff.name }).first().click();
    const pages = page.getByTestId('history-detail-pages').getByRole('navigation', { name: 'Pages' });
    await expect(pages.getByRole('button')).toHaveCount(3);
    await expect(pages.getByRole('button', { name: 'Page 1', exact: true })).toBeVisible();
    await expect(pages.getByRole('button', { name: 'Page 2, not read', exact: true })).toBeVisible();
    await expect(pages.getByRole('button', { name: 'Page 3', exact: true })).toBeVisible();
    await page.getByTestId('language-switch').selectOption('zh-CN');
    const zhPages = page.getByTestId('history-detail-pages').getByRole('navigation', { name: '页面' });
    await expect(zhPages.getByRole('button', { name: '第 2 页，未能读取', exact: true })).toBeVisible();
    await page.getByTestId('language-switch').selectOption('system');
  });

  test("History lists a document with its first pages' lines, without the form feed between pages", async ({
    app: page,
  }) => {
    const { tiff } = await dropBoth(page);
    await select(page, tiff.name);
    const firstLines: string[] = [];
    for (const n of [1, 2]) {
      await choosePage(page, n);
      firstLines.push(
        (await page.getByTestId('result-line').locator('.line__text').first().textContent()) ?? '',
      );
    }
    await page.getByTestId('nav-history').click();
    const entry = page.getByTestId('history-entry').filter({ hasText: tiff.name }).first();
    const preview = await entry.locator('.entry__preview').textContent();
    expect(preview).toBe(firstLines.join(' '));
  });

  test('switching items, pages and Clear all never render a page image whose URL was released', async ({
    app: page,
  }) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const { tiff, pdf } = await dropBoth(page);
    const image = page.getByTestId('result-image');
    /** Waits until the shown page image is a new one and has loaded (a released URL would show ⚠ instead). */
    const loadedAfter = async (before: string | null): Promise<string | null> => {
      await expect(image).not.toHaveAttribute('src', before ?? '');
      await expect
        .poll(() => image.evaluate((el) => (el as HTMLImageElement).naturalWidth))
        .toBeGreaterThan(0);
      return image.getAttribute('src');
    };
    await select(page, tiff.name);
    let shown = await loadedAfter(null);
    for (const n of [2, 3, 1]) {
      await choosePage(page, n);
      shown = await loadedAfter(shown);
    }
    await choosePage(page, 2);
    shown = await loadedAfter(shown);
    // Back to page 2 while page 3 is still on its way: page 2's released URL must not be shown again.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/page-image?page=3', async (route) => {
      await held;
      await route.continue();
    });
    const asked = page.waitForRequest('**/api/page-image?page=3');
    await choosePage(page, 3);
    await asked;
    await choosePage(page, 2);
    shown = await loadedAfter(shown);
    const late = page.waitForResponse('**/api/page-image?page=3');
    release();
    await late;
    await page.unroute('**/api/page-image?page=3');
    for (const name of [pdf.name, tiff.name, pdf.name]) {
      await select(page, name);
      shown = await loadedAfter(shown);
    }
    await page.getByRole('button', { name: 'Clear all' }).click();
    await expect(page.getByTestId('strip-item')).toHaveCount(0);
    await expect(page.getByTestId('result')).toHaveCount(0);
    // A page shown again after Clear all is read from scratch, and loads.
    await dropBoth(page);
    await loadedAfter(shown);
    expect(errors, 'console errors').toEqual([]);
  });
});
