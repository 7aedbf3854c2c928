/** A recognised file's outputs written for the batch runner, its write errors sorted into what the runner does next. */
import { access } from 'node:fs/promises';
import { LanternError } from '../contracts/errors';
import type { DocumentReader } from '../documents/document-reader';
import { OutputError } from './file-failure';
import type { FolderRow, StoredResult } from './ledger';
import { writeOutputs } from './outputs';

/** Whether a path exists (links followed): a vanished twin is a renamed file, a vanished batch folder fails its files. */
export const exists = (p: string | Buffer): Promise<boolean> =>
  access(p).then(
    () => true,
    () => false,
  );

/** Writes the outputs; write errors become OutputErrors, except a batch's folder gone (FILE_NOT_FOUND). */
export async function writeFileOutputs(
  folder: FolderRow,
  rel: string,
  r: StoredResult,
  source: Uint8Array,
  documents: DocumentReader,
): Promise<string[]> {
  try {
    return await writeOutputs(folder.dir, folder.options, rel, r, source, documents);
  } catch (err) {
    // Outputs beside the inputs never make the folder again; a watched folder waits for it to come back, but
    // nothing brings a batch's folder back, so its file fails instead of pausing the batch for ever.
    const gone =
      folder.kind === 'batch' &&
      folder.options.outDir === null &&
      (err as NodeJS.ErrnoException).code === 'ENOENT' &&
      !(await exists(folder.dir));
    if (gone)
      throw new LanternError(
        'FILE_NOT_FOUND',
        `the folder ${folder.dir} was deleted or moved before the output of ${rel} was written`,
      );
    throw new OutputError(err);
  }
}
