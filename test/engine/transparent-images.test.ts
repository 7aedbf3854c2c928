import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import sharp, { type Sharp } from 'sharp';
import { decodeTiffPage } from '../../app/documents/tiff-source';
import { cer } from '../../app/eval/metrics';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { MAX_PIXELS } from '../../app/ocr/working-size';
import { fixture, groundTruth } from '../helpers/fixtures';

/** A printed page (black on white) whose words the tests look for. */
const PAGE = 'tess_eurotext.png';
const WORDS = ['quick', 'brown', 'jumps', 'website.com', 'Fuchs', 'renard', 'volpe', 'perezoso'];

/**
 * The page as ink of one colour on a transparent background, as a logo or a dark-mode capture is exported: each
 * pixel's opacity is its darkness on the page, so the glyphs keep their antialiased edges.
 */
async function inkOnNothing(ink: number): Promise<{ data: Buffer; width: number; height: number }> {
  const { data: grey, info } = await sharp(await readFile(fixture(PAGE)))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const data = Buffer.alloc(info.width * info.height * 4);
  for (let p = 0; p < info.width * info.height; p++) {
    data.fill(ink, p * 4, p * 4 + 3);
    data[p * 4 + 3] = 255 - grey[p]!;
  }
  return { data, width: info.width, height: info.height };
}

/** `inkOnNothing(ink)` encoded by `encode`. */
async function encoded(ink: number, encode: (s: Sharp) => Sharp): Promise<Buffer> {
  const { data, width, height } = await inkOnNothing(ink);
  return encode(sharp(data, { raw: { width, height, channels: 4 } })).toBuffer();
}

/** Asserts that `text` is the page's: every word of WORDS in it, and close to the ground truth. */
function assertPageText(text: string, label: string): void {
  for (const w of WORDS) assert.ok(text.includes(w), `${label}: "${w}" in\n${text}`);
  assert.ok(cer(text, groundTruth(PAGE)) < 0.1, `${label}: CER ${cer(text, groundTruth(PAGE))}\n${text}`);
}

let pipeline: OcrPipeline;
before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
});
after(() => pipeline.release());

const WHITE = 255;
const BLACK = 0;

test('white ink on a transparent background is read, in every format that carries transparency', async () => {
  const formats: [string, (s: Sharp) => Sharp][] = [
    ['RGBA PNG', (s) => s.png()],
    ['palette PNG with tRNS', (s) => s.png({ palette: true, colours: 16 })],
    ['grey+alpha PNG', (s) => s.toColourspace('b-w').png()],
    ['lossy WebP', (s) => s.webp({ quality: 80 })],
    ['GIF (one-bit transparency)', (s) => s.gif()],
  ];
  for (const [label, encode] of formats) {
    const r = await pipeline.recognize(await encoded(WHITE, encode));
    assertPageText(r.text, label);
  }
});

test('black ink on a transparent background is still read on white', async () => {
  const r = await pipeline.recognize(await encoded(BLACK, (s) => s.png()));
  assertPageText(r.text, 'black ink');
});

test('a transparent TIFF page with white ink is read (the document path decodes it)', async () => {
  const tiff = await encoded(WHITE, (s) => s.tiff({ compression: 'lzw' }));
  const page = await decodeTiffPage(tiff, 0, MAX_PIXELS);
  const r = await pipeline.recognizeImage(page);
  assertPageText(r.text, 'TIFF');
});

test('an opaque window with a transparent drop shadow around it reads as the window alone', async () => {
  const page = await readFile(fixture(PAGE));
  const { width, height } = await sharp(page).metadata();
  const margin = 48;
  // The shadow: black, at most 40 % opaque, fading out over the margin, as a desktop's window capture saves it.
  const shadow = await sharp({
    create: { width: width + 2 * margin, height: height + 2 * margin, channels: 4, background: '#0000' },
  })
    .composite([
      {
        input: {
          create: { width: width + margin, height: height + margin, channels: 4, background: '#00000066' },
        },
        left: margin / 2,
        top: margin / 2,
      },
    ])
    .blur(margin / 4)
    .png()
    .toBuffer();
  const capture = await sharp(shadow)
    .composite([{ input: await sharp(page).ensureAlpha().png().toBuffer(), left: margin, top: margin }])
    .png()
    .toBuffer();
  const plain = await pipeline.recognize(page);
  const r = await pipeline.recognize(capture);
  assertPageText(r.text, 'window capture');
  assert.equal(r.lines.length, plain.lines.length, r.text);
  assert.ok(
    cer(r.text, plain.text) < 0.03,
    `CER against the window alone ${cer(r.text, plain.text)}\n${r.text}`,
  );
});
