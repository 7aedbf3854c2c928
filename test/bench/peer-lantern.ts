/** Lantern OCR in-process: the OcrPipeline on the asked provider (CPU by default), loaded and warmed up like the engine worker. */
import { warmUp } from '../../app/engine/warmup';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { toolVersion, type AdapterOptions, type OcrAdapter, type ToolPrediction } from './adapter';

/** Lantern OCR (this repository) as a benchmark adapter. */
export function lanternAdapter(opts: AdapterOptions = {}): OcrAdapter {
  let pipeline: OcrPipeline | undefined;
  return {
    name: 'Lantern OCR',
    version: toolVersion('lantern'),
    get provider() {
      return pipeline?.sessions.provider.summary;
    },
    async start() {
      pipeline = await OcrPipeline.create(modelsDir(), { provider: opts.provider ?? 'cpu', threads: 0 });
      await warmUp(pipeline);
    },
    async recognize(bytes, file): Promise<ToolPrediction> {
      if (!pipeline) throw new Error('Lantern OCR adapter not started');
      const r = await pipeline.recognize(bytes, { file });
      return { lines: r.lines, text: r.text, ms: r.ms, ortMs: pipeline.lastRun.ortMs };
    },
    async stop() {
      await pipeline?.release();
      pipeline = undefined;
    },
  };
}
