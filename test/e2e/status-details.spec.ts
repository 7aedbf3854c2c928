/** The status pill's details panel as a keyboard, mouse and phone user meets it: Escape hides it, and it fits the window. */
import type { Locator } from '@playwright/test';
import { expect, pill, test } from './fixtures';

/** The panel's box against the viewport's width. */
async function within(panel: Locator): Promise<{ left: number; right: number; width: number }> {
  return panel.evaluate((el) => {
    const b = el.getBoundingClientRect();
    return { left: b.left, right: b.right, width: document.documentElement.clientWidth };
  });
}

test.describe('status details', () => {
  test('Escape hides the details shown by focus, by hover and by a click, without moving the focus', async ({
    app: page,
  }) => {
    const details = page.getByTestId('status-details');
    await pill(page).focus();
    await expect(details).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(details).toBeHidden();
    await expect(pill(page)).toBeFocused();
    // Leaving and coming back shows them again.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(pill(page)).toBeFocused();
    await expect(details).toBeVisible();

    // Pinned open with Enter, Escape closes it.
    await page.keyboard.press('Enter');
    await expect(pill(page)).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Escape');
    await expect(pill(page)).toHaveAttribute('aria-expanded', 'false');
    await expect(details).toBeHidden();

    // Shown by hover (the focus elsewhere): Escape hides them too.
    await page.getByRole('button', { name: 'Open…' }).focus();
    await pill(page).hover();
    await expect(details).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(details).toBeHidden();
  });

  test('at a phone width the details lie inside the window, every figure readable', async ({ app: page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await pill(page).focus();
    const details = page.getByTestId('status-details');
    await expect(details).toBeVisible();
    const box = await within(details);
    expect(box.left, JSON.stringify(box)).toBeGreaterThanOrEqual(0);
    expect(box.right, JSON.stringify(box)).toBeLessThanOrEqual(box.width);
    // The last figure can be brought into view, though the header holding the panel stays at the top.
    const pid = page.getByTestId('status-pid');
    await pid.scrollIntoViewIfNeeded();
    await expect(pid).toBeInViewport();
  });
});
