/** The `lantern` command: OCR images to JSON Lines or text with the in-process pipeline, or print engine status. */
import { oneLine } from '../contracts/one-line';
import { recVariantFromEnv } from '../ocr/rec-int8';
import { toWireError } from '../contracts/errors';
import { modelsDir } from '../models/paths';
import { OcrPipeline } from '../ocr/pipeline';
import { PROVIDER_LABEL } from '../ocr/providers';
import { inputPath, parseCliArgs, SHORT_USAGE, USAGE, type CliOptions } from './args';
import { imageDocument } from '../documents/formats';
import { fileMarkdown, isDocumentInput, removeUnfinishedPdfs, runDocument } from './documents';
import { HeldOutput, type CliSink } from './held-output';
import { startedByNpm, watchParent } from './parent-watch';
import { outputFailure, printThenExit, resultOut, tolerateLostStderr, type ResultOut } from './stdout-guard';
import { APP_VERSION } from './version';
import { readStdin, STDIN } from './stdin-input';
import { readInput } from '../files/read-input-path';
import { inputPathBytes, rawArgBytes } from './raw-args';
import { inputNamesIn, pdfDirProblem, pdfOutputs } from './pdf-outputs';
import { removeStaleParts } from './stale-parts';
import { claimPdfDir, releasePdfDir } from './pdf-dir-claim';
import { readersFor } from './readers';
import type { PageReader } from './lane-readers';

/** Why an explicitly chosen provider is not the one that loaded (auto may fall back; a named provider may not). */
function providerRefusal(opts: CliOptions, pipeline: OcrPipeline): string | null {
  const report = pipeline.sessions.provider;
  if (opts.provider === 'auto' || report.provider === opts.provider) return null;
  const reason = report.failures.find((f) => f.provider === opts.provider)?.reason ?? 'not usable';
  return `--provider ${opts.provider}: ${PROVIDER_LABEL[opts.provider]} cannot run here: ${reason} (--provider auto falls back to the CPU)`;
}

async function run(opts: CliOptions, out: ResultOut): Promise<number> {
  const t0 = performance.now();
  const pipeline = await OcrPipeline.create(modelsDir(), {
    provider: opts.provider,
    threads: opts.threads,
    recVariant: recVariantFromEnv(process.env),
  });
  const refusal = providerRefusal(opts, pipeline);
  if (refusal) {
    await pipeline.release();
    console.error(`lantern: ${refusal}`);
    return 2;
  }
  if (opts.status) {
    const s = pipeline.sessions;
    out.line(
      JSON.stringify({
        state: 'ready',
        provider: s.provider.provider,
        providerSummary: s.provider.summary,
        recVariant: s.recVariant,
        loadMs: s.loadMs,
        readyMs: Math.round(performance.now() - t0),
        pack: pipeline.pack.pack.id,
      }),
    );
    await pipeline.release();
    return 0;
  }
  const dir = opts.searchablePdf;
  // The inputs as they are read (from the caller's folder under npm run), so DIR's entries are matched to the right files.
  const resolved = opts.files.map((f) => {
    if (f === STDIN) return null;
    const bytes = rawArgs.get(f);
    return bytes
      ? inputPathBytes(bytes, process.env, process.cwd())
      : inputPath(f, process.env, process.cwd());
  });
  const pdfs = dir === undefined ? [] : pdfOutputs(dir, opts.files, await inputNamesIn(dir, resolved));
  if (dir !== undefined) await removeStaleParts(dir);
  for (const [i, out] of pdfs.entries())
    if ('renamedFrom' in out)
      console.error(
        `lantern: ${opts.files[i]}: writing ${out.file} (${out.renamedFrom} is ${out.takenBy === 'input' ? 'an input, never written over' : "an earlier input's"})`,
      );
  const readers = readersFor(pipeline, opts, process.env);
  const { inputs: ahead, pages: lookahead } = readers.ahead;
  const outputs: HeldOutput[] = [];
  const tasks: Promise<boolean>[] = [];
  const start = (i: number) => {
    const file = opts.files[i];
    if (file === undefined || tasks[i]) return;
    outputs[i] = new HeldOutput(
      (text) => out.line(text),
      () => separator(file),
    );
    const pdfFile = pdfs[i]?.file;
    tasks[i] = readOne(
      readers.reader,
      file,
      resolved[i] ?? null,
      {
        ...opts,
        lookahead,
        morePages: (n) => readers.expect(n),
        signal: out.signal,
        ...(pdfFile ? { pdfFile } : {}),
      },
      outputs[i],
    );
  };
  let failed = 0;
  const headers = opts.format === 'text' && opts.files.length > 1;
  let printed = 0;
  // What goes before an input's result: its header (text), a blank line between results (text, md).
  const separator = (file: string): readonly string[] => {
    const gap = printed++ > 0;
    if (headers) return [`${gap ? '\n' : ''}==> ${oneLine(file)} <==`];
    return opts.format === 'md' && gap ? [''] : [];
  };
  for (const [i] of opts.files.entries()) {
    if (out.failure()) break;
    for (let k = 0; k <= ahead; k++) start(i + k);
    outputs[i]!.release();
    if (!(await tasks[i]!)) failed++;
  }
  // Inputs read ahead finish (a document stops at its next page) before the models are released under them.
  await Promise.allSettled(tasks);
  await readers.release();
  await new Promise((r) => setImmediate(r)); // a failed last write reports itself on the next turn
  const code = failed > 0 ? 1 : 0;
  const failure = out.failure();
  if (!failure) return code;
  const gone = outputFailure(failure, code);
  if (gone.message) console.error(gone.message);
  return gone.code;
}

/**
 * Ctrl-C, `kill` or a closed terminal end the run as they would, once the searchable PDFs being written are removed:
 * the signal is raised again with its default action, so a shell sees the command killed by it.
 */
function removePdfsOnSignal(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => {
      removeUnfinishedPdfs();
      releasePdfDir();
      process.kill(process.pid, signal);
    });
}

/** Reads one input and prints it to `sink`; true when all of it was read (never throws). */
async function readOne(
  reader: PageReader,
  file: string,
  /** Where it is read from (resolved from the caller's folder; bytes for a name that is not UTF-8), null for stdin. */
  from: string | Buffer | null,
  opts: CliOptions & {
    readonly lookahead: number;
    readonly morePages: (pages: number) => void;
    readonly pdfFile?: string;
    readonly signal: AbortSignal;
  },
  sink: CliSink,
): Promise<boolean> {
  try {
    const bytes = from === null ? await readStdin() : (await readInput(from, 'streams', { file })).bytes;
    if (isDocumentInput(bytes, opts)) return await runDocument(reader, file, bytes, opts, sink);
    const result = await reader.recognize(bytes, { file, paragraphs: opts.paragraphs });
    if (opts.format === 'json') sink.out(JSON.stringify(result));
    else if (opts.format === 'md') sink.out(fileMarkdown(file, imageDocument(result)));
    else sink.out(opts.paragraphs && result.paragraphs ? result.paragraphs.join('\n\n') : result.text);
    // JSON carries them; the other formats print text alone, so they are told on stderr (the exit code stays 0).
    if (opts.format !== 'json')
      for (const w of result.warnings ?? []) sink.err(`${file}: ${w.code}: ${w.message}`);
    return true;
  } catch (err) {
    const error = toWireError(err);
    if (opts.format === 'json') sink.out(JSON.stringify({ file, error }));
    else sink.err(`${file}: ${error.code}: ${error.message}`);
    return false;
  }
}

tolerateLostStderr();
/** The arguments that are not UTF-8, by their bytes: such an input is read by them (raw-args.ts). */
const rawArgs = rawArgBytes(process.argv.slice(2));
let opts: CliOptions;
/** `--searchable-pdf` as typed, for messages. */
let pdfDirGiven: string | undefined;
try {
  const parsed = parseCliArgs(process.argv.slice(2));
  pdfDirGiven = parsed.searchablePdf;
  opts =
    pdfDirGiven === undefined
      ? parsed
      : { ...parsed, searchablePdf: inputPath(pdfDirGiven, process.env, process.cwd()) };
} catch (err) {
  console.error(`lantern: ${(err as Error).message}\n${SHORT_USAGE}`);
  process.exit(2);
}
if (opts.help) printThenExit(USAGE, 0);
else if (opts.version) printThenExit(`lantern ${APP_VERSION}`, 0);
else await runCli(opts, pdfDirGiven);

/** The run proper, once the arguments asked for more than help or the version. */
async function runCli(opts: CliOptions, pdfDirGiven: string | undefined): Promise<void> {
  if (!opts.status && opts.files.length === 0) {
    const hint =
      pdfDirGiven === undefined ? '' : ' (--searchable-pdf takes a folder first: --searchable-pdf DIR FILE…)';
    console.error(`lantern: no input given${hint}\n${SHORT_USAGE}`);
    process.exit(2);
  }
  const pdfProblem =
    opts.searchablePdf === undefined || pdfDirGiven === undefined
      ? undefined
      : (notUtf8Dir(pdfDirGiven) ?? (await pdfDirProblem(opts.searchablePdf, pdfDirGiven)));
  if (pdfProblem !== undefined) {
    console.error(`lantern: ${pdfProblem}\n${SHORT_USAGE}`);
    process.exit(2);
  }
  if (opts.searchablePdf !== undefined && pdfDirGiven !== undefined) {
    const busy = claimPdfDir(opts.searchablePdf, pdfDirGiven);
    if (busy !== undefined) {
      console.error(`lantern: ${busy}`);
      process.exit(2);
    }
    removePdfsOnSignal();
  }
  // npm forwards SIGTERM to its script's shell, not to this process: the run ends as if it had, once that shell goes.
  if (startedByNpm()) watchParent(() => process.kill(process.pid, 'SIGTERM'));
  process.exitCode = await run(opts, resultOut()).catch((err: unknown) => {
    const e = toWireError(err);
    console.error(`lantern: ${e.code}: ${e.message}`);
    return 2;
  });
}

/**
 * Why DIR cannot be used when its name is not UTF-8: the PDFs' paths are strings, and Node's string of it (U+FFFD for
 * each byte it could not decode) would make and fill another folder.
 */
function notUtf8Dir(given: string): string | undefined {
  if (!rawArgs.has(given) && !rawArgs.has(`--searchable-pdf=${given}`)) return undefined;
  return `--searchable-pdf ${given}: the folder's name is not UTF-8; name one whose name is (a link to it will do)`;
}
