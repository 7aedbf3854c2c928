/**
 * Argument parsing for the repository's command-line scripts (eval, bench, accuracy, watch): `--help`/`-h` prints the
 * usage and exits 0, an unknown option or a bad value prints one line and the usage and exits 2, instead of Node's
 * stack trace from `util.parseArgs`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { assertNever } from '../contracts/assert-never';
import { optionMistake } from './option-mistake';
import { SETTINGS_LIMITS } from '../contracts/settings';

/** Options as `util.parseArgs` takes them. */
type Options = NonNullable<ParseArgsConfig['options']>;

/** What a command line asked for: the usage, a mistake to report, or values to run with. */
export type ScriptArgs<T extends Options> =
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string }
  | {
      readonly kind: 'ok';
      readonly values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: true }>>['values'];
      readonly positionals: readonly string[];
    };

/** Parses `argv` without exiting (the testable half of parseScriptArgsOrExit); `maxPositionals` bare arguments at most. */
export function parseScriptArgs<T extends Options>(
  argv: readonly string[],
  options: T,
  maxPositionals = 0,
): ScriptArgs<T> {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options,
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > maxPositionals)
      return { kind: 'error', message: `unexpected argument "${positionals[maxPositionals]}"` };
    return { kind: 'ok', values, positionals };
  } catch (err) {
    return { kind: 'error', message: optionMistake(err, Object.keys(options), false) };
  }
}

/** Parses `process.argv` for a script: prints `usage` and exits 0 on --help, 2 on a mistake. */
export function parseScriptArgsOrExit<T extends Options>(
  usage: string,
  options: T,
  maxPositionals = 0,
  argv: readonly string[] = process.argv.slice(2),
): Extract<ScriptArgs<T>, { kind: 'ok' }> {
  const r = parseScriptArgs(argv, options, maxPositionals);
  switch (r.kind) {
    case 'ok':
      return r;
    case 'help':
      console.log(usage);
      return process.exit(0);
    case 'error':
      return usageError(usage, r.message);
    default:
      return assertNever(r);
  }
}

/** Reports a bad value the way parseScriptArgsOrExit reports a bad option: the message, the usage, exit 2. */
export function usageError(usage: string, message: string): never {
  console.error(`${message}\n${usage}`);
  return process.exit(2);
}

/** An integer option's value for a script: the default when absent, else the number, else usageError's exit 2. */
export function intOptionOrExit(
  usage: string,
  name: string,
  raw: string | undefined,
  fallback: number,
  min = 1,
): number {
  const v = intOption(name, raw, fallback, min);
  return typeof v === 'number' ? v : usageError(usage, v);
}

/**
 * An integer option's value, or a message saying what it must be (`undefined` raw means the default). Decimal digits
 * only: `Number()` also takes "", " 2", "0x2" and "1e3", so a typo passed for a number.
 */
export function intOption(
  name: string,
  raw: string | undefined,
  fallback: number,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number | string {
  if (raw === undefined) return fallback;
  const v = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(v) || v < min) return `--${name} must be an integer ≥ ${min}, not "${raw}"`;
  return v <= max ? v : `--${name} must be at most ${max}, not ${raw}`;
}

/** The most onnxruntime threads a model may be given: the Settings limit, so a flag's value is one Settings keeps. */
export const MAX_THREADS = SETTINGS_LIMITS.threads.max;
