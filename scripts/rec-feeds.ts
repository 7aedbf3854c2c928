/** The recogniser's input batches for a set of images, as the pipeline makes them (for calibration and A/B timing). */
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { modelsDir } from '../app/models/paths';
import { OcrPipeline } from '../app/ocr/pipeline';

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
