/**
 * parseArgs's errors in the words of our command lines: an unknown option names the nearest known one, so a typo
 * (`--formt`) says what was meant instead of Node's hint about `--`.
 */

/** Node's code for an option parseArgs does not know. */
const UNKNOWN = 'ERR_PARSE_ARGS_UNKNOWN_OPTION';

/** Edits between two names, a swap of neighbours counting as one (optimal string alignment): `prot` is one from `port`. */
function slips(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(
        d[i - 1]![j]! + 1,
        row[j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

/** The known option `typed` most likely meant (`--formt` → `format`): the one it begins, or one a slip or two away. */
export function nearestOption(typed: string, known: readonly string[]): string | undefined {
  const name = typed.replace(/^-+/, '').split('=')[0]!.toLowerCase();
  if (name.length < 2) return undefined;
  const prefixed = known.filter((k) => k.startsWith(name));
  if (prefixed.length === 1) return prefixed[0];
  let best: { readonly option: string; readonly d: number } | undefined;
  for (const option of known) {
    const d = slips(name, option);
    if (d <= (option.length <= 4 ? 1 : 2) && (!best || d < best.d)) best = { option, d };
  }
  return best?.option;
}

/**
 * The one-line message for an error parseArgs threw. `dashFiles`: the command takes file names, one of which may start
 * with `-` and then goes after `--`.
 */
export function optionMistake(err: unknown, known: readonly string[], dashFiles: boolean): string {
  const message = err instanceof Error ? err.message : String(err);
  const typed = /^Unknown option '([^']+)'/.exec(message)?.[1];
  if ((err as { code?: unknown }).code !== UNKNOWN || typed === undefined)
    return message.replace(/\. To specify a positional argument.*$/s, '');
  const near = nearestOption(typed, known);
  const file = dashFiles ? `; a file whose name starts with "-" goes after --` : '';
  return `unknown option ${typed}${near ? ` (did you mean --${near}?)` : ''}${file}`;
}
