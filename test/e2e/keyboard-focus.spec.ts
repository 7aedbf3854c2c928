/**
 * Keyboard focus after an action takes away the control that had it: the focus lands on the next sensible control,
 * never on <body>, where a keyboard or screen-reader user would have to start again from the top of the page.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { img2pdf } from '../helpers/pdf-fixtures';
import { corruptFile, dropFiles, expect, fixtureFile, stripItem, test, type FixtureFile } from './fixtures';
import { ROOT } from './serve-process';
import { imageFolder } from './watch-folders';
import { specTempDir } from './spec-temp';

const tmp = specTempDir('lantern-focus-');

/** A one-page scanned PDF encrypted by qpdf with user password `pw`. */
function lockedPdf(pw: string): FixtureFile {
  const plain = img2pdf(
    [path.join(ROOT, 'test', 'fixtures', 'plate_000.jpg')],
    path.join(tmp(), 'plain.pdf'),
  );
  const out = path.join(tmp(), 'locked.pdf');
  execFileSync('qpdf', ['--encrypt', pw, `owner-${pw}`, '256', '--', plain, out]);
  return { name: 'locked.pdf', mimeType: 'application/pdf', buffer: readFileSync(out) };
}

/** Whether the focus fell back to <body> (or nowhere). */
const focusLost = (page: Page) =>
  page.evaluate(() => document.activeElement === null || document.activeElement === document.body);

test.describe('keyboard focus', () => {
  test('Recognize: removing an image focuses its neighbour; removing the last one or Clear all focuses Open…', async ({
    app: page,
  }) => {
    const names = ['plate_000.jpg', 'plate_003.jpg', 'plate_028.jpg'];
    await dropFiles(page, page.getByTestId('drop-zone'), names.map(fixtureFile));
    for (const n of names) await stripItem(page, n, 'done');
    const thumb = (name: string) => page.locator(`[data-testid="strip-item"][data-name="${name}"]`);

    // The middle one: its right-hand neighbour takes the focus.
    await page.getByRole('button', { name: 'Remove plate_003.jpg' }).focus();
    await page.keyboard.press('Enter');
    await expect(thumb('plate_003.jpg')).toHaveCount(0);
    await expect(thumb('plate_028.jpg')).toBeFocused();
    // The last one: the one before it.
    await page.getByRole('button', { name: 'Remove plate_028.jpg' }).focus();
    await page.keyboard.press('Enter');
    await expect(thumb('plate_028.jpg')).toHaveCount(0);
    await expect(thumb('plate_000.jpg')).toBeFocused();
    // The only one: the strip goes, Open… is where the next file comes from.
    await page.getByRole('button', { name: 'Remove plate_000.jpg' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('strip')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Open…' })).toBeFocused();
    expect(await focusLost(page)).toBe(false);

    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('plate_000.jpg')]);
    await stripItem(page, 'plate_000.jpg', 'done');
    await page.getByRole('button', { name: 'Clear all' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('strip')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Open…' })).toBeFocused();
  });

  test('the password dialog hands the focus back: Escape to "Enter password…", Open to the document', async ({
    app: page,
  }) => {
    await dropFiles(page, page.getByTestId('drop-zone'), [lockedPdf('s3cret')]);
    const dialog = page.getByRole('dialog', { name: 'Password required' });
    await expect(dialog.getByLabel('Password')).toBeFocused({ timeout: 60_000 });
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    const enter = page.getByRole('button', { name: 'Enter password…' });
    await expect(enter).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog.getByLabel('Password')).toBeFocused();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(enter).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.type('s3cret');
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('result').getByRole('heading', { name: 'locked.pdf' })).toBeFocused();
    await stripItem(page, 'locked.pdf', 'done');
    expect(await focusLost(page)).toBe(false);
  });

  test('Cancel, Retry and Dismiss hand the focus to the result heading; dismissing "not added" to Open…', async ({
    app: page,
  }) => {
    const heading = (name: string) => page.getByTestId('result').getByRole('heading', { name });
    // Dismiss on the files that were not added.
    await dropFiles(page, page.getByTestId('drop-zone'), [
      { name: 'notes.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004') },
    ]);
    await page.getByTestId('rejected-files').getByRole('button', { name: 'Dismiss' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('rejected-files')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Open…' })).toBeFocused();

    // A document held on its way to the server, so it is still being read when Cancel is pressed.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/ocr**', async (route) => {
      await held;
      await route.continue().catch(() => undefined); // the request was cancelled meanwhile: nothing to continue
    });
    const pdf = img2pdf([path.join(ROOT, 'test', 'fixtures', 'plate_000.jpg')], path.join(tmp(), 'held.pdf'));
    await dropFiles(page, page.getByTestId('drop-zone'), [
      { name: 'held.pdf', mimeType: 'application/pdf', buffer: readFileSync(pdf) },
    ]);
    // Its bar is named by its line, as every bar of the window is.
    await expect(page.getByTestId('doc-progress').getByRole('progressbar')).toHaveAccessibleName(
      'Recognising held.pdf…',
    );
    await page.getByTestId('doc-progress').getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    await stripItem(page, 'held.pdf', 'error');
    await expect(heading('held.pdf')).toBeFocused();
    release();
    await page.unroute('**/ocr**');
    await page.getByTestId('result-error').getByRole('button', { name: 'Retry' }).focus();
    await page.keyboard.press('Enter');
    await expect(heading('held.pdf')).toBeFocused();
    await stripItem(page, 'held.pdf', 'done');

    // Dismiss on a failed export's notice.
    await page.route('**/api/searchable-pdf', (route) =>
      route.fulfill({ status: 500, json: { error: { code: 'INTERNAL', message: 'not written' } } }),
    );
    await page.getByTestId('export-pdf').click();
    const notice = page.getByTestId('notice');
    await notice.getByRole('button', { name: 'Dismiss' }).focus();
    await page.keyboard.press('Enter');
    await expect(notice).toHaveText('');
    await expect(heading('held.pdf')).toBeFocused();
    expect(await focusLost(page)).toBe(false);
  });

  test('Settings: Save keeps the focus while it saves, and Enter pressed again meanwhile sends nothing more', async ({
    app: page,
  }) => {
    await page.getByTestId('nav-settings').click();
    const view = page.getByTestId('view-settings');
    // The save is held, so that the control is seen as it is while saving.
    let puts = 0;
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/settings', async (route) => {
      if (route.request().method() !== 'PUT') return route.fallback();
      puts++;
      await held;
      await route.fallback();
    });
    await view.getByRole('button', { name: 'Save' }).focus();
    await page.keyboard.press('Enter');
    const saving = view.getByRole('button', { name: 'Saving…' });
    await expect(saving).toHaveAttribute('aria-disabled', 'true');
    await expect(saving).toBeFocused();
    await page.keyboard.press('Enter');
    release();
    await expect(view.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await expect(view.getByRole('button', { name: 'Save' })).toBeFocused();
    expect(puts).toBe(1);
    await page.unroute('**/api/settings');
  });

  test('History: Clear history moves the focus to the History heading, not <body>', async ({ app: page }) => {
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('plate_000.jpg')]);
    await stripItem(page, 'plate_000.jpg', 'done');
    await page.getByTestId('nav-history').click();
    const view = page.getByTestId('view-history');
    await expect(view.getByTestId('history-entry').first()).toBeVisible();
    await view.getByRole('button', { name: 'Clear history' }).focus();
    await page.keyboard.press('Enter');
    // It asks first, with the focus on Cancel; Shift+Tab reaches Clear.
    await expect(view.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(view.getByRole('button', { name: 'Clear', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(view.getByText('No recognitions yet.')).toBeVisible();
    await expect(view.getByRole('heading', { name: 'History' })).toBeFocused();
  });
  test("Batch & Watch: each folder's and failed file's controls name it; removing or retrying one focuses the next", async ({
    app: page,
  }) => {
    const dirs = ['a', 'b'].map((n) => path.join(tmp(), `watched-${n}`));
    for (const d of dirs) mkdirSync(d, { recursive: true });
    const broken = path.join(tmp(), 'broken-batch');
    mkdirSync(broken, { recursive: true });
    for (const n of ['one.png', 'two.png']) writeFileSync(path.join(broken, n), corruptFile().buffer);
    await page.getByTestId('nav-watch').click();
    const view = page.getByTestId('view-watch');
    for (const d of dirs) {
      await view.getByLabel('Folder path').fill(d);
      await view.getByRole('button', { name: 'Add folder' }).click();
      await expect(view.getByTestId('watch-folder').filter({ hasText: d })).toHaveCount(1);
    }
    // A screen reader lists the controls by name: each names the folder it acts on.
    for (const d of dirs) {
      await expect(view.getByRole('switch', { name: `Watching ${d}`, exact: true })).toBeChecked();
      await expect(view.getByRole('button', { name: `Remove ${d}`, exact: true })).toHaveCount(1);
    }
    // Removing the first folder hands the focus to the next folder's Remove; the last one to the list's heading.
    await view.getByRole('button', { name: `Remove ${dirs[0]}`, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(view.getByTestId('watch-folder').filter({ hasText: dirs[0]! })).toHaveCount(0);
    await expect(view.getByRole('button', { name: `Remove ${dirs[1]}`, exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(view.getByText('No folders are watched yet.')).toBeVisible();
    await expect(view.getByRole('heading', { name: 'Watched folders' })).toBeFocused();

    // Failed files: each Retry names its file; retrying one focuses the next one's Retry, the last the heading.
    await view.getByLabel('Folder path').fill(broken);
    await view.getByRole('button', { name: 'OCR this folder now' }).click();
    const retry = (n: string) =>
      view.getByRole('button', { name: `Retry ${path.join(broken, n)}`, exact: true });
    await expect(retry('one.png')).toHaveCount(1, { timeout: 60_000 });
    await expect(retry('two.png')).toHaveCount(1, { timeout: 60_000 });
    const first = (await view
      .getByRole('button', { name: /^Retry / })
      .first()
      .getAttribute('aria-label'))!;
    const second = first.endsWith('one.png') ? retry('two.png') : retry('one.png');
    await view.getByRole('button', { name: first, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(second).toBeFocused();
    expect(await focusLost(page)).toBe(false);
  });

  test('Batch & Watch: a folder added with Enter leaves the focus in the emptied Folder path, ready for the next', async ({
    app: page,
  }) => {
    const dir = path.join(tmp(), 'watched-by-keyboard');
    mkdirSync(dir, { recursive: true });
    await page.getByTestId('nav-watch').click();
    const view = page.getByTestId('view-watch');
    const field = view.getByLabel('Folder path');
    await field.fill(dir);
    await view.getByRole('button', { name: 'Add folder' }).focus();
    await page.keyboard.press('Enter');
    await expect(view.getByTestId('watch-folder').filter({ hasText: dir })).toHaveCount(1);
    await expect(field).toHaveValue('');
    await expect(field).toBeFocused();
    expect(await focusLost(page)).toBe(false);
  });

  test('Batch & Watch: Cancel batch hands the focus to the batch it ended, whose bar is named by its counts', async ({
    app: page,
  }) => {
    const { dir, cleanup } = await imageFolder('tess_eurotext.png', 40);
    try {
      await page.getByTestId('nav-watch').click();
      const view = page.getByTestId('view-watch');
      await view.getByLabel('Folder path').fill(dir);
      await view.getByRole('button', { name: 'OCR this folder now' }).click();
      const batch = view.getByRole('group', { name: dir });
      const line = batch.getByTestId('batch-line');
      await expect(batch.getByRole('progressbar')).toHaveAccessibleName(/^Batch: \d+ of 40 done, 0 failed/);
      // Pause turns into Resume in place: the focus stays on it.
      await batch.getByRole('button', { name: 'Pause' }).focus();
      await page.keyboard.press('Enter');
      await expect(line).toHaveText(/\(paused\)$/);
      await expect(batch.getByRole('button', { name: 'Resume' })).toBeFocused();
      // Cancel takes the controls away: the batch, which says it was cancelled, takes the focus.
      await batch.getByRole('button', { name: 'Cancel batch' }).focus();
      await page.keyboard.press('Enter');
      await expect(line).toHaveText(/\(cancelled\)$/);
      await expect(batch.getByRole('button')).toHaveCount(0);
      await expect(batch).toBeFocused();
      await expect(batch.getByRole('progressbar')).toHaveAccessibleName((await line.textContent()) ?? '');
    } finally {
      cleanup();
    }
  });

  test('Lines / Paragraphs is one radio group: one Tab stop, the arrow keys move the choice', async ({
    app: page,
  }) => {
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('plate_000.jpg')]);
    await stripItem(page, 'plate_000.jpg', 'done');
    const group = page.getByRole('radiogroup', { name: 'Show' });
    const lines = group.getByRole('radio', { name: 'Lines' });
    const paragraphs = group.getByRole('radio', { name: 'Paragraphs' });
    await expect(lines).toBeChecked();
    // Only the checked radio is in the Tab order: Tab leaves the group, Shift+Tab comes back to the choice.
    await expect(lines).toHaveAttribute('tabindex', '0');
    await expect(paragraphs).toHaveAttribute('tabindex', '-1');
    await lines.focus();
    await page.keyboard.press('Tab');
    await expect(paragraphs).not.toBeFocused();
    await expect(group.locator(':focus')).toHaveCount(0);
    await page.keyboard.press('Shift+Tab');
    await expect(lines).toBeFocused();
    // The arrow keys move the focus and the choice together, wrapping at either end.
    await page.keyboard.press('ArrowRight');
    await expect(paragraphs).toBeFocused();
    await expect(paragraphs).toBeChecked();
    await expect(page.getByTestId('result-paragraphs')).toBeVisible();
    await expect(paragraphs).toHaveAttribute('tabindex', '0');
    await expect(lines).toHaveAttribute('tabindex', '-1');
    await page.keyboard.press('ArrowDown');
    await expect(lines).toBeFocused();
    await expect(lines).toBeChecked();
    await page.keyboard.press('ArrowUp');
    await expect(paragraphs).toBeChecked();
    await page.keyboard.press('ArrowLeft');
    await expect(lines).toBeChecked();
    await expect(lines).toBeFocused();
  });

  test('Paragraphs is a region named like the lines it replaces; when it scrolls, Tab reaches it by that name', async ({
    app: page,
  }) => {
    // A short window: the long text scrolls in its panel, which only the keyboard focus on it can scroll.
    await page.setViewportSize({ width: 1000, height: 420 });
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('zhscreen_04_chat_ftp.png')]);
    await stripItem(page, 'zhscreen_04_chat_ftp.png', 'done');
    await expect(page.getByRole('listbox', { name: 'Recognised text' })).toBeVisible();
    await page.getByRole('radiogroup', { name: 'Show' }).getByRole('radio', { name: 'Paragraphs' }).click();
    const text = page.getByRole('region', { name: 'Recognised text' });
    await expect(text).toBeVisible();
    await expect(text).toHaveText(/ftp/);
    expect(await text.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    await page.getByTestId('export-pdf').focus();
    await page.keyboard.press('Tab');
    await expect(text).toBeFocused();
  });
});
