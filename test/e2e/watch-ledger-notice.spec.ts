/**
 * A serve whose ledger could not be read starts a new one: the Batch & Watch view says so once above its watched
 * folders, naming the kept file, and not again on the folder's row, whose notice is only ever the polling one.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ledger } from '../../app/watch/ledger';
import { expect, openApp, test } from './fixtures';
import { startServe, type ServeHandle } from './serve-process';
import { damagePages } from '../helpers/ledger-damage';

test.describe('Batch & Watch: a ledger set aside at start', () => {
  let serve: ServeHandle;
  let root: string;
  let file: string;
  test.beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lantern-e2e-ledger-'));
    const [data, inDir, outDir] = ['data', 'in', 'out'].map((d) => path.join(root, d)) as [
      string,
      string,
      string,
    ];
    for (const d of [data, inDir]) mkdirSync(d);
    file = path.join(data, 'lantern.db');
    const l = Ledger.open(file);
    l.folders.add(inDir, { recursive: false, outDir, formats: ['txt'], patterns: [] }, 'watch');
    for (let i = 0; i < 300; i++)
      l.history.add(`old-${i}.png`, { ...emptyResult, text: 'kept '.repeat(100) });
    l.db.pragma('wal_checkpoint(TRUNCATE)');
    l.close();
    // Pages 3 to 6 written over: the header and schema on page 1 read, the rest does not.
    damagePages(file, 3, 4);
    serve = await startServe(['--data', data, '--watch', inDir, '--out', outDir]);
  });
  test.afterAll(async () => {
    await serve?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('the view says once that the ledger was kept aside and a new one begun, naming both files', async ({
    page,
  }) => {
    await openApp(page, serve);
    await page.getByTestId('nav-watch').click();
    const view = page.getByTestId('view-watch');
    const notice = view.getByTestId('watch-ledger-notice');
    await expect(notice).toContainText('The ledger could not be read');
    await expect(notice).toContainText(`${file}.corrupt`);
    await expect(notice).not.toContainText('limit on watched folders');
    await expect(view.getByTestId('watch-folder')).toHaveCount(1);
    await expect(view.getByTestId('watch-folder').getByTestId('watch-notice')).toHaveCount(0);
  });
});

const emptyResult = {
  width: 10,
  height: 10,
  lines: [],
  text: '',
  blocks: [],
  ms: { decode: 1, det: 1, cls: 1, rec: 1, total: 4 },
  provider: 'cpu' as const,
};
