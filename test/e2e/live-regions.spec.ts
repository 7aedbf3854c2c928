/**
 * What a screen reader hears of the window's progress lines: a live region is in the page before its words, so that
 * each message is said, and a long document's pages are not said one after another.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { img2pdf } from '../helpers/pdf-fixtures';
import { expect, fixtureFile, dropFiles, recordLive, stripItem, test } from './fixtures';
import { ROOT } from './serve-process';
import { specTempDir } from './spec-temp';

const tmp = specTempDir('lantern-live-');

/**
 * Records, from now on, what any live region in the page says and when (ms): its text each time words are put into
 * it, as a screen reader hears it (a region inserted with its words says them only when it is an alert).
 */
async function recordSpoken(page: Page): Promise<() => Promise<{ t: number; text: string }[]>> {
  await page.evaluate(() => {
    const live = '[aria-live]:not([aria-live="off"]), [role="status"], [role="log"], [role="alert"]';
    const said: { t: number; text: string }[] = [];
    (window as unknown as { __spoken: typeof said }).__spoken = said;
    const elementOf = (n: Node | null) => (n instanceof Element ? n : (n?.parentElement ?? null));
    new MutationObserver((records) => {
      for (const r of records) {
        const region =
          elementOf(r.target)?.closest(live) ??
          Array.from(r.addedNodes).find((n) => n instanceof Element && n.matches('[role="alert"]'));
        const words =
          r.type === 'characterData' || r.addedNodes.length > 0 ? region?.textContent?.trim() : '';
        if (words) said.push({ t: performance.now(), text: words });
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () =>
    page.evaluate(() => (window as unknown as { __spoken: { t: number; text: string }[] }).__spoken);
}

test.describe('live regions', () => {
  test('Recognize: the result pane says which image it is reading when the image is dropped', async ({
    app: page,
  }) => {
    const said = await recordLive(page, 'result-waiting');
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('plate_000.jpg')]);
    await stripItem(page, 'plate_000.jpg', 'done');
    await expect.poll(said).toContain('Recognising plate_000.jpg…');
    await page.getByRole('button', { name: 'Clear all' }).click();
  });

  test('Batch & Watch: a 20-page document read in a folder is not said page after page', async ({
    app: page,
  }) => {
    const folder = path.join(tmp(), 'pages');
    mkdirSync(folder, { recursive: true });
    const fixtures = path.join(ROOT, 'test', 'fixtures');
    img2pdf(
      Array.from({ length: 20 }, (_, i) => path.join(fixtures, i % 2 ? 'plate_000.jpg' : 'ic15_word_1.png')),
      path.join(folder, 'twenty.pdf'),
    );
    await page.getByTestId('nav-watch').click();
    const view = page.getByTestId('view-watch');
    const spoken = await recordSpoken(page);
    await view.getByLabel('Folder path').fill(folder);
    await view.getByRole('button', { name: 'OCR this folder now' }).click();
    await expect(view.getByRole('group', { name: folder }).getByTestId('batch-line')).toHaveText(/finished/, {
      timeout: 60_000,
    });
    await expect
      .poll(spoken)
      .toContainEqual(expect.objectContaining({ text: expect.stringMatching(/Done.*twenty/) }));
    const pages = (await spoken()).filter((s) => /twenty\.pdf — page \d+ of 20/.test(s.text));
    // Its first page read is news; after that, at most one page message every few seconds.
    expect(pages.length).toBeGreaterThan(0);
    for (let i = 1; i < pages.length; i++)
      expect(pages[i]!.t - pages[i - 1]!.t, JSON.stringify(pages)).toBeGreaterThan(4500);
    await page.getByTestId('nav-recognize').click();
  });

  test('Batch & Watch: a relative path marks its field invalid, describes it by the message and keeps the focus there', async ({
    app: page,
  }) => {
    await page.getByTestId('nav-watch').click();
    const view = page.getByTestId('view-watch');
    const dir = view.getByLabel('Folder path');
    const out = view.getByLabel('Output folder (empty = beside each image)');
    await dir.fill('relative/x');
    await view.getByRole('button', { name: 'OCR this folder now' }).click();
    await expect(view.getByRole('alert')).toContainText('"relative/x" is not one');
    await expect(dir).toHaveAttribute('aria-invalid', 'true');
    await expect(dir).toHaveAccessibleDescription(
      /Give the full path of the folder.*"relative\/x" is not one/,
    );
    await expect(dir).toBeFocused();
    // The same mistake again is said again.
    const spoken = await recordSpoken(page);
    await view.getByRole('button', { name: 'Add folder' }).click();
    await expect
      .poll(async () => (await spoken()).map((s) => s.text))
      .toEqual([expect.stringContaining('"relative/x" is not one')]);
    // Mended, the path is no longer said to be wrong; a relative output folder is then the one marked.
    await dir.fill(tmp());
    await expect(dir).not.toHaveAttribute('aria-invalid', 'true');
    await out.fill('out');
    await view.getByRole('button', { name: 'Add folder' }).click();
    await expect(view.getByRole('alert')).toContainText('"out" is not one');
    await expect(out).toHaveAttribute('aria-invalid', 'true');
    await expect(out).toHaveAccessibleDescription(/"out" is not one/);
    await expect(out).toBeFocused();
    await expect(dir).not.toHaveAttribute('aria-invalid', 'true');
    await out.fill('');
    await dir.fill('');
    await page.getByTestId('nav-recognize').click();
  });
});
