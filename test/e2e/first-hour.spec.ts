/**
 * What a newcomer meets first in the window: unsupported files listed with the reason, Retry only where it can help,
 * figures written for the locale and labelled, Settings that say which mode they run in and where they are kept, and
 * a visible label on the language select.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { INPUT_FORMATS } from '../../app/contracts/input-formats';
import { fixture } from '../helpers/fixtures';
import { img2pdf } from '../helpers/pdf-fixtures';
import {
  corruptFile,
  dropFiles,
  expect,
  fixtureFile,
  openApp,
  pill,
  stripItem,
  test,
  type FixtureFile,
} from './fixtures';
import { startServe } from './serve-process';
import { specTempDir } from './spec-temp';

/** A PNG chunk with its CRC. */
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let crc = 0xffffffff;
  for (const byte of body) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return Buffer.concat([len, body, sum]);
}

/** A valid 69-byte PNG whose header says 12,000 × 10,000 pixels: the decoder refuses it as too large. */
function hugePng(name: string): FixtureFile {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(12_000, 0);
  ihdr.writeUInt32BE(10_000, 4);
  ihdr[8] = 8; // 8-bit greyscale
  const buffer = Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(100))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return { name, mimeType: 'image/png', buffer };
}

const tmp = specTempDir('lantern-letter-');
/** A path for a PDF made in the test (img2pdf), in the spec's own folder. */
const letterPdf = () => path.join(tmp(), 'letter.pdf');

const other = (name: string, mimeType: string): FixtureFile => ({
  name,
  mimeType,
  buffer: Buffer.from('PK\u0003\u0004 not a document Lantern reads'),
});

test.describe('first hour', () => {
  test('unsupported files are listed with the reason, never skipped; the images among them are read', async ({
    app: page,
  }) => {
    await dropFiles(page, page.getByTestId('drop-zone'), [
      fixtureFile('plate_000.jpg'),
      other('report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
      other('scan.bmp', 'image/bmp'),
    ]);
    const rejected = page.getByTestId('rejected-files');
    await expect(rejected).toContainText('2 files not added');
    await expect(rejected.getByTestId('rejected-file')).toHaveText([
      'report.docx: DOCX files are not supported.',
      'scan.bmp: BMP files are not supported.',
    ]);
    // The supported types come from the one list the filter uses.
    for (const f of INPUT_FORMATS) await expect(rejected).toContainText(f.label);
    await expect(rejected).toContainText(/Lantern OCR reads .+ files\./);
    const plate = await stripItem(page, 'plate_000.jpg', 'done');
    // The thumbnail is named by its file and state alone (its progress bar's value is not read into it).
    await expect(plate).toHaveAccessibleName(/^plate_000\.jpg 1 line · \d+ ms$/);
    await expect(page.getByTestId('strip-item')).toHaveCount(1);
    // A file nothing names (no extension, no type: a scanner's "scan") is taken; the engine reads it by its bytes.
    await dropFiles(page, page.getByTestId('drop-zone'), [
      { ...fixtureFile('plate_000.jpg'), name: 'scan', mimeType: '' },
      {
        name: 'letter',
        mimeType: '',
        buffer: readFileSync(img2pdf([fixture('plate_000.jpg')], letterPdf())),
      },
    ]);
    await stripItem(page, 'scan', 'done');
    await expect(page.getByTestId('result-lines')).toContainText('L3N67');
    await stripItem(page, 'letter', 'done');
    await expect(page.getByTestId('strip-item')).toHaveCount(3);
    await page.screenshot({ path: path.join('test', 'artifacts', 'recognize-rejected.png'), fullPage: true });

    // Opened through the file input (whose dialog offers the same list): a lone text file is listed too.
    expect(await page.getByTestId('file-input').getAttribute('accept')).toContain('.png');
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect(rejected.getByTestId('rejected-file')).toHaveText([
      'notes.txt: TXT files are not supported.',
    ]);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(rejected).toHaveCount(0);

    // In Chinese too.
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await dropFiles(page, page.getByTestId('drop-zone'), [other('scan.bmp', 'image/bmp')]);
    await expect(rejected).toContainText('1 个文件未添加');
    await expect(rejected).toContainText('不支持 BMP 文件。');
    await page.getByTestId('language-switch').selectOption('en');
  });

  test('Retry only for errors that may pass; the pixel limit is written for the locale', async ({
    app: page,
  }) => {
    await dropFiles(page, page.getByTestId('drop-zone'), [hugePng('huge.png'), corruptFile('broken.png')]);
    const huge = await stripItem(page, 'huge.png', 'error');
    await stripItem(page, 'broken.png', 'error');
    await huge.click();
    const error = page.getByTestId('result-error');
    await expect(error).toContainText('The image is too large to read.');
    await expect(error).toContainText('100,000,000 pixels');
    await expect(error).toContainText('IMAGE_TOO_LARGE');
    await expect(error.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await page.locator('[data-testid="strip-item"][data-name="broken.png"]').click();
    await expect(error).toContainText('BAD_IMAGE');
    await expect(error.getByRole('button', { name: 'Retry' })).toHaveCount(0);

    await page.getByTestId('language-switch').selectOption('zh-CN');
    await huge.click();
    await expect(error).toContainText('图片太大，无法识别。');
    await expect(error).toContainText('100,000,000');
    // The engine's own words stay English in the Chinese UI, and say so to a screen reader.
    await expect(error.locator('[lang="en"]')).toContainText('pixels');
    await page.getByTestId('language-switch').selectOption('en');

    // A body over the server's limit: the size is written as one, and retrying cannot help.
    await page.route('**/ocr**', (route) =>
      route.fulfill({
        status: 413,
        json: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'the body is larger than 26214400 bytes' } },
      }),
    );
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('ic15_word_1.png')]);
    await stripItem(page, 'ic15_word_1.png', 'error');
    await expect(error).toContainText(
      'The file is larger than the server accepts. the body is larger than 25 MB',
    );
    await expect(error.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await page.unroute('**/ocr**');

    // A full queue may pass: Retry is offered, and works once the engine has room.
    await page.route('**/ocr**', (route) =>
      route.fulfill({
        status: 503,
        json: { error: { code: 'QUEUE_FULL', message: 'too many requests in progress (64)' } },
      }),
    );
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('plate_000.jpg')]);
    await stripItem(page, 'plate_000.jpg', 'error');
    await expect(error).toContainText('The engine is busy');
    await page.unroute('**/ocr**');
    await error.getByRole('button', { name: 'Retry' }).click();
    await stripItem(page, 'plate_000.jpg', 'done');
  });

  test('every figure in the status pill is labelled and explained in its details', async ({
    app: page,
    serve,
  }) => {
    await expect(pill(page)).toContainText(/on CPU|on WebGPU|on CUDA/);
    await expect(page.getByTestId('pill-load')).toHaveText(/^loaded in \d[\d.,]* (ms|sec)$/);
    await pill(page).focus();
    const details = page.getByTestId('status-details');
    await expect(details).toBeVisible();
    const figures = details.locator('dd .kv__why');
    // Every figure after the status line carries its explanation.
    expect(await figures.count()).toBe((await details.locator('dt').count()) - 1);
    for (const why of await figures.allTextContents()) expect(why.length).toBeGreaterThan(20);
    await expect(details).toContainText('Shown in the pill as "loaded in …"');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(page.getByTestId('pill-load')).toContainText('加载用时');
    await expect(pill(page)).toContainText('使用');
    // Why the providers tried first could not be used, in Chinese too (onnxruntime's reason stays as it gave it).
    const status = (await (
      await fetch(`${serve.origin}/api/status`, { headers: { authorization: `Bearer ${serve.token}` } })
    ).json()) as { providerFailures?: { provider: string }[] };
    await pill(page).focus();
    if (status.providerFailures?.length) await expect(details).toContainText('不可用：');
    else await expect(details).not.toContainText('unavailable');
    await page.getByTestId('language-switch').selectOption('en');
  });

  test('the two language selects each have a visible label and a name of their own, in both UI languages', async ({
    app: page,
  }) => {
    const header = page.locator('header');
    const view = page.getByTestId('view-settings');
    await page.getByTestId('nav-settings').click();
    const names = async () => {
      const named = (id: string) =>
        page
          .getByTestId(id)
          .evaluate((el: HTMLSelectElement) => [...el.labels].map((l) => l.textContent).join(' '));
      return { header: await named('language-switch'), settings: await named('settings-language') };
    };
    // Both choose the interface's language (recognition reads Chinese and English whichever is chosen), so the
    // names say so, and differ, so that a list of the page's controls tells them apart.
    await expect(header.getByText('UI language', { exact: true })).toBeVisible();
    await expect(header.getByLabel('UI language', { exact: true })).toHaveAttribute(
      'data-testid',
      'language-switch',
    );
    await expect(view.getByText('Language of menus and messages', { exact: true })).toBeVisible();
    await expect(view.getByLabel('Language of menus and messages', { exact: true })).toHaveAttribute(
      'data-testid',
      'settings-language',
    );
    await expect(view.getByTestId('settings-language')).toHaveAccessibleDescription(
      'The same choice as in the header. Recognition reads Chinese and English whichever you choose.',
    );
    const en = await names();
    expect(en.header).not.toBe(en.settings);
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(header.getByText('界面语言', { exact: true })).toBeVisible();
    await expect(view.getByLabel('菜单和消息的语言', { exact: true })).toHaveAttribute(
      'data-testid',
      'settings-language',
    );
    await expect(view.getByTestId('settings-language')).toHaveAccessibleDescription(/^与页眉中的选择相同。/);
    const zh = await names();
    expect(zh.header).not.toBe(zh.settings);
    await page.getByTestId('language-switch').selectOption('en');
  });

  test('Settings in serve: the HTTP API is what the page runs over, and without --data they live in memory', async ({
    app: page,
    serve,
  }) => {
    await page.getByTestId('nav-settings').click();
    const view = page.getByTestId('view-settings');
    const http = view.getByTestId('settings-http');
    await expect(http).toContainText(
      `runs over the HTTP API of the Lantern OCR server (npm run serve) at ${serve.origin}`,
    );
    await expect(http).toContainText('--host, --port, --token');
    await expect(view.getByRole('switch')).toHaveCount(0);
    const storage = view.getByTestId('settings-storage');
    await expect(storage).toContainText('only in the memory of this serve process');
    await expect(storage).toContainText('--data DIR');
    await page.screenshot({
      path: path.join('test', 'artifacts', 'view-settings-serve.png'),
      fullPage: true,
    });
    // Saving works without the HTTP API fields.
    await view.getByLabel('Threads (0 = one per core)').fill('0');
    await view.getByRole('button', { name: 'Save' }).click();
    await expect(view.getByText('Saved', { exact: true })).toBeVisible();
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(storage).toContainText('--data DIR');
    await expect(storage).toContainText('只保存在此 serve 进程的内存中');
    await page.getByTestId('language-switch').selectOption('en');
  });

  test('Settings in serve --data name the settings file', async ({ page }) => {
    const data = mkdtempSync(path.join(os.tmpdir(), 'lantern-e2e-data-'));
    const serve = await startServe(['--data', data]);
    try {
      await openApp(page, serve);
      await page.getByTestId('nav-settings').click();
      const storage = page.getByTestId('settings-storage');
      await expect(storage).toContainText(`Saved in ${path.join(data, 'settings.json')}`);
      await expect(storage).not.toContainText('memory');
    } finally {
      await serve.stop();
      rmSync(data, { recursive: true, force: true });
    }
  });
});
