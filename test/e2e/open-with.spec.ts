/**
 * The window's side of "Open with": files main sends on the `opened` event (`lanternDesktop.onOpened`, given here by
 * an init script in place of the Electron preload, which reads each path's bytes from `serve` as main reads them from
 * disk) appear in Recognize as dropped files do, even when sent before the UI listens: an image is recognised, an
 * encrypted PDF asks for its password and is read with it. Main's side (granted paths, sent once after the page has
 * loaded) is test/unit/main-app.test.ts and test/process/main-open-with.test.ts.
 */
import { encryptedPdf } from '../helpers/pdf-fixtures';
import { expect, fixtureFile, openApp, pill, shownLines, stripItem, test } from './fixtures';

test('files opened from outside appear in Recognize as dropped: an image read, an encrypted PDF unlocked', async ({
  page,
  serve,
}) => {
  const pw = 'open-with-pw';
  const files = {
    '/home/u/Scans/tess_eurotext.png': fixtureFile('tess_eurotext.png').buffer.toString('base64'),
    '/home/u/Scans/locked.pdf': Buffer.from(encryptedPdf(pw)).toString('base64'),
  };
  await page.addInitScript((onDisk: Record<string, string>) => {
    const bytesAt = (p: string) => Uint8Array.from(atob(onDisk[p] ?? ''), (c) => c.charCodeAt(0));
    /** What main answers for a path: serve's answer for its bytes, its error code kept as the preload keeps it. */
    const post = async (url: string, p: string, headers: Record<string, string>) => {
      const res = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': p.endsWith('.pdf') ? 'application/pdf' : 'image/png', ...headers },
        body: bytesAt(p),
      });
      if (res.ok) return res;
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      throw Object.assign(new Error(`${error.code}: ${error.message}`), { code: error.code });
    };
    const password = (o?: { password?: string }): Record<string, string> =>
      o?.password ? { 'x-lantern-pdf-password': o.password } : {};
    (window as unknown as { lanternDesktop: unknown }).lanternDesktop = {
      chooseFolder: async () => null,
      pathForFile: () => '',
      imageAt: async (f: { path: string }) => bytesAt(f.path),
      documents: {
        recognize: async (f: { path: string }, o?: { requestId?: string; password?: string }) =>
          (
            await post('/ocr', f.path, {
              ...(o?.requestId ? { 'x-request-id': o.requestId } : {}),
              ...password(o),
            })
          ).json(),
        pageImage: async (f: { path: string }, n: number, o?: { password?: string }) =>
          new Uint8Array(await (await post(`/api/page-image?page=${n}`, f.path, password(o))).arrayBuffer()),
        searchablePdf: async () => {
          throw new Error('not exported here');
        },
      },
      // Main sends them as the page loads, before the UI listens (a first launch with files on its command line).
      onOpened: (cb: (o: unknown) => void) => {
        cb({ files: Object.keys(onDisk).map((p) => ({ name: p.split('/').pop(), path: p })) });
        return () => {};
      },
    };
  }, files);
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
