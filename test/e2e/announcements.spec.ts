/**
 * What a screen reader hears in Recognize: each result once, in words, and a long document's progress at a calm
 * pace, through one polite status line, which also says what Remove and Clear all took away; the engine pill does not
 * say Busy/Ready for every request.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { img2pdf } from '../helpers/pdf-fixtures';
import { dropFiles, expect, fixtureFile, recordLive, stripItem, test, type FixtureFile } from './fixtures';
import { ROOT } from './serve-process';
import { specTempDir } from './spec-temp';

const tmp = specTempDir('lantern-announce-');

/** A 20-page scanned PDF (two fixture images taking turns). */
function twentyPages(): FixtureFile {
  const fixtures = path.join(ROOT, 'test', 'fixtures');
  const pages = Array.from({ length: 20 }, (_, i) =>
    path.join(fixtures, i % 2 ? 'plate_000.jpg' : 'ic15_word_1.png'),
  );
  const out = img2pdf(pages, path.join(tmp(), 'twenty.pdf'));
  return { name: 'twenty.pdf', mimeType: 'application/pdf', buffer: readFileSync(out) };
}

/** Records every text the element matching `selector` takes, with when (ms), from now on. */
async function recordText(
  page: Page,
  selector: string,
): Promise<() => Promise<{ t: number; text: string }[]>> {
  await page.evaluate((sel) => {
    const w = window as unknown as Record<string, { t: number; text: string }[]>;
    const seen: { t: number; text: string }[] = [];
    w[`__said:${sel}`] = seen;
    // What it says already is not news: only changes are recorded.
    let last = document.querySelector(sel)?.textContent ?? '';
    new MutationObserver(() => {
      const text = document.querySelector(sel)?.textContent ?? '';
      if (text && text !== last) seen.push({ t: performance.now(), text });
      last = text;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, selector);
  return () =>
    page.evaluate(
      (sel) => (window as unknown as Record<string, { t: number; text: string }[]>)[`__said:${sel}`]!,
      selector,
    );
}

test.describe('announcements', () => {
  test('a finished image and a finished document are announced once, in words', async ({ app: page }) => {
    const said = await recordText(page, '[data-testid="recognition-announcer"]');
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('plate_000.jpg')]);
    await stripItem(page, 'plate_000.jpg', 'done');
    const announcer = page.getByTestId('recognition-announcer');
    await expect(announcer).toHaveAttribute('role', 'status');
    await expect(announcer).toHaveText('plate_000.jpg: 1 line recognised');

    await dropFiles(page, page.getByTestId('drop-zone'), [twentyPages()]);
    await stripItem(page, 'twenty.pdf', 'done');
    await expect(announcer).toHaveText('twenty.pdf: 20 pages read');
    const lines = await said();
    expect(lines.map((l) => l.text)).toContain('plate_000.jpg: 1 line recognised');
    // Progress at most every few seconds: no two announcements closer than 4.5 s, but the final one.
    const progress = lines.slice(1, -1);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.t - progress[i - 1]!.t, JSON.stringify(lines)).toBeGreaterThan(4500);

    await page.getByTestId('language-switch').selectOption('zh-CN');
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('plate_003.jpg')]);
    await stripItem(page, 'plate_003.jpg', 'done');
    await expect(announcer).toHaveText(/^plate_003\.jpg：识别出 \d+ 行$/);
    await page.getByTestId('language-switch').selectOption('system');
  });

  test("the engine pill's status line does not say Busy and Ready again for every request", async ({
    app: page,
  }) => {
    const pillSaid = await recordText(page, '[data-testid="status-announcer"]');
    await dropFiles(page, page.getByTestId('drop-zone'), [twentyPages()]);
    await stripItem(page, 'twenty.pdf', 'done');
    for (const name of ['plate_000.jpg', 'plate_003.jpg']) {
      await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile(name)]);
      await stripItem(page, name, 'done');
    }
    await expect(page.getByTestId('status-pill')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('status-announcer')).toHaveText('Ready');
    // The engine was ready before and after: a ready engine taking requests is routine, not news.
    expect((await pillSaid()).map((l) => l.text)).toEqual([]);
  });

  test('the same words said twice are heard twice: an image read again, Copy all pressed again', async ({
    app: page,
  }) => {
    const read = await recordLive(page, 'recognition-announcer');
    const done = page.locator('[data-testid="strip-item"][data-name="plate_000.jpg"][data-state="done"]');
    for (const n of [1, 2]) {
      await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('plate_000.jpg')]);
      await expect(done).toHaveCount(n);
    }
    await expect.poll(read).toEqual(['plate_000.jpg: 1 line recognised', 'plate_000.jpg: 1 line recognised']);

    await done.last().click();
    const copied = await recordLive(page, 'notice');
    const copyAll = page.getByRole('button', { name: 'Copy all' });
    await copyAll.click();
    await expect.poll(copied).toEqual(['Copied to the clipboard']);
    await copyAll.click();
    await expect.poll(copied).toEqual(['Copied to the clipboard', 'Copied to the clipboard']);
    await page.getByRole('button', { name: 'Clear all' }).click();
  });

  test('Recognize: Remove and Clear all say what they took away, from the line already in the page', async ({
    app: page,
  }) => {
    const names = ['plate_000.jpg', 'plate_003.jpg', 'plate_028.jpg'];
    await dropFiles(page, page.getByTestId('drop-zone'), names.map(fixtureFile));
    for (const n of names) await stripItem(page, n, 'done');
    const said = await recordLive(page, 'recognition-announcer');

    await page.getByRole('button', { name: 'Remove plate_003.jpg' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(said).toEqual(['plate_003.jpg removed']);
    await page.getByRole('button', { name: 'Clear all' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('strip')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Open…' })).toBeFocused();
    await expect.poll(said).toEqual(['plate_003.jpg removed', '2 files cleared']);
    // The empty pane's words are not news: no live region appears with them.
    await expect(page.locator('.result--empty')).not.toHaveAttribute('aria-live', /.*/);
  });

  test("Batch & Watch: the activity list is in the page before its first news, so the first file's outcome is said", async ({
    app: page,
  }) => {
    const folder = path.join(tmp(), 'batch-said');
    mkdirSync(folder, { recursive: true });
    copyFileSync(path.join(ROOT, 'test', 'fixtures', 'plate_000.jpg'), path.join(folder, 'first.jpg'));
    await page.getByTestId('nav-watch').click();
    const view = page.getByTestId('view-watch');
    await expect(view.getByText('No activity yet.')).toBeVisible();
    const said = await recordLive(page, 'watch-activity-list');
    await view.getByLabel('Folder path').fill(folder);
    await view.getByRole('button', { name: 'OCR this folder now' }).click();
    await expect.poll(said, { timeout: 60_000 }).toContainEqual(expect.stringMatching(/Done.*first\.jpg/));
    await expect(view.getByText('No activity yet.')).toHaveCount(0);
  });

  test('Batch & Watch: the bar of a document read page by page is named by its page line', async ({
    app: page,
  }) => {
    const folder = path.join(tmp(), 'batch-pages');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'twenty.pdf'), twentyPages().buffer);
    await page.getByTestId('nav-watch').click();
    const view = page.getByTestId('view-watch');
    await view.getByLabel('Folder path').fill(folder);
    await view.getByRole('button', { name: 'OCR this folder now' }).click();
    const reading = view.getByTestId('watch-pages');
    await expect(reading.getByText(/twenty\.pdf/)).toBeVisible({ timeout: 60_000 });
    // The bar is named by the words beside it, not a progress bar of nothing to a screen reader.
    await expect(reading.getByRole('progressbar')).toHaveAccessibleName(/^twenty\.pdf — page \d+ of 20$/);
    await expect(view.getByRole('group', { name: folder }).getByTestId('batch-line')).toHaveText(/finished/, {
      timeout: 60_000,
    });
  });

  test('History: choosing an entry does not read its whole text aloud (the detail is not a live region)', async ({
    app: page,
  }) => {
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('zhscreen_04_chat_ftp.png')]);
    await stripItem(page, 'zhscreen_04_chat_ftp.png', 'done');
    await page.getByTestId('nav-history').click();
    const view = page.getByTestId('view-history');
    await view.getByTestId('history-entry').filter({ hasText: 'zhscreen_04_chat_ftp.png' }).first().click();
    const line = view.getByTestId('result-line').first();
    await expect(line).toBeVisible();
    // A live region around the detail makes a screen reader read every line of the entry when it is chosen.
    const live = await line.evaluate((el) => {
      const region = el.closest(
        '[aria-live]:not([aria-live="off"]), [role="status"], [role="log"], [role="alert"]',
      );
      return region ? region.outerHTML.slice(0, 80) : null;
    });
    expect(live).toBeNull();
  });
});
