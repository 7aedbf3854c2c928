/** The other views, the language switch, keyboard use and 200% zoom; screenshots of each view. */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './serve-process';
import type { Page } from '@playwright/test';
import { ARTIFACTS, dropFiles, expect, fixtureFile, pill, stripItem, test } from './fixtures';

const FIXTURES = path.join(ROOT, 'test', 'fixtures');

/**
 * Plays the server's side of the event stream: one watch event, sent once the reloaded page shows Batch & Watch (the
 * stream may open before the first render), then no reconnect (retry far off); the caller removes the route when done.
 */
async function playWatchEvent(
  page: Page,
  event: Readonly<Record<string, unknown>>,
  before: Promise<unknown> = Promise.resolve(),
): Promise<void> {
  let listening: () => void = () => {};
  const viewShown = new Promise<void>((r) => (listening = r));
  await page.route('**/events**', async (route) => {
    await viewShown;
    await route.fulfill({
      contentType: 'text/event-stream',
      body: `retry: 600000\n\nevent: watch\ndata: ${JSON.stringify(event)}\n\n`,
    });
  });
  await page.reload();
  await page.getByTestId('nav-watch').click();
  await expect(page.getByTestId('view-watch').getByRole('heading', { name: 'Activity' })).toBeVisible();
  await before;
  listening();
}

test.describe('views', () => {
  test('the language switch changes the UI to Simplified Chinese and back', async ({ app: page }) => {
    await expect(page.getByTestId('nav-recognize')).toHaveText('Recognize');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(page.getByTestId('nav-recognize')).toHaveText('识别');
    await expect(page.getByTestId('nav-history')).toHaveText('历史');
    await expect(page.getByTestId('drop-zone')).toContainText('将图片或 PDF 拖到这里');
    await expect(pill(page)).toContainText('就绪');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('zhscreen_04_chat_ftp.png')]);
    await stripItem(page, 'zhscreen_04_chat_ftp.png', 'done');
    await expect(page.getByRole('button', { name: '全部复制' })).toBeVisible();
    await page.screenshot({ path: path.join(ARTIFACTS, 'recognize-zh-CN-ui.png'), fullPage: true });
    // The choice is kept in the settings: a reload stays in Chinese.
    await page.reload();
    await expect(page.getByTestId('nav-recognize')).toHaveText('识别');
    await page.getByTestId('language-switch').selectOption('en');
    await expect(page.getByTestId('nav-recognize')).toHaveText('Recognize');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByTestId('language-switch').selectOption('system');
    await expect(page.getByTestId('nav-recognize')).toHaveText('Recognize');
  });

  test('History lists recent results and shows one', async ({ app: page }) => {
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('plate_000.jpg')]);
    await stripItem(page, 'plate_000.jpg', 'done');
    await page.getByTestId('nav-history').click();
    const entry = page.getByTestId('history-entry').filter({ hasText: 'plate_000.jpg' }).first();
    await expect(entry).toBeVisible();
    await entry.click();
    await expect(page.getByTestId('view-history').getByTestId('result-line')).toContainText(['京P']);
    // The diagram of its boxes is named for the entry, not only by its size.
    await expect(page.getByTestId('view-history').getByRole('img')).toHaveAccessibleName(
      'Text boxes of plate_000.jpg (94 × 24)',
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'view-history.png'), fullPage: true });
  });

  test("History: Copy all's notice belongs to its entry; choosing another entry does not show it", async ({
    app: page,
  }) => {
    const names = ['plate_000.jpg', 'plate_003.jpg'];
    await dropFiles(page, page.getByTestId('drop-zone'), names.map(fixtureFile));
    for (const n of names) await stripItem(page, n, 'done');
    await page.getByTestId('nav-history').click();
    const view = page.getByTestId('view-history');
    const entry = (n: string) => view.getByTestId('history-entry').filter({ hasText: n }).first();
    await entry('plate_000.jpg').click();
    await view.getByRole('button', { name: 'Copy all' }).click();
    const notice = view.getByTestId('history-notice');
    await expect(notice).toHaveText('Copied to the clipboard');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('京P');
    await entry('plate_003.jpg').click();
    await expect(view.getByRole('heading', { name: 'plate_003.jpg' })).toBeVisible();
    // In the render that shows the other entry, not once a success notice has faded.
    expect(await notice.textContent()).toBe('');
  });

  test('Settings shows the engine, idle, HTTP API and language settings (as the desktop app, which has a file)', async ({
    app: page,
  }) => {
    // The desktop app's settings carry its mode and file; the same UI then offers the local HTTP API switch.
    await page.route('**/api/settings', async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as Record<string, unknown>;
      await route.fulfill({
        response: res,
        json: { ...body, runtime: { mode: 'desktop', file: '/home/ada/.config/Lantern OCR/settings.json' } },
      });
    });
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('settings-storage')).toHaveText(
      'Saved in /home/ada/.config/Lantern OCR/settings.json',
    );
    const view = page.getByTestId('view-settings');
    // serve was started without --provider: the setting is "auto" (which chose CPU here).
    await expect(view.getByLabel('Execution provider')).toHaveValue('auto');
    await expect(view.getByLabel('Threads (0 = one per core)')).toBeVisible();
    await expect(view.getByRole('radio', { name: 'Keep the model warm' })).toBeChecked();
    await view.getByRole('radio', { name: 'Unload after some minutes' }).check();
    await expect(view.getByLabel('Minutes before unloading')).toBeVisible();
    await view.getByRole('switch', { name: 'Enable the local HTTP API' }).check();
    await view.getByRole('button', { name: 'Generate' }).click();
    await expect(view.getByLabel('Token')).toHaveValue(/^[A-Za-z0-9_-]{32}$/);
    await expect(view.getByTestId('settings-language')).toBeVisible();
    await page.screenshot({ path: path.join(ARTIFACTS, 'view-settings.png'), fullPage: true });
    // An invalid port is refused before anything is sent.
    await view.getByLabel('Port').fill('80');
    await view.getByRole('button', { name: 'Save' }).click();
    await expect(view.getByLabel('Port')).toHaveAttribute('aria-invalid', 'true');
    await expect(view.getByLabel('Port')).toHaveAccessibleDescription(
      'Enter a whole number from 1024 to 65535.',
    );
    await expect(view.getByLabel('Port')).toBeFocused();
  });

  test("Settings: a value the server would refuse says the range it accepts, on the field's description, and gets the focus", async ({
    app: page,
  }) => {
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/settings') && r.method() !== 'GET') sent.push(`${r.method()} ${r.url()}`);
    });
    await page.getByTestId('nav-settings').click();
    const view = page.getByTestId('view-settings');
    const threads = view.getByLabel('Threads (0 = one per core)');
    const save = view.getByRole('button', { name: 'Save' });
    // The settings schema's threads: a whole number 0-256 (app/contracts/settings.ts).
    for (const bad of ['300', '-3', '2.5']) {
      await threads.fill(bad);
      await save.click();
      await expect(threads).toHaveAttribute('aria-invalid', 'true');
      await expect(threads).toHaveAccessibleDescription(
        'Enter a whole number from 0 to 256 (0 = one per core).',
      );
      await expect(threads).toBeFocused();
      await expect(view.getByTestId('field-error')).toHaveText(
        'Enter a whole number from 0 to 256 (0 = one per core).',
      );
    }
    // Typing again takes the message away until the next Save.
    await threads.fill('4');
    await expect(threads).not.toHaveAttribute('aria-invalid');
    await expect(view.getByTestId('field-error')).toHaveCount(0);

    // Idle minutes: above 0, at most a day; with two wrong fields the first in the form gets the focus.
    await view.getByRole('radio', { name: 'Unload after some minutes' }).check();
    const minutes = view.getByLabel('Minutes before unloading');
    for (const bad of ['0', '1441', '']) {
      await threads.fill('257');
      await minutes.fill(bad);
      await save.click();
      await expect(minutes).toHaveAccessibleDescription(
        'Enter a number of minutes above 0 and at most 1440 (a day).',
      );
      await expect(threads).toBeFocused();
      await threads.fill('0');
      await save.click();
      await expect(minutes).toBeFocused();
      await expect(view.getByTestId('field-error')).toHaveCount(1);
    }
    expect(sent, 'nothing is sent while a value is out of range').toEqual([]);
  });

  test('Batch & Watch: watch a folder, a new image there is read; "OCR this folder now" runs a batch to the end', async ({
    app: page,
  }) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'lantern-e2e-watch-'));
    const watched = path.join(root, 'watched');
    const batchDir = path.join(root, 'batch');
    const out = path.join(root, 'out');
    mkdirSync(watched);
    mkdirSync(batchDir);
    for (let i = 0; i < 3; i++)
      copyFileSync(path.join(FIXTURES, 'plate_000.jpg'), path.join(batchDir, `plate-${i}.jpg`));
    try {
      await page.getByTestId('nav-watch').click();
      const view = page.getByTestId('view-watch');
      await expect(view.getByRole('heading', { name: 'Failed files' })).toBeVisible();
      await expect(view.getByRole('heading', { name: 'Activity' })).toBeVisible();
      await view.getByLabel('Folder path').fill(watched);
      await view.getByLabel('Output folder (empty = beside each image)').fill(out);
      await view.getByRole('button', { name: 'Add folder' }).click();
      await expect(view.getByText(watched, { exact: true })).toHaveCount(1);
      copyFileSync(path.join(FIXTURES, 'plate_000.jpg'), path.join(watched, 'new.jpg'));
      await expect.poll(() => existsSync(path.join(out, 'new.jpg.txt')), { timeout: 30_000 }).toBe(true);
      expect(readFileSync(path.join(out, 'new.jpg.txt'), 'utf8')).toContain('L3N67');
      await view.getByLabel('Folder path').fill(batchDir);
      await view.getByLabel('Output folder (empty = beside each image)').fill('');
      await view.getByRole('button', { name: 'OCR this folder now' }).click();
      await expect(view.getByText(/Batch: 3 of 3 done, 0 failed \(finished\)/)).toBeVisible({
        timeout: 30_000,
      });
      for (let i = 0; i < 3; i++)
        expect(readFileSync(path.join(batchDir, `plate-${i}.jpg.txt`), 'utf8')).toContain('L3N67');
      await page.screenshot({ path: path.join(ARTIFACTS, 'view-watch.png'), fullPage: true });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('Batch & Watch: "OCR this folder now" does not list its folder among the watched ones', async ({
    app: page,
  }) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'lantern-e2e-batch-row-'));
    const watched = path.join(root, 'watched');
    const batchDir = path.join(root, 'batch');
    mkdirSync(watched);
    mkdirSync(batchDir);
    for (let i = 0; i < 2; i++)
      copyFileSync(path.join(FIXTURES, 'plate_000.jpg'), path.join(batchDir, `plate-${i}.jpg`));
    // The page's own watch events, recorded as they arrive: the batch folder's event is waited for, not timed.
    await page.addInitScript(() => {
      const seen: unknown[] = [];
      (window as unknown as { __watch: unknown[] }).__watch = seen;
      const Original = window.EventSource;
      window.EventSource = class extends Original {
        constructor(url: string | URL, init?: EventSourceInit) {
          super(url, init);
          this.addEventListener('watch', (e) => seen.push(JSON.parse((e as MessageEvent<string>).data)));
        }
      };
    });
    await page.reload();
    try {
      await page.getByTestId('nav-watch').click();
      const view = page.getByTestId('view-watch');
      await view.getByLabel('Folder path').fill(watched);
      await view.getByRole('button', { name: 'Add folder' }).click();
      const rows = view.getByTestId('watch-folder');
      await expect(rows.filter({ hasText: watched })).toHaveCount(1);
      await view.getByLabel('Folder path').fill(batchDir);
      await view.getByRole('button', { name: 'OCR this folder now' }).click();
      await expect(view.getByText(/Batch: 2 of 2 done, 0 failed \(finished\)/)).toBeVisible({
        timeout: 30_000,
      });
      await page.waitForFunction(
        (dir) =>
          (window as unknown as { __watch: { type: string; folder?: { dir: string } }[] }).__watch.some(
            (e) => e.type === 'folder' && e.folder?.dir === dir,
          ),
        batchDir,
      );
      // A later event on the same stream (the watched folder's new file) is shown: the batch's was handled before it.
      copyFileSync(path.join(FIXTURES, 'plate_000.jpg'), path.join(watched, 'new.jpg'));
      await expect(rows.filter({ hasText: watched })).toContainText('1 done', { timeout: 30_000 });
      await expect(rows.filter({ hasText: batchDir })).toHaveCount(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('Batch & Watch keeps a paused batch and the half-typed form across a switch to another view and back', async ({
    app: page,
  }) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'lantern-e2e-away-'));
    const batchDir = path.join(root, 'batch');
    mkdirSync(batchDir);
    for (let i = 0; i < 6; i++)
      copyFileSync(path.join(FIXTURES, 'tess_eurotext.png'), path.join(batchDir, `page-${i}.png`));
    try {
      await page.getByTestId('nav-watch').click();
      const view = page.getByTestId('view-watch');
      await view.getByLabel('Folder path').fill(batchDir);
      await view.getByRole('button', { name: 'OCR this folder now' }).click();
      await view.getByRole('button', { name: 'Pause' }).click();
      await expect(view.getByText(/Batch: \d of 6 done, 0 failed \(paused\)/)).toBeVisible();
      await view.getByLabel('Output folder (empty = beside each image)').fill(path.join(root, 'out'));
      // Away and back: the paused batch (no event will come while it waits) keeps its Resume, the form its text.
      await page.getByTestId('nav-history').click();
      await expect(page.getByTestId('view-history')).toBeVisible();
      await page.getByTestId('nav-watch').click();
      await expect(view.getByText(/Batch: \d of 6 done, 0 failed \(paused\)/)).toBeVisible();
      await expect(view.getByLabel('Folder path')).toHaveValue(batchDir);
      await expect(view.getByLabel('Output folder (empty = beside each image)')).toHaveValue(
        path.join(root, 'out'),
      );
      await view.getByRole('button', { name: 'Resume' }).click();
      await expect(view.getByText('Batch: 6 of 6 done, 0 failed (finished)')).toBeVisible({
        timeout: 60_000,
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('Batch & Watch: a failed action is shown in its row, not swallowed', async ({ app: page, serve }) => {
    const watched = mkdtempSync(path.join(os.tmpdir(), 'lantern-e2e-gone-'));
    const api = (p: string, init: RequestInit = {}) =>
      fetch(`${serve.origin}${p}`, { ...init, headers: { authorization: `Bearer ${serve.token}` } });
    try {
      await page.getByTestId('nav-watch').click();
      const view = page.getByTestId('view-watch');
      // A relative path is explained in words, before anything is asked of the server.
      await view.getByLabel('Folder path').fill('Scans');
      await view.getByRole('button', { name: 'Add folder' }).click();
      await expect(view.getByRole('alert')).toContainText('Give the full path of the folder');
      await expect(view.getByRole('alert')).toContainText('"Scans" is not one');
      // A file named as the folder to OCR is said to be a file, not said not to exist.
      const file = path.join(watched, 'scan.jpg');
      copyFileSync(path.join(FIXTURES, 'plate_000.jpg'), file);
      await view.getByLabel('Folder path').fill(file);
      await view.getByRole('button', { name: 'OCR this folder now' }).click();
      await expect(view.getByRole('alert')).toHaveText(`not a folder (a file): ${file} (FILE_NOT_FOUND)`);
      await view.getByLabel('Folder path').fill(watched);
      await view.getByRole('button', { name: 'Add folder' }).click();
      const row = view.getByTestId('watch-folder').filter({ hasText: watched });
      await expect(row).toHaveCount(1);
      // Another client removes the folder behind this page's back: switching it off must say why it failed.
      const folders = (await (await api('/api/watch')).json()) as { id: string; dir: string }[];
      const id = folders.find((f) => f.dir === watched)!.id;
      expect((await api(`/api/watch/${id}`, { method: 'DELETE' })).ok).toBe(true);
      await row.getByRole('switch').click();
      await expect(row.getByRole('alert')).toContainText('Could not do that');
      await expect(row.getByRole('alert')).toContainText('NOT_FOUND');
    } finally {
      rmSync(watched, { recursive: true, force: true });
    }
  });

  test('Batch & Watch: a document being read in a watched folder shows its page, in English and Chinese', async ({
    app: page,
  }) => {
    await playWatchEvent(page, {
      type: 'page',
      folderId: 'f1',
      path: '/scans/in/scan.pdf',
      page: 2,
      pages: 5,
    });
    const pages = page.getByTestId('view-watch').getByTestId('watch-pages');
    await expect(pages).toHaveText('scan.pdf — page 2 of 5');
    await expect(pages.locator('progress')).toHaveAttribute('value', '2');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(pages).toHaveText('scan.pdf — 第 2/5 页');
    await page.getByTestId('language-switch').selectOption('system');
    await page.unroute('**/events**');
  });

  test("Batch & Watch: a paused folder says why in the UI's language, the engine's own words marked English", async ({
    app: page,
  }) => {
    const gone = path.join(os.tmpdir(), `lantern-paused-${randomUUID()}`, 'not-there');
    await page.getByTestId('nav-watch').click();
    const view = page.getByTestId('view-watch');
    await view.getByLabel('Folder path').fill(gone);
    await view.getByRole('button', { name: 'Add folder' }).click();
    const row = view.getByTestId('watch-folder').filter({ hasText: gone });
    const why = row.getByTestId('watch-paused');
    await expect(why).toContainText('Paused: the folder cannot be opened');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(why).toContainText('已暂停：无法打开此文件夹');
    await expect(why.locator('[lang="en"]')).toContainText('folder not found');
    await page.getByTestId('language-switch').selectOption('system');
    await row.getByRole('button', { name: `Remove ${gone}` }).click();
    await expect(row).toHaveCount(0);
  });

  test("Batch & Watch: a batch's state is said in the UI's language", async ({ app: page }) => {
    const paused = {
      type: 'batch',
      batchId: 'b1',
      dir: '/scans/in',
      done: 2,
      failed: 1,
      total: 6,
      rate: 1,
      etaS: null,
      state: 'paused',
    };
    // The server this plays lists the batch too, and its listing is answered after the event (the order that lost the
    // batch when the real server's empty list came last): the line stays.
    let shown: () => void = () => {};
    const eventShown = new Promise<void>((r) => (shown = r));
    await page.route('**/api/watch/batch', async (route) => {
      if (route.request().method() !== 'GET') return route.fallback();
      await eventShown;
      await route.fulfill({ json: [paused] });
    });
    const listed = page.waitForResponse(
      (r) => r.url().endsWith('/api/watch/batch') && r.request().method() === 'GET',
    );
    await playWatchEvent(page, paused);
    const line = page.getByTestId('view-watch').getByTestId('batch-line');
    await expect(line).toHaveText('Batch: 2 of 6 done, 1 failed (paused)');
    shown();
    await listed;
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(line).toHaveText('批量：已完成 2/6，失败 1（已暂停）');
    await page.getByTestId('language-switch').selectOption('system');
    await page.unroute('**/events**');
    await page.unroute('**/api/watch/batch');
  });

  test('Batch & Watch: a batch heard while the listing was on its way stays when the listing, taken before, lacks it', async ({
    app: page,
  }) => {
    const running = {
      type: 'batch',
      batchId: 'b2',
      dir: '/scans/late',
      done: 1,
      failed: 0,
      total: 4,
      rate: 1,
      etaS: 3,
      state: 'running',
    };
    // The listing is asked for before the batch starts and answered after its event: it cannot know the batch.
    let asked: () => void = () => {};
    const listingAsked = new Promise<void>((r) => (asked = r));
    let shown: () => void = () => {};
    const eventShown = new Promise<void>((r) => (shown = r));
    await page.route('**/api/watch/batch', async (route) => {
      if (route.request().method() !== 'GET') return route.fallback();
      asked();
      await eventShown;
      await route.fulfill({ json: [] });
    });
    const listed = page.waitForResponse(
      (r) => r.url().endsWith('/api/watch/batch') && r.request().method() === 'GET',
    );
    await playWatchEvent(page, running, listingAsked);
    const line = page.getByTestId('view-watch').getByTestId('batch-line');
    await expect(line).toContainText('Batch: 1 of 4 done');
    shown();
    await listed;
    // The listing is handled in a task after its response; a later render (the language switch) comes after it.
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(line).toContainText('批量：已完成 1/4');
    await page.getByTestId('language-switch').selectOption('system');
    await page.unroute('**/events**');
    await page.unroute('**/api/watch/batch');
  });

  test('keyboard: tab order reaches the views and Open…, Enter switches views, focus is visible', async ({
    app: page,
  }) => {
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('nav-recognize')).toBeFocused();
    const outline = await page
      .getByTestId('nav-recognize')
      .evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
    expect(outline).toMatch(/solid 3px/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('nav-history')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('view-history')).toBeVisible();
    await page.getByTestId('nav-recognize').focus();
    await page.keyboard.press(' ');
    await expect(page.getByTestId('view-recognize')).toBeVisible();
    // Open… is reachable by Tab.
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page
        .getByRole('button', { name: 'Open…' })
        .evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    // Lines are a listbox: arrows move, Enter selects.
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('zhscreen_04_chat_ftp.png')]);
    await stripItem(page, 'zhscreen_04_chat_ftp.png', 'done');
    await page.getByTestId('result-line').first().focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('result-line').nth(1)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('result-line').nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('result-box').nth(1)).toHaveClass(/box--selected/);
  });

  test('readable at 200% zoom: no horizontal scrolling, everything reachable', async ({ app: page }) => {
    await page.setViewportSize({ width: 640, height: 430 });
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('zhscreen_04_chat_ftp.png')]);
    await stripItem(page, 'zhscreen_04_chat_ftp.png', 'done');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(pill(page)).toBeInViewport();
    await page.screenshot({ path: path.join(ARTIFACTS, 'zoom-200.png'), fullPage: true });
    for (const v of ['settings', 'watch', 'history'] as const) {
      await page.getByTestId(`nav-${v}`).click();
      await expect(page.getByTestId(`view-${v}`)).toBeVisible();
      const o = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(o, `${v} overflows horizontally`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(ARTIFACTS, `zoom-200-${v}.png`), fullPage: true });
    }
  });

  test('a long unbroken file name or folder path wraps: no horizontal scrolling while it is read or watched', async ({
    app: page,
  }) => {
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const long = `${'scan_of_the_quarterly_report_'.repeat(6)}final.png`;
    // The request is held, so the result pane says it is reading the image, by name, for as long as we look.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/ocr', async (route) => {
      await held;
      await route.continue().catch(() => undefined); // the page went meanwhile: nothing to continue
    });
    await dropFiles(page, page.getByTestId('drop-zone'), [{ ...fixtureFile('plate_000.jpg'), name: long }]);
    await expect(page.getByTestId('result').getByText(`Recognising ${long}`)).toBeVisible();
    expect(await overflow(), 'Recognize overflows while reading').toBeLessThanOrEqual(0);
    release();
    await stripItem(page, long, 'done');
    expect(await overflow(), 'Recognize overflows once read').toBeLessThanOrEqual(0);

    const root = mkdtempSync(path.join(os.tmpdir(), 'lantern-e2e-long-'));
    try {
      const watched = path.join(root, 'in');
      const out = path.join(root, `${'output_folder_of_the_scanned_reports_'.repeat(6)}x`);
      mkdirSync(watched);
      mkdirSync(out);
      await page.getByTestId('nav-watch').click();
      const view = page.getByTestId('view-watch');
      await view.getByLabel('Folder path').fill(watched);
      await view.getByLabel(/Output folder/).fill(out);
      await view.getByRole('button', { name: 'Add folder' }).click();
      await expect(view.getByTestId('watch-folder').filter({ hasText: watched })).toContainText(out);
      expect(await overflow(), 'Batch & Watch overflows').toBeLessThanOrEqual(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('dark colour scheme follows prefers-color-scheme', async ({ app: page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('zhscreen_04_chat_ftp.png')]);
    await stripItem(page, 'zhscreen_04_chat_ftp.png', 'done');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(20, 23, 28)');
    await page.getByTestId('result-line').nth(1).hover();
    await page.screenshot({ path: path.join(ARTIFACTS, 'recognize-dark.png'), fullPage: true });
  });
});
