/** History's destructive actions: Clear history asks first (Cancel, Escape, Clear), Delete removes one entry. */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ARTIFACTS, dropFiles, expect, fixtureFile, recordLive, stripItem, test } from './fixtures';
import type { ServeHandle } from './serve-process';

/** The token as a request header. */
const auth = (serve: ServeHandle) => ({ authorization: `Bearer ${serve.token}` });

/** Empties the history (the worker's serve is shared by every spec), then recognises `names` in the UI. */
async function historyOf(page: Page, serve: ServeHandle, names: readonly string[]): Promise<void> {
  const res = await fetch(`${serve.origin}/api/history`, { method: 'DELETE', headers: auth(serve) });
  expect(res.status).toBe(200);
  await dropFiles(page, page.getByTestId('drop-zone'), names.map(fixtureFile));
  for (const n of names) await stripItem(page, n, 'done');
  await page.getByTestId('nav-history').click();
  await expect(page.getByTestId('view-history').getByTestId('history-entry')).toHaveCount(names.length);
}

/** The names of the entries the server holds. */
async function listed(serve: ServeHandle): Promise<string[]> {
  const res = await fetch(`${serve.origin}/api/history`, {
    headers: { authorization: `Bearer ${serve.token}` },
  });
  return ((await res.json()) as { name: string }[]).map((e) => e.name);
}

const focusLost = (page: Page) =>
  page.evaluate(() => document.activeElement === null || document.activeElement === document.body);

test.describe('History: destructive actions', () => {
  test('Clear history asks first: Cancel and Escape keep every entry, Clear empties it', async ({
    app: page,
    serve,
  }) => {
    await historyOf(page, serve, ['plate_000.jpg', 'plate_003.jpg']);
    const view = page.getByTestId('view-history');
    const entries = view.getByTestId('history-entry');
    const clearHistory = view.getByRole('button', { name: 'Clear history' });
    const confirm = view.getByRole('group', { name: 'Clear all 2 entries? This cannot be undone.' });

    // The question names the count; the focus is on Cancel, so Enter pressed by habit deletes nothing.
    await clearHistory.click();
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(confirm).toHaveCount(0);
    await expect(entries).toHaveCount(2);
    await expect(clearHistory).toBeFocused();

    // Escape cancels, and the focus goes back to Clear history.
    await page.keyboard.press('Enter');
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(confirm).toHaveCount(0);
    await expect(entries).toHaveCount(2);
    await expect(clearHistory).toBeFocused();

    // Asked in the UI's language.
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await view.getByRole('button', { name: '清除历史' }).click();
    await expect(view.getByRole('group', { name: '清除全部 2 条记录？此操作无法撤销。' })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.getByTestId('language-switch').selectOption('system');

    // Clear deletes every entry, on the server too; the focus goes to the History heading.
    await clearHistory.click();
    await confirm.getByRole('button', { name: 'Clear', exact: true }).click();
    await expect(view.getByText('No recognitions yet.')).toBeVisible();
    await expect(entries).toHaveCount(0);
    await expect(view.getByRole('heading', { name: 'History' })).toBeFocused();
    expect(await listed(serve)).toEqual([]);
  });

  test('a Clear the server fails keeps every entry and says it could not clear, not that History is unavailable', async ({
    app: page,
    serve,
  }) => {
    await historyOf(page, serve, ['plate_000.jpg']);
    const view = page.getByTestId('view-history');
    await page.route('**/api/history', (route) =>
      route.request().method() === 'DELETE'
        ? route.fulfill({ status: 500, json: { error: { code: 'INTERNAL', message: 'disk full' } } })
        : route.fallback(),
    );
    await view.getByRole('button', { name: 'Clear history' }).click();
    await view.getByRole('button', { name: 'Clear', exact: true }).click();
    await expect(view.getByRole('alert')).toHaveText('Could not do that: disk full (INTERNAL)');
    await expect(view.getByText(/History is not available/)).toHaveCount(0);
    // Tried again and failed again: the same words are a new alert, said again.
    const said = await recordLive(page, 'history-error');
    await view.getByRole('button', { name: 'Clear', exact: true }).click();
    await expect.poll(said).toEqual(['Could not do that: disk full (INTERNAL)']);
    await expect(view.getByTestId('history-entry')).toHaveCount(1);
    expect(await listed(serve)).toEqual(['plate_000.jpg']);
  });

  test('Clear history says when older entries than the list shows go too', async ({ app: page, serve }) => {
    await historyOf(page, serve, ['plate_000.jpg']);
    const view = page.getByTestId('view-history');
    // More entries than the list shows (it asks for one more than it shows, to know).
    await page.route('**/api/history?limit=*', async (route) => {
      const [one] = (await (await route.fetch()).json()) as { id: string }[];
      const many = Array.from({ length: 101 }, (_, i) => ({ ...one, id: `h${i}`, name: `scan-${i}.png` }));
      await route.fulfill({ json: many });
    });
    await view.getByRole('button', { name: 'Refresh' }).click();
    await expect(view.getByTestId('history-entry')).toHaveCount(100);
    await view.getByRole('button', { name: 'Clear history' }).click();
    const confirm = view.getByRole('group', {
      name: 'Clear all entries, the 100 shown and every older one? This cannot be undone.',
    });
    await expect(confirm).toBeVisible();
    await page.screenshot({ path: path.join(ARTIFACTS, 'history-clear-confirm.png') });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toHaveCount(0);
    expect(await listed(serve)).toEqual(['plate_000.jpg']);
  });

  test('one Enter on Delete removes one entry: the focus goes to the chosen neighbour in the list, not its Delete', async ({
    app: page,
    serve,
  }) => {
    await historyOf(page, serve, ['plate_000.jpg', 'plate_003.jpg', 'plate_028.jpg']);
    const view = page.getByTestId('view-history');
    const entries = view.getByTestId('history-entry');
    const order = (await entries.locator('.entry__name').allTextContents()).map((s) => s.trim());
    expect(order).toHaveLength(3);
    const [first, middle, last] = order as [string, string, string];

    // The middle entry: the one after it (older) is chosen and takes the focus in the list.
    await entries.filter({ hasText: middle }).click();
    await view.getByRole('button', { name: `Delete ${middle}`, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(entries.filter({ hasText: middle })).toHaveCount(0);
    await expect(entries).toHaveCount(2);
    await expect(entries.filter({ hasText: last })).toHaveAttribute('aria-pressed', 'true');
    await expect(view.getByRole('heading', { name: last })).toBeVisible();
    await expect(entries.filter({ hasText: last })).toBeFocused();
    await expect(view.getByTestId('history-said')).toHaveText(`${middle} deleted`);
    expect(await listed(serve)).toEqual([first, last]);

    // Enter again (pressed twice by habit) only chooses that entry again: nothing more is deleted.
    await page.keyboard.press('Enter');
    await expect(entries.filter({ hasText: last })).toHaveAttribute('aria-pressed', 'true');
    expect(await listed(serve)).toEqual([first, last]);

    // Enter held down on Delete: its repeats after the delete reach the list, not the next entry's Delete.
    await view.getByRole('button', { name: `Delete ${last}`, exact: true }).focus();
    await page.keyboard.down('Enter');
    await expect(entries).toHaveCount(1);
    await expect(entries.filter({ hasText: first })).toBeFocused();
    await page.keyboard.down('Enter');
    await page.keyboard.down('Enter');
    await page.keyboard.up('Enter');
    await expect(entries.filter({ hasText: first })).toHaveAttribute('aria-pressed', 'true');
    await expect(view.getByRole('button', { name: `Delete ${first}`, exact: true })).toBeVisible();
    expect(await listed(serve)).toEqual([first]);

    // The only entry: none is left, the focus goes to the History heading.
    await view.getByRole('button', { name: `Delete ${first}`, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(view.getByText('No recognitions yet.')).toBeVisible();
    await expect(view.getByRole('heading', { name: 'History' })).toBeFocused();
    expect(await focusLost(page)).toBe(false);

    // Gone on the server, not only from the page.
    expect(await listed(serve)).toEqual([]);
  });

  test('each Delete is announced, though two entries of the same name say the same words', async ({
    app: page,
    serve,
  }) => {
    // The same image recognised twice: two entries named alike.
    await historyOf(page, serve, ['plate_000.jpg']);
    await page.getByTestId('nav-recognize').click();
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('plate_000.jpg')]);
    await expect(
      page.locator('[data-testid="strip-item"][data-name="plate_000.jpg"][data-state="done"]'),
    ).toHaveCount(2);
    await page.getByTestId('nav-history').click();
    const view = page.getByTestId('view-history');
    const entries = view.getByTestId('history-entry');
    await expect(entries).toHaveCount(2);
    const said = await recordLive(page, 'history-said');

    await entries.first().click();
    await view.getByRole('button', { name: 'Delete plate_000.jpg', exact: true }).click();
    await expect(entries).toHaveCount(1);
    await expect.poll(said).toEqual(['plate_000.jpg deleted']);
    await entries.first().click();
    await view.getByRole('button', { name: 'Delete plate_000.jpg', exact: true }).click();
    await expect(entries).toHaveCount(0);
    await expect.poll(said).toEqual(['plate_000.jpg deleted', 'plate_000.jpg deleted']);
  });

  test('Delete of an entry already gone elsewhere just drops it; a failure is said and keeps it', async ({
    app: page,
    serve,
  }) => {
    await historyOf(page, serve, ['plate_000.jpg', 'plate_003.jpg']);
    const view = page.getByTestId('view-history');
    const entries = view.getByTestId('history-entry');
    const [id] = (
      (await (await fetch(`${serve.origin}/api/history`, { headers: auth(serve) })).json()) as {
        id: string;
        name: string;
      }[]
    ).map((e) => e.id);
    const [newest] = await listed(serve);

    // The server fails: the entry stays, the detail says why.
    await page.route('**/api/history/*', (route) =>
      route.request().method() === 'DELETE'
        ? route.fulfill({ status: 500, json: { error: { code: 'INTERNAL', message: 'disk full' } } })
        : route.fallback(),
    );
    await entries.filter({ hasText: newest! }).click();
    await view.getByRole('button', { name: `Delete ${newest}`, exact: true }).click();
    await expect(view.getByTestId('history-notice')).toHaveText('Could not delete: disk full (INTERNAL)');
    await expect(entries).toHaveCount(2);
    await page.unroute('**/api/history/*');

    // Another window deleted it meanwhile (NOT_FOUND): what was asked is done, no error.
    const gone = await fetch(`${serve.origin}/api/history/${id}`, { method: 'DELETE', headers: auth(serve) });
    expect(gone.status).toBe(200);
    await view.getByRole('button', { name: `Delete ${newest}`, exact: true }).click();
    await expect(entries).toHaveCount(1);
    await expect(entries.filter({ hasText: newest! })).toHaveCount(0);
    await expect(view.getByTestId('history-notice')).toHaveText('');
  });
});
