/** Where `--searchable-pdf DIR` writes each input's PDF: one file per input, never two inputs on one name. */
import { stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { distinctNames } from '../contracts/distinct-names';

/** One input's searchable PDF and, where its plain name was taken by an earlier input, that name. */
export interface PdfOutput {
  readonly file: string;
  /** The name `<name>.pdf` it would have had, when another input of the same name took it. */
  readonly renamedFrom?: string;
}

/**
 * The output file of every input, in order: `DIR/<name>.pdf`, and `<name>-2.pdf`, `-3`, … for a later input whose
 * name is taken (`a/scan.pdf`, `b/scan.tif`, `scan-2.png` → `scan.pdf`, `scan-3.pdf`, `scan-2.pdf`; distinct-names.ts).
 */
export function pdfOutputs(dir: string, files: readonly string[]): readonly PdfOutput[] {
  const plain = files.map((f) => `${stem(f)}.pdf`);
  const names = distinctNames(plain, (i, k) => `${stem(files[i]!)}-${k}.pdf`);
  return names.map((name, i) =>
    name === plain[i] ? { file: join(dir, name) } : { file: join(dir, name), renamedFrom: plain[i]! },
  );
}

const stem = (file: string): string => basename(file, extname(file));

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
