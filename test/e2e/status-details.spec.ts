/** The status pill's details panel as a keyboard and mouse user meets it: Escape hides it. */
import { expect, pill, test } from './fixtures';

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
});
