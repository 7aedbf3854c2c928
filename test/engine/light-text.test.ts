import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { modelsDir } from '../../app/models/paths';
import { resizeRgb } from '../../app/ocr/decode';
import { detectorPage, detectPage, type Detector } from '../../app/ocr/page-detect';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { lightInkShare, readNegated } from '../../app/ocr/text-polarity';
import type { OcrResult } from '../../app/ocr/types';
import { fixture } from '../helpers/fixtures';

let pipeline: OcrPipeline;
let detector: Detector;
before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
  detector = {
    session: pipeline.sessions.det,
    params: pipeline.pack.pack.det,
    shapes: pipeline.shapes,
    resize: resizeRgb,
  };
});
after(() => pipeline.release());

/** A fixture with every pixel negated (light text on a dark ground where the fixture prints dark on light). */
const negatedFixture = async (name: string) =>
  sharp(await readFile(fixture(name)))
    .negate({ alpha: false })
    .png()
    .toBuffer();

/**
 * Asserts that two reads of one page hold the same lines on the same boxes, give or take `slack` pixels: the negated
 * page's detector input is resized from negated pixels, whose rounding differs by a level here and there.
 */
function assertSameLines(got: OcrResult, want: OcrResult, label: string, slack = 2): void {
  assert.deepEqual(
    got.lines.map((l) => l.text),
    want.lines.map((l) => l.text),
    `${label}:\n${got.text}`,
  );
  got.lines.forEach((l, i) =>
    l.box.forEach((p, k) => {
      const q = want.lines[i]!.box[k]!;
      assert.ok(
        Math.abs(p[0] - q[0]) <= slack && Math.abs(p[1] - q[1]) <= slack,
        `${label}: ${l.text} ${p} ${q}`,
      );
    }),
  );
}

/** Whether the pipeline reads an encoded page negated, and how much of its detected text is light. */
async function judged(bytes: Buffer): Promise<{ negated: boolean; light: number }> {
  const img = await pipeline.decode(bytes);
  const quads = (await detectPage(detector, await detectorPage(detector, img))).boxes.map((b) => b.quad);
  return { negated: readNegated(img, quads), light: lightInkShare(img, quads) };
}

test('a printed page negated (white on black) reads the same lines as the page itself', async () => {
  for (const name of ['tess_eurotext.png', 'tess_8071_093_3B.png']) {
    const upright = await pipeline.recognize(await readFile(fixture(name)));
    const dark = await pipeline.recognize(await negatedFixture(name));
    assertSameLines(dark, upright, `${name} negated`);
  }
});

test('the eurotext page negated keeps its twelve lines whole instead of word fragments', async () => {
  const r = await pipeline.recognize(await negatedFixture('tess_eurotext.png'));
  assert.equal(r.lines.length, 12, r.text);
  assert.equal(r.lines[0]!.text, 'The (quick) [brown] {fox} jumps!');
});

test('light text whose lines the detector keeps whole is read as given; dark ink is never read negated', async () => {
  // A light screenshot negated is a dark-mode one; the sign photo prints white on dark.
  for (const [label, bytes] of [
    ['dark-mode screenshot', await negatedFixture('zhscreen_04_chat_ftp.png')],
    ['white-on-dark sign', await readFile(fixture('ic15_test_img_1.jpg'))],
  ] as const) {
    const j = await judged(bytes);
    assert.ok(j.light > 0.9, `${label}: light share ${j.light}`);
    assert.equal(j.negated, false, label);
  }
  for (const name of [
    'tess_eurotext.png',
    'tess_8071_093_3B.png',
    'sroie_006.jpg',
    'zhscreen_04_chat_ftp.png',
  ]) {
    const j = await judged(await readFile(fixture(name)));
    assert.ok(j.light < 0.1, `${name}: light share ${j.light}`);
    assert.equal(j.negated, false, name);
  }
  assert.equal((await judged(await negatedFixture('tess_eurotext.png'))).negated, true);
});
