import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { g4Strip } from '../../app/documents/ccitt-image';
import { FIXTURES } from '../helpers/fixtures';

const g4Tiff = async (opts: { tileHeight?: number; compression?: 'ccittfax4' | 'lzw' }) =>
  new Uint8Array(
    await sharp(readFileSync(join(FIXTURES, 'tess_eurotext.png')))
      .toColourspace('b-w')
      .tiff({
        compression: opts.compression ?? 'ccittfax4',
        predictor: 'none',
        bitdepth: 1,
        tileHeight: opts.tileHeight ?? 800,
      })
      .toBuffer(),
  );

test('one Group 4 strip is lifted out of its TIFF whole', async () => {
  const tiff = await g4Tiff({});
  const strip = g4Strip(tiff);
  assert.ok(strip);
  // The strip is the file less its 8-byte header and its directory.
  assert.ok(
    strip.data.length > tiff.length - 400 && strip.data.length < tiff.length - 8,
    `${strip.data.length}`,
  );
  assert.equal(typeof strip.blackIs1, 'boolean');
});

test('TIFFs that are not one Group 4 stream are left to the Flate path', async () => {
  // Several strips are several CCITT streams, which one PDF image cannot hold.
  assert.equal(g4Strip(await g4Tiff({ tileHeight: 256 })), undefined);
  assert.equal(g4Strip(await g4Tiff({ compression: 'lzw' })), undefined);
  const whole = await g4Tiff({});
  for (const cut of [0, 4, 8, 20, 4000, whole.length - 100])
    assert.equal(g4Strip(whole.subarray(0, cut)), undefined, `cut at ${cut}`);
  assert.equal(g4Strip(new TextEncoder().encode('II*\0 not a tiff at all')), undefined);
});
