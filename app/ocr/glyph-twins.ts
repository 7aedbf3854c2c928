/**
 * Look-alike glyphs settled by their word. On receipts and labels 0 and O print nearly alike (1 and l in many faces),
 * and the recogniser's dictionary holds both, so it reads "L0T", "INV0ICE", "475OO", "Tab1e". Within one run of ASCII
 * letters and digits the run's other characters tell which was printed: O in a run of digits is a zero (two digits at
 * least, so "O1" stays), 0 between two letters in a run of letters is an O, and 1 between two lowercase letters in a
 * run of letters is an l. Runs that mix other digits with letters (codes such as "V001", "DS001", "A05279") stay as
 * read, and so do a run's first and last characters beside a letter ("RM0", "Tota1": a unit or a numbered name).
 */
import type { Decoded } from './ctc';
import { withRewrittenText } from './read-text';

const RUN = /[A-Za-z0-9]+/g;
const DIGITS_AND_O = /^[0-9Oo]+$/;
const LETTERS_AND_ZERO = /^[A-Za-z0]+$/;
const LETTERS_AND_ONE = /^[A-Za-z1]+$/;
const isLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);
const isLower = (c: string | undefined) => c !== undefined && /[a-z]/.test(c);

/** One run with its twins settled (see the module comment). */
function settleRun(run: string): string {
  if (DIGITS_AND_O.test(run))
    return run.replace(/[0-9]/g, '').length <= run.length - 2 ? run.replace(/[Oo]/g, '0') : run;
  const between = (twin: string, to: (a: string, b: string) => string | undefined) =>
    Array.from(run, (c, i) => (c === twin ? (to(run[i - 1] ?? '', run[i + 1] ?? '') ?? c) : c)).join('');
  if (LETTERS_AND_ZERO.test(run))
    return between('0', (a, b) =>
      isLetter(a) && isLetter(b) ? (isLower(a) && isLower(b) ? 'o' : 'O') : undefined,
    );
  if (LETTERS_AND_ONE.test(run)) return between('1', (a, b) => (isLower(a) && isLower(b) ? 'l' : undefined));
  return run;
}

/** `text` with the look-alike glyphs of each run of letters and digits settled by the run. */
export function settleTwins(text: string): string {
  return text.replace(RUN, settleRun);
}

/** A read line with `settleTwins` applied to its text and each of its words. */
export const withTwinsSettled = (d: Decoded): Decoded => withRewrittenText(d, settleTwins);
