import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { endsEarly, walkGif } from '../../app/ocr/ends-early';
import { FIXTURES, fixture } from '../helpers/fixtures';

const images = readdirSync(FIXTURES).filter((f) => /\.(jpe?g|png)$/i.test(f));

test('every whole JPEG and PNG fixture is whole; each cut short inside its image data ends early', () => {
  assert.ok(images.length > 20);
  for (const name of images) {
    const bytes = new Uint8Array(readFileSync(fixture(name)));
    assert.equal(endsEarly(bytes), false, name);
    for (const share of [0.3, 0.9, 0.999])
      assert.equal(
        endsEarly(bytes.subarray(0, Math.floor(bytes.length * share))),
        true,
        `${name} at ${share}`,
      );
    // Only the last byte missing: a JPEG's EOI marker or a PNG's IEND chunk is not whole.
    assert.equal(endsEarly(bytes.subarray(0, bytes.length - 1)), true, `${name} without its last byte`);
  }
});

test('damaged bytes, bytes cut inside the header, or no JPEG or PNG at all do not end early', () => {
  const jpeg = new Uint8Array(readFileSync(fixture('plate_000.jpg')));
  const damaged = jpeg.slice();
  damaged[2] = 0x00; // the first segment's marker
  assert.equal(endsEarly(damaged), false);
  // Before its scan (plate_000's starts at byte 609) a JPEG holds no picture yet.
  assert.equal(endsEarly(jpeg.subarray(0, 400)), false);
  const png = new Uint8Array(readFileSync(fixture('two-column-page.png')));
  // A real signature and header, then text: a chunk type that is no name (the browser specs' corrupt PNG).
  const garbage = new Uint8Array([
    ...png.subarray(0, 33),
    ...new TextEncoder().encode('this is not the rest '.repeat(20)),
  ]);
  assert.equal(endsEarly(garbage), false);
  // A whole chunk whose bytes changed fails its CRC.
  const flipped = png.slice(0, Math.floor(png.length / 2));
  flipped[20] = flipped[20]! ^ 0xff; // inside IHDR
  assert.equal(endsEarly(flipped), false);
  // Cut right after its header, before any IDAT: no picture either.
  assert.equal(endsEarly(png.subarray(0, 33)), false);
  assert.equal(endsEarly(new TextEncoder().encode('not an image at all')), false);
  assert.equal(endsEarly(new Uint8Array(0)), false);
});

test('walkGif reads a GIF only: the same blocks under another signature are no GIF', () => {
  // A header, no colour table, one 1×1 image descriptor whose data has begun: cut short.
  const body = [1, 0, 1, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0x40, 2, 2];
  const gif = Uint8Array.from([...Buffer.from('GIF89a'), ...body]);
  assert.deepEqual(walkGif(gif), { images: [13], end: 'cut' });
  assert.deepEqual(walkGif(Uint8Array.from([...Buffer.from('XIF89a'), ...body])), {
    images: [],
    end: 'damaged',
  });
});
