/**
 * Glob patterns on file base names (`*`, `?`, `[a-z]`, `[!a-z]`, `{a,b}`), parsed strictly and matched without
 * regular expressions: a bad pattern is an error with its reason, and matching is linear-times-length, so no
 * pattern can make a name match run away (backtracking regular expressions can).
 */

/** One compiled glob token. */
type Token =
  | { readonly kind: 'char'; readonly ch: string }
  | { readonly kind: 'one' }
  | { readonly kind: 'star' }
  | {
      readonly kind: 'class';
      readonly negated: boolean;
      readonly ranges: readonly (readonly [string, string])[];
    };

/** A glob, compiled: its brace alternatives, each a token list. */
export type CompiledGlob = readonly (readonly Token[])[];

/** Longest pattern accepted, in characters. */
export const MAX_PATTERN_LENGTH = 256;
/** Most alternatives a pattern's braces may expand to. */
const MAX_ALTERNATIVES = 256;

/** A pattern that cannot be used, with why. */
export class GlobError extends Error {}

/** Splits a brace body at its top-level commas. */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '[') i = classEnd(body, i);
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/** The index of the `]` closing the class that opens at `at` (a `]` right after `[` or `[!` is a member). */
function classEnd(s: string, at: number): number {
  let i = at + 1;
  if (s[i] === '!' || s[i] === '^') i++;
  if (s[i] === ']') i++;
  const end = s.indexOf(']', i);
  if (end < 0) throw new GlobError(`"[" at ${at + 1} is never closed`);
  return end;
}

/** Expands the first top-level brace group, recursively; a glob without braces expands to itself. */
function expandBraces(glob: string, out: string[]): void {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '[') i = classEnd(glob, i);
    else if (c === '{') {
      if (depth === 0) open = i;
      depth++;
    } else if (c === '}') {
      if (depth === 0) throw new GlobError(`"}" at ${i + 1} has no "{"`);
      depth--;
      if (depth === 0) {
        const head = glob.slice(0, open);
        const tail = glob.slice(i + 1);
        for (const alt of splitTopLevel(glob.slice(open + 1, i))) {
          expandBraces(head + alt + tail, out);
          if (out.length > MAX_ALTERNATIVES)
            throw new GlobError(`its braces expand to more than ${MAX_ALTERNATIVES} alternatives`);
        }
        return;
      }
    }
  }
  if (depth > 0) throw new GlobError(`"{" at ${open + 1} is never closed`);
  out.push(glob);
}

/** Tokenises one brace-free alternative. */
function tokenise(alt: string): Token[] {
  const tokens: Token[] = [];
  const chars = Array.from(alt);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '*') {
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'one' });
    else if (c === '[') {
      let j = i + 1;
      const negated = chars[j] === '!' || chars[j] === '^';
      if (negated) j++;
      const ranges: (readonly [string, string])[] = [];
      for (let first = true; j < chars.length && (first || chars[j] !== ']'); first = false) {
        const lo = chars[j]!;
        if (chars[j + 1] === '-' && j + 2 < chars.length && chars[j + 2] !== ']') {
          const hi = chars[j + 2]!;
          if (lo.codePointAt(0)! > hi.codePointAt(0)!)
            throw new GlobError(`the range "${lo}-${hi}" is out of order`);
          ranges.push([lo, hi]);
          j += 3;
        } else {
          ranges.push([lo, lo]);
          j++;
        }
      }
      if (j >= chars.length) throw new GlobError(`"[" is never closed`);
      tokens.push({ kind: 'class', negated, ranges });
      i = j;
    } else tokens.push({ kind: 'char', ch: c });
  }
  return tokens;
}

/** Parses a glob; throws GlobError with the reason when it is not a valid base-name pattern. */
export function compileGlob(glob: string): CompiledGlob {
  if (glob.length === 0) throw new GlobError('it is empty');
  if (glob.length > MAX_PATTERN_LENGTH)
    throw new GlobError(`it is longer than ${MAX_PATTERN_LENGTH} characters`);
  if (/[/\\]/u.test(glob)) throw new GlobError('patterns match file names, so they cannot hold "/" or "\\"');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/u.test(glob)) throw new GlobError('it holds a control character');
  const alts: string[] = [];
  expandBraces(glob, alts);
  return alts.map(tokenise);
}

/** Case-insensitive character equality and range membership (file systems on Windows and macOS ignore case). */
const fold = (c: string) => c.toLowerCase();
function inClass(t: Extract<Token, { kind: 'class' }>, c: string): boolean {
  const cs = [c, fold(c), c.toUpperCase()].map((x) => x.codePointAt(0)!);
  const hit = t.ranges.some(([lo, hi]) => cs.some((x) => x >= lo.codePointAt(0)! && x <= hi.codePointAt(0)!));
  return hit !== t.negated;
}

/** Whether `name` matches one token list: wildcard matching that backtracks only to the last star (O(n·m)). */
function matchTokens(tokens: readonly Token[], name: readonly string[]): boolean {
  let n = 0;
  let t = 0;
  let starT = -1;
  let starN = 0;
  while (n < name.length) {
    const tok = tokens[t];
    if (tok?.kind === 'star') {
      starT = t++;
      starN = n;
      continue;
    }
    const c = name[n]!;
    const ok =
      tok !== undefined &&
      (tok.kind === 'one' || (tok.kind === 'char' ? fold(tok.ch) === fold(c) : inClass(tok, c)));
    if (ok) {
      t++;
      n++;
    } else if (starT >= 0) {
      t = starT + 1;
      n = ++starN;
    } else return false;
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

/** Whether `name` matches the compiled glob (any of its alternatives), ignoring case. */
export function globMatches(glob: CompiledGlob, name: string): boolean {
  const chars = Array.from(name);
  return glob.some((tokens) => matchTokens(tokens, chars));
}
