/** The `lantern` command: OCR images to JSON Lines or text with the in-process pipeline, or print engine status. */
import { readFile } from 'node:fs/promises';
import { toWireError, LanternError } from '../contracts/errors';
import { modelsDir } from '../models/paths';
import { OcrPipeline } from '../ocr/pipeline';
import { parseCliArgs, USAGE, type CliOptions } from './args';
import { isDocumentInput, runDocument } from './documents';

async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new LanternError('FILE_NOT_FOUND', `no such file: ${file}`);
    throw new LanternError('FILE_UNREADABLE', `cannot read ${file}: ${code ?? String(err)}`);
  }
}

async function run(opts: CliOptions): Promise<number> {
  const t0 = performance.now();
  const pipeline = await OcrPipeline.create(modelsDir(), { provider: opts.provider, threads: opts.threads });
  if (opts.status) {
    const s = pipeline.sessions;
    console.log(
      JSON.stringify({
        state: 'ready',
        provider: s.provider.provider,
        providerSummary: s.provider.summary,
        loadMs: s.loadMs,
        readyMs: Math.round(performance.now() - t0),
        pack: pipeline.pack.pack.id,
      }),
    );
    await pipeline.release();
    return 0;
  }
  let failed = 0;
  for (const file of opts.files) {
    try {
      const bytes = await readInput(file);
      if (isDocumentInput(bytes, opts)) {
        if (!(await runDocument(pipeline, file, bytes, opts))) failed++;
        continue;
      }
      const result = await pipeline.recognize(bytes, { file, paragraphs: opts.paragraphs });
      if (opts.format === 'json') console.log(JSON.stringify(result));
      else console.log(opts.paragraphs && result.paragraphs ? result.paragraphs.join('\n\n') : result.text);
    } catch (err) {
      failed++;
      const error = toWireError(err);
      if (opts.format === 'json') console.log(JSON.stringify({ file, error }));
      else console.error(`${file}: ${error.code}: ${error.message}`);
    }
  }
  await pipeline.release();
  return failed > 0 ? 1 : 0;
}

let opts: CliOptions;
try {
  opts = parseCliArgs(process.argv.slice(2));
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (opts.help || (!opts.status && opts.files.length === 0)) {
  console.error(USAGE);
  process.exit(opts.help ? 0 : 2);
}
process.exitCode = await run(opts).catch((err: unknown) => {
  const e = toWireError(err);
  console.error(`lantern: ${e.code}: ${e.message}`);
  return 2;
});
