/** Where `--searchable-pdf DIR` writes each input's PDF: one file per input, never two inputs on one name. */
import { constants } from 'node:fs';
import { access, readdir, readlink, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { distinctNames } from '../contracts/distinct-names';
import { fitName, NAME_MAX } from '../files/fit-name';

/** One input's searchable PDF and, where its plain name was taken, that name and by what. */
export type PdfOutput =
  | { readonly file: string }
  | {
      readonly file: string;
      /** The name `<name>.pdf` it would have had. */
      readonly renamedFrom: string;
      /** Taken by an input file in DIR (never written over), or by an earlier input's PDF. */
      readonly takenBy: 'input' | 'earlier';
    };

/**
 * The output file of every input, in order: `DIR/<name>.pdf`, and `<name>-2.pdf`, `-3`, … for a later input whose
 * name is taken (`a/scan.pdf`, `b/scan.tif`, `scan-2.png` → `scan.pdf`, `scan-3.pdf`, `scan-2.pdf`; distinct-names.ts).
 * `inputsInDir` are the names of input files that are in DIR: no PDF takes one, so no input is ever written over.
 */
export function pdfOutputs(
  dir: string,
  files: readonly string[],
  inputsInDir: readonly string[] = [],
): readonly PdfOutput[] {
  const reserved = [...new Map(inputsInDir.map((n) => [n.toLowerCase(), n])).values()];
  const plain = files.map((f) => pdfName(stem(f), ''));
  const names = distinctNames([...reserved, ...plain], (i, k) =>
    i < reserved.length ? reserved[i]! : pdfName(stem(files[i - reserved.length]!), `-${k}`),
  ).slice(reserved.length);
  const isInput = new Set(reserved.map((n) => n.toLowerCase()));
  return names.map((name, i) =>
    name === plain[i]
      ? { file: join(dir, name) }
      : {
          file: join(dir, name),
          renamedFrom: plain[i]!,
          takenBy: isInput.has(plain[i]!.toLowerCase()) ? 'input' : 'earlier',
        },
  );
}

/**
 * The names in `dir` of the PDFs that are inputs: every `.pdf` entry there that is the same file as an input (same
 * device and inode, links followed), however either was named (a link in DIR to an input, an input through a linked
 * folder, a hard link). `inputs` are the inputs' paths as the CLI resolved them; null for stdin.
 */
export async function inputNamesIn(
  dir: string,
  inputs: readonly (string | Buffer | null)[],
): Promise<readonly string[]> {
  const ids = new Set<string>();
  for (const f of inputs) {
    const st = f === null ? null : await stat(f).catch(() => null);
    if (st) ids.add(`${st.dev}:${st.ino}`);
  }
  if (ids.size === 0) return [];
  const entries = await readdir(dir).catch(() => [] as string[]); // a folder still to be made holds no input
  const names: string[] = [];
  for (const name of entries) {
    if (!name.toLowerCase().endsWith('.pdf')) continue; // only a .pdf name can be an output's
    const st = await stat(join(dir, name)).catch(() => null);
    if (st && ids.has(`${st.dev}:${st.ino}`)) names.push(name);
  }
  return names;
}

/** `<stem><tag>.pdf`, its stem cut (fit-name.ts) where the name would be longer than a file system takes. */
const pdfName = (stem: string, tag: string): string =>
  `${fitName(stem, NAME_MAX - Buffer.byteLength(`${tag}.pdf`))}${tag}.pdf`;

/** The name a PDF takes after its input (`stdin` for `-`). */
const stem = (file: string): string => (file === '-' ? 'stdin' : basename(file, extname(file)));

/**
 * Why `dir` cannot take the PDFs, before any input is read: a file there usually means the folder was left out and the
 * first input taken for it; a folder this user cannot write (or, when it is still to be made, the folder it would be
 * made in) would fail every input's PDF only once the input was read.
 */
export async function pdfDirProblem(dir: string, given: string): Promise<string | undefined> {
  try {
    if (!(await stat(dir)).isDirectory())
      return `--searchable-pdf takes a folder, and ${given} is a file (--searchable-pdf DIR FILE…)`;
    await access(dir, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return (await danglingLink(dir, given, dir)) ?? missingDirProblem(dirname(dir), given);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      return `--searchable-pdf ${given}: the folder cannot be written (${code})`;
    return `--searchable-pdf ${given}: ${code ?? String(err)}`;
  }
}

/** Why a missing DIR cannot be made in `parent` (or the nearest folder above it that exists). */
async function missingDirProblem(parent: string, given: string): Promise<string | undefined> {
  try {
    await access(parent, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && dirname(parent) !== parent)
      return (await danglingLink(parent, given, '')) ?? missingDirProblem(dirname(parent), given);
    return `--searchable-pdf ${given}: the folder cannot be made in ${parent} (${code ?? String(err)})`;
  }
}

/**
 * Why `at` (DIR, or a folder above it), missing, cannot be made: it is a link whose target does not exist, on which
 * mkdir fails as `mkdir -p` does.
 */
async function danglingLink(at: string, given: string, dir: string): Promise<string | undefined> {
  const target = await readlink(at).catch(() => undefined); // not a link: nothing to say about it
  if (target === undefined) return undefined;
  return `--searchable-pdf ${given}: ${at === dir ? '' : `${at} is `}a link to ${target}, which does not exist`;
}
