/** History's destructive actions: Clear history asks first (Cancel, Escape, Clear). */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ARTIFACTS, dropFiles, expect, fixtureFile, stripItem, test } from './fixtures';
import type { ServeHandle } from './serve-process';

/** Empties the history (the worker's serve is shared by every spec), then recognises `names` in the UI. */
async function historyOf(page: Page, serve: ServeHandle, names: readonly string[]): Promise<void> {
  const res = await fetch(`${serve.origin}/api/history`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${serve.token}` },
  });
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
});
