/** The page's connection to serve: disconnected while serve is stopped, Ready again when it is back, expired when its token changed. */
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { dropFiles, expect, fixtureFile, openApp, pill, stripItem, test } from './fixtures';
import { startServe, type ServeHandle } from './serve-process';
import { imageFolder } from './watch-folders';

/** Marks the page, so a later check proves it was not reloaded. */
const mark = (page: Page) =>
  page.evaluate(() => void ((window as unknown as { __samePage?: boolean }).__samePage = true));
const sameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage === true);

/** Drops one fixture on the Recognize view and returns the failure its strip item shows. */
async function failureOfDrop(page: Page, name: string): Promise<string> {
  await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile(name)]);
  const item = await stripItem(page, name, 'error');
  return (await item.getByTestId('strip-error').textContent()) ?? '';
}

test.describe('connection to serve', () => {
  let serve: ServeHandle | undefined;

  test.afterEach(async () => {
    await serve?.stop();
    serve = undefined;
  });

  test('serve stopped: the pill says disconnected and OCR fails SERVER_UNREACHABLE; serve back on its port and token: Ready without a reload', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    serve = await startServe();
    await openApp(page, serve);
    await expect(pill(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await mark(page);

    await serve.stop();
    await expect(pill(page)).toHaveAttribute('data-state', 'reconnecting');
    await expect(pill(page)).toContainText('Disconnected');
    await expect(pill(page)).not.toContainText('Ready');
    const failure = await failureOfDrop(page, 'plate_000.jpg');
    expect(failure).toContain('(SERVER_UNREACHABLE)');
    expect(failure).toContain('cannot be reached');
    // In Chinese too.
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(pill(page)).toContainText('已断开');
    await page.getByTestId('language-switch').selectOption('system');

    serve = await serve.restart();
    await expect(pill(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(pill(page)).toContainText('Ready');
    expect(await sameDocument(page)).toBe(true);
    // And it works again: the same page reads an image.
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('zhscreen_04_chat_ftp.png')]);
    await stripItem(page, 'zhscreen_04_chat_ftp.png', 'done');
    expect(errors, 'uncaught errors in the page').toEqual([]);
  });

  test('serve restarted under a page showing a paused batch: once the page hears serve again, the batch (gone with the old serve) is no longer offered', async ({
    page,
  }) => {
    const { dir, cleanup } = await imageFolder('tess_eurotext.png', 40);
    try {
      serve = await startServe();
      await openApp(page, serve);
      await expect(pill(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
      await page.getByTestId('nav-watch').click();
      const view = page.getByTestId('view-watch');
      await view.getByLabel('Folder path').fill(dir);
      await view.getByRole('button', { name: 'OCR this folder now' }).click();
      const batch = view.getByRole('group', { name: dir });
      await batch.getByRole('button', { name: 'Pause' }).click();
      await expect(batch.getByTestId('batch-line')).toHaveText(/\(paused\)$/);

      await serve.stop();
      await expect(pill(page)).toHaveAttribute('data-state', 'reconnecting');
      serve = await serve.restart();
      await expect(pill(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
      await expect(batch).toHaveCount(0);
      await expect(view.getByRole('button', { name: 'Resume' })).toHaveCount(0);
    } finally {
      cleanup();
    }
  });

  test('serve restarted with another token: the pill says the session expired, and the page stops asking for /events', async ({
    page,
  }) => {
    serve = await startServe();
    await openApp(page, serve);
    await expect(pill(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const events: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/events') events.push(r.url());
    });

    serve = await serve.restart({ token: randomBytes(18).toString('base64url') });
    await expect(pill(page)).toHaveAttribute('data-state', 'expired', { timeout: 30_000 });
    await expect(pill(page)).toContainText('Session expired');
    await expect(pill(page)).toContainText('open the URL serve printed');
    const asked = events.length;
    // An OCR request (a round trip to the new serve) fails with the session's own sentence...
    const failure = await failureOfDrop(page, 'plate_000.jpg');
    expect(failure).toContain('(UNAUTHORIZED)');
    expect(failure).toContain('open the URL serve printed');
    // ...and meanwhile the page did not ask for /events again: a wrong token stays wrong.
    expect(events.length).toBe(asked);
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(pill(page)).toContainText('会话已过期');
  });
});
