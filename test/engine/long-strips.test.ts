import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { fixture } from '../helpers/fixtures';

/** Background between two copies of a line: a few pixels, as between the cells of a spreadsheet row or log fields. */
const GAP = 6;

/**
 * `copies` copies of a real line crop side by side on its own background colour, at `height` px tall: one long line
 * of text such as a terminal line, a URL bar, a spreadsheet row or a subtitle captured from a screen.
 */
async function strip(line: Buffer, copies: number, height?: number): Promise<Buffer> {
  const crop = await sharp(line)
    .resize(height === undefined ? undefined : { height })
    .png()
    .toBuffer();
  const { width, height: h } = await sharp(crop).metadata();
  const corner = await sharp(crop).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer();
  return sharp({
    create: {
      width: copies * width + (copies - 1) * GAP,
      height: h,
      channels: 3,
      background: { r: corner[0]!, g: corner[1]!, b: corner[2]! },
    },
  })
    .composite(Array.from({ length: copies }, (_, i) => ({ input: crop, left: i * (width + GAP), top: 0 })))
    .png()
    .toBuffer();
}

/** A line of a Chinese manual page cut from a screenshot (zhscreen_03): 当作为用户实例运行时，此选项没有实际意义。 */
const chineseLine = () =>
  sharp(fixture('zhscreen_03_web_systemd.png'))
    .extract({ left: 255, top: 146, width: 325, height: 26 })
    .png()
    .toBuffer();

/** How often `piece` occurs in `text`, spaces ignored (where a word space falls is not what is tested). */
const occurrences = (text: string, piece: string) => text.replace(/\s/gu, '').split(piece).length - 1;

let pipeline: OcrPipeline;
before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
});
after(() => pipeline.release());

/** Each case: the line crop, how many copies, the height it is shown at, and the piece every copy must yield. */
const CASES: [string, () => Promise<Buffer>, number, number | undefined, string][] = [
  [
    'a 21-px receipt line ×10 (1,954 px)',
    async () => sharp(fixture('receipt-line-006-address.png')).toBuffer(),
    10,
    undefined,
    'JALANPUTRA',
  ],
  [
    'a 21-px receipt line ×20 (3,914 px)',
    async () => sharp(fixture('receipt-line-006-address.png')).toBuffer(),
    20,
    undefined,
    'JALANPUTRA',
  ],
  [
    'a 21-px date line ×36 (7,950 px)',
    async () => sharp(fixture('receipt-line-517-date.png')).toBuffer(),
    36,
    undefined,
    '28/06/2018',
  ],
  [
    'a 32-px receipt line ×20 (3,650 px)',
    async () => sharp(fixture('receipt-line-043-server.png')).toBuffer(),
    20,
    32,
    'CHEN',
  ],
  [
    'a 48-px receipt line ×8 (6,414 px)',
    async () => sharp(fixture('receipt-line-338-tel.png')).toBuffer(),
    8,
    48,
    '55423228',
  ],
  ['a 26-px Chinese line ×10 (3,322 px)', chineseLine, 10, undefined, '实际意义'],
  ['a 26-px Chinese line ×20 (6,652 px)', chineseLine, 20, undefined, '实际意义'],
];

for (const [name, line, copies, height, piece] of CASES)
  test(`a long strip reads every copy of its line: ${name}`, async () => {
    const r = await pipeline.recognize(await strip(await line(), copies, height));
    assert.equal(occurrences(r.text, piece), copies, r.text);
  });

/** The strip of `copies` receipt lines (21 px) in the middle of a white band 96 px tall: a subtitle or a status bar. */
const banded = async (copies: number) =>
  sharp(await strip(await sharp(fixture('receipt-line-006-address.png')).toBuffer(), copies))
    .extend({ top: 37, bottom: 38, background: '#ffffff' })
    .png()
    .toBuffer();

for (const copies of [10, 20])
  test(`a 21-px line ×${copies} in a 96-px band is found where the detector sees its text, every copy read`, async () => {
    const r = await pipeline.recognize(await banded(copies));
    assert.equal(occurrences(r.text, 'JALANPUTRA'), copies, r.text);
  });
