/**
 * `npm run -s bench -- --documents [--pages N] [--rounds R] [--docs a,b] [--provider P] [--json]`: the same scanned
 * PDFs (img2pdf of eval pages, English and Chinese) through Lantern OCR (CLI process, engine start included, and a
 * warm in-process pipeline) and through ocrmypdf (Tesseract): pages per second (medians over R rounds that alternate
 * which tool goes first, and the median of the rounds' ratios), and the CER / character F1 of each output's text
 * layer as `pdftotext` extracts it, against the eval ground truth.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { parseScriptArgsOrExit, intOptionOrExit, usageError } from '../../app/cli/script-args';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import { readEvalDir, type EvalItem } from '../../app/eval/dataset';
import { cer, charF1 } from '../../app/eval/metrics';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { PROVIDER_CHOICES, isProviderChoice } from '../../app/ocr/providers';
import { REPO_ROOT } from './adapter';
import { cpuVectorExtensions } from './cpu-features';
import { sum } from './stats';

const mean = (xs: readonly number[]) => sum(xs) / Math.max(1, xs.length);

const USAGE = `usage: npm run -s bench -- --documents [--pages N] [--rounds R] [--docs receipts,books,screens-zh,signs-zh]
                             [--provider ${PROVIDER_CHOICES.join('|')}] [--json] [--eval-dir ../shared/eval]`;
const { values } = parseScriptArgsOrExit(USAGE, {
  documents: { type: 'boolean', default: true },
  pages: { type: 'string' },
  rounds: { type: 'string' },
  docs: { type: 'string' },
  provider: { type: 'string', default: 'cpu' },
  json: { type: 'boolean', default: false },
  'eval-dir': { type: 'string', default: path.join(REPO_ROOT, '..', 'shared', 'eval') },
});
const perSource = intOptionOrExit(USAGE, 'pages', values.pages, 4);
const rounds = intOptionOrExit(USAGE, 'rounds', values.rounds, 1, 1);
const provider = values.provider;
if (!isProviderChoice(provider))
  usageError(USAGE, `--provider must be one of ${PROVIDER_CHOICES.join(', ')}`);

/** The documents: one scanned PDF of the first pages of each eval source, English and Chinese. */
const DOCS = [
  { name: 'receipts', sources: ['sroie'], tesseract: 'eng' },
  { name: 'books', sources: ['tesseract_testing'], tesseract: 'eng' },
  { name: 'screens-zh', sources: ['screens_zh'], tesseract: 'chi_sim+eng' },
  { name: 'signs-zh', sources: ['rects'], tesseract: 'chi_sim+eng' },
] as const;

const t0 = performance.now();
const log = (msg: string) =>
  process.stderr.write(`[documents ${((performance.now() - t0) / 1000).toFixed(0)} s] ${msg}\n`);
const work = mkdtempSync(path.join(os.tmpdir(), 'lantern-docbench-'));
/** A page's text layer as pdftotext extracts it: by its layout analysis (default), or in content-stream order (-raw). */
const pdftotext = (file: string, page: number, raw: boolean) =>
  execFileSync('pdftotext', [...(raw ? ['-raw'] : []), '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  });

/** img2pdf of the items (images with alpha flattened first: img2pdf refuses transparency). */
async function scannedPdf(name: string, items: readonly EvalItem[]): Promise<string> {
  const files: string[] = [];
  for (const [i, it] of items.entries()) {
    if ((await sharp(it.image).metadata()).hasAlpha) {
      const flat = path.join(work, `${name}-${i}.png`);
      await sharp(it.image).flatten({ background: '#ffffff' }).png().toFile(flat);
      files.push(flat);
    } else files.push(it.image);
  }
  const out = path.join(work, `${name}.pdf`);
  execFileSync('img2pdf', [...files, '-o', out]);
  return out;
}

/** Mean CER and character F1 of a PDF's text layer, page by page against the items' ground truth. */
function textLayerScores(pdf: string, items: readonly EvalItem[]) {
  const pages = items.map((it, i) => {
    const gt = it.gtLines.join('\n');
    const text = pdftotext(pdf, i + 1, false);
    return {
      cer: Math.min(1, cer(text, gt)),
      raw: Math.min(1, cer(pdftotext(pdf, i + 1, true), gt)),
      f1: charF1(text, gt),
    };
  });
  return {
    cer: mean(pages.map((p) => p.cer)),
    raw: mean(pages.map((p) => p.raw)),
    f1: mean(pages.map((p) => p.f1)),
  };
}

/** Seconds of a bash `times` figure such as `1m2.345s`. */
const seconds = (t: string) => {
  const m = /^(\d+)m([\d.]+)s$/u.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

/**
 * Runs a command under bash, returning its wall time and the CPU time (user + system) of it and all its children in
 * seconds: on a shared host CPU time is the fairer figure, since a tool running more processes gets more of the CPU.
 */
function timed(cmd: string, args: readonly string[]): { wall: number; cpu: number } {
  const start = performance.now();
  const r = spawnSync('bash', ['-c', '"$@" > /dev/null || exit $?; times >&2', 'timed', cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const wall = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const [user, sys] = r.stderr.trim().split('\n').at(-1)!.trim().split(/\s+/u);
  return { wall, cpu: seconds(user ?? '') + seconds(sys ?? '') };
}

const sources = await readEvalDir(values['eval-dir']);
const only = values.docs?.split(',').map((d) => d.trim());
const unknown = only?.filter((d) => !DOCS.some((x) => x.name === d)) ?? [];
if (unknown.length > 0) usageError(USAGE, `unknown document(s): ${unknown.join(', ')}`);
const rows: Record<string, unknown>[] = [];
const pipeline = await OcrPipeline.create(modelsDir(), { provider, threads: 0 });
const recognize = (p: Parameters<Parameters<typeof recognizeDocument>[1]>[0]) =>
  p.kind === 'bytes'
    ? pipeline.recognize(p.bytes, { words: true })
    : pipeline.recognizeImage(p.image, { words: true });
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
for (const doc of DOCS.filter((d) => !only || only.includes(d.name))) {
  const items = doc.sources.flatMap((s) =>
    (sources.find((x) => x.name === s)?.items ?? []).slice(0, perSource),
  );
  const pdf = await scannedPdf(doc.name, items);
  const outL = path.join(work, 'lantern');
  const outO = path.join(work, 'ocrmypdf');
  mkdirSync(outL, { recursive: true });
  mkdirSync(outO, { recursive: true });
  const runOcrmypdf = () =>
    timed('ocrmypdf', [
      '--output-type',
      'pdf',
      '--optimize',
      '0',
      '-l',
      doc.tesseract,
      '--quiet',
      pdf,
      path.join(outO, `${doc.name}.pdf`),
    ]);
  const runLantern = () =>
    timed(process.execPath, [
      path.join(REPO_ROOT, 'dist/node/cli.mjs'),
      '--provider',
      provider,
      '--format',
      'json',
      '--searchable-pdf',
      outL,
      pdf,
    ]);
  const bytes = readFileSync(pdf);
  await recognize({ kind: 'bytes', bytes: readFileSync(items[0]!.image) });
  const runWarm = async () => {
    const warmStart = performance.now();
    const result = await recognizeDocument(bytes, recognize);
    writeFileSync(path.join(work, `${doc.name}-warm.pdf`), await searchablePdf(bytes, result));
    return (performance.now() - warmStart) / 1000;
  };
  // Rounds alternate which tool goes first, so a load that drifts during a round favours neither.
  const o: { wall: number; cpu: number }[] = [];
  const l: { wall: number; cpu: number }[] = [];
  const warm: number[] = [];
  for (let r = 0; r < rounds; r++) {
    log(`${doc.name}: ${items.length} pages, round ${r + 1}/${rounds}`);
    if (r % 2 === 0) o.push(runOcrmypdf());
    l.push(runLantern());
    if (r % 2 === 1) o.push(runOcrmypdf());
    warm.push(await runWarm());
  }
  const ours = textLayerScores(path.join(outL, `${doc.name}.pdf`), items);
  const theirs = textLayerScores(path.join(outO, `${doc.name}.pdf`), items);
  const n = items.length;
  rows.push({
    document: doc.name,
    sources: doc.sources.join('+'),
    pages: n,
    rounds,
    lanternPagesPerS: n / median(l.map((x) => x.wall)),
    lanternWarmPagesPerS: n / median(warm),
    ocrmypdfPagesPerS: n / median(o.map((x) => x.wall)),
    speedUp: median(l.map((x, i) => o[i]!.wall / x.wall)),
    speedUpRange: [
      Math.min(...l.map((x, i) => o[i]!.wall / x.wall)),
      Math.max(...l.map((x, i) => o[i]!.wall / x.wall)),
    ],
    lanternCpuPerPage: median(l.map((x) => x.cpu)) / n,
    ocrmypdfCpuPerPage: median(o.map((x) => x.cpu)) / n,
    lanternCer: ours.cer,
    ocrmypdfCer: theirs.cer,
    lanternRawCer: ours.raw,
    ocrmypdfRawCer: theirs.raw,
    lanternF1: ours.f1,
    ocrmypdfF1: theirs.f1,
  });
}
await pipeline.release();

const f2 = (v: unknown) => (v as number).toFixed(2);
const f3 = (v: unknown) => (v as number).toFixed(3);
console.log(
  `host: ${os.cpus().length} cores (${cpuVectorExtensions()}), load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; provider ${provider}; ${perSource} pages per source; ${rounds} round(s), medians`,
);
console.log(
  '| document | pages | Lantern pages/s (start incl.) | Lantern warm pages/s | ocrmypdf pages/s | speed-up (start incl.; range over rounds) | CPU s/page Lantern | CPU s/page ocrmypdf | CER Lantern | CER ocrmypdf | CER -raw Lantern | CER -raw ocrmypdf | char F1 Lantern | char F1 ocrmypdf |',
);
console.log('| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |');
for (const r of rows)
  console.log(
    `| ${String(r.document)} (${String(r.sources)}) | ${String(r.pages)} | ${f2(r.lanternPagesPerS)} | ${f2(r.lanternWarmPagesPerS)} | ${f2(r.ocrmypdfPagesPerS)} | ${f2(r.speedUp)}× (${(r.speedUpRange as number[]).map(f2).join('–')}) | ${f2(r.lanternCpuPerPage)} | ${f2(r.ocrmypdfCpuPerPage)} | ${f3(r.lanternCer)} | ${f3(r.ocrmypdfCer)} | ${f3(r.lanternRawCer)} | ${f3(r.ocrmypdfRawCer)} | ${f3(r.lanternF1)} | ${f3(r.ocrmypdfF1)} |`,
  );
if (values.json) console.log(JSON.stringify(rows));
