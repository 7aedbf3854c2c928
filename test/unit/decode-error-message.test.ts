/** A picture the decoder refuses is BAD_IMAGE with one line saying why: the decoder's finding, not its log. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { decodeWorking } from '../../app/ocr/decode';
import { fixture } from '../helpers/fixtures';

/** The error a decode of `bytes` fails with. */
async function refusal(bytes: Uint8Array): Promise<{ code?: string; message: string }> {
  try {
    await decodeWorking(bytes);
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error('decoded');
}

test("an AVIF cut short is BAD_IMAGE in one line saying it ends early, not libvips's read log", async () => {
  const avif = await sharp(fixture('two-column-page.png')).avif().toBuffer();
  const err = await refusal(avif.subarray(0, avif.length / 2));
  assert.equal(err.code, 'BAD_IMAGE');
  assert.doesNotMatch(err.message, /\n|bad seek/u);
  assert.match(err.message, /^not a readable image: the image file ends early .*end of file/u);
});

test("a PNG whose header chunk is damaged is BAD_IMAGE in one line, with the decoder's finding", async () => {
  const png = Buffer.from(await sharp(fixture('two-column-page.png')).png().toBuffer());
  png.fill(0x41, 16, 24); // the IHDR's width and height written over: its CRC fails
  const err = await refusal(png);
  assert.equal(err.code, 'BAD_IMAGE');
  assert.doesNotMatch(err.message, /\n/u);
  assert.match(err.message, /^not a readable image: \S/u);
});
