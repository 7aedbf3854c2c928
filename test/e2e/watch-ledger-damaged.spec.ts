/**
 * A ledger found damaged while serve runs stops watching: the Batch & Watch view says so once above the folders, with
 * the coded damage notice naming the file, and the row drops counts and an on switch that look as if watching went on.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HISTORY_MAX } from '../../app/watch/history-store';
import { Ledger } from '../../app/watch/ledger';
import { expect, openApp, test } from './fixtures';
import { startServe, type ServeHandle } from './serve-process';
import { damagePages, textResult } from '../helpers/ledger-damage';

test.describe('Batch & Watch: a ledger found damaged while serving', () => {
  let serve: ServeHandle;
  let root: string;
  let file: string;
  test.beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lantern-e2e-ledger-damaged-'));
    const [data, inDir] = ['data', 'in'].map((d) => path.join(root, d)) as [string, string];
    for (const d of [data, inDir]) mkdirSync(d);
    file = path.join(data, 'lantern.db');
    // A history larger than SQLite's page cache behind one watched folder: its later pages are read from the disk again.
    // As many entries as History keeps: each one past that only replaces the oldest.
    const l = Ledger.open(file);
    const f = l.folders.add(
      inDir,
      { recursive: false, outDir: null, formats: ['txt'], patterns: [] },
      'watch',
    );
    l.folders.setEnabled(f.id, true);
    const result = textResult('words '.repeat(300));
    l.db.transaction(() => {
      for (let i = 0; i < HISTORY_MAX; i++) l.history.add(`page-${i}.png`, result);
    });
    l.db.pragma('wal_checkpoint(TRUNCATE)');
    l.close();
    serve = await startServe(['--data', data]);
  });
  test.afterAll(async () => {
    await serve?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('the view says watching stopped and why; the row has no counts or live switch', async ({ page }) => {
    await openApp(page, serve);
    await page.getByTestId('nav-watch').click();
    const row = page.getByTestId('view-watch').getByTestId('watch-folder');
    await expect(row).toContainText('0 queued · 0 done · 0 failed');
    await expect(row.getByRole('switch')).toBeChecked();
    await expect(row.getByRole('switch')).toBeEnabled();

    // Every page past the schema's and the folder's written over, as a failing disk leaves them; reading the history
    // reaches them.
    damagePages(file, 21, statSync(file).size / 4096 - 20);
    const history = await fetch(`${serve.origin}/api/history?limit=500`, {
      headers: { authorization: `Bearer ${serve.token}` },
    });
    expect(((await history.json()) as { error: { code: string } }).error.code).toBe('LEDGER_DAMAGED');

    const notice = page.getByTestId('view-watch').getByTestId('watch-ledger-notice');
    await expect(notice).toContainText('The ledger is damaged: watching is stopped');
    await expect(notice).toContainText(`the ledger ${file} is damaged`);
    await expect(row.getByTestId('watch-notice')).toHaveCount(0);
    await expect(row).not.toContainText('queued');
    await expect(row.getByRole('progressbar')).toHaveCount(0);
    await expect(row.getByRole('switch')).toBeDisabled();
  });
});
