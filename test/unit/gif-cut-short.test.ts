/**
 * A GIF cut short (a download or copy that stopped) after its picture's data began: libvips reads the part that is
 * there when asked, as for a JPEG or a PNG, so it is read with IMAGE_TRUNCATED instead of failing whole; one cut in its
 * header, or damaged, stays BAD_IMAGE.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { decodeWorking } from '../../app/ocr/decode';
import { endsEarly } from '../../app/ocr/ends-early';
import { fixture } from '../helpers/fixtures';

/** The fixture page (1757 × 635, dark text on white) as a GIF. */
const gif = () => sharp(fixture('two-column-page.png')).gif().toBuffer();

test('a GIF cut inside its picture data decodes as far as it goes, marked truncated', async () => {
  const whole = await gif();
  const decoded = await decodeWorking(whole.subarray(0, Math.floor(whole.length * 0.5)));
  assert.deepEqual([decoded.image.width, decoded.image.height, decoded.truncated], [1757, 635, true]);
  const { data, width } = decoded.image;
  // The top lines are there: some row near the top holds dark ink.
  const inkRow = (y: number) => data.subarray(y * width * 3, (y + 1) * width * 3).some((v) => v < 100);
  assert.ok(Array.from({ length: 60 }, (_, y) => y).some(inkRow));
  // The rows the file did not hold come as paper (the decoder leaves them clear), not as black.
  const last = data.subarray((decoded.image.height - 1) * width * 3);
  assert.ok(
    last.every((v) => v === 255),
    'the bottom row, past the cut, is white',
  );
  assert.equal((await decodeWorking(whole)).truncated, undefined);
});

test('an interlaced GIF cut short reads its missing rows from the rows above, as a viewer shows it loading', async () => {
  const whole = await sharp(fixture('two-column-page.png')).gif({ progressive: true }).toBuffer();
  const decoded = await decodeWorking(whole.subarray(0, Math.floor(whole.length * 0.5)));
  assert.equal(decoded.truncated, true);
  const { data, width, height } = decoded.image;
  const mean = (y: number) =>
    data.subarray(y * width * 3, (y + 1) * width * 3).reduce((a, v) => a + v, 0) / width / 3;
  // The page is dark text on white: no row is black. The decoder leaves the rows later passes would give clear, which
  // went on black as every other row before.
  const black = Array.from({ length: height }, (_, y) => y).filter((y) => mean(y) < 60);
  assert.deepEqual(black, []);
  const inkRow = (y: number) => data.subarray(y * width * 3, (y + 1) * width * 3).some((v) => v < 100);
  assert.ok(Array.from({ length: 60 }, (_, y) => y).some(inkRow));
});

test('a GIF cut in its header, or whole, or damaged where a block belongs, is not cut short', async () => {
  const whole = await gif();
  assert.equal(endsEarly(whole.subarray(0, 10)), false);
  assert.equal(endsEarly(whole), false);
  assert.equal(endsEarly(whole.subarray(0, whole.length - 1)), true);
  await assert.rejects(decodeWorking(whole.subarray(0, 10)), { code: 'BAD_IMAGE' });
});
