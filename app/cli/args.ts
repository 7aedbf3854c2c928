/** CLI argument parsing for `lantern` / `npm run -s ocr`, validated into a plain options object. */
import { parseArgs } from 'node:util';
import { PROVIDER_CHOICES, isProviderChoice, type ProviderChoice } from '../ocr/providers';

/** Parsed CLI options. */
export interface CliOptions {
  readonly format: 'json' | 'text';
  readonly provider: ProviderChoice;
  readonly threads: number;
  readonly paragraphs: boolean;
  readonly status: boolean;
  readonly help: boolean;
  readonly files: readonly string[];
  /** Folder for a searchable PDF of every input (`--searchable-pdf DIR`). */
  readonly searchablePdf?: string;
  readonly password?: string;
  readonly forceOcr: boolean;
}

/** Usage text. */
export const USAGE = `usage: lantern [--format json|text] [--provider ${PROVIDER_CHOICES.join('|')}] [--threads N] [--paragraphs] <image|pdf|tiff>...
       [--searchable-pdf DIR] [--password P] [--force-ocr]   PDFs and TIFFs print one JSON line per document with pages
       lantern --status [--provider …]    load the engine, print its status and timings as JSON`;

/** Parses argv (without node and script) or throws with a message for the user. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'json' },
      provider: { type: 'string', default: 'auto' },
      threads: { type: 'string', default: '0' },
      paragraphs: { type: 'boolean', default: false },
      status: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      'searchable-pdf': { type: 'string' },
      password: { type: 'string' },
      'force-ocr': { type: 'boolean', default: false },
    },
  });
  if (values.format !== 'json' && values.format !== 'text')
    throw new Error(`--format must be json or text, not "${values.format}"`);
  const provider = values.provider;
  if (!isProviderChoice(provider))
    throw new Error(`--provider must be one of ${PROVIDER_CHOICES.join(', ')}`);
  const threads = Number(values.threads);
  if (!Number.isInteger(threads) || threads < 0) throw new Error('--threads must be a non-negative integer');
  return {
    format: values.format,
    provider,
    threads,
    paragraphs: values.paragraphs,
    status: values.status,
    help: values.help,
    files: positionals,
    searchablePdf: values['searchable-pdf'],
    password: values.password,
    forceOcr: values['force-ocr'],
  };
}
