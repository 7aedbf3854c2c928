/** The recogniser's input batches for a set of images, as the pipeline makes them (for calibration and A/B timing). */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type * as ort from 'onnxruntime-node';
import { modelsDir } from '../../app/models/paths';
import { GRAPH_REWRITE_ID, rewriteModel } from '../../app/ocr/graph/rewrite';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { int8Rec, loadCalibration } from '../../app/ocr/rec-int8';

/** One recorded recogniser input. */
export interface RecFeed {
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

/** Reads each image through an fp32 pipeline and returns copies of every batch its recogniser ran. */
export async function recFeeds(images: readonly string[]): Promise<RecFeed[]> {
  const pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0, recVariant: 'fp32' });
  const feeds: RecFeed[] = [];
  const rec = pipeline.sessions.rec;
  const spy = new Proxy(rec, {
    get(target, prop, receiver) {
      if (prop !== 'run') return Reflect.get(target, prop, receiver) as unknown;
      return (f: Record<string, ort.Tensor>, ...rest: unknown[]) => {
        const t = Object.values(f)[0]!;
        feeds.push({ dims: [...t.dims], data: (t.data as Float32Array).slice() });
        return (target.run as (...a: unknown[]) => unknown).call(target, f, ...rest);
      };
    },
  });
  const p = pipeline.withSessions({ ...pipeline.sessions, rec: spy });
  for (const img of images) await p.recognize(new Uint8Array(await readFile(img)));
  return feeds;
}

/** The first `n` images of each of the bench's page sources in the eval folder. */
export function benchPages(n: number, evalDir = '/work/shared/eval'): string[] {
  return ['sroie', 'icdar2015', 'tesseract_testing', 'rects'].flatMap((s) =>
    readdirSync(path.join(evalDir, s, 'images'))
      .sort()
      .slice(0, n)
      .map((f) => path.join(evalDir, s, 'images', f)),
  );
}

/** The recogniser as Lantern runs it in fp32, its manifest entry, and the int8 one from the committed table. */
export function recModels(): { fp32: Uint8Array; int8: Uint8Array; rec: { file: string; sha256: string } } {
  const manifest = JSON.parse(readFileSync(path.join(modelsDir(), 'manifest.json'), 'utf8')) as {
    packs: { files: { rec: { file: string; sha256: string } } }[];
  };
  const rec = manifest.packs[0]!.files.rec;
  const src = readFileSync(path.join(modelsDir(), rec.file));
  const fp32 = rewriteModel('rec', new Uint8Array(src.buffer, src.byteOffset, src.length));
  const cal = loadCalibration(modelsDir(), rec.sha256, GRAPH_REWRITE_ID);
  if (typeof cal === 'string') throw new Error(cal);
  return { fp32, int8: int8Rec(fp32, cal), rec };
}
