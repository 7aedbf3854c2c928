/**
 * Settings keeps a half-made edit while another view is shown, and still shows what changed elsewhere meanwhile: the
 * language chosen in the header, and a setting saved by another page of the same server.
 */
import { expect, test } from './fixtures';

test('an unsaved Settings edit survives a switch to History and back; changes made elsewhere show beside it', async ({
  app: page,
  serve,
}) => {
  const put = (patch: unknown) =>
    fetch(`${serve.origin}/api/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(patch),
    });
  const view = page.getByTestId('view-settings');
  const threads = view.getByLabel('Threads (0 = one per core)');
  try {
    await page.getByTestId('nav-settings').click();
    await expect(threads).toHaveValue('0');
    await expect(view.getByRole('radio', { name: 'Keep the model warm' })).toBeChecked();
    await threads.fill('3');

    await page.getByTestId('nav-history').click();
    await expect(page.getByTestId('view-history')).toBeVisible();
    // Meanwhile another page saves another setting, and the header switches the language.
    expect((await put({ idlePolicy: { kind: 'unload-after', minutes: 7 } })).status).toBe(200);
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await page.getByTestId('nav-settings').click();

    await expect(view.getByTestId('settings-language')).toHaveValue('zh-CN');
    await expect(view.getByRole('button', { name: '保存' })).toBeVisible();
    await page.getByTestId('language-switch').selectOption('en');
    await expect(threads).toHaveValue('3');
    await expect(view.getByRole('radio', { name: 'Unload after some minutes' })).toBeChecked();
    await expect(view.getByLabel('Minutes before unloading')).toHaveValue('7');
    // The kept edit is saved with the rest.
    await view.getByRole('button', { name: 'Save' }).click();
    await expect(view.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await page.reload();
    await page.getByTestId('nav-settings').click();
    await expect(threads).toHaveValue('3');
    await expect(view.getByLabel('Minutes before unloading')).toHaveValue('7');
  } finally {
    // The server is shared by the specs of this worker: its settings go back to what they were.
    await put({ threads: 0, idlePolicy: { kind: 'always-warm' }, language: 'system' });
  }
});
