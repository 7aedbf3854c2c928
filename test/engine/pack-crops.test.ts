import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { modelsDir } from '../../app/models/paths';
import { cropQuad } from '../../app/ocr/crop';
import { ctcCharset } from '../../app/ocr/ctc';
import { detect } from '../../app/ocr/det';
import { localImageOps } from '../../app/ocr/image-ops';
import { packCrops, splitRead } from '../../app/ocr/pack-crops';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { LONG_LINE_SQUEEZE, recognizeSequences, single, widthAt } from '../../app/ocr/rec';
import type { RgbImage } from '../../app/ocr/types';
import { cer } from '../../app/eval/metrics';
import { fixture } from '../helpers/fixtures';

let pipeline: OcrPipeline;
before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
});
after(() => pipeline.release());

test('a receipt’s short crops read packed into shared slots as they read alone, in fewer, fuller slots', async () => {
  const page = await localImageOps.decodePage(
    await readFile(fixture('sroie_006.jpg')),
    pipeline.pack.pack.det,
  );
  const { det: detP, rec: recP } = pipeline.pack.pack;
  const crops = (await detect(pipeline.sessions.det, page, detP)).boxes.map((b) =>
    cropQuad(page.image, b.quad),
  );
  const charset = ctcCharset(pipeline.pack.dictionary, recP.useSpaceChar);
  const alone = await recognizeSequences(
    pipeline.sessions.rec,
    crops.map((c) => single(c, recP)),
    charset,
    recP,
  );
  const { seqs, owners } = packCrops(crops, recP);
  assert.ok(seqs.length < crops.length * 0.8, `${seqs.length} sequences for ${crops.length} crops`);
  const packed = await recognizeSequences(pipeline.sessions.rec, seqs, charset, recP);
  let shared = 0;
  let same = 0;
  seqs.forEach((seq, k) => {
    if (seq.parts.length < 2) return;
    splitRead(packed.reads[k]!, seq).forEach((d, j) => {
      shared++;
      if (d.text.trim() === alone.texts[owners[k]![j]!]!.text.trim()) same++;
    });
  });
  assert.ok(shared >= 10, `${shared} crops shared a slot`);
  assert.ok(same / shared >= 0.85, `${same} of ${shared} read the same packed as alone`);
});

test('long lines read squeezed (LONG_LINE_SQUEEZE) as they read unsqueezed, in fewer columns', async () => {
  const { det: detP, rec: recP } = pipeline.pack.pack;
  const charset = ctcCharset(pipeline.pack.dictionary, recP.useSpaceChar);
  const long: RgbImage[] = [];
  for (const name of ['tess_eurotext.png', 'sroie_006.jpg']) {
    const page = await localImageOps.decodePage(await readFile(fixture(name)), detP);
    for (const b of (await detect(pipeline.sessions.det, page, detP)).boxes) {
      const crop = cropQuad(page.image, b.quad);
      if (widthAt(crop, recP, 1) > 1.25 * recP.minWidth) long.push(crop);
    }
  }
  assert.ok(long.length >= 10, `${long.length} long lines`);
  const read = (squeeze: number) => {
    const seqs = long.map((c) => single(c, recP, squeeze));
    const columns = seqs.reduce((n, s) => n + s.width, 0);
    return recognizeSequences(pipeline.sessions.rec, seqs, charset, recP).then((r) => ({ ...r, columns }));
  };
  const [plain, squeezed] = [await read(1), await read(LONG_LINE_SQUEEZE)];
  assert.ok(squeezed.columns <= 0.86 * plain.columns, `${squeezed.columns} vs ${plain.columns} columns`);
  const text = (r: typeof plain) => r.texts.map((d) => d.text).join('\n');
  const diff = cer(text(squeezed), text(plain));
  assert.ok(
    diff <= 0.025,
    `squeezed reads differ from unsqueezed ones in ${(diff * 100).toFixed(1)} % of characters`,
  );
});
