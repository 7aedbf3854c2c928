/** `serve` command-line options, validated. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { optionMistake } from '../cli/option-mistake';
import { inputPath } from '../cli/args';
import { intOption, MAX_THREADS } from '../cli/script-args';
import { isLoopback } from '../http/auth';
import { lanesFromEnv, type LanesSetting } from '../engine/lanes';
import { PROVIDER_CHOICES, isProviderChoice, type ProviderChoice } from '../ocr/providers';
import { REC_VARIANT_CHOICES, isRecVariantChoice, type RecVariantChoice } from '../ocr/rec-int8';
import { watchOptionsSchema, type WatchOptions } from '../contracts/lantern-api';
import { TOKEN_CHARACTERS, TOKEN_PATTERN } from '../contracts/settings';

/** Parsed serve options. */
export interface ServeOptions {
  readonly host: string;
  readonly port: number;
  readonly token: string | undefined;
  /** Where the token came from: one from the environment (a Secret) is never printed. */
  readonly tokenFrom: 'flag' | 'env' | 'none';
  readonly auth: boolean;
  readonly provider: ProviderChoice;
  readonly threads: number;
  /** The engine settings the command line names (not defaults): with --data they are saved over the stored ones. */
  readonly engineFlags: { readonly provider?: ProviderChoice; readonly threads?: number };
  /** The recogniser the CPU runs (auto: int8 on a VNNI CPU once its table is accepted, else fp32). */
  readonly recVariant: RecVariantChoice;
  /** Recognition lanes in the engine (docs/engine.md#recognition-lanes). */
  readonly lanes: LanesSetting;
  readonly watch: readonly string[];
  readonly out: string | undefined;
  /** What each watched folder writes per input (txt, json, md, pdf: the searchable PDF). */
  readonly formats: WatchOptions['formats'];
  readonly dataDir: string | undefined;
  readonly graceMs: number;
  readonly maxBodyMb: number;
  /** Request bodies held in memory at once (503 QUEUE_FULL past it). */
  readonly maxHeldMb: number;
  /** Raw PDF/TIFF bodies; undefined: the same as maxBodyMb. */
  readonly maxDocumentMb: number | undefined;
  /** Time to receive a whole request (headers and body). */
  readonly requestTimeoutMs: number;
  /** First wait before the engine leaves `error` on its own after a crash loop (doubles, up to 5 min). */
  readonly selfHealMs: number;
  /** --help/-h: print the usage and exit. */
  readonly help: boolean;
}

/** Usage text: the synopsis, then one line of meaning per option, so --help answers without opening the docs. */
export const SERVE_USAGE = `usage: lantern serve [options]   (from a clone: npm run serve -- [options])

  --host H                 address to listen on (default 127.0.0.1; LANTERN_HOST)
  --port N                 port to listen on (default 8765; LANTERN_PORT; 0 picks a free one)
  --token T                the API token, at least 16 letters, digits or - . _ ~ + / = (LANTERN_TOKEN, then
                           not printed; default: a new random one, printed in the URL)
  --no-auth                no token at all; refused unless --host is a loopback address
  --provider P             where the models run: ${PROVIDER_CHOICES.join('|')} (default auto: a usable GPU, else the CPU)
  --threads N              onnxruntime threads for the CPU (default 0: one per core; at most 256)
  --rec-variant V          the recogniser on the CPU: ${REC_VARIANT_CHOICES.join('|')} (default auto; LANTERN_REC_VARIANT)
  --lanes auto|1|2         requests recognised at once on the CPU (default auto: 2 on 2+ cores)
  --watch DIR              OCR every image or document written into DIR (repeat the flag for more; needs --out)
  --out DIR                where watched folders' outputs go (with several folders, one subfolder each, named
                           after it: scans, and scans-2 for a second folder named so)
  --formats LIST           what a watched folder writes for each input, of txt,json,md,pdf (pdf: a searchable
                           PDF; default txt,json)
  --data DIR               keep settings, history and the watch ledger in DIR (default: settings and history in
                           memory, the watch ledger in OUT/.lantern-ledger.db); --provider and --threads given
                           with it are saved to its settings
  --grace-ms N             on SIGTERM/SIGINT, how long running requests may finish (default 10000)
  --max-body-mb N          largest request body accepted (default 25; LANTERN_MAX_BODY_MB)
  --max-document-mb N      largest raw PDF or TIFF body (default: --max-body-mb; LANTERN_MAX_DOCUMENT_MB)
  --max-held-mb N          request bodies held in memory at once, by declared length (default 256;
                           LANTERN_MAX_HELD_MB); past it, 503 QUEUE_FULL with Retry-After
  --request-timeout-ms N   longest a whole request may take to arrive (default 60000; at least 1000)
  --self-heal-ms N         first wait before the engine restarts itself after a crash loop (default 30000; at
                           least 1000)
  -h, --help               this text`;

/** Parses argv (without node and script). */
export function parseServeArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): ServeOptions {
  const named = (flag: string) => argv.some((a) => a === `--${flag}` || a.startsWith(`--${flag}=`));
  // Relative folders are the caller's: under `npm run serve`, the folder npm was started from.
  const here = (d: string) => inputPath(d, env, cwd);
  const options = {
    host: { type: 'string', default: process.env.LANTERN_HOST ?? '127.0.0.1' },
    port: { type: 'string', default: process.env.LANTERN_PORT ?? '8765' },
    token: { type: 'string' },
    'no-auth': { type: 'boolean', default: false },
    provider: { type: 'string', default: 'auto' },
    threads: { type: 'string', default: '0' },
    'rec-variant': { type: 'string', default: process.env.LANTERN_REC_VARIANT || 'auto' },
    lanes: { type: 'string', default: 'auto' },
    watch: { type: 'string', multiple: true, default: [] },
    out: { type: 'string' },
    formats: { type: 'string', default: 'txt,json' },
    data: { type: 'string' },
    'grace-ms': { type: 'string', default: '10000' },
    'max-body-mb': { type: 'string', default: process.env.LANTERN_MAX_BODY_MB ?? '25' },
    'max-document-mb': { type: 'string', default: process.env.LANTERN_MAX_DOCUMENT_MB },
    'max-held-mb': { type: 'string', default: process.env.LANTERN_MAX_HELD_MB ?? '256' },
    'request-timeout-ms': { type: 'string', default: '60000' },
    'self-heal-ms': { type: 'string', default: '30000' },
    help: { type: 'boolean', short: 'h', default: false },
  } satisfies NonNullable<ParseArgsConfig['options']>;
  const { values } = parseOrExplain(() => parseArgs({ args: [...argv], options }), Object.keys(options));
  const port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN;
  if (!(port <= 65535)) throw new Error(`--port must be 0-65535, not "${values.port}"`);
  const provider = values.provider;
  if (!isProviderChoice(provider))
    throw new Error(`--provider must be one of ${PROVIDER_CHOICES.join(', ')}`);
  const recVariant = values['rec-variant'];
  if (!isRecVariantChoice(recVariant))
    throw new Error(`--rec-variant must be one of ${REC_VARIANT_CHOICES.join(', ')}`);
  if (!['auto', '1', '2'].includes(values.lanes)) throw new Error('--lanes must be auto, 1 or 2');
  if (values.token !== undefined && values.token.length < 16)
    throw new Error('--token must be at least 16 characters');
  if (values.token !== undefined && !TOKEN_PATTERN.test(values.token))
    throw new Error(
      `--token may hold ${TOKEN_CHARACTERS} only (it travels in an Authorization: Bearer header)`,
    );
  const envToken = process.env.LANTERN_TOKEN;
  // An empty variable (a Secret made by a command that failed) must not stand for "no token needed" or a weak one.
  if (values.token === undefined && envToken !== undefined && envToken.length < 16)
    throw new Error(
      `LANTERN_TOKEN must be at least 16 characters (it is ${envToken === '' ? 'empty' : `${envToken.length}`}); unset it for a random token`,
    );
  if (values.token === undefined && envToken !== undefined && !TOKEN_PATTERN.test(envToken))
    throw new Error(
      `LANTERN_TOKEN may hold ${TOKEN_CHARACTERS} only (it travels in an Authorization: Bearer header); a trailing newline or space in the secret is the usual cause`,
    );
  const int = (
    name:
      | 'threads'
      | 'grace-ms'
      | 'max-body-mb'
      | 'max-document-mb'
      | 'max-held-mb'
      | 'request-timeout-ms'
      | 'self-heal-ms',
    min: number,
  ): number => {
    const v = intOption(name, values[name], 0, min, name === 'threads' ? MAX_THREADS : undefined);
    if (typeof v === 'string') throw new Error(v);
    return v;
  };
  if (values.watch.length > 0 && !values.out)
    throw new Error('--watch needs --out DIR (where the text files go)');
  if (values.watch.length === 0 && values.formats !== 'txt,json')
    throw new Error('--formats says what watched folders write: it needs --watch DIR');
  const formats = watchOptionsSchema.shape.formats.safeParse([
    ...new Set(values.formats.split(',').map((f) => f.trim())),
  ]);
  if (!formats.success)
    throw new Error(
      `--formats must list one or more of txt, json, md, pdf (comma-separated), not "${values.formats}"`,
    );
  // Said before anything starts (the server refuses it too, but only once the engine is loading).
  if (values['no-auth'] && !isLoopback(values.host))
    throw new Error(`--no-auth is refused when bound to ${values.host}: only on a loopback address`);
  return {
    host: values.host,
    port,
    token: values.token ?? envToken,
    tokenFrom: values.token !== undefined ? 'flag' : envToken !== undefined ? 'env' : 'none',
    auth: !values['no-auth'],
    provider,
    threads: int('threads', 0),
    engineFlags: {
      ...(named('provider') ? { provider } : {}),
      ...(named('threads') ? { threads: int('threads', 0) } : {}),
    },
    recVariant,
    lanes: lanesFromEnv(values.lanes),
    // A folder named twice is one folder: watched twice, it would take the second name's output folder (`out/in-2`).
    watch: values.watch.map(here).filter((d, i, all) => all.indexOf(d) === i),
    out: values.out === undefined ? undefined : here(values.out),
    formats: formats.data,
    dataDir: values.data === undefined ? undefined : here(values.data),
    graceMs: int('grace-ms', 0),
    maxBodyMb: int('max-body-mb', 1),
    maxHeldMb: int('max-held-mb', 1),
    maxDocumentMb: values['max-document-mb'] === undefined ? undefined : int('max-document-mb', 1),
    requestTimeoutMs: int('request-timeout-ms', 1000),
    selfHealMs: int('self-heal-ms', 1000),
    help: values.help,
  };
}

/** The line serve prints: the URL with the token to open it, unless the token came from the environment (a Secret). */
export function servingLine(url: string, token: string | null, from: ServeOptions['tokenFrom']): string {
  const tail =
    token === null ? '' : from === 'env' ? ' (open it with ?token=<LANTERN_TOKEN>)' : `?token=${token}`;
  return `Lantern OCR serving on ${url}${tail}`;
}

/** Runs parseArgs, its errors reworded for the operator (option-mistake.ts). */
function parseOrExplain<T>(parse: () => T, known: readonly string[]): T {
  try {
    return parse();
  } catch (err) {
    throw new Error(optionMistake(err, known, false));
  }
}
