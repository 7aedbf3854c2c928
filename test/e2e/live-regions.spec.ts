/**
 * What a screen reader hears of the window's progress lines: a live region is in the page before its words, so that
 * each message is said, and a long document's pages are not said one after another.
 */
import { expect, fixtureFile, dropFiles, recordLive, stripItem, test } from './fixtures';

test.describe('live regions', () => {
  test('Recognize: the result pane says which image it is reading when the image is dropped', async ({
    app: page,
  }) => {
    const said = await recordLive(page, 'result-waiting');
    await dropFiles(page, page.getByTestId('drop-zone'), [fixtureFile('plate_000.jpg')]);
    await stripItem(page, 'plate_000.jpg', 'done');
    await expect.poll(said).toContain('Recognising plate_000.jpg…');
    await page.getByRole('button', { name: 'Clear all' }).click();
  });
});
