/**
 * A batch of a folder that holds a watched folder reads the rest and says, under its bar, which watched folder it left
 * to its watch (FOLDERS_WATCHED): the watch reads those files, and a batch reading them too would read each twice.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { ROOT } from './serve-process';

const PLATE = path.join(ROOT, 'test', 'fixtures', 'plate_000.jpg');

test('a batch over the parent of a watched folder names the watched one it skipped, and reads the rest', async ({
  app: page,
  serve,
}) => {
  const api = (p: string, init: RequestInit = {}) =>
    fetch(`${serve.origin}${p}`, { ...init, headers: { Authorization: `Bearer ${serve.token}` } });
  const root = mkdtempSync(path.join(os.tmpdir(), 'lantern-e2e-batch-skip-'));
  const scans = path.join(root, 'scans');
  const inbox = path.join(scans, 'inbox');
  const inboxOut = path.join(root, 'inbox-out');
  mkdirSync(inbox, { recursive: true });
  copyFileSync(PLATE, path.join(scans, 'a.jpg'));
  copyFileSync(PLATE, path.join(inbox, 'b.jpg'));
  try {
    await page.getByTestId('nav-watch').click();
    const view = page.getByTestId('view-watch');
    await view.getByLabel('Folder path').fill(inbox);
    await view.getByLabel('Output folder (empty = beside each image)').fill(inboxOut);
    await view.getByRole('button', { name: 'Add folder' }).click();
    await expect(view.getByText(inbox, { exact: true })).toHaveCount(1);

    await view.getByLabel('Folder path').fill(scans);
    await view.getByLabel('Output folder (empty = beside each image)').fill('');
    await view.getByLabel('Include subfolders').check();
    await view.getByRole('button', { name: 'OCR this folder now' }).click();
    const batch = view.getByRole('group', { name: scans });
    await expect(batch.getByTestId('batch-line')).toHaveText('Batch: 1 of 1 done, 0 failed (finished)', {
      timeout: 30_000,
    });
    await expect(batch.getByTestId('batch-skipped')).toHaveText(
      `Watched folders, skipped (their watch reads their files): ${inbox}`,
    );
    expect(existsSync(path.join(scans, 'a.jpg.txt')), 'the rest of the folder is read').toBe(true);
    expect(
      existsSync(path.join(inbox, 'b.jpg.txt')),
      'the watched file is not written beside it by the batch',
    ).toBe(false);
    await expect.poll(() => existsSync(path.join(inboxOut, 'b.jpg.txt')), { timeout: 30_000 }).toBe(true);
  } finally {
    // The serve is shared by the worker's other specs: the folder this one watched goes with it.
    const folders = (await (await api('/api/watch')).json()) as { id: string; dir: string }[];
    for (const f of folders.filter((f) => f.dir.startsWith(root)))
      await api(`/api/watch/${f.id}`, { method: 'DELETE' });
    rmSync(root, { recursive: true, force: true });
  }
});
