/**
 * Screen capture in the web UI: Chromium shares the tab itself (no picker), the region selector picks a rectangle over
 * text the page shows, the crop is OCRed and its text lands in the clipboard; keyboard and Esc; and the crop sent to OCR
 * is the selected rectangle in physical pixels at device scale factors 1, 1.5 and 2.
 */
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { physicalCrop } from '../../app/capture/region-geometry';
import { normalizeText } from '../../app/eval/metrics';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { expect, openApp, pill, test } from './fixtures';

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--auto-accept-this-tab-capture'],
  },
});

const TEXT = 'LANTERN 2026';

/** Shows big black text on white over the app, where the tab capture will see it; returns its box in CSS pixels. */
async function showText(page: Page, lines: readonly string[] = [TEXT]) {
  await page.evaluate((lines) => {
    document.getElementById('capture-target')?.remove();
    const el = document.createElement('div');
    el.id = 'capture-target';
    el.innerText = lines.join('\n');
    el.style.cssText =
      'position:fixed;left:200px;top:260px;z-index:500;padding:24px 32px;background:#fff;color:#000;' +
      'font:bold 56px/1.2 "DejaVu Sans",sans-serif;letter-spacing:2px';
    document.body.append(el);
  }, lines);
  const box = await page.locator('#capture-target').boundingBox();
  expect(box).toBeTruthy();
  return box!;
}

/** Drags from one point to another with real mouse events. */
async function drag(page: Page, x0: number, y0: number, x1: number, y1: number) {
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 4 });
  await page.mouse.move(x1, y1, { steps: 4 });
  await page.mouse.up();
}

/** Keeps a copy of every image body the page POSTs to /ocr (the transport sends a Blob, which Playwright does not expose). */
async function recordOcr(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __ocr: string[]; fetch: typeof fetch };
    w.__ocr = [];
    const original = w.fetch.bind(window);
    w.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes('/ocr') && init?.body instanceof Blob) {
        const bytes = new Uint8Array(await init.body.arrayBuffer());
        let bin = '';
        for (const b of bytes) bin += String.fromCharCode(b);
        w.__ocr.push(btoa(bin));
      }
      return original(input, init);
    };
  });
}

/** How many images the page has sent to /ocr so far. */
const ocrCount = (page: Page) => page.evaluate(() => (window as unknown as { __ocr: string[] }).__ocr.length);

/** The `n`th image (1-based) the page sent to /ocr, with its size; waits for it. */
async function sentImage(page: Page, n: number) {
  await page.waitForFunction((k) => (window as unknown as { __ocr: string[] }).__ocr.length >= k, n);
  const b64 = await page.evaluate((k) => (window as unknown as { __ocr: string[] }).__ocr[k - 1]!, n);
  const body = Buffer.from(b64, 'base64');
  const meta = await sharp(body).metadata();
  return { body, width: meta.width, height: meta.height };
}

const selector = (page: Page) => page.getByRole('dialog', { name: 'Select a region' });

test.describe('Capture screen', () => {
  test('drag over text: the text is in the clipboard and shown', async ({ app: page }) => {
    await recordOcr(page);
    const box = await showText(page);
    const button = page.getByRole('button', { name: /^Capture/ });
    await button.click();
    await expect(selector(page)).toBeVisible();
    await expect(selector(page)).toBeFocused();
    await drag(page, box.x + 4, box.y + 4, box.x + box.width - 4, box.y + box.height - 4);
    const released = Date.now();
    await expect(selector(page)).toBeHidden();
    const sent = await sentImage(page, 1);
    const scale = Number(await page.evaluate(() => window.devicePixelRatio));
    expect(sent.width).toBeGreaterThan((box.width - 8) * scale * 0.9);
    await expect(page.getByTestId('capture-result')).toHaveAttribute('data-step', 'done', {
      timeout: 60_000,
    });
    const ms = Date.now() - released;
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    expect(normalizeText(clip).replace(/\s/g, '')).toBe(normalizeText(TEXT).replace(/\s/g, ''));
    await expect(page.getByTestId('capture-text')).toHaveText(clip);
    test
      .info()
      .annotations.push({ type: 'capture-to-clipboard ms (release to copied)', description: String(ms) });
    console.log(`capture: release to clipboard ${ms} ms`);
  });

  test('with "Copy captured text as: One paragraph" in Settings, two lines are copied as one', async ({
    app: page,
  }) => {
    await page.getByTestId('nav-settings').click();
    const settings = page.getByTestId('capture-settings');
    await settings.getByRole('radio', { name: /^One paragraph/ }).check();
    await expect(settings.getByRole('status').first()).toHaveText('Saved');
    try {
      await page.getByTestId('nav-recognize').click();
      const box = await showText(page, ['LANTERN 2026', 'OCR CAPTURE']);
      await page.getByRole('button', { name: /^Capture/ }).click();
      await expect(selector(page)).toBeVisible();
      await drag(page, box.x + 4, box.y + 4, box.x + box.width - 4, box.y + box.height - 4);
      const result = page.getByTestId('capture-result');
      await expect(result).toHaveAttribute('data-step', 'done', { timeout: 60_000 });
      await expect(result.getByRole('status')).toHaveText('Copied 2 lines to the clipboard as one paragraph');
      const clip = await page.evaluate(() => navigator.clipboard.readText());
      expect(clip).not.toContain('\n');
      expect(normalizeText(clip)).toBe(normalizeText('LANTERN 2026 OCR CAPTURE'));
    } finally {
      await page.getByTestId('nav-settings').click();
      await settings.getByRole('radio', { name: /^Lines/ }).check();
      await expect(settings.getByRole('status').first()).toHaveText('Saved');
    }
  });

  test('Esc cancels without a request; Enter takes the whole image; the keyboard selects', async ({
    app: page,
  }) => {
    await recordOcr(page);
    const button = page.getByRole('button', { name: /^Capture/ });
    await button.click();
    await expect(selector(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(selector(page)).toBeHidden();
    await expect(button).toBeEnabled();
    expect(await ocrCount(page)).toBe(0);

    await button.click();
    const dialog = selector(page);
    await expect(dialog).toBeVisible();
    const w = Number(await dialog.getAttribute('data-image-width'));
    const h = Number(await dialog.getAttribute('data-image-height'));
    await page.keyboard.press('Enter');
    expect(await sentImage(page, 1)).toMatchObject({ width: w, height: h });
    await expect(page.getByTestId('capture-result')).toHaveAttribute('data-step', 'done', {
      timeout: 60_000,
    });
    await page.getByTestId('capture-result').getByRole('button').click();

    // Arrow keys: the first press makes a centred selection, then Shift+arrows grow it, arrows move it.
    await button.click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('ArrowDown');
    const first = await page.getByTestId('region-selection').boundingBox();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Control+ArrowDown');
    const moved = await page.getByTestId('region-selection').boundingBox();
    expect(moved!.width).toBeCloseTo(first!.width + 1, 0);
    expect(moved!.y).toBeCloseTo(first!.y + 10, 0);
    await page.keyboard.press('Enter');
    const sent = await sentImage(page, 2);
    const scale = w / Number(await page.evaluate(() => window.innerWidth));
    const want = physicalCrop(moved!, scale, { width: w, height: h })!;
    expect({ width: sent.width, height: sent.height }).toEqual({ width: want.width, height: want.height });
    await expect(page.getByTestId('capture-result')).toHaveAttribute('data-step', 'done', {
      timeout: 60_000,
    });
  });

  test('keyboard: Tab stays in the selector; the focus comes back to Capture screen, not <body>', async ({
    app: page,
  }) => {
    const button = page.getByRole('button', { name: /^Capture/ });
    const onBody = () => page.evaluate(() => document.activeElement === document.body);
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = selector(page);
    await expect(dialog).toBeFocused();
    // The selector is modal: Tab and Shift+Tab must not wander to the page it covers, where Esc no longer cancels.
    await page.keyboard.press('Tab');
    await expect(dialog).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(dialog).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(button).toBeFocused();

    // Enter reads the whole image: the result panel takes the focus, its Dismiss hands it back to the button.
    await page.keyboard.press('Enter');
    await expect(dialog).toBeFocused();
    await page.keyboard.press('Enter');
    const result = page.getByTestId('capture-result');
    await expect(result).toHaveAttribute('data-step', 'done', { timeout: 60_000 });
    await expect(result).toBeFocused();
    expect(await onBody()).toBe(false);
    await page.keyboard.press('Tab');
    await expect(result.getByRole('button', { name: 'Dismiss' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(result).toHaveCount(0);
    await expect(button).toBeFocused();
  });

  test('keyboard: a capture refused in the picker says so in the result panel, which takes the focus, not <body>', async ({
    app: page,
  }) => {
    // The user cancels the browser's screen picker.
    await page.evaluate(() => {
      navigator.mediaDevices.getDisplayMedia = () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    const button = page.getByRole('button', { name: /^Capture/ });
    await button.focus();
    await page.keyboard.press('Enter');
    const result = page.getByTestId('capture-result');
    await expect(result).toHaveAttribute('data-step', 'error');
    await expect(result.getByRole('status')).toHaveText('Screen capture was refused or cancelled.');
    await expect(result).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(result).toHaveCount(0);
    await expect(button).toBeFocused();
  });

  test('the selector is named in Simplified Chinese too', async ({ app: page }) => {
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await page.getByRole('button', { name: '截取屏幕' }).click();
    await expect(page.getByRole('dialog', { name: '选择区域' })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.getByTestId('language-switch').selectOption('en');
  });

  for (const dpr of [1, 1.5, 2]) {
    test(`at device scale factor ${dpr} the crop is the rectangle in physical pixels`, async ({
      browser,
      serve,
    }) => {
      const context = await browser.newContext({
        deviceScaleFactor: dpr,
        viewport: { width: 1000, height: 700 },
      });
      try {
        const page = await context.newPage();
        // The frame source: a screen the size of the window in physical pixels, white with one black block.
        await page.addInitScript(() => {
          navigator.mediaDevices.getDisplayMedia = async () => {
            const s = window.devicePixelRatio;
            const c = document.createElement('canvas');
            c.width = Math.round(window.innerWidth * s);
            c.height = Math.round(window.innerHeight * s);
            const g = c.getContext('2d')!;
            const paint = () => {
              g.fillStyle = '#fff';
              g.fillRect(0, 0, c.width, c.height);
              g.fillStyle = '#000';
              g.fillRect(Math.round(300 * s), Math.round(240 * s), Math.round(200 * s), Math.round(90 * s));
              requestAnimationFrame(paint);
            };
            paint();
            return c.captureStream(30);
          };
        });
        await openApp(page, serve);
        await expect(pill(page)).toHaveAttribute('data-state', /^(ready|busy)$/, { timeout: 60_000 });
        await page.getByRole('button', { name: /^Capture/ }).click();
        const dialog = selector(page);
        await expect(dialog).toBeVisible();
        expect(Number(await dialog.getAttribute('data-image-width'))).toBe(Math.round(1000 * dpr));
        expect(Number(await dialog.getAttribute('data-scale'))).toBeCloseTo(dpr, 6);
        await recordOcr(page);
        // Inside the block by 10 CSS px on every side.
        const css = { x: 310, y: 250, width: 180, height: 70 };
        await drag(page, css.x, css.y, css.x + css.width, css.y + css.height);
        const sent = await sentImage(page, 1);
        const want = physicalCrop(css, dpr, { width: 1000 * dpr, height: 700 * dpr })!;
        expect({ width: sent.width, height: sent.height }).toEqual({
          width: want.width,
          height: want.height,
        });
        // Every pixel of the crop is from the black block (a wrong scale or offset would take white in).
        const stats = await sharp(sent.body).stats();
        expect(Math.max(...stats.channels.slice(0, 3).map((ch) => ch.max))).toBeLessThan(60);
        await expect(page.getByTestId('capture-result')).toHaveAttribute('data-step', 'done', {
          timeout: 60_000,
        });
      } finally {
        await context.close();
      }
    });
  }
});
