/**
 * What a screen reader hears in the region selector: the size of a selection made with the keyboard, from its first
 * arrow press on, and not a size for every step of a mouse drag.
 */
import { CHROMIUM_ARGS } from '../../playwright.config';
import { expect, test } from './fixtures';

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
