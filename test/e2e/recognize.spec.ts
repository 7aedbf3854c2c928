/** Recognize view end to end: drag-and-drop and Open… show text and boxes matching the ground truth, several images, errors, copy, export. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { ACCEPT_ATTRIBUTE } from '../../app/contracts/input-formats';
import { charF1, cer, normalizeText } from '../../app/eval/metrics';
import type { OcrResult } from '../../app/ocr/types';
import {
  ARTIFACTS,
  corruptFile,
  dropFiles,
  expect,
  fixtureFile,
  groundTruth,
  shownLines,
  stripItem,
  test,
  type FixtureFile,
} from './fixtures';
import type { ServeHandle } from './serve-process';

/** What the API itself answers for a file (the UI must show exactly this). */
async function apiResult(serve: ServeHandle, f: FixtureFile): Promise<OcrResult> {
  const res = await fetch(`${serve.origin}/ocr`, {
    method: 'POST',
    headers: { authorization: `Bearer ${serve.token}`, 'content-type': f.mimeType },
    body: new Uint8Array(f.buffer),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as OcrResult;
}

test.describe('Recognize', () => {
  test('a real drag-and-drop shows the text with the boxes over the image', async ({ app: page, serve }) => {
    const file = fixtureFile('zhscreen_04_chat_ftp.png');
    await dropFiles(page, page.getByTestId('drop-zone'), [file]);
    await stripItem(page, file.name, 'done');

    const lines = await shownLines(page);
    const text = lines.join('\n');
    const gt = groundTruth(file.name);
    expect(cer(text, gt), `CER of:\n${text}`).toBeLessThan(0.15);
    expect(charF1(text, gt)).toBeGreaterThan(0.95);
    expect(text).toBe((await apiResult(serve, file)).text);

    // One box per line, drawn over the displayed image and scaled to it.
    const boxes = page.getByTestId('result-box');
    await expect(boxes).toHaveCount(lines.length);
    const img = await page.getByTestId('result-image').boundingBox();
    const svg = await page.getByTestId('result-boxes').boundingBox();
    expect(img && svg).toBeTruthy();
    expect(Math.abs(img!.x - svg!.x)).toBeLessThan(1.5);
    expect(Math.abs(img!.y - svg!.y)).toBeLessThan(1.5);
    expect(Math.abs(img!.width - svg!.width)).toBeLessThan(1.5);
    expect(Math.abs(img!.height - svg!.height)).toBeLessThan(1.5);
    // getBoundingClientRect: the polygon's geometry (Playwright's boundingBox adds the stroke).
    const rect = (i: number) =>
      boxes.nth(i).evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      });
    for (let i = 0; i < lines.length; i++) {
      const b = await rect(i);
      expect(b.width).toBeGreaterThan(4);
      expect(b.x).toBeGreaterThanOrEqual(img!.x - 1);
      expect(b.y).toBeGreaterThanOrEqual(img!.y - 1);
      expect(b.x + b.width).toBeLessThanOrEqual(img!.x + img!.width + 1);
      expect(b.y + b.height).toBeLessThanOrEqual(img!.y + img!.height + 1);
    }
    // The first box sits where the API says, in displayed pixels.
    const api = await apiResult(serve, file);
    const scale = img!.width / api.width;
    const first = await rect(0);
    const [xs, ys] = [0, 1].map((k) => api.lines[0]!.box.map((p) => p[k]!));
    expect(Math.abs(first.x - (img!.x + Math.min(...xs!) * scale))).toBeLessThan(1);
    expect(Math.abs(first.y - (img!.y + Math.min(...ys!) * scale))).toBeLessThan(1);
    expect(Math.abs(first.width - (Math.max(...xs!) - Math.min(...xs!)) * scale)).toBeLessThan(1);

    // Hover and click link a box and its line, both ways.
    const line2 = page.getByTestId('result-line').nth(2);
    await boxes.nth(2).hover();
    await expect(line2).toHaveClass(/line--hover/);
    await boxes.nth(2).click();
    await expect(line2).toHaveAttribute('aria-selected', 'true');
    await page.getByTestId('result-line').nth(4).hover();
    await expect(boxes.nth(4)).toHaveClass(/box--hover/);
    await page.getByTestId('result-line').nth(4).click();
    await expect(boxes.nth(4)).toHaveClass(/box--selected/);
    await expect(boxes.nth(2)).not.toHaveClass(/box--selected/);

    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'recognize-zh.png'), fullPage: true });
  });

  test('a two-column page shows its layout blocks in reading order under the boxes', async ({
    app: page,
    serve,
  }) => {
    const file = fixtureFile('two-column-merged.png');
    await dropFiles(page, page.getByTestId('drop-zone'), [file]);
    await stripItem(page, file.name, 'done');
    const api = await apiResult(serve, file);
    const blocks = page.getByTestId('result-block');
    await expect(blocks).toHaveCount(api.blocks!.length);
    expect(api.blocks!.length).toBeGreaterThanOrEqual(2);
    // Over HTTP each block carries its rows: its lines cut into rows.
    for (const b of api.blocks!) expect(b.rows?.flat()).toEqual(b.lines);
    await expect(blocks.first()).toHaveAttribute('data-order', '1');
    await expect(blocks.first()).toHaveText('1 text');
    // The left column is block 1, the right column the last; both lie over the image.
    const rect = (i: number) =>
      blocks
        .nth(i)
        .locator('rect')
        .evaluate((el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        });
    const [first, last] = [await rect(0), await rect(api.blocks!.length - 1)];
    const img = (await page.getByTestId('result-image').boundingBox())!;
    expect(first.x + first.width).toBeLessThan(last.x);
    expect(first.x).toBeGreaterThanOrEqual(img.x - 1);
    expect(last.x + last.width).toBeLessThanOrEqual(img.x + img.width + 1);
    // The blocks never take the pointer: a box under a block's outline still links to its line.
    await page.getByTestId('result-box').nth(0).click();
    await expect(page.getByTestId('result-line').nth(0)).toHaveAttribute('aria-selected', 'true');
  });

  test('the Open… button opens a real file input; the plate reads 京P·L3N67', async ({ app: page }) => {
    const open = page.getByRole('button', { name: 'Open…' });
    await expect(page.getByTestId('file-input')).toHaveAttribute('type', 'file');
    await expect(page.getByTestId('file-input')).toHaveAttribute('accept', ACCEPT_ATTRIBUTE);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), open.click()]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(path.join('test', 'fixtures', 'plate_000.jpg'));
    await stripItem(page, 'plate_000.jpg', 'done');
    const lines = await shownLines(page);
    expect(lines).toHaveLength(1);
    expect(normalizeText(lines[0]!)).toBe(normalizeText(groundTruth('plate_000.jpg')));
    expect(lines[0]).toContain('京P');
    await expect(page.getByTestId('result-box')).toHaveCount(1);

    // setInputFiles on the input works too.
    await page.getByTestId('file-input').setInputFiles(path.join('test', 'fixtures', 'ic15_word_1.png'));
    await stripItem(page, 'ic15_word_1.png', 'done');
    await expect(page.getByTestId('result-box')).toHaveCount(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'recognize-open.png'), fullPage: true });
  });

  test('several images at once: a corrupt file shows its error while the others succeed', async ({
    app: page,
  }) => {
    const files = [
      fixtureFile('zhscreen_04_chat_ftp.png'),
      corruptFile('broken.png'),
      fixtureFile('sroie_006.jpg'),
    ];
    await dropFiles(page, page.getByTestId('drop-zone'), files);
    await expect(page.getByTestId('strip-item')).toHaveCount(3);
    await stripItem(page, 'zhscreen_04_chat_ftp.png', 'done');
    await stripItem(page, 'sroie_006.jpg', 'done');
    const broken = await stripItem(page, 'broken.png', 'error');
    await expect(broken.getByTestId('strip-error')).toContainText(/BAD_IMAGE|EMPTY_INPUT|decode/i);

    // The receipt's text against its ground truth (order-free: the receipt's columns read differently).
    await page.locator('[data-testid="strip-item"][data-name="sroie_006.jpg"]').click();
    const receipt = (await shownLines(page)).join('\n');
    expect(charF1(receipt, groundTruth('sroie_006.jpg')), receipt).toBeGreaterThan(0.8);
    await expect(page.getByTestId('result-box')).toHaveCount((await shownLines(page)).length);

    await broken.click();
    await expect(page.getByRole('alert')).toContainText(/BAD_IMAGE|EMPTY_INPUT|decode/i);
    await page.screenshot({ path: path.join(ARTIFACTS, 'recognize-several.png'), fullPage: true });

    // The others are still fine after the failure.
    await page.locator('[data-testid="strip-item"][data-name="zhscreen_04_chat_ftp.png"]').click();
    expect(
      charF1((await shownLines(page)).join('\n'), groundTruth('zhscreen_04_chat_ftp.png')),
    ).toBeGreaterThan(0.95);
  });

  test('an image cut short and a PDF that hides pages are read, and each says what was not there, in both languages', async ({
    app: page,
  }) => {
    const whole = fixtureFile('sroie_006.jpg');
    const cut = {
      ...whole,
      name: 'cut.jpg',
      buffer: whole.buffer.subarray(0, Math.floor(whole.buffer.length * 0.6)),
    };
    // Three pages whose tree claims two: PDF readers show two.
    const made = await PDFDocument.create();
    for (const w of [300, 400, 500]) made.addPage([w, 200]);
    made.catalog.Pages().set(PDFName.of('Count'), PDFNumber.of(2));
    const hidden = {
      name: 'hidden.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await made.save()),
    };
    await dropFiles(page, page.getByTestId('drop-zone'), [cut, hidden, whole]);
    const warnings = page.getByTestId('result-warnings').locator('li');

    await (await stripItem(page, 'cut.jpg', 'done')).click();
    await expect(page.getByTestId('result-lines')).toContainText('SOON HUAT MACHINERY ENTERPRISE');
    await expect(warnings).toHaveCount(1);
    await expect(warnings).toHaveAttribute('data-code', 'IMAGE_TRUNCATED');
    await expect(warnings).toHaveText(/^The file ends early .*the part that is there was read\.$/);

    await (await stripItem(page, 'hidden.pdf', 'done')).click();
    await expect(warnings).toHaveAttribute('data-code', 'PAGES_HIDDEN');
    await expect(warnings).toHaveText(/PDF readers show only these 2, and only they were read\.$/);
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(warnings).toHaveText(/^此 PDF 含有页面列表之外的页面/);
    await page.getByTestId('language-switch').selectOption('system');

    await (await stripItem(page, 'sroie_006.jpg', 'done')).click();
    await expect(page.getByTestId('result-lines')).toContainText('SOON HUAT MACHINERY ENTERPRISE');
    await expect(page.getByTestId('result-warnings')).toHaveCount(0);
  });

  test('a damaged PDF and a PDF without pages each say in words what is wrong and what to do, in both languages', async ({
    app: page,
  }) => {
    const damaged = {
      name: 'damaged.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n1 0 obj'),
    };
    // A PDF whose page tree is empty: it opens, and has nothing to read.
    const empty = await (await PDFDocument.create()).save({ addDefaultPage: false });
    const noPages = { name: 'no-pages.pdf', mimeType: 'application/pdf', buffer: Buffer.from(empty) };
    await dropFiles(page, page.getByTestId('drop-zone'), [damaged, noPages]);
    const bad = (await stripItem(page, 'damaged.pdf', 'error')).getByTestId('strip-error');
    const none = (await stripItem(page, 'no-pages.pdf', 'error')).getByTestId('strip-error');
    await expect(bad).toContainText('(BAD_PDF)');
    await expect(bad).toHaveText(/^This PDF is damaged or is not a PDF: .*save it again/);
    await expect(none).toHaveText(/^This PDF has no pages to read\. .*\(PDF_EMPTY\)$/);
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(bad).toHaveText(/^这个 PDF 已损坏或不是 PDF/);
    await page.getByTestId('language-switch').selectOption('system');
  });

  test('Copy all and Copy selection put the text on the clipboard; export downloads it', async ({
    app: page,
  }) => {
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('zhscreen_04_chat_ftp.png')]);
    await stripItem(page, 'zhscreen_04_chat_ftp.png', 'done');
    const lines = await shownLines(page);

    await page.getByRole('button', { name: 'Copy all' }).click();
    await expect(page.getByTestId('notice')).toHaveText('Copied to the clipboard');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(lines.join('\n'));

    const copySel = page.getByRole('button', { name: 'Copy selection' });
    await expect(copySel).toBeDisabled();
    await page.getByTestId('result-line').nth(1).click();
    await page
      .getByTestId('result-line')
      .nth(3)
      .click({ modifiers: ['Control'] });
    await copySel.click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(`${lines[1]}\n${lines[3]}`);

    // Paragraphs mode copies paragraphs.
    await page.getByRole('radio', { name: 'Paragraphs' }).click();
    await expect(page.getByTestId('result-paragraphs')).toBeVisible();
    await page.getByRole('button', { name: 'Copy all' }).click();
    const paragraphs = await page.evaluate(() => navigator.clipboard.readText());
    expect(paragraphs.replace(/\s+/g, '')).toBe(lines.join('').replace(/\s+/g, ''));
    await page.getByRole('radio', { name: 'Lines' }).click();

    for (const fmt of ['txt', 'json', 'md'] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: `Export as ${fmt.toUpperCase()}` }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`zhscreen_04_chat_ftp.${fmt}`);
      const body = await readFile((await download.path())!, 'utf8');
      if (fmt === 'txt') expect(body.trim()).toBe(lines.join('\n'));
      if (fmt === 'json') expect((JSON.parse(body) as OcrResult).lines.map((l) => l.text)).toEqual(lines);
      if (fmt === 'md') expect(body).toContain(lines[1]!);
    }
  });

  test('paste with Ctrl+V adds the pasted image', async ({ app: page }) => {
    const file = fixtureFile('plate_000.jpg');
    await page.evaluate(
      async ({ b64, name, type }) => {
        const bin = atob(b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name, { type }));
        document.body.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
        );
      },
      { b64: file.buffer.toString('base64'), name: 'pasted.jpg', type: file.mimeType },
    );
    await stripItem(page, 'pasted.jpg', 'done');
    expect(normalizeText((await shownLines(page)).join(''))).toBe(
      normalizeText(groundTruth('plate_000.jpg')),
    );
  });

  test('a file dropped outside the drop zone does not navigate and is not taken', async ({ app: page }) => {
    const url = page.url();
    const notPrevented = await page.evaluate(async () => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array([1, 2, 3])], 'x.png', { type: 'image/png' }));
      const target = document.querySelector('header')!;
      const over = target.dispatchEvent(
        new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
      const drop = target.dispatchEvent(
        new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
      return { over, drop };
    });
    // dispatchEvent returns false when a listener called preventDefault.
    expect(notPrevented).toEqual({ over: false, drop: false });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(url);
    await expect(page.getByTestId('strip-item')).toHaveCount(0);
  });

  test('low-confidence lines (score < 0.8) are marked in the text and on the image', async ({
    app: page,
    serve,
  }) => {
    // The fixtures all read confidently: answer /ocr with the real result, one line's score lowered.
    const file = fixtureFile('zhscreen_04_chat_ftp.png');
    const real = await apiResult(serve, file);
    const lowered: OcrResult = {
      ...real,
      lines: real.lines.map((l, i) => (i === 1 ? { ...l, score: 0.61 } : l)),
    };
    await page.route('**/ocr**', (route) => route.fulfill({ json: lowered }));
    await dropFiles(page, page.getByTestId('drop-zone'), [file]);
    await stripItem(page, file.name, 'done');
    const low = page.locator('[data-testid="result-line"][data-low="true"]');
    await expect(low).toHaveCount(1);
    await expect(low).toContainText('low confidence 0.61');
    await expect(page.getByTestId('result-line').nth(1)).toHaveAttribute('data-low', 'true');
    await expect(page.getByTestId('result-box').nth(1)).toHaveClass(/box--low/);
    await expect(page.getByTestId('result-stats')).toContainText('1 low confidence');
    await page.screenshot({ path: path.join(ARTIFACTS, 'recognize-low-confidence.png'), fullPage: true });
  });
});
