/** CLI argument parsing for `lantern` / `npm run -s ocr`, validated into a plain options object. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { optionMistake } from './option-mistake';
import { PROVIDER_CHOICES, isProviderChoice, type ProviderChoice } from '../ocr/providers';
import { intOption, MAX_THREADS } from './script-args';

/** The CLI's output formats. */
export const CLI_FORMATS = ['json', 'text', 'md'] as const;
/** One of them. */
export type CliFormat = (typeof CLI_FORMATS)[number];

/** Parsed CLI options. */
export interface CliOptions {
  readonly format: CliFormat;
  readonly provider: ProviderChoice;
  readonly threads: number;
  readonly paragraphs: boolean;
  readonly status: boolean;
  readonly help: boolean;
  /** --version: print the version and exit. */
  readonly version: boolean;
  readonly files: readonly string[];
  /** Folder for a searchable PDF of every input (`--searchable-pdf DIR`). */
  readonly searchablePdf?: string;
  readonly password?: string;
  readonly forceOcr: boolean;
}

/** The full help (`--help`, on stdout): every flag, its default, the output formats and the exit codes. */
export const USAGE = `usage: lantern [--format json|text|md] [--paragraphs] [--provider P] [--threads N] <image|pdf|tiff>...
               [--searchable-pdf DIR] [--password P] [--force-ocr]
       lantern --status [--provider P] [--threads N]
       lantern serve [options]   the HTTP API and web UI on the same engine (lantern serve --help)
       (from a clone: npm run -s ocr -- <options and files>; npm run serve -- [options])

Reads the text in images, PDFs and multi-page TIFFs with the PP-OCRv4 models, in this process (no server needed).

options:
  --format json|text|md  output format (default: json)
                        json: one JSON object per input and line (JSON Lines): for an image
                          {"file","width","height","lines":[{"text","score","box"}],"text","orientation",
                          "blocks":[{"box","lines","rows","kind"}],"ms","provider"};
                          for a PDF or TIFF one object with its "pages"; "warnings":[{"code","message"}] when
                          part of an input was not there to read (IMAGE_TRUNCATED, PAGES_HIDDEN); an input that
                          fails prints {"file","error":{"code","message"}} instead
                        text (or txt): the recognised text; with several inputs, each starts with a line "==> FILE <=="
                          and a failure or a warning goes to stderr as "FILE: CODE: message"
                        md: Markdown from the page layout: "# FILE", then per page "## Page N", its headings,
                          paragraphs and tables; failures go to stderr as with text
  --paragraphs        also group the lines into paragraphs (json: a "paragraphs" array; text: paragraphs
                      separated by a blank line)
  --provider P        ${PROVIDER_CHOICES.join('|')} (default: auto). auto tries this platform's GPU providers
                      and falls back to the CPU; a provider named explicitly that cannot run is an error (exit 2)
  --threads N         onnxruntime threads per model, 0 = one per core, at most 256 (default: 0)
  --searchable-pdf DIR  also write DIR/<name>.pdf for every input: its pages with an invisible text layer
                      (a later input whose name is taken: <name>-2.pdf, said on stderr)
  --password P        the password of encrypted PDFs
  --force-ocr         OCR every PDF page, also those that carry their own text
  --status            load the models, print the provider and load timings as JSON, and exit
  -                   as an input: read the image or document piped into stdin
  -h, --help          print this help and exit
  --version           print the version and exit

With many pages (8 or more: inputs, PDF and TIFF pages) on a multi-core CPU, two pages are read at once, each on
half the threads; the output is the same and in the same order. LANTERN_LANES=1 reads one page at a time,
LANTERN_LANES=2 two from the second page.

Relative paths (inputs and DIR) resolve from the current folder (under \`npm run ocr\`, the folder npm was run from).
An input is a file or a pipe (\`<(curl -s URL)\`), at most 512 MiB (IMAGE_TOO_LARGE past it); a folder is refused.
Exit status: 0 every input was read, 1 some input or page failed (the others still ran), 2 bad arguments or the
engine could not start.`;

/** The short usage printed under an argument mistake (on stderr). */
export const SHORT_USAGE = `${USAGE.split('\n\n')[0]}
Run lantern --help for every option.`;

/** The CLI's options, as parseArgs takes them. */
const CLI_OPTIONS = {
  format: { type: 'string', default: 'json' },
  provider: { type: 'string', default: 'auto' },
  threads: { type: 'string', default: '0' },
  paragraphs: { type: 'boolean', default: false },
  status: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
  'searchable-pdf': { type: 'string' },
  password: { type: 'string' },
  'force-ocr': { type: 'boolean', default: false },
} as const;

/** Runs parseArgs, its errors reworded for the user (option-mistake.ts). */
function parseOrExplain<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new Error(optionMistake(err, Object.keys(CLI_OPTIONS), true));
  }
}

/** Parses argv (without node and script) or throws with a message for the user. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const { values, positionals } = parseOrExplain(() =>
    parseArgs({ args: [...argv], allowPositionals: true, options: CLI_OPTIONS }),
  );
  // `txt` as the HTTP API's `output=txt` and the watch outputs name it.
  const format = CLI_FORMATS.find((f) => f === (values.format === 'txt' ? 'text' : values.format));
  if (format === undefined)
    throw new Error(`--format must be json, text (or txt) or md, not "${values.format}"`);
  const provider = values.provider;
  if (!isProviderChoice(provider))
    throw new Error(`--provider must be one of ${PROVIDER_CHOICES.join(', ')}`);
  const threads = intOption('threads', values.threads, 0, 0, MAX_THREADS);
  if (typeof threads === 'string') throw new Error(threads);
  if (values.status && positionals.length > 0)
    throw new Error(`--status loads the models and reports; it reads no input (${positionals[0]} given)`);
  // An empty name resolves to the current folder, which was never asked for.
  if (values['searchable-pdf'] === '')
    throw new Error('--searchable-pdf needs a folder, and was given an empty name');
  if (positionals.filter((f) => f === '-').length > 1)
    throw new Error('"-" (stdin) can be given once: it is read once');
  return {
    format,
    provider,
    threads,
    paragraphs: values.paragraphs,
    status: values.status,
    help: values.help,
    version: values.version,
    files: positionals,
    searchablePdf: values['searchable-pdf'],
    password: values.password,
    forceOcr: values['force-ocr'],
  };
}

/** The npm scripts whose path arguments are the caller's: `npm run ocr`, `npm run eval` and `npm run serve`. */
const PATH_SCRIPTS: readonly (string | undefined)[] = ['ocr', 'eval', 'serve'];

/**
 * The folder relative paths mean: the caller's. `npm run ocr` (and `eval`, `serve`) runs in the package root and passes the
 * folder it was started from as INIT_CWD; any other launch keeps its own working directory.
 */
export function callerDir(env: NodeJS.ProcessEnv, cwd: string): string {
  return PATH_SCRIPTS.includes(env.npm_lifecycle_event) && env.INIT_CWD ? env.INIT_CWD : cwd;
}

/** An input path resolved against the caller's folder (absolute paths stay as they are). */
export function inputPath(file: string, env: NodeJS.ProcessEnv, cwd: string): string {
  return path.resolve(callerDir(env, cwd), file);
}
