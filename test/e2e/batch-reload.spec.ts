/**
 * A batch outlives the page that started it: a reloaded page, and a second tab, show it (running or paused) with
 * its controls, and Resume and Cancel work from there.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { imageFolder } from './watch-folders';

/** Holds the page's event stream until the returned release: what the page shows meanwhile, it loaded itself. */
async function holdEvents(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/events**', async (route) => {
    await held;
    await route.continue().catch(() => undefined); // the page went meanwhile
  });
  return release;
}

test('a paused batch is shown again after a reload and in a second tab, and resumes and cancels from there', async ({
  app: page,
  serve,
}) => {
  // Many pages of text: the batch is still far from its end when it is resumed, and is cancelled while it runs.
  const { dir, cleanup } = await imageFolder('tess_eurotext.png', 40);
  const batchIn = (p: Page) => p.getByTestId('view-watch').getByRole('group', { name: dir });
  const paused = /^Batch: \d+ of 40 done, 0 failed \(paused\)$/;
  try {
    await page.getByTestId('nav-watch').click();
    const view = page.getByTestId('view-watch');
    await view.getByLabel('Folder path').fill(dir);
    await view.getByRole('button', { name: 'OCR this folder now' }).click();
    await batchIn(page).getByRole('button', { name: 'Pause' }).click();
    await expect(batchIn(page).getByTestId('batch-line')).toHaveText(paused);

    // A paused batch sends no events (the files it was reading may still send one): a page that has heard none shows
    // the batch from what the server lists.
    const other = await page.context().newPage();
    await holdEvents(other);
    await other.goto(`${serve.origin}/`);
    await other.getByTestId('nav-watch').click();
    await expect(batchIn(other).getByTestId('batch-line')).toHaveText(paused);
    await expect(batchIn(other).getByRole('button', { name: 'Resume' })).toBeVisible();
    await other.close();

    const release = await holdEvents(page);
    await page.reload();
    await page.getByTestId('nav-watch').click();
    const line = batchIn(page).getByTestId('batch-line');
    await expect(line).toHaveText(paused);
    release();
    await batchIn(page).getByRole('button', { name: 'Resume' }).click();
    await expect(line).toHaveText(/^Batch: \d+ of 40 done, 0 failed \(running\)$/);
    await batchIn(page).getByRole('button', { name: 'Cancel batch' }).click();
    await expect(line).toHaveText(/^Batch: \d+ of 40 done, 0 failed \(cancelled\)$/);
    await expect(batchIn(page).getByRole('button')).toHaveCount(0);
  } finally {
    cleanup();
  }
});
