import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { pagePreview } from '../../app/documents/page-preview';
import { decodeTiffPage } from '../../app/documents/tiff-source';
import { LanternError } from '../../app/contracts/errors';
import { decodeImage } from '../../app/ocr/decode';
import { MAX_PIXELS, MAX_SIDE } from '../../app/ocr/working-size';

/** A white PNG of `width` × `height`: a sliver costs its decoder per row, however few its pixels. */
const png = async (width: number, height: number) =>
  new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: '#fff' } })
      .png()
      .toBuffer(),
  );

const tooLarge = (why: RegExp) => (err: unknown) =>
  err instanceof LanternError && err.code === 'IMAGE_TOO_LARGE' && why.test(err.message);

test('an image with a side over MAX_SIDE is refused from its header, however few its pixels', async () => {
  const side = /a side may be at most 65535/u;
  await assert.rejects(decodeImage(await png(1, MAX_SIDE + 1)), tooLarge(side));
  await assert.rejects(decodeImage(await png(MAX_SIDE + 1, 1)), tooLarge(side));
  // The window's page view holds to the same limits as the OCR.
  await assert.rejects(pagePreview(await png(1, MAX_SIDE + 1), 1), tooLarge(side));
  const tiff = new Uint8Array(
    await sharp({ create: { width: 2, height: MAX_SIDE + 1, channels: 3, background: '#fff' } })
      .tiff({ compression: 'deflate' })
      .toBuffer(),
  );
  await assert.rejects(decodeTiffPage(tiff, 0, MAX_PIXELS), tooLarge(/^page 1: .*at most 65535/u));
  await assert.rejects(pagePreview(tiff, 1), tooLarge(/^page 1: /u));
});

test('a side of MAX_SIDE is read', async () => {
  const img = await decodeImage(await png(2, MAX_SIDE));
  assert.equal(Math.max(img.width, img.height) * Math.min(img.width, img.height), 2 * MAX_SIDE);
  assert.ok((await pagePreview(await png(MAX_SIDE, 2), 1)).length > 0);
});
