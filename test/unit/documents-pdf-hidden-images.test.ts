/**
 * Images PDFium decodes but does not list as page objects count against the pixel limit too: a soft mask larger than
 * its image, and images inside a tiling pattern. PDFium decodes each whole, so a small file could hold one that fills
 * the document thread's memory while the page's own images all pass.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classicPdf } from '../helpers/pdf-fixtures';
import { renderFirstPage } from '../helpers/pdf-render';

const image = (n: number, extra = '', width = '/Width') =>
  `<< /Type /XObject /Subtype /Image ${width} ${n} /Height ${n} /ColorSpace /DeviceGray /BitsPerComponent 8 ${extra} /Length 4 >>\nstream\n\0\0\0\0\nendstream`;
const content = (ops: string) => `<< /Length ${ops.length} >>\nstream\n${ops}\nendstream`;

/** A page drawing a 10×10 image whose soft mask is `n`×`n` (its /Width written as `width`). */
const withSoftMask = (n: number, width?: string) =>
  classicPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>',
    content('q 200 0 0 200 0 0 cm /Im0 Do Q'),
    image(10, '/SMask 6 0 R'),
    image(n, '', width),
  ]);

/** A page filled with a tiling pattern whose cell draws an `n`×`n` image. */
const withPattern = (n: number) =>
  classicPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Pattern << /P0 5 0 R >> >> /Contents 4 0 R >>',
    content('/Pattern cs /P0 scn 0 0 200 200 re f'),
    `<< /Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 100 100] /XStep 100 /YStep 100 /Resources << /XObject << /Im0 6 0 R >> >> /Length 29 >>\nstream\nq 100 0 0 100 0 0 cm /Im0 Do Q\nendstream`,
    image(n),
  ]);

const render = (bytes: Uint8Array) => renderFirstPage(bytes, 1_000_000);

for (const [what, pdf, where] of [
  ['a soft mask larger than its image', withSoftMask, 'soft mask'],
  ['an image inside a tiling pattern', withPattern, 'tiling pattern'],
  [
    'a soft mask whose /Width is written with a # escape',
    (n: number) => withSoftMask(n, '/W#69dth'),
    'soft mask',
  ],
] as const)
  test(`${what} past the pixel limit fails its page IMAGE_TOO_LARGE; under it the page renders`, async () => {
    await assert.rejects(render(pdf(2000)), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'IMAGE_TOO_LARGE');
      assert.match(err.message, new RegExp(`${where} holds an image of 2000×2000 pixels`));
      return true;
    });
    assert.ok((await render(pdf(500))).width > 0);
  });
