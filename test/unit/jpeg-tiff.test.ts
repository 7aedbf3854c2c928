import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp, { type JpegOptions } from 'sharp';
import { joinJpegStrips } from '../../app/documents/jpeg-strips';
import { jpegTiffPage } from '../../app/documents/jpeg-tiff';
import { FIXTURES } from '../helpers/fixtures';

const EUROTEXT = join(FIXTURES, 'tess_eurotext.png');
const RECEIPT = join(FIXTURES, 'sroie_006.jpg');

const bytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.length);
const pixels = async (input: Uint8Array, page = 0) =>
  (await sharp(input, { page }).raw().toBuffer({ resolveWithObject: true })).data;

test("a TIFF page's JPEG strips become one JPEG stream of the page's very pixels", async () => {
  // libvips writes JPEG TIFFs in strips of 256 rows with shared tables: 800 rows are four strips, the last of 32.
  const colour = bytes(await sharp(EUROTEXT).tiff({ compression: 'jpeg' }).toBuffer());
  const grey = bytes(await sharp(EUROTEXT).toColourspace('b-w').tiff({ compression: 'jpeg' }).toBuffer());
  for (const [tiff, kind] of [
    [colour, 'ycbcr'],
    [grey, 'grey'],
  ] as const) {
    const page = jpegTiffPage(tiff, 0);
    assert.ok(page, kind);
    assert.deepEqual([page.width, page.height, page.colour], [1024, 800, kind]);
    assert.ok((await pixels(page.jpeg)).equals(await pixels(tiff)), `${kind}: same pixels`);
  }
});

test('each page of a multi-page JPEG TIFF is lifted from its own directory', async () => {
  const [a, b] = await Promise.all(
    [RECEIPT, EUROTEXT].map((f) => sharp(f).resize(600, 900, { fit: 'fill' }).toBuffer()),
  );
  const tiff = bytes(
    await sharp([a!, b!], { join: { animated: true } })
      .tiff({ compression: 'jpeg' })
      .toBuffer(),
  );
  for (const n of [0, 1]) {
    const page = jpegTiffPage(tiff, n);
    assert.ok(page, `page ${n}`);
    assert.ok((await pixels(page.jpeg)).equals(await pixels(tiff, n)), `page ${n}: same pixels`);
  }
  assert.equal(jpegTiffPage(tiff, 2), undefined);
});

test('pages PDF could not show from their bytes as they are stay on the pixel path', async () => {
  const img = sharp(EUROTEXT);
  const cases = {
    lzw: await img.clone().tiff({ compression: 'lzw' }).toBuffer(),
    tiled: await img.clone().tiff({ compression: 'jpeg', tile: true }).toBuffer(),
    // Turned by its Orientation tag: the PDF page would show it sideways.
    turned: await img.clone().tiff({ compression: 'jpeg' }).withMetadata({ orientation: 6 }).toBuffer(),
    jpegFile: await img.clone().jpeg().toBuffer(),
  };
  for (const [name, tiff] of Object.entries(cases))
    assert.equal(jpegTiffPage(bytes(tiff), 0), undefined, name);
  const whole = bytes(await img.clone().tiff({ compression: 'jpeg' }).toBuffer());
  for (const cut of [0, 8, 100, 40_000, whole.length - 200])
    assert.equal(jpegTiffPage(whole.subarray(0, cut), 0), undefined, `cut at ${cut}`);
});

/** The image cut into strips of `rows`, each encoded as a JPEG file on its own with the standard Huffman tables. */
async function jpegStrips(rows: number, options: JpegOptions): Promise<Uint8Array[]> {
  const { width, height } = await sharp(RECEIPT).metadata();
  const strips: Uint8Array[] = [];
  for (let top = 0; top < height; top += rows) {
    const strip = sharp(RECEIPT).extract({ left: 0, top, width, height: Math.min(rows, height - top) });
    strips.push(bytes(await strip.jpeg({ optimiseCoding: false, ...options }).toBuffer()));
  }
  return strips;
}

test('JPEG strips of whole MCU rows join losslessly, with a restart marker between them', async () => {
  // 4:4:4 makes 8-pixel MCUs (and no chroma filtered across a strip's edge), so the decode is the strips' stacked.
  const strips = await jpegStrips(64, { quality: 90, chromaSubsampling: '4:4:4' });
  const joined = joinJpegStrips(strips);
  assert.ok(joined);
  const stacked = Buffer.concat(await Promise.all(strips.map((s) => pixels(s))));
  assert.ok((await pixels(joined.jpeg)).equals(stacked));
  const { width, height } = await sharp(joined.jpeg).metadata();
  assert.deepEqual([width, height], [457, 1170]);
});

test('JPEG strips that cannot share one frame are not joined', async () => {
  // 4:2:0 has 16-row MCUs: strips of 40 rows end inside one.
  assert.equal(joinJpegStrips(await jpegStrips(40, { quality: 90 })), undefined);
  assert.equal(joinJpegStrips(await jpegStrips(64, { quality: 90, progressive: true })), undefined);
  const [a, b] = await Promise.all([
    jpegStrips(64, { quality: 90, chromaSubsampling: '4:4:4' }),
    jpegStrips(64, { quality: 60, chromaSubsampling: '4:4:4' }),
  ]);
  // Other quantisation tables in the second strip; a strip cut short.
  assert.equal(joinJpegStrips([a[0]!, b[1]!]), undefined);
  assert.equal(joinJpegStrips([a[0]!, a[1]!.subarray(0, 500)]), undefined);
});
