/**
 * The window's side of a capture notification's click: when main sends a captured region (`lanternCapture.onShow`,
 * given here by an init script in place of the Electron preload, with a real crop and its real /ocr result), the window
 * switches to Recognize and shows the region's image with its boxes and lines. Main's side (the click shows and
 * focuses the window and sends the region) is test/unit/main-capture-app.test.ts.
 */
import { expect, fixtureFile, openApp, pill, shownLines, stripItem, test } from './fixtures';

test('a region sent by main opens in Recognize with its image, boxes and lines, from any view', async ({
  page,
  serve,
}) => {
  await page.addInitScript(() => {
    const w = window as unknown as { lanternCapture: unknown; __show?: (c: unknown) => void };
    w.lanternCapture = {
      frame: async () => null,
      select: () => {},
      cancel: () => {},
      start: () => {},
      onWarming: () => () => {},
      onShow: (cb: (c: unknown) => void) => {
        w.__show = cb;
        return () => {};
      },
    };
  });
  await openApp(page, serve);
  await expect(pill(page)).toHaveAttribute('data-state', /^(ready|busy)$/, { timeout: 60_000 });
  await page.getByTestId('nav-history').click();
  const file = fixtureFile('tess_eurotext.png');
  const lines = await page.evaluate(async (b64) => {
    const png = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const res = await fetch('/ocr', { method: 'POST', headers: { 'content-type': 'image/png' }, body: png });
    const result = (await res.json()) as { lines: unknown[] };
    (window as unknown as { __show: (c: unknown) => void }).__show({ name: 'Screen capture', png, result });
    return result.lines.length;
  }, file.buffer.toString('base64'));
  expect(lines).toBeGreaterThan(3);
  await expect(page.getByTestId('view-recognize')).toBeVisible();
  const item = await stripItem(page, 'Screen capture', 'done');
  await expect(item).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('result-image')).toBeVisible();
  await expect(page.getByTestId('result-box')).toHaveCount(lines);
  expect((await shownLines(page)).join(' ')).toMatch(/fox\W+jumps/);
});
