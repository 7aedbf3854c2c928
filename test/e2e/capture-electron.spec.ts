/**
 * Desktop screen capture through Playwright's `_electron`: the shortcut is registered, the toolbar starts a capture,
 * one overlay per display shows the selector, Enter takes the display and its text lands in the clipboard. Skips where
 * no Electron binary is installed (CI and this container install Electron with ELECTRON_SKIP_BINARY_DOWNLOAD=1).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication } from '@playwright/test';
import { findElectron } from './electron-binary';
import { expect, pill, test } from './fixtures';
import { ROOT } from './serve-process';

const found = findElectron();
const SUITE =
  'path' in found
    ? 'Electron capture'
    : `Electron capture (skipped: Electron binary not installed: ${found.why})`;

test.describe(SUITE, () => {
  test.skip(!('path' in found), `Electron binary not installed: ${'why' in found ? found.why : ''}`);
  let app: ElectronApplication;

  test.beforeAll(async () => {
    if (!('path' in found)) return;
    app = await electron.launch({
      executablePath: found.path,
      args: [ROOT, '--no-sandbox', `--user-data-dir=${mkdtempSync(path.join(os.tmpdir(), 'lantern-cap-'))}`],
      cwd: ROOT,
      env: { ...process.env, LANG: 'en_US.UTF-8' },
    });
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('toolbar → overlay → Enter → the shown text is in the clipboard', async () => {
    const win = await app.firstWindow();
    await expect(pill(win)).toHaveAttribute('data-state', /^(ready|busy)$/, { timeout: 60_000 });
    expect(
      await app.evaluate(({ globalShortcut }) => globalShortcut.isRegistered('CommandOrControl+Alt+Shift+O')),
    ).toBe(true);
    // Big known text filling the window, which is on the display being captured.
    await win.evaluate(() => {
      const el = document.createElement('div');
      el.textContent = 'LANTERN 2026';
      el.style.cssText =
        'position:fixed;inset:0;z-index:500;display:grid;place-items:center;background:#fff;color:#000;font:bold 96px sans-serif';
      document.body.append(el);
    });
    const overlay = app.waitForEvent('window', (p) => p.url().endsWith('#capture'));
    await win.getByRole('button', { name: /^Capture/ }).click();
    const page = await overlay;
    await expect(page.getByRole('dialog', { name: 'Select a region' })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => app.evaluate(({ clipboard }) => clipboard.readText()), { timeout: 60_000 })
      .toContain('LANTERN');
  });
});
