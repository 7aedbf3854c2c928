/**
 * Settings › Capture shortcut on the desktop (the capture bridge stood in by an init script, main's answer to the
 * save played by a route): a shortcut main refuses with SHORTCUT_UNAVAILABLE is said under the field, not "Saved".
 */
import { expect, openApp, pill, test } from './fixtures';

const TAKEN_MESSAGE =
  'Ctrl+Alt+T is already used by the system or another application; CommandOrControl+Alt+Shift+O stays the ' +
  'shortcut. Choose another shortcut in Settings (Capture text stays in the tray menu).';

test('a shortcut another application owns: the field says it was not saved and the current one still works', async ({
  page,
  serve,
}) => {
  // The preload's window.lanternCapture: its presence is what shows the shortcut field.
  await page.addInitScript(() => {
    (window as unknown as { lanternCapture: object }).lanternCapture = {
      frame: async () => null,
      select: () => {},
      cancel: () => {},
      start: () => {},
      onWarming: () => () => {},
      onShow: () => () => {},
    };
  });
  // Main's answer when the accelerator cannot be registered; any other save reaches serve.
  await page.route('**/api/settings', async (route) => {
    const body = route.request().postDataJSON() as { captureShortcut?: string } | null;
    if (route.request().method() !== 'GET' && body?.captureShortcut === 'Ctrl+Alt+T')
      return route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'SHORTCUT_UNAVAILABLE', message: TAKEN_MESSAGE } }),
      });
    return route.continue();
  });
  await openApp(page, serve);
  await expect(pill(page)).toHaveAttribute('data-state', /^(ready|busy)$/, { timeout: 60_000 });
  await page.getByTestId('nav-settings').click();
  const settings = page.getByTestId('capture-settings');
  const field = settings.getByLabel('Capture shortcut');
  const initial = await field.inputValue();

  await field.fill('Ctrl+Alt+T');
  await settings.getByRole('button', { name: 'Save shortcut' }).click();
  const error = settings.getByTestId('shortcut-error');
  await expect(error).toHaveText(`Not saved, the current shortcut still works: ${TAKEN_MESSAGE}`);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAttribute(
    'aria-describedby',
    new RegExp(`\\b${await error.getAttribute('id')}$`),
  );
  await expect(settings.getByRole('status').last()).toHaveText('');

  // Typing again clears it; a shortcut main takes is saved as before.
  await field.fill(initial);
  await expect(error).toHaveCount(0);
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await settings.getByRole('button', { name: 'Save shortcut' }).click();
  await expect(settings.getByRole('status').last()).toHaveText('Saved');
});
