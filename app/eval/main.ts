/** `npm run -s eval -- <dir> [--write models/accuracy.md] [--provider p]`: accuracy of Lantern OCR on a labelled folder. */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { modelsDir } from '../models/paths';
import { OcrPipeline } from '../ocr/pipeline';
import type { ProviderChoice } from '../ocr/providers';
import { readEvalDir } from './dataset';
import { evaluate, type ImageRow } from './evaluate';
import { accuracyMarkdown, scoreTable } from './report';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    write: { type: 'string' },
    provider: { type: 'string', default: 'auto' },
    quiet: { type: 'boolean', default: false },
  },
});
const dir = positionals[0];
if (!dir) {
  console.error('usage: npm run -s eval -- <dir> [--write models/accuracy.md]');
  process.exit(2);
}
const sources = await readEvalDir(dir);
const pipeline = await OcrPipeline.create(modelsDir(), {
  provider: values.provider as ProviderChoice,
  threads: 0,
});
const onRow = (r: ImageRow) => {
  if (!values.quiet)
    console.log(
      `${r.source}\t${r.image}\tcer=${r.cer.toFixed(3)}\tf1=${r.charF1.toFixed(3)}\texact=${r.exact ? 1 : 0}\t${Math.round(r.ms)}ms${r.error ? `\t${r.error}` : ''}`,
    );
};
const result = await evaluate(sources, (bytes, file) => pipeline.recognize(bytes, { file }), onRow);
const runs = [
  { name: `Lantern OCR (${pipeline.pack.pack.id}, ${pipeline.provider})`, scores: result.sources },
];
console.log('\n' + scoreTable(runs));
if (values.write) {
  await writeFile(values.write, accuracyMarkdown(runs, { dir, pack: pipeline.pack.pack }));
  console.log(`written ${values.write}`);
}
await pipeline.release();
