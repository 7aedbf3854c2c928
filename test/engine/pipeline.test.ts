import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { LanternError } from '../../app/contracts/errors';
import { cer, charF1, exactMatch } from '../../app/eval/metrics';
import { modelsDir } from '../../app/models/paths';
import { cropQuad } from '../../app/ocr/crop';
import { ctcCharset } from '../../app/ocr/ctc';
import { REREAD_BELOW, rereadUnsure } from '../../app/ocr/margin-reread';
import { readCrops } from '../../app/ocr/pack-crops';
import { OcrPipeline } from '../../app/ocr/pipeline';
import type { RgbImage } from '../../app/ocr/types';
import { wholeQuad } from '../../app/ocr/whole-line';
import { fixture, groundTruth } from '../helpers/fixtures';
import { headingImage } from '../helpers/heading-image';
import { EXPECTED_PROVIDER, EXPECTED_SUMMARY } from '../helpers/expected-provider';

/** A fixture image turned `angle` degrees clockwise, as a photo or scan taken sideways or upside down would be. */
const turnedFixture = async (name: string, angle: number) =>
  sharp(await readFile(fixture(name)))
    .rotate(angle)
    .png()
    .toBuffer();

/** A fixture centred on a grey canvas three times its size, as a page photographed small on a desk. */
const onDesk = async (name: string) => {
  const bytes = await readFile(fixture(name));
  const { width, height } = await sharp(bytes).metadata();
  return sharp(bytes)
    .extend({ left: width, right: width, top: height, bottom: height, background: '#6e6a64' })
    .jpeg({ quality: 90 })
    .toBuffer();
};

let pipeline: OcrPipeline;
before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'auto', threads: 0 });
});
after(() => pipeline.release());

test('auto picks the expected provider (CPU here) and says why the ones before it were not used', () => {
  assert.equal(pipeline.sessions.provider.provider, EXPECTED_PROVIDER);
  assert.match(pipeline.sessions.provider.summary, EXPECTED_SUMMARY);
  if (EXPECTED_PROVIDER === 'cpu' && process.platform === 'linux')
    assert.match(pipeline.sessions.provider.summary, /CUDA unavailable: .+; WebGPU unavailable: .+/);
});

test('a scanned receipt: page text close to the ground truth, boxes inside the image', async () => {
  const r = await pipeline.recognize(await readFile(fixture('sroie_006.jpg')), { file: 'sroie_006.jpg' });
  const gt = groundTruth('sroie_006.jpg');
  assert.ok(cer(r.text, gt) < 0.35, `CER ${cer(r.text, gt)}`);
  assert.ok(charF1(r.text, gt) > 0.8, `F1 ${charF1(r.text, gt)}`);
  assert.ok(r.text.includes('GST'), 'finds GST');
  for (const l of r.lines)
    for (const [x, y] of l.box) assert.ok(x >= 0 && y >= 0 && x <= r.width && y <= r.height);
  assert.equal(r.text, r.lines.map((l) => l.text).join('\n'));
  assert.ok(r.ms.total >= r.ms.det && r.ms.det > 0);
  // Words the recogniser reads glued, a word space apart on the paper (ink-space.ts); the last three are told by the
  // recogniser's own space probability in its blank steps where the ink alone cannot (`droppedSpace`).
  for (const phrase of [
    'SOON HUAT MACHINERY',
    'REPAIR ENGINE POWER SPRAYER',
    'workmanship & service',
    'NO.53 JALAN PUTRA 1,',
    'TAMAN SRI PUTRA',
    '81200 JOHOR BAHRU',
  ])
    assert.ok(
      r.lines.some((l) => l.text.includes(phrase)),
      `${phrase} in\n${r.text}`,
    );
});

test('a Chinese screenshot: lines in reading order', async () => {
  const r = await pipeline.recognize(await readFile(fixture('zhscreen_04_chat_ftp.png')));
  const gt = groundTruth('zhscreen_04_chat_ftp.png');
  assert.ok(cer(r.text, gt) < 0.1, `CER ${cer(r.text, gt)}`);
  assert.ok(r.lines[1]!.text.startsWith('注意'));
  // A Latin word set between Chinese with a word space keeps it (the model reads it solid).
  assert.ok(r.text.includes('命令 command 的'), r.text);
  // Spaces the recogniser's steps cannot resolve are seen in the crop's ink gaps (ink-spaces.ts).
  for (const phrase of ['mget 和 mput 可能', '转换 hash 状态', '所有已知的 ftp 命令', '设为 seconds 秒'])
    assert.ok(r.text.includes(phrase), `${phrase} in\n${r.text}`);
  // A full stop at the very end of the detector's box is found by reading the line's end again (line-end.ts).
  assert.ok(
    r.lines.some((l) => l.text === '改变本地的当前工作目录.'),
    r.text,
  );
});

test('a printed page: words with wide letters (m, w, @) are not split by a false word break', async () => {
  const r = await pipeline.recognize(await readFile(fixture('tess_eurotext.png')));
  const gt = groundTruth('tess_eurotext.png');
  assert.ok(cer(r.text, gt) < 0.04, `CER ${cer(r.text, gt)}`);
  for (const phrase of ['{fox} jumps!', 'from aspammer@website.com is spam.', 'A raposa marrom'])
    assert.ok(r.text.includes(phrase), `${phrase} in\n${r.text}`);
});

test('large type split at a word space: each part is read without a letter of its neighbour', async () => {
  // The detector splits this 72-px line between "Kuala" and "Lumpur" and grows both boxes over the space.
  const r = await pipeline.recognize(await headingImage('Welcome to Kuala Lumpur', 'DejaVu Sans Mono', 72));
  assert.equal(r.lines.length, 2, JSON.stringify(r.lines.map((l) => l.text)));
  assert.equal(r.text.replace(/\s+/gu, ' '), 'Welcome to Kuala Lumpur');
});

test('a proportional heading keeps its word spaces, narrower than 0.4 of the ink height', async () => {
  const r = await pipeline.recognize(await headingImage('Welcome to Kuala Lumpur', 'DejaVu Sans', 24));
  assert.equal(r.text, 'Welcome to Kuala Lumpur');
});

test('an all-capital heading keeps the word space the recogniser dropped but showed in its blank steps', async () => {
  // Capitals' wide side bearings leave the space only two letter gaps wide, under the ink rules' bars.
  const r = await pipeline.recognize(await headingImage('TOTAL AMOUNT DUE', 'Liberation Sans', 40));
  assert.equal(r.text, 'TOTAL AMOUNT DUE');
});

test('a full-HD screenshot of 13-px interface text is read whole, not shrunk until its lines vanish', async () => {
  // Prose that ships with Debian (the Apache licence): 60 lines at 13 px, line height 15, as a maximised window shows it.
  const words = readFileSync('/usr/share/common-licenses/Apache-2.0', 'utf8').split(/\s+/u).filter(Boolean);
  const rows: string[] = [];
  for (let i = 200; rows.length < 60; i += 14) rows.push(words.slice(i, i + 14).join(' '));
  const esc = (t: string) => t.replace(/&/gu, '&amp;').replace(/</gu, '&lt;');
  const text = rows.map((r, i) => `<text x="40" y="${40 + i * 15}">${esc(r)}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080"><rect width="100%" height="100%" fill="white"/><g font-family="DejaVu Sans" font-size="13">${text}</g></svg>`;
  const r = await pipeline.recognize(await sharp(Buffer.from(svg)).png().toBuffer());
  const c = cer(r.text, rows.join('\n'));
  assert.ok(c < 0.05, `CER ${c.toFixed(3)}, ${r.lines.length} lines`);
});

test('small type on a page turned 4° is measured level, so it takes the finer pass and reads as if upright', async () => {
  // Three columns of 14-px type on 1240×1754 turned 4°: its boxes at the detector's input came out over the bar.
  const r = await pipeline.recognize(await readFile(fixture('tilted-three-column.png')));
  const c = cer(r.text, groundTruth('tilted-three-column.png'));
  assert.ok(c < 0.01, `CER ${c.toFixed(3)}\n${r.text}`);
});

test('an unsure word crop is read again with other margins, and the better read kept', async () => {
  // Cut tight to its glyphs, this scene-text word reads wrong and unsure; grown by a fifth of its height it reads right.
  const img = await pipeline.decode(await readFile(fixture('ic15_word_1753.png')));
  const { rec } = pipeline.pack.pack;
  const charset = ctcCharset(pipeline.pack.dictionary, rec.useSpaceChar);
  const read = async (cs: readonly RgbImage[]) =>
    (await readCrops(pipeline.sessions.rec, cs, charset, rec, pipeline.shapes)).texts;
  const tight = wholeQuad(img);
  const first = await read([cropQuad(img, tight)]);
  assert.ok(first[0]!.score < REREAD_BELOW && !exactMatch(first[0]!.text, '#01-12'), first[0]!.text);
  const { texts } = await rereadUnsure(first, [tight], { crop: (_, q) => cropQuad(img, q), read });
  assert.ok(exactMatch(texts[0]!.text, groundTruth('ic15_word_1753.png')), texts[0]!.text);
});

test('word and plate crops are padded before detection, so boxes around text at the edge are not cut', async () => {
  // Detected unpadded, the T of GREAT was cut to an I and the plate lost its province character ("A-C6220").
  for (const name of ['ic15_word_1729.png', 'plate_051.jpg']) {
    const r = await pipeline.recognize(await readFile(fixture(name)));
    assert.ok(exactMatch(r.text, groundTruth(name)), `${name}: ${r.text}`);
  }
});

test('a word crop too tall for a line crop, on which detection finds nothing, is read whole', async () => {
  // 142 x 97: over the line-crop bar, and detection finds no box on it; read whole it says SALE, confidently.
  const r = await pipeline.recognize(await readFile(fixture('ic15_word_1297.png')));
  assert.ok(exactMatch(r.text, groundTruth('ic15_word_1297.png')), r.text);
});

test('a word-sized image of which detection finds one part is read whole too', async () => {
  // 329 x 104 of stencilled letters: detection finds only the O (read "O"); read whole it says WORKSHOPE, confidently.
  const r = await pipeline.recognize(await readFile(fixture('ic15_word_1561.png')));
  assert.ok(exactMatch(r.text, groundTruth('ic15_word_1561.png')), r.text);
  assert.equal(r.lines.length, 1);
});

test('a small plate crop is read as one line', async () => {
  const r = await pipeline.recognize(await readFile(fixture('plate_000.jpg')));
  assert.ok(exactMatch(r.text, groundTruth('plate_000.jpg')), r.text);
});

test('a plate whose dot the recogniser reads as a hyphen is given the dot it prints', async () => {
  const r = await pipeline.recognize(await readFile(fixture('plate_028.jpg')));
  assert.equal(r.text, '皖A·72G21');
  assert.ok(exactMatch(r.text, groundTruth('plate_028.jpg')), r.text);
});

test('a 1 in a plate serial that the recogniser reads as I is given back as 1 (plates never use I or O)', async () => {
  const r = await pipeline.recognize(await readFile(fixture('plate_142.jpg')));
  assert.equal(r.text, '皖M·CN117');
  assert.ok(exactMatch(r.text, groundTruth('plate_142.jpg')), r.text);
});

test('a plate crop upside down, of which nothing reads, is read turned the right way up', async () => {
  const flipped = await turnedFixture('plate_000.jpg', 180);
  const r = await pipeline.recognize(flipped);
  assert.ok(exactMatch(r.text, groundTruth('plate_000.jpg')), r.text);
  assert.equal(r.orientation, 180);
});

test('a plate crop upside down that reads as unsure scraps is read turned when the classifier says so', async () => {
  const flipped = await turnedFixture('plate_078.jpg', 180);
  const r = await pipeline.recognize(flipped);
  assert.ok(exactMatch(r.text, groundTruth('plate_078.jpg')), r.text);
});

test('a nearly square word crop turned a quarter either way is read as the line crop it is', async () => {
  for (const angle of [90, 270]) {
    const turned = await turnedFixture('ic15_word_985.png', angle);
    const r = await pipeline.recognize(turned);
    assert.ok(exactMatch(r.text, groundTruth('ic15_word_985.png')), `${angle}°: ${r.text}`);
  }
});

test('a plate crop turned a quarter, read sideways as scraps on several lines, is read from its quarters', async () => {
  const turned = await turnedFixture('plate_031.jpg', 270);
  const r = await pipeline.recognize(turned);
  assert.ok(exactMatch(r.text, groundTruth('plate_031.jpg')), r.text);
});

test('a screenshot photographed small, whose text the first detection cannot box at all, is found at a finer scale', async () => {
  // Its text is about 4 px tall at the detector's input.
  const r = await pipeline.recognize(await onDesk('zhscreen_03_web_systemd.png'));
  assert.ok(cer(r.text, groundTruth('zhscreen_03_web_systemd.png')) < 0.05, r.text);
});

test('a magazine page photographed small on a desk is read at the size of the page, not of the photo', async () => {
  // The first detection, on the whole photo, boxes only its heading.
  const r = await pipeline.recognize(await onDesk('tess_8071_093_3B.png'));
  assert.ok(cer(r.text, groundTruth('tess_8071_093_3B.png')) < 0.12, r.text.slice(0, 300));
});

test('a scene photo set small on a plain canvas is read as the photo itself', async () => {
  // Without content-region.ts the first detection, on the whole canvas, finds no line of it (CER 1.0).
  const name = 'ic15_test_img_9.jpg';
  const photo = await sharp(await readFile(fixture(name)))
    .jpeg({ quality: 90 })
    .toBuffer();
  const alone = cer((await pipeline.recognize(photo)).text, groundTruth(name));
  const onCanvas = cer((await pipeline.recognize(await onDesk(name))).text, groundTruth(name));
  assert.ok(onCanvas <= alone + 0.05, `CER ${onCanvas} on the canvas, ${alone} alone`);
});

test('a three-column page set small on a plain canvas is read at the size of the page', async () => {
  // Without content-region.ts: CER 0.49.
  const r = await pipeline.recognize(await onDesk('three-column-intro.png'));
  assert.ok(cer(r.text, groundTruth('three-column-intro.png')) < 0.06, r.text.slice(0, 300));
});

test('an upside-down screenshot is turned by the angle classifier', async () => {
  const flipped = await turnedFixture('zhscreen_04_chat_ftp.png', 180);
  const r = await pipeline.recognize(flipped);
  const f1 = charF1(r.text, groundTruth('zhscreen_04_chat_ftp.png'));
  assert.ok(f1 > 0.9, `F1 ${f1}`);
});

test('EXIF orientation is applied before recognition', async () => {
  const src = await readFile(fixture('zhscreen_04_chat_ftp.png'));
  // Store the pixels turned 90° counter-clockwise and say so in EXIF (orientation 6: display turned 90° clockwise): decoding must turn them back.
  const stored = await sharp(src)
    .rotate(270)
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 95 })
    .toBuffer();
  const r = await pipeline.recognize(stored);
  assert.equal(r.width, 637);
  assert.equal(r.height, 506);
  // Ignoring the orientation reads it at CER 0.26 (besides the wrong size); the re-encoded JPEG reads at 0.10-0.11.
  const e = cer(r.text, groundTruth('zhscreen_04_chat_ftp.png'));
  assert.ok(e < 0.15, `CER ${e}`);
});

test('bad input fails that image with a code, and the pipeline goes on', async () => {
  await assert.rejects(
    pipeline.recognize(new Uint8Array()),
    (e: unknown) => e instanceof LanternError && e.code === 'EMPTY_INPUT',
  );
  await assert.rejects(
    pipeline.recognize(Buffer.from('definitely not an image')),
    (e: unknown) =>
      e instanceof LanternError &&
      e.code === 'BAD_IMAGE' &&
      e.message === 'not a readable image: the bytes are not PNG, JPEG, WebP, TIFF, GIF or AVIF',
  );
  const jpg = await readFile(fixture('sroie_006.jpg'));
  await assert.rejects(
    // Cut inside its header: no picture to read (one cut later is read as far as it goes, truncated-images.test.ts).
    pipeline.recognize(jpg.subarray(0, 400)),
    (e: unknown) => e instanceof LanternError && e.code === 'BAD_IMAGE',
  );
  const ok = await pipeline.recognize(await readFile(fixture('plate_000.jpg')));
  assert.ok(ok.text.length > 0);
});

test('an image with no text returns no lines', async () => {
  const blank = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();
  const r = await pipeline.recognize(blank);
  assert.deepEqual(r.lines, []);
  assert.equal(r.text, '');
});
