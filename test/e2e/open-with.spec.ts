/**
 * The window's side of "Open with": files main sends on the `opened` event (`lanternDesktop.onOpened`, given here by
 * an init script in place of the Electron preload, which reads each path's bytes from `serve` as main reads them from
 * disk: desktop-stand-in.ts) appear in Recognize as dropped files do, even when sent before the UI listens: an image
 * is recognised, an encrypted PDF asks for its password and is read with it, a multi-page PDF is cancelled mid-way
 * and the next one opened is read and exported. Main's side (granted paths, sent once after the page has loaded) is
 * test/unit/main-app.test.ts and test/process/main-open-with.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { charF1 } from '../../app/eval/metrics';
import { encryptedPdf, img2pdf } from '../helpers/pdf-fixtures';
import { openWith, standInDesktop } from './desktop-stand-in';
import { downloaded, expect, fixtureFile, openApp, pill, shownLines, stripItem, test } from './fixtures';
import { ROOT } from './serve-process';
import { specTempDir } from './spec-temp';

const tmp = specTempDir('lantern-openwith-');

/** A scanned PDF made with img2pdf from fixture images, as it lies "on disk". */
const scan = (name: string, images: readonly string[]) =>
  new Uint8Array(
    readFileSync(
      img2pdf(
        images.map((i) => path.join(ROOT, 'test', 'fixtures', i)),
        path.join(tmp(), name),
      ),
    ),
  );
const squeeze = (s: string) => s.replace(/\s+/g, '');

test('files opened from outside appear in Recognize as dropped: an image read, an encrypted PDF unlocked', async ({
  page,
  serve,
}) => {
  const pw = 'open-with-pw';
  await standInDesktop(page, {
    onDisk: {
      '/home/u/Scans/tess_eurotext.png': fixtureFile('tess_eurotext.png').buffer,
      '/home/u/Scans/locked.pdf': encryptedPdf(pw),
    },
    openedAtLoad: ['/home/u/Scans/tess_eurotext.png', '/home/u/Scans/locked.pdf'],
  });
  await openApp(page, serve);
  await expect(pill(page)).toHaveAttribute('data-state', /^(ready|busy)$/, { timeout: 60_000 });
  await expect(page.getByTestId('view-recognize')).toBeVisible();

  // The image: in the strip, read, its lines shown over it as a dropped image's are.
  const image = await stripItem(page, 'tess_eurotext.png', 'done');
  await image.click();
  await expect(page.getByTestId('result-image')).toBeVisible();
  expect((await shownLines(page)).join(' ')).toMatch(/fox\W+jumps/);

  // The encrypted PDF: refused, the password dialog asks, and with the password it is read.
  await (await stripItem(page, 'locked.pdf', 'error')).click();
  const dialog = page.getByRole('dialog', { name: 'Password required' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Password').fill(pw);
  await dialog.getByLabel('Password').press('Enter');
  const doc = await stripItem(page, 'locked.pdf', 'done');
  await expect(doc.getByTestId('strip-state')).toHaveText(/^1 page/);
});

test('an opened PDF cancelled mid-document stops there; the engine reads the next one opened, which exports as a searchable PDF and txt', async ({
  page,
  serve,
}) => {
  // Six pages of a few seconds each on a busy machine: Cancel, clicked once page 1 or 2 is reported, lands mid-way.
  const long = scan(
    'long.pdf',
    ['sroie_006.jpg', 'two-column-page.png', 'tess_eurotext.png'].flatMap((i) => [i, i]),
  );
  await standInDesktop(page, {
    onDisk: {
      '/home/u/Scans/long.pdf': long,
      '/home/u/Scans/two.pdf': scan('two.pdf', ['plate_000.jpg', 'zhscreen_04_chat_ftp.png']),
    },
    openedAtLoad: ['/home/u/Scans/long.pdf'],
  });
  await openApp(page, serve);

  // Gated on the page events the window shows, never on time.
  const progress = page.getByTestId('doc-progress');
  await expect(progress).toContainText(/Page [12] of 6/, { timeout: 120_000 });
  await progress.getByRole('button', { name: 'Cancel' }).click();
  const cancelled = await stripItem(page, 'long.pdf', 'error');
  await expect(cancelled.getByTestId('strip-state')).toHaveText('Cancelled');
  await expect(cancelled.getByTestId('strip-error')).toContainText('(CANCELLED)');
  await expect(page.getByTestId('result-error')).toContainText(/^Cancelled\./);
  await expect(page.getByTestId('result-error').getByRole('button', { name: 'Retry' })).toBeVisible();
  expect((await serve.waitReady()).state).toMatch(/^(ready|busy)$/);

  // A second launch with another PDF: read whole, by the same engine (no restart).
  await openWith(page, ['/home/u/Scans/two.pdf']);
  const doc = await stripItem(page, 'two.pdf', 'done');
  await expect(doc.getByTestId('strip-state')).toHaveText(/^2 pages/);
  expect((await serve.health()).restarts).toBe(0);
  const tabs = page.getByTestId('page-tab');
  const texts: string[] = [];
  for (const i of [0, 1]) {
    await tabs.nth(i).click();
    await expect(tabs.nth(i)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('result-line').first()).toBeVisible();
    texts.push((await shownLines(page)).join('\n'));
  }

  // Its exports: the txt is the text read, page by page; the searchable PDF has both pages with that text on them.
  const txt = readFileSync(
    await downloaded(page, page.getByRole('button', { name: 'Export as TXT' }), 'two.txt', tmp()),
    'utf8',
  );
  expect(txt).toBe(`${texts.join('\n\f')}\n`);
  const pdf = await downloaded(page, page.getByTestId('export-pdf'), 'two.pdf', tmp());
  expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/^Pages:\s+2$/m);
  const layer = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).split('\f');
  texts.forEach((t, i) => expect(charF1(squeeze(layer[i] ?? ''), squeeze(t))).toBeGreaterThan(0.95));

  // serve left the cancelled document unfinished: only the one read whole is in the history.
  const history = async () =>
    (
      await fetch(`${serve.origin}/api/history?limit=50`, {
        headers: { authorization: `Bearer ${serve.token}` },
      })
    ).text();
  await expect.poll(history).toContain('two.pdf');
  expect(await history()).not.toContain('long.pdf');
});
