/**
 * A provider this machine cannot run falls back to the next: Settings says, under the provider choice, what runs now
 * and why the chosen one could not, instead of only "Saved" (here: CUDA, whose provider files are not installed).
 */
import { expect, openApp, test } from './fixtures';
import { startServe, type ServeHandle } from './serve-process';

test.describe('Settings: the provider running now', () => {
  let serve: ServeHandle;
  test.beforeAll(async () => {
    serve = await startServe(['--provider', 'cuda']);
  });
  test.afterAll(async () => {
    await serve?.stop();
  });

  test('a chosen provider that cannot run is said under the choice, with what runs instead and why', async ({
    page,
  }) => {
    await openApp(page, serve);
    await page.getByTestId('nav-settings').click();
    const view = page.getByTestId('view-settings');
    const provider = view.getByLabel('Execution provider');
    await expect(provider).toHaveValue('cuda');
    const now = view.getByTestId('provider-now');
    await expect(now).toHaveText(/^Running now: CPU — CUDA unavailable: .+/, { timeout: 60_000 });
    await expect(provider).toHaveAccessibleDescription(/^Running now: CPU — CUDA unavailable: /);
    await expect(now).toHaveClass(/error-text/);

    // Automatic takes the first provider that runs: what it passed over is said, but nothing chosen failed.
    await provider.selectOption('auto');
    await view.getByRole('button', { name: 'Save' }).click();
    await expect(view.getByText('Saved')).toBeVisible();
    await expect(now).not.toHaveClass(/error-text/);
    await expect(now).toHaveText(/^Running now: \S+/, { timeout: 60_000 });
  });
});
