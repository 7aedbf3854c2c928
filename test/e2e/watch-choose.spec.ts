/**
 * Batch & Watch in the desktop window: main writes outputs only into a folder the user gave the window, so the output
 * folder has its own Choose button beside the input folder's (the stand-in's dialog answers a fixed folder).
 */
import { standInDesktop } from './desktop-stand-in';
import { expect, openApp, test } from './fixtures';

test('the output folder is chosen in the folder dialog, as the watched folder is', async ({
  page,
  serve,
}) => {
  await standInDesktop(page, { onDisk: {}, openedAtLoad: [], chosenFolder: '/home/u/Scans/ocr' });
  await openApp(page, serve);
  await page.getByTestId('nav-watch').click();
  const view = page.getByTestId('view-watch');
  await view.getByRole('button', { name: 'Choose the output folder…' }).click();
  await expect(view.getByLabel('Output folder (empty = beside each image)')).toHaveValue('/home/u/Scans/ocr');
  await expect(view.getByLabel('Folder path')).toHaveValue('');
  await view.getByRole('button', { name: 'Choose…', exact: true }).click();
  await expect(view.getByLabel('Folder path')).toHaveValue('/home/u/Scans/ocr');
});
