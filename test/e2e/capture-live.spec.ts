/**
 * What a screen reader hears in the region selector: the size of a selection made with the keyboard, from its first
 * arrow press on, and not a size for every step of a mouse drag; the engine warming, when it starts while open; and
 * the result panel's first words, which describe it as it takes the focus.
 */
import { CHROMIUM_ARGS } from '../../playwright.config';
import { expect, openApp, pill, recordLive, test } from './fixtures';
import { startServe, type ServeHandle } from './serve-process';

const WARMING = 'The engine is warming up; the region will be read as soon as it is ready.';

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--auto-accept-this-tab-capture'],
  },
});

test('the region selector says the size of a keyboard selection, its first one too', async ({
  app: page,
}) => {
  await page.getByRole('button', { name: /^Capture/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Select a region' });
  await expect(dialog).toBeVisible();
  await page.evaluate(() => {
    const live = '[aria-live]:not([aria-live="off"]), [role="status"], [role="log"], [role="alert"]';
    const said: string[] = [];
    (window as unknown as { __sizes: string[] }).__sizes = said;
    const elementOf = (n: Node | null) => (n instanceof Element ? n : (n?.parentElement ?? null));
    new MutationObserver((records) => {
      for (const r of records) {
        // Words put in (a node added, text changed) are said; a node taken out says nothing.
        if (r.type === 'childList' && r.addedNodes.length === 0) continue;
        const words = elementOf(r.target)?.closest(live)?.textContent?.trim();
        if (words && /^\d+ × \d+$/.test(words)) said.push(words);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const sizes = () => page.evaluate(() => (window as unknown as { __sizes: string[] }).__sizes);
  await page.keyboard.press('ArrowDown');
  const first = page.getByTestId('region-selection');
  await expect(first).toBeVisible();
  await expect.poll(sizes).toHaveLength(1);
  const [w, h] = (await sizes())[0]!.split(' × ').map(Number);
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(sizes).toHaveLength(2);
  const [w2, h2] = (await sizes())[1]!.split(' × ').map(Number);
  expect(w2).toBeGreaterThan(w!);
  expect(h2).toBe(h);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test.describe('the region selector while the engine restarts', () => {
  // Its own serve: the test kills the engine, which the shared serve's restart count must not see.
  let serve: ServeHandle;
  test.beforeAll(async () => {
    serve = await startServe();
  });
  test.afterAll(async () => {
    await serve?.stop();
  });

  test('an engine that starts warming while the selector is open is said, and the notice goes when it is ready', async ({
    page,
  }) => {
    await openApp(page, serve);
    await expect(pill(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await page.getByRole('button', { name: /^Capture/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Select a region' });
    await expect(dialog).toBeVisible();
    const notice = page.getByTestId('capture-warming');
    await expect(dialog).not.toContainText(WARMING);
    const said = await recordLive(page, 'capture-warming');

    const { engine_pid: pid } = await serve.health();
    process.kill(pid!, 'SIGKILL');
    await expect.poll(said).toEqual([WARMING]);
    await expect(notice).toHaveText(WARMING);
    await expect(dialog).toBeFocused();
    await expect(pill(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(dialog).not.toContainText(WARMING);
    expect(await said()).toEqual([WARMING]);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
});

test('the result panel, focused when a region is chosen, is described by what it says: recognising, then the outcome', async ({
  app: page,
}) => {
  // The OCR's answer waits for the test, so the panel is seen while it recognises.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let reached!: () => void;
  const arrived = new Promise<void>((r) => (reached = r));
  await page.route(/\/ocr(\?|$)/, async (route) => {
    reached();
    await held;
    await route.continue();
  });
  await page.getByRole('button', { name: /^Capture/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Select a region' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await arrived;
  const panel = page.getByRole('region', { name: 'Captured text' });
  await expect(panel).toBeFocused();
  await expect(panel).toHaveAccessibleDescription('Recognising the region…');
  release();
  await expect(panel).toHaveAttribute('data-step', 'done', { timeout: 60_000 });
  await expect(panel).toHaveAccessibleDescription(/^Copied \d+ lines? to the clipboard$/);
  await panel.getByRole('button', { name: 'Dismiss' }).click();
});
