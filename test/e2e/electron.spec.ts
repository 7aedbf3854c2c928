/**
 * The desktop app's main flows through Playwright's `_electron`: status pill to ready, drop and Open…, several images with
 * a corrupt one, copy, language switch, engine kill and recovery. Runs `electron .` on the bundles `npm run build` and
 * `npm run build:electron` wrote (test/run-all.sh builds both, and on Linux without a display runs Playwright under
 * xvfb-run). Skips, saying why, where no Electron binary is installed or no display can be had.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { normalizeText, charF1 } from '../../app/eval/metrics';
import {
  ARTIFACTS,
  corruptFile,
  dropFiles,
  expect,
  fixtureFile,
  groundTruth,
  pill,
  shownLines,
  stripItem,
  test,
} from './fixtures';
import { usableElectron } from './electron-binary';
import { ROOT } from './serve-process';

const found = usableElectron();

/** Where no binary is installed the suite's title carries the reason too, so that the list reporter shows it. */
const SUITE = 'path' in found ? 'Electron app' : `Electron app (skipped: ${found.why})`;

test.describe(SUITE, () => {
  test.skip(!('path' in found), 'why' in found ? found.why : '');
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;
  let win: Page;

  test.beforeAll(async () => {
    if (!('path' in found)) return;
    for (const bundle of [
      'dist/main/main.cjs',
      'dist/main/preload.cjs',
      'dist/node/engine.mjs',
      'dist/renderer/index.html',
    ])
      if (!existsSync(path.join(ROOT, bundle)))
        throw new Error(`${bundle} is missing: run npm run build && npm run build:electron first`);
    app = await electron.launch({
      executablePath: found.path,
      args: [
        ROOT,
        '--no-sandbox',
        '--lang=en-US',
        `--user-data-dir=${mkdtempSync(path.join(os.tmpdir(), 'lantern-e2e-'))}`,
      ],
      cwd: ROOT,
      env: { ...process.env, LANG: 'en_US.UTF-8' },
    });
    win = await app.firstWindow();
    await win
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'])
      .catch(() => {}); // the clipboard test reads through Electron's clipboard, not the page's permission
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('the status pill goes to ready with the provider', async () => {
    await expect(pill(win)).toHaveAttribute('data-state', /^(ready|busy)$/, { timeout: 60_000 });
    await expect(pill(win)).toContainText('CPU');
    await win.screenshot({ path: path.join(ARTIFACTS, 'electron-ready.png') });
  });

  test('a dropped image shows its text and boxes', async () => {
    await dropFiles(win, win.getByTestId('drop-zone'), [fixtureFile('zhscreen_04_chat_ftp.png')]);
    await stripItem(win, 'zhscreen_04_chat_ftp.png', 'done');
    const lines = await shownLines(win);
    expect(charF1(lines.join('\n'), groundTruth('zhscreen_04_chat_ftp.png'))).toBeGreaterThan(0.95);
    await expect(win.getByTestId('result-box')).toHaveCount(lines.length);
  });

  test('Open… reads the plate', async () => {
    await win.getByTestId('file-input').setInputFiles(path.join(ROOT, 'test', 'fixtures', 'plate_000.jpg'));
    await stripItem(win, 'plate_000.jpg', 'done');
    expect(normalizeText((await shownLines(win)).join(''))).toBe(normalizeText(groundTruth('plate_000.jpg')));
  });

  test('several images with a corrupt one', async () => {
    await dropFiles(win, win.getByTestId('drop-zone'), [
      corruptFile('broken.png'),
      fixtureFile('sroie_006.jpg'),
    ]);
    await stripItem(win, 'sroie_006.jpg', 'done');
    await stripItem(win, 'broken.png', 'error');
  });

  test('Copy all puts the text on the clipboard', async () => {
    await win.locator('[data-testid="strip-item"][data-name="plate_000.jpg"]').click();
    await win.getByRole('button', { name: 'Copy all' }).click();
    const text = await app.evaluate(({ clipboard }) => clipboard.readText());
    expect(normalizeText(text)).toBe(normalizeText(groundTruth('plate_000.jpg')));
  });

  test('the language switch works', async () => {
    await win.getByTestId('language-switch').selectOption('zh-CN');
    await expect(win.getByTestId('nav-recognize')).toHaveText('识别');
    await win.getByTestId('language-switch').selectOption('en');
    await expect(win.getByTestId('nav-recognize')).toHaveText('Recognize');
  });

  test('Batch & Watch: a folder chosen in the dialog is OCRed once, with progress to the end', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-e2e-batch-'));
    mkdirSync(path.join(dir, 'sub'));
    for (let i = 0; i < 3; i++)
      copyFileSync(path.join(ROOT, 'test', 'fixtures', 'plate_000.jpg'), path.join(dir, `p${i}.jpg`));
    // The folder must come from the dialog (a typed path is refused by main): answer the dialog from the test.
    await app.evaluate(({ dialog }, chosen) => {
      dialog.showOpenDialog = (async () => ({
        canceled: false,
        filePaths: [chosen],
      })) as typeof dialog.showOpenDialog;
    }, dir);
    await win.getByTestId('nav-watch').click();
    const view = win.getByTestId('view-watch');
    await view.getByRole('button', { name: 'Choose…' }).click();
    await expect(view.getByLabel('Folder path')).toHaveValue(dir);
    await view.getByRole('button', { name: 'OCR this folder now' }).click();
    await expect(view.getByText(/Batch: 3 of 3 done, 0 failed \(finished\)/)).toBeVisible({
      timeout: 30_000,
    });
    expect(readFileSync(path.join(dir, 'p0.jpg.txt'), 'utf8')).toContain('L3N67');
    await win.getByTestId('nav-recognize').click();
  });

  test('killing the engine shows restarting, then ready', async () => {
    await pill(win).focus();
    const pid = Number(await win.getByTestId('status-pid').textContent());
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL');
    await expect(pill(win)).toHaveAttribute('data-recovering', 'true', { timeout: 15_000 });
    await expect(pill(win)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  });
});
