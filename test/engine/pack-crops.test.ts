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
import { recognizeSequences, single } from '../../app/ocr/rec';
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
