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

  test('the details are a disclosure: Enter opens them after the pill in Tab order, Escape closes them back to the pill', async ({
    app: page,
  }) => {
    const details = page.getByTestId('status-details');
    // Not a tooltip: a tooltip holds a line of text, never a heading and a list a keyboard user has to scroll.
    await expect(page.getByRole('tooltip')).toHaveCount(0);
    await expect(pill(page)).toHaveAttribute('aria-controls', (await details.getAttribute('id'))!);

    // Shown by focus alone they are a preview, not a Tab stop: Tab goes on to the page.
    await pill(page).focus();
    await expect(details).toBeVisible();
    await expect(pill(page)).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Open…' })).toBeFocused();

    // Opened, they follow the pill: Tab reaches the panel, a named region.
    await pill(page).focus();
    await page.keyboard.press('Enter');
    await expect(pill(page)).toHaveAttribute('aria-expanded', 'true');
    const region = page.getByRole('region', { name: 'Engine details' });
    await expect(region).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(region).toBeFocused();

    // Escape in the panel closes it and gives the focus back to the pill, not to <body>.
    await page.keyboard.press('Escape');
    await expect(details).toBeHidden();
    await expect(pill(page)).toHaveAttribute('aria-expanded', 'false');
    await expect(pill(page)).toBeFocused();

    // Tab past the open panel closes it: it would cover the control the focus moves to.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(region).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Open…' })).toBeFocused();
    await expect(pill(page)).toHaveAttribute('aria-expanded', 'false');
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

    // By keyboard too: opened and tabbed into, the panel scrolls with the keys (End brings the last figure).
    await details.evaluate((el) => (el.scrollTop = 0));
    await page.mouse.move(5, 700);
    await pill(page).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(details).toBeFocused();
    await page.keyboard.press('End');
    await expect.poll(() => details.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    await expect(pid).toBeInViewport();
  });
});
