/** Where `--searchable-pdf DIR` writes each input's PDF: one file per input, never two inputs on one name. */
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { distinctNames } from '../contracts/distinct-names';

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
  const plain = files.map((f) => `${stem(f)}.pdf`);
  const names = distinctNames([...reserved, ...plain], (i, k) =>
    i < reserved.length ? reserved[i]! : `${stem(files[i - reserved.length]!)}-${k}.pdf`,
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
 * The names in `dir` of the inputs that live there, found through links both ways (an input reached through a
 * linked folder, a link in DIR to an input elsewhere): the names no PDF may take.
 */
export async function inputNamesIn(dir: string, files: readonly string[]): Promise<readonly string[]> {
  const realDir = await realpath(dir).catch(() => null);
  if (realDir === null) return []; // a folder still to be made holds no input
  const names: string[] = [];
  for (const f of files) {
    const lexical = resolve(f);
    const real = await realpath(f).catch(() => null);
    for (const p of real === null ? [lexical] : [lexical, real]) {
      const parent = await realpath(dirname(p)).catch(() => null);
      if (parent === realDir) names.push(basename(p));
    }
  }
  return names;
}

/** The name a PDF takes after its input (`stdin` for `-`). */
const stem = (file: string): string => (file === '-' ? 'stdin' : basename(file, extname(file)));

/**
 * Why `dir` cannot take the PDFs, before any input is read (a missing folder is made when the first PDF is written):
 * a file there usually means the folder was left out and the first input taken for it.
 */
export async function pdfDirProblem(dir: string, given: string): Promise<string | undefined> {
  try {
    if ((await stat(dir)).isDirectory()) return undefined;
    return `--searchable-pdf takes a folder, and ${given} is a file (--searchable-pdf DIR FILE…)`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : `--searchable-pdf ${given}: ${code ?? String(err)}`;
  }
}
