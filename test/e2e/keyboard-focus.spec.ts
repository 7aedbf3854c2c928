/**
 * Keyboard focus after an action takes away the control that had it: the focus lands on the next sensible control,
 * never on <body>, where a keyboard or screen-reader user would have to start again from the top of the page.
 */
import type { Page } from '@playwright/test';
import { dropFiles, expect, fixtureFile, stripItem, test } from './fixtures';

/** Whether the focus fell back to <body> (or nowhere). */
const focusLost = (page: Page) =>
  page.evaluate(() => document.activeElement === null || document.activeElement === document.body);

test.describe('keyboard focus', () => {
  test('Recognize: removing an image focuses its neighbour; removing the last one or Clear all focuses Open…', async ({
    app: page,
  }) => {
    const names = ['plate_000.jpg', 'plate_003.jpg', 'plate_028.jpg'];
    await dropFiles(page, page.getByTestId('drop-zone'), names.map(fixtureFile));
    for (const n of names) await stripItem(page, n, 'done');
    const thumb = (name: string) => page.locator(`[data-testid="strip-item"][data-name="${name}"]`);

    // The middle one: its right-hand neighbour takes the focus.
    await page.getByRole('button', { name: 'Remove plate_003.jpg' }).focus();
    await page.keyboard.press('Enter');
    await expect(thumb('plate_003.jpg')).toHaveCount(0);
    await expect(thumb('plate_028.jpg')).toBeFocused();
    // The last one: the one before it.
    await page.getByRole('button', { name: 'Remove plate_028.jpg' }).focus();
    await page.keyboard.press('Enter');
    await expect(thumb('plate_028.jpg')).toHaveCount(0);
    await expect(thumb('plate_000.jpg')).toBeFocused();
    // The only one: the strip goes, Open… is where the next file comes from.
    await page.getByRole('button', { name: 'Remove plate_000.jpg' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('strip')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Open…' })).toBeFocused();
    expect(await focusLost(page)).toBe(false);

    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('plate_000.jpg')]);
    await stripItem(page, 'plate_000.jpg', 'done');
    await page.getByRole('button', { name: 'Clear all' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('strip')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Open…' })).toBeFocused();
  });
});
