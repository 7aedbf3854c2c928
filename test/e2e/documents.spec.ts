/**
 * Documents in the window: a dropped two-page PDF shows each page with its boxes and text, exports a searchable PDF
 * (said while it is written and when it is ready).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { DocumentResult, ReadPage } from '../../app/documents/document-types';
import { charF1 } from '../../app/eval/metrics';
import { img2pdf } from '../helpers/pdf-fixtures';
import { layerWords, wordsOffTheirBoxes } from '../helpers/text-layer-check';
import type { OcrResult } from '../../app/ocr/types';
import {
  ARTIFACTS,
  downloaded,
  dropFiles,
  expect,
  fixtureFile,
  recordLive,
  shownLines,
  stripItem,
  test,
  type FixtureFile,
} from './fixtures';
import { ROOT } from './serve-process';
import type { ServeHandle } from './serve-process';
import { specTempDir } from './spec-temp';

const tmp = specTempDir('lantern-docwin-');

/** A scanned two-page PDF made with img2pdf from two fixture images (copied from the eval set). */
function twoPagePdf(): FixtureFile {
  const fixtures = path.join(ROOT, 'test', 'fixtures');
  const out = img2pdf(
    [path.join(fixtures, 'plate_000.jpg'), path.join(fixtures, 'zhscreen_04_chat_ftp.png')],
    path.join(tmp(), 'two.pdf'),
  );
  return { name: 'two.pdf', mimeType: 'application/pdf', buffer: readFileSync(out) };
}

/** What the API itself answers for the document (the window must show exactly this). */
async function apiDocument(serve: ServeHandle, f: FixtureFile): Promise<DocumentResult> {
  const res = await fetch(`${serve.origin}/ocr`, {
    method: 'POST',
    headers: { authorization: `Bearer ${serve.token}`, 'content-type': f.mimeType },
    body: new Uint8Array(f.buffer),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as DocumentResult;
}

/** Clicks "Searchable PDF", checks the download's name and returns its text layer as pdftotext extracts it. */
async function exportSearchablePdf(page: Page, name: string): Promise<string> {
  const saved = await downloaded(page, page.getByTestId('export-pdf'), name, tmp());
  return execFileSync('pdftotext', ['-enc', 'UTF-8', saved, '-'], { encoding: 'utf8' });
}

/** A one-page scanned PDF encrypted by qpdf (AES-256) with user password `pw`. */
function lockedPdf(pw: string): FixtureFile {
  const plain = img2pdf(
    [path.join(ROOT, 'test', 'fixtures', 'plate_000.jpg')],
    path.join(tmp(), 'plain.pdf'),
  );
  const out = path.join(tmp(), 'locked.pdf');
  execFileSync('qpdf', ['--encrypt', pw, `owner-${pw}`, '256', '--', plain, out]);
  return { name: 'locked.pdf', mimeType: 'application/pdf', buffer: readFileSync(out) };
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

test.describe('Documents', () => {
  test('a dropped PDF shows both pages with boxes and text, and exports a searchable PDF', async ({
    app: page,
    serve,
  }) => {
    const pdf = twoPagePdf();
    await dropFiles(page, page.getByTestId('drop-zone'), [pdf]);
    const item = await stripItem(page, pdf.name, 'done');
    await expect(item.getByTestId('strip-state')).toHaveText(/^2 pages/);

    const expected = (await apiDocument(serve, pdf)).pages as ReadPage[];
    expect(expected).toHaveLength(2);
    const tabs = page.getByTestId('page-tab');
    await expect(tabs).toHaveCount(2);
    for (const p of expected) {
      await tabs.nth(p.page - 1).click();
      await expect(tabs.nth(p.page - 1)).toHaveAttribute('aria-pressed', 'true');
      // The page's own image (rendered for display) with one box per recognised line over it.
      const img = page.getByTestId('result-image');
      await expect(img).toBeVisible();
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      expect(p.lines.length).toBeGreaterThan(0);
      await expect(page.getByTestId('result-box')).toHaveCount(p.lines.length);
      await expect(page.getByTestId('result-line')).toHaveCount(p.lines.length);
      expect((await shownLines(page)).join('\n')).toBe(p.text);
      const frame = await img.boundingBox();
      const boxes = await page.getByTestId('result-boxes').boundingBox();
      expect(Math.abs(frame!.width - boxes!.width)).toBeLessThan(1.5);
      expect(Math.abs(frame!.height - boxes!.height)).toBeLessThan(1.5);
    }

    await page.screenshot({ path: path.join(ARTIFACTS, 'document-pages.png'), fullPage: true });
    const pages = (await exportSearchablePdf(page, 'two.pdf')).split('\f');
    for (const p of expected)
      expect(charF1(squeeze(pages[p.page - 1] ?? ''), squeeze(p.text))).toBeGreaterThan(0.95);

    // History: one entry for the document, with its page count and text.
    await page.getByTestId('nav-history').click();
    const entry = page.getByTestId('history-entry').filter({ hasText: 'two.pdf' }).first();
    await expect(entry).toContainText('2 pages');
    await entry.click();
    await expect(page.getByTestId('history-detail-pages').getByTestId('page-tab')).toHaveCount(2);
  });

  test("Paragraphs shows a page's paragraphs, not its lines run together; copy and .txt follow the mode", async ({
    app: page,
  }) => {
    const fixtures = path.join(ROOT, 'test', 'fixtures');
    const out = img2pdf(
      [path.join(fixtures, 'two-column-page.png'), path.join(fixtures, 'tess_eurotext.png')],
      path.join(tmp(), 'columns.pdf'),
    );
    const pdf: FixtureFile = { name: 'columns.pdf', mimeType: 'application/pdf', buffer: readFileSync(out) };
    await dropFiles(page, page.getByTestId('drop-zone'), [pdf]);
    await stripItem(page, pdf.name, 'done');
    const copied = async () => {
      await page.getByRole('button', { name: 'Copy document' }).click();
      return page.evaluate(() => navigator.clipboard.readText());
    };
    const txt = async (mode: string) =>
      readFileSync(
        await downloaded(
          page,
          page.getByRole('button', { name: 'Export as TXT' }),
          'columns.txt',
          path.join(tmp(), mode),
        ),
        'utf8',
      );
    mkdirSync(path.join(tmp(), 'lines'), { recursive: true });
    mkdirSync(path.join(tmp(), 'paragraphs'), { recursive: true });

    // Lines: one line of text per read line, no paragraph breaks.
    expect(await copied()).not.toMatch(/\n\n/);
    expect(await txt('lines')).not.toMatch(/\n\n/);

    // Paragraphs: the two-column page is two paragraphs (one per column), as the image dropped alone shows.
    await page.getByRole('radio', { name: 'Paragraphs' }).click();
    const paragraphs = page.getByTestId('result-paragraphs').locator('p');
    await expect(paragraphs).toHaveCount(2);
    await expect(paragraphs.first()).toContainText('This is a lot of 12 point text');
    const text = await copied();
    expect(text).toMatch(/\n\n/);
    expect(text).toContain('\f');
    expect(await txt('paragraphs')).toBe(`${text}\n`);

    // History's entry copies the same text in each mode.
    await page.getByTestId('nav-history').click();
    const history = page.getByTestId('view-history');
    await history.getByTestId('history-entry').filter({ hasText: pdf.name }).first().click();
    const copiedThere = async () => {
      await history.getByRole('button', { name: 'Copy all' }).click();
      return page.evaluate(() => navigator.clipboard.readText());
    };
    await history.getByRole('radio', { name: 'Paragraphs' }).click();
    await expect(history.getByTestId('result-paragraphs').locator('p')).toHaveCount(2);
    expect(await copiedThere()).toBe(text);
    await history.getByRole('radio', { name: 'Lines' }).click();
    expect(await copiedThere()).not.toMatch(/\n\n/);
  });

  test('an encrypted PDF asks for its password: a wrong one is refused, cancel keeps it, the right one reads it', async ({
    app: page,
    serve,
  }) => {
    const pw = 'Lantern-s3cret';
    const pdf = lockedPdf(pw);
    await dropFiles(page, page.getByTestId('drop-zone'), [pdf]);
    await stripItem(page, pdf.name, 'error');
    const dialog = page.getByRole('dialog', { name: 'Password required' });
    await expect(dialog).toBeVisible();
    const field = dialog.getByLabel('Password');
    await expect(field).toBeFocused();
    await expect(dialog.getByRole('button', { name: 'Open' })).toBeDisabled();

    // A wrong password: the document is read again, refused, and the dialog comes back saying so.
    await field.fill('not-it');
    await field.press('Enter');
    await expect(dialog.getByTestId('password-wrong')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('result-error')).toContainText('PDF_ENCRYPTED');

    // Cancel (Escape): the dialog goes, the error stays, and "Enter password…" brings the dialog back.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('result-error')).toContainText('protected with a password');
    await page.getByTestId('password-enter').click();
    await expect(dialog).toBeVisible();

    await dialog.getByLabel('Password').fill(pw);
    await dialog.getByRole('button', { name: 'Open' }).click();
    await expect(dialog).toBeHidden();
    const item = await stripItem(page, pdf.name, 'done');
    await expect(item.getByTestId('strip-state')).toHaveText(/^1 page/);
    // No searchable copy of an encrypted PDF can be written: said beside the button, before anyone clicks it.
    await expect(page.getByTestId('export-pdf')).toBeDisabled();
    await expect(page.getByTestId('export-pdf')).toHaveAccessibleDescription(
      'Encrypted PDF: no searchable copy can be written (decrypt it first)',
    );

    // The page as the API reads it with the password, shown over its own page image.
    const res = await fetch(`${serve.origin}/ocr`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${serve.token}`,
        'content-type': pdf.mimeType,
        'x-lantern-pdf-password': pw,
      },
      body: new Uint8Array(pdf.buffer),
    });
    expect(res.status).toBe(200);
    const [expected] = ((await res.json()) as DocumentResult).pages as ReadPage[];
    expect(expected!.lines.length).toBeGreaterThan(0);
    const img = page.getByTestId('result-image');
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect((await shownLines(page)).join('\n')).toBe(expected!.text);

    // The password is kept nowhere: not in History, not in serve's log.
    const history = await fetch(`${serve.origin}/api/history?limit=500`, {
      headers: { authorization: `Bearer ${serve.token}` },
    });
    expect(history.status).toBe(200);
    const stored = await history.text();
    expect(stored).toContain('locked.pdf');
    expect(stored).not.toContain(pw);
    expect(serve.log()).not.toContain(pw);
  });

  test("a searchable PDF that cannot be written says why with its code and stays until dismissed or the next action's notice", async ({
    app: page,
  }) => {
    // The page's timers from here on run on a clock the test moves: a notice's fading is seen without waiting for it.
    await page.clock.install();
    const file = fixtureFile('plate_000.jpg');
    await dropFiles(page, page.getByTestId('drop-zone'), [file]);
    await stripItem(page, file.name, 'done');

    // The server's answer is the one thing made up here: a refusal in the shape serve sends its errors.
    await page.route('**/api/searchable-pdf', (route) =>
      route.fulfill({
        status: 500,
        json: { error: { code: 'INTERNAL', message: 'the text layer could not be written' } },
      }),
    );
    const notice = page.getByTestId('notice');
    const failed = async () => {
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/searchable-pdf')),
        page.getByTestId('export-pdf').click(),
      ]);
      expect(res.status()).toBe(500);
      await expect(notice).toHaveAttribute('role', 'alert');
      await expect(notice.getByTestId('notice-text')).toHaveText(
        /^Could not write the PDF: .+ \(INTERNAL\)$/,
      );
    };
    await failed();
    await page.clock.fastForward(60_000);
    // A click React renders synchronously: any update the timers queued is on screen once it is.
    await page.getByRole('radio', { name: 'Paragraphs' }).click();
    await expect(page.getByRole('radio', { name: 'Paragraphs' })).toBeChecked();
    await expect(notice.getByTestId('notice-text')).toHaveText(/\(INTERNAL\)$/);

    // The next action's notice replaces it, and a success fades.
    await page.getByRole('button', { name: 'Copy all' }).click();
    await expect(notice).toHaveText('Copied to the clipboard');
    await expect(notice).toHaveAttribute('role', 'status');
    await page.clock.fastForward(5_000);
    await expect(notice).toHaveText('');

    // Dismiss takes it away.
    await failed();
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveText('');
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('Searchable PDF from the keyboard says it is being written, then ready; Enter meanwhile writes no second one', async ({
    app: page,
  }) => {
    // The page's timers run on a clock the test moves: that "Writing…" outlasts a success notice's fading is seen.
    await page.clock.install();
    const pdf = twoPagePdf();
    await dropFiles(page, page.getByTestId('drop-zone'), [pdf]);
    await stripItem(page, pdf.name, 'done');
    // The server's answer waits for the test to let it through, so the time the PDF takes to write is seen.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const arrived = new Promise<void>((r) => (reached = r));
    let asked = 0;
    await page.route('**/api/searchable-pdf', async (route) => {
      asked++;
      reached();
      await held;
      await route.continue();
    });
    const said = await recordLive(page, 'notice');
    const button = page.getByTestId('export-pdf');
    await button.focus();
    await page.keyboard.press('Enter');
    await arrived;
    await expect.poll(said).toEqual(['Writing the searchable PDF…']);
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Enter');
    // Still being written long after a success notice would have faded: the notice says so until it ends.
    await page.clock.fastForward(60_000);
    await page.getByRole('radio', { name: 'Paragraphs' }).click();
    await expect(page.getByRole('radio', { name: 'Paragraphs' })).toBeChecked();
    await expect(page.getByTestId('notice')).toHaveText('Writing the searchable PDF…');
    await page.getByRole('radio', { name: 'Lines' }).click();
    await button.focus();

    const download = page.waitForEvent('download');
    release();
    expect((await download).suggestedFilename()).toBe('two.pdf');
    await expect.poll(said).toEqual(['Writing the searchable PDF…', 'Searchable PDF ready: two.pdf']);
    await expect(button).toBeFocused();
    await expect(button).not.toHaveAttribute('aria-disabled', 'true');
    expect(asked).toBe(1);
    await page.getByRole('button', { name: 'Clear all' }).click();
  });

  test('an image exports a one-page searchable PDF', async ({ app: page }) => {
    const file = fixtureFile('zhscreen_04_chat_ftp.png');
    await dropFiles(page, page.getByTestId('drop-zone'), [file]);
    await stripItem(page, file.name, 'done');
    const lines = await shownLines(page);
    const layer = await exportSearchablePdf(page, 'zhscreen_04_chat_ftp.pdf');
    expect(charF1(squeeze(layer), squeeze(lines.join('')))).toBeGreaterThan(0.95);
  });

  test("an image's searchable PDF puts each word on the box it was read at", async ({ app: page, serve }) => {
    const file = fixtureFile('tess_eurotext.png');
    await dropFiles(page, page.getByTestId('drop-zone'), [file]);
    await stripItem(page, file.name, 'done');
    await exportSearchablePdf(page, 'tess_eurotext.pdf');
    // The same engine's words for this image, as the API gives them.
    const res = await fetch(`${serve.origin}/ocr?words=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serve.token}`, 'content-type': file.mimeType },
      body: new Uint8Array(file.buffer),
    });
    expect(res.status).toBe(200);
    const result = (await res.json()) as OcrResult;
    const { ours, found } = layerWords(path.join(tmp(), 'export-tess_eurotext.pdf'), result);
    expect(ours.length).toBeGreaterThan(2 * result.lines.length);
    expect(found.length).toBeGreaterThan(0.8 * ours.length);
    // The scan's lines rise by about 4 pt across the page; each is set level on one baseline (text-layer.ts).
    expect(wordsOffTheirBoxes(ours, found, 3)).toEqual([]);
  });
});
