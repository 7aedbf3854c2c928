/**
 * The ledger's own notice shows once above the watched folders, whatever the folders: a ledger set aside at start or
 * found damaged while serving is said even when no folder is watched, where no row could carry it.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HISTORY_MAX } from '../../app/watch/history-store';
import { Ledger } from '../../app/watch/ledger';
import { expect, openApp, test } from './fixtures';
import { startServe, type ServeHandle } from './serve-process';
import { damagePages, textResult } from '../helpers/ledger-damage';

test.describe('Batch & Watch: the ledger notice with no folder watched', () => {
  let root: string;
  const serves: ServeHandle[] = [];
  test.beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lantern-e2e-ledger-notice-'));
  });
  test.afterAll(async () => {
    for (const s of serves) await s.stop();
    rmSync(root, { recursive: true, force: true });
  });
  const serveOn = async (data: string) => {
    const s = await startServe(['--data', data]);
    serves.push(s);
    return s;
  };

  test('a ledger set aside at start is said above an empty folder list', async ({ page }) => {
    const data = path.join(root, 'set-aside');
    mkdirSync(data);
    writeFileSync(path.join(data, 'lantern.db'), Buffer.alloc(10000, 7));
    await openApp(page, await serveOn(data));
    await page.getByTestId('nav-watch').click();
    const view = page.getByTestId('view-watch');
    await expect(view).toContainText('No folders are watched yet.');
    const notice = view.getByTestId('watch-ledger-notice');
    await expect(notice).toContainText('The ledger could not be read: it was kept aside and a new one begun');
    await expect(notice).toContainText('lantern.db.corrupt');
  });

  test('a ledger found damaged while serving is said at once, with no folder to say it', async ({ page }) => {
    const data = path.join(root, 'damaged');
    mkdirSync(data);
    const file = path.join(data, 'lantern.db');
    // A history larger than SQLite's page cache (as many entries as History keeps): its later pages are read again.
    const l = Ledger.open(file);
    const result = textResult('words '.repeat(300));
    l.db.transaction(() => {
      for (let i = 0; i < HISTORY_MAX; i++) l.history.add(`page-${i}.png`, result);
    });
    l.db.pragma('wal_checkpoint(TRUNCATE)');
    l.close();
    const serve = await serveOn(data);
    await openApp(page, serve);
    await page.getByTestId('nav-watch').click();
    const view = page.getByTestId('view-watch');
    await expect(view).toContainText('No folders are watched yet.');
    await expect(view.getByTestId('watch-ledger-notice')).toHaveCount(0);

    damagePages(file, 21, statSync(file).size / 4096 - 20);
    const history = await fetch(`${serve.origin}/api/history?limit=500`, {
      headers: { authorization: `Bearer ${serve.token}` },
    });
    expect(((await history.json()) as { error: { code: string } }).error.code).toBe('LEDGER_DAMAGED');

    const notice = view.getByTestId('watch-ledger-notice');
    await expect(notice).toContainText('The ledger is damaged: watching is stopped');
    await expect(notice).toContainText(`the ledger ${file} is damaged`);
  });
});
