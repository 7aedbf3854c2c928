/**
 * A PNG cut short: libvips reads the rows the file holds but leaves the rest as its buffers held them (black, then
 * rows from the top of the picture again, which read twice); the rows past the cut are blank.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { decodeWorking } from '../../app/ocr/decode';
import { fixture } from '../helpers/fixtures';

/** Whether row `y` of an RGB image holds dark ink. */
const inkRow = (img: { data: Uint8Array; width: number }, y: number) =>
  img.data.subarray(y * img.width * 3, (y + 1) * img.width * 3).some((v) => v < 100);

for (const [kind, withAlpha] of [
  ['an RGB', false],
  ['an RGBA', true],
] as const)
  test(`${kind} PNG cut short keeps its rows before the cut, and the rest is blank paper`, async () => {
    let pipe = sharp(fixture('two-column-page.png'));
    pipe = withAlpha ? pipe.ensureAlpha() : pipe.removeAlpha();
    const whole = await pipe.png().toBuffer();
    const decoded = await decodeWorking(whole.subarray(0, Math.floor(whole.length * 0.5)));
    assert.equal(decoded.truncated, true);
    const { image } = decoded;
    assert.equal(image.height, 635);
    // The page has text down to its last lines: cut, its top lines are there and its bottom is blank.
    assert.ok(Array.from({ length: 60 }, (_, y) => y).some((y) => inkRow(image, y)));
    const bottom = Array.from({ length: 200 }, (_, i) => image.height - 1 - i);
    assert.deepEqual(
      bottom.filter((y) => inkRow(image, y)),
      [],
      'no ink past the cut',
    );
    const last = image.data.subarray((image.height - 1) * image.width * 3);
    assert.ok(
      last.every((v) => v === 255),
      'the bottom row is white',
    );
  });

test('an interlaced PNG cut short, which libvips cannot read in part, is BAD_IMAGE saying the file ends early', async () => {
  const whole = await sharp(fixture('two-column-page.png')).png({ progressive: true }).toBuffer();
  await assert.rejects(decodeWorking(whole.subarray(0, Math.floor(whole.length * 0.5))), {
    code: 'BAD_IMAGE',
    message: /ends early/,
  });
});

test('a PNG cut short whose eXIf chunk turns it is read turned, as it is whole', async () => {
  const whole = await sharp(fixture('two-column-page.png'))
    .removeAlpha()
    .withMetadata({ orientation: 6 })
    .png()
    .toBuffer();
  const cut = await decodeWorking(whole.subarray(0, Math.floor(whole.length * 0.5)));
  assert.deepEqual([cut.image.width, cut.image.height, cut.truncated], [635, 1757, true]);
});
