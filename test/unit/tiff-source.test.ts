import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { decodeTiffPage, tiffPageCount } from '../../app/documents/tiff-source';
import { MAX_PIXELS, WORK_PIXELS } from '../../app/ocr/working-size';
import { multiPageTiff } from '../helpers/tiff-fixture';

test('a TIFF page over the working size is decoded at the working size, same aspect; a small one as it is', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-tiff-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const small = path.join(dir, 'small.png');
  const big = path.join(dir, 'big.png');
  await sharp({ create: { width: 300, height: 200, channels: 3, background: '#fff' } })
    .png()
    .toFile(small);
  await sharp({ create: { width: 6000, height: 4000, channels: 3, background: '#fff' } })
    .png()
    .toFile(big);
  const tiff = await multiPageTiff([small, big]);
  assert.equal(await tiffPageCount(tiff), 2);
  const first = await decodeTiffPage(tiff, 0, MAX_PIXELS);
  assert.deepEqual([first.width, first.height], [300, 200]);
  const second = await decodeTiffPage(tiff, 1, MAX_PIXELS);
  assert.ok(second.width * second.height <= WORK_PIXELS, `${second.width}×${second.height}`);
  assert.ok(Math.abs(second.width / second.height - 1.5) < 0.01);
  assert.equal(second.data.length, second.width * second.height * 3);
});
