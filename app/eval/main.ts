/** `npm run -s eval -- <dir> [--write models/accuracy.md] [--provider p] [--quiet]`: accuracy of Lantern OCR on a labelled folder. */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inputPath } from '../cli/args';
import { parseScriptArgsOrExit, usageError } from '../cli/script-args';
import { modelsDir } from '../models/paths';
import { OcrPipeline } from '../ocr/pipeline';
import { PROVIDER_CHOICES, isProviderChoice } from '../ocr/providers';
import { REC_VARIANT_CHOICES, isRecVariantChoice } from '../ocr/rec-int8';
import { readEvalDir } from './dataset';
import { evaluate, type ImageRow } from './evaluate';
import { accuracyMarkdown, orderFreeTable, scoreTable } from './report';
import {
  PERTURB_USAGE,
  parsePerturbation,
  perturbImage,
  perturbationLabel,
  unperturbPrediction,
  type Perturbation,
} from './perturb';
import { ROTATIONS, isRotation, rotateImage, unrotatePrediction } from './rotate';

/** Usage text for --help and mistakes. */
const USAGE = `usage: npm run -s eval -- <dir> [--write models/accuracy.md] [--provider ${PROVIDER_CHOICES.join('|')}] [--quiet]
                           [--sources a,b] [--rotate 0|90|180|270 | --perturb SPEC] [--dump folder]
                           [--rec-variant ${REC_VARIANT_CHOICES.join('|')}]
  <dir>: one source folder (images/ and gt/) or a folder of them, such as ../shared/eval
  --sources: only these source folders; --rotate: turn every image clockwise first (orientation check);
  --perturb: change every image first (robustness check): ${PERTURB_USAGE};
  --dump: write each image's predicted text to <folder>/<source>/<name>.txt
  --rec-variant: the recogniser on the CPU (auto: the int8 cascade on a CPU with VNNI once its calibration table
    is marked accepted, else fp32)`;
const { values, positionals } = parseScriptArgsOrExit(
  USAGE,
  {
    write: { type: 'string' },
    provider: { type: 'string', default: 'auto' },
    'rec-variant': { type: 'string', default: 'auto' },
    quiet: { type: 'boolean', default: false },
    sources: { type: 'string' },
    rotate: { type: 'string', default: '0' },
    perturb: { type: 'string' },
    dump: { type: 'string' },
  },
  1,
);
const given = positionals[0];
if (!given) usageError(USAGE, 'no folder given');
// Under `npm run eval` relative paths are the caller's, as the CLI's are.
const fromCaller = (p: string) => inputPath(p, process.env, process.cwd());
const dir = fromCaller(given);
const provider = values.provider;
if (!isProviderChoice(provider))
  usageError(USAGE, `--provider must be one of ${PROVIDER_CHOICES.join(', ')}`);
if (!existsSync(dir))
  usageError(
    USAGE,
    `no folder ${dir} (the evaluation set is not part of the repository: docs/benchmarks.md says what it holds)`,
  );
const angle = Number(values.rotate);
if (!isRotation(angle)) usageError(USAGE, `--rotate must be one of ${ROTATIONS.join(', ')}`);
let perturbation: Perturbation | undefined;
if (values.perturb !== undefined) {
  perturbation = parsePerturbation(values.perturb);
  if (!perturbation) usageError(USAGE, `--perturb must be one of: ${PERTURB_USAGE}`);
  if (angle !== 0) usageError(USAGE, '--rotate and --perturb cannot be combined');
}
const wanted = values.sources?.split(',');
const sources = (await readEvalDir(dir)).filter(
  (s) => s.items.length > 0 && (!wanted || wanted.includes(s.name)),
);
if (sources.length === 0) usageError(USAGE, `no labelled images in ${dir} (want images/ and gt/<name>.txt)`);
const recVariant = values['rec-variant'];
if (!isRecVariantChoice(recVariant))
  usageError(USAGE, `--rec-variant must be one of ${REC_VARIANT_CHOICES.join(', ')}`);
const pipeline = await OcrPipeline.create(modelsDir(), {
  provider,
  threads: 0,
  recVariant,
});
const onRow = (r: ImageRow) => {
  if (!values.quiet)
    console.log(
      `${r.source}\t${r.image}\tcer=${r.cer.toFixed(3)}\tci=${r.cerCi.toFixed(3)}\tf1=${r.charF1.toFixed(3)}\texact=${r.exact ? 1 : 0}\t${Math.round(r.ms)}ms${r.error ? `\t${r.error}` : ''}`,
    );
};
const dump = values.dump === undefined ? undefined : fromCaller(values.dump);
const result = await evaluate(
  sources,
  async (bytes, file) => {
    const changed = perturbation ? await perturbImage(bytes, perturbation) : undefined;
    const turned = angle === 0 ? { bytes: changed?.bytes ?? bytes } : await rotateImage(bytes, angle);
    const r = await pipeline.recognize(turned.bytes, { file });
    if (dump !== undefined) {
      const out = path.join(dump, path.basename(path.dirname(path.dirname(file))));
      await mkdir(out, { recursive: true });
      await writeFile(path.join(out, `${path.parse(file).name}.txt`), r.text);
    }
    if (perturbation && changed) return unperturbPrediction(r, perturbation, changed);
    return angle === 0 ? r : unrotatePrediction(r, angle, r.width, r.height);
  },
  onRow,
);
const runs = [
  {
    name: `Lantern OCR (${pipeline.pack.pack.id}, ${pipeline.provider}, rec ${pipeline.sessions.recVariant}${angle ? `, pages turned ${angle}°` : ''}${perturbation ? `, ${perturbationLabel(perturbation)}` : ''})`,
    scores: result.sources,
  },
];
console.log('\n' + scoreTable(runs));
const inOneOrder = orderFreeTable(runs);
if (inOneOrder) console.log('\n' + inOneOrder);
if (values.write) {
  await writeFile(fromCaller(values.write), accuracyMarkdown(runs, { dir: given, pack: pipeline.pack.pack }));
  console.log(`written ${values.write}`);
}
await pipeline.release();
