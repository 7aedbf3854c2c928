/** Playwright fixtures: one serve process per worker, a page signed in with its token, and file helpers. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { ROOT, startServe, type ServeHandle } from './serve-process';

/** Where screenshots go. */
export const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');

/** A file to drop or paste. */
export interface FixtureFile {
  readonly name: string;
  readonly mimeType: string;
  readonly buffer: Buffer;
}

/** A fixture image from test/fixtures. */
export function fixtureFile(name: string): FixtureFile {
  const ext = path.extname(name).toLowerCase();
  const mimeType =
    ext === '.png'
      ? 'image/png'
      : ext === '.jpg' || ext === '.jpeg'
        ? 'image/jpeg'
        : 'application/octet-stream';
  return { name, mimeType, buffer: readFileSync(path.join(ROOT, 'test', 'fixtures', name)) };
}

/** The ground-truth text of a fixture. */
export function groundTruth(name: string): string {
  return readFileSync(path.join(ROOT, 'test', 'fixtures', name.replace(/\.[^.]+$/, '.txt')), 'utf8').trim();
}

/** A file that claims to be a PNG but is not an image. */
export function corruptFile(name = 'corrupt.png'): FixtureFile {
  const png = fixtureFile('zhscreen_04_chat_ftp.png').buffer;
  // A real PNG signature and header, then garbage: the decoder must fail.
  const bytes = Buffer.concat([
    png.subarray(0, 33),
    Buffer.from('this is not the rest of a png file '.repeat(20)),
  ]);
  return { name, mimeType: 'image/png', buffer: bytes };
}

/** Builds a DataTransfer holding real File objects in the page. */
export async function dataTransferOf(page: Page, files: readonly FixtureFile[]) {
  return page.evaluateHandle(
    (list) => {
      const dt = new DataTransfer();
      for (const f of list) {
        const bin = atob(f.b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        dt.items.add(new File([bytes], f.name, { type: f.mimeType }));
      }
      return dt;
    },
    files.map((f) => ({ name: f.name, mimeType: f.mimeType, b64: f.buffer.toString('base64') })),
  );
}

/** A real drag-and-drop sequence (dragenter, dragover, drop) of files onto a target. */
export async function dropFiles(page: Page, target: Locator, files: readonly FixtureFile[]): Promise<void> {
  const dataTransfer = await dataTransferOf(page, files);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
  await dataTransfer.dispose();
}

/** The status pill. */
export const pill = (page: Page) => page.getByTestId('status-pill');

/** Waits for a strip item to finish (done or error) and returns it. */
export async function stripItem(page: Page, name: string, state: 'done' | 'error'): Promise<Locator> {
  const item = page.locator(`[data-testid="strip-item"][data-name="${name}"]`);
  await expect(item).toHaveAttribute('data-state', state, { timeout: 60_000 });
  return item;
}

/** The recognised lines shown in the text panel. */
export async function shownLines(page: Page): Promise<string[]> {
  return page.getByTestId('result-line').locator('.line__text').allTextContents();
}

/** Records every state and text the pill shows (installed before the page loads). */
export async function recordPill(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __pill: string[] }).__pill = seen;
    const look = () => {
      const el = document.querySelector('[data-testid="status-pill"]');
      if (!el) return;
      const v = `${el.getAttribute('data-state')}|${el.getAttribute('data-recovering')}|${el.textContent}`;
      if (seen[seen.length - 1] !== v) seen.push(v);
    };
    new MutationObserver(look).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
}

/** What recordPill saw: `state|recovering|text` entries. */
export async function pillHistory(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __pill: string[] }).__pill ?? []);
}

/**
 * Records what the live region with `testId` says from now on, as a screen reader hears it: its text each time words
 * are put into it (a node added inside it, or text changed). A region inserted with its words says them only when it
 * is an alert; the same words left standing say nothing again.
 */
export async function recordLive(page: Page, testId: string): Promise<() => Promise<string[]>> {
  const key = `__live:${testId}`;
  await page.evaluate(
    ({ testId, key }) => {
      const sel = `[data-testid="${testId}"]`;
      const said: string[] = [];
      (window as unknown as Record<string, string[]>)[key] = said;
      const regionOf = (n: Node | null) =>
        (n instanceof Element ? n : (n?.parentElement ?? null))?.closest(sel);
      new MutationObserver((records) => {
        for (const r of records) {
          const region = regionOf(r.target);
          const spoken =
            r.type === 'characterData'
              ? region
              : (Array.from(r.addedNodes)
                  .filter((n) => (n.textContent ?? '').trim() !== '')
                  .map((n) =>
                    region
                      ? region
                      : n instanceof Element && n.matches(sel) && n.getAttribute('role') === 'alert'
                        ? n
                        : null,
                  )
                  .find(Boolean) ?? null);
          const text = (spoken?.textContent ?? '').trim();
          if (text) said.push(text);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    { testId, key },
  );
  return () => page.evaluate((k) => (window as unknown as Record<string, string[]>)[k]!, key);
}

/** Clicks a control that downloads a file, checks the download's name, saves it in `dir` and returns its path. */
export async function downloaded(page: Page, control: Locator, name: string, dir: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), control.click()]);
  expect(download.suggestedFilename()).toBe(name);
  const saved = path.join(dir, `export-${name}`);
  await download.saveAs(saved);
  return saved;
}

/** Opens the UI with the token (the server sets the cookie and redirects to /). */
export async function openApp(page: Page, serve: ServeHandle): Promise<void> {
  await page.goto(serve.url);
  await expect(page).toHaveURL(`${serve.origin}/`);
}

/** Test with `serve` (one per worker) and `app` (a page on its UI with the engine ready). */
export const test = base.extend<{ app: Page }, { serve: ServeHandle }>({
  serve: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const serve = await startServe();
      try {
        await use(serve);
      } finally {
        await serve.stop();
      }
    },
    { scope: 'worker' },
  ],
  context: async ({ context, serve }, use) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.origin });
    await use(context);
  },
  app: async ({ page, serve }, use, testInfo) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openApp(page, serve);
    await expect(pill(page)).toHaveAttribute('data-state', /^(ready|busy)$/, { timeout: 60_000 });
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus)
      await testInfo.attach('serve.log', { body: serve.log(), contentType: 'text/plain' });
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
