/**
 * The refusals of a folder to watch or batch because of the folders already watched: two folders reading the same
 * files, or writing their outputs to the same place, would each recognise a file and overwrite each other's outputs.
 */
import { LanternError } from '../contracts/errors';
import type { WatchOptions } from '../contracts/lantern-api';
import { folderOverlap } from './folder-overlap';
import type { FolderRow } from './ledger';
import { outputFolderOwner } from './output-folder';

/** Refuses outputs where a watched folder already writes its own: one of two files of the same name would be lost. */
export async function assertOwnOutputs(
  dir: string,
  opts: WatchOptions,
  watched: readonly FolderRow[],
): Promise<void> {
  const other = await outputFolderOwner(dir, opts.outDir, watched);
  if (other)
    throw new LanternError(
      'BAD_OUTPUT_FOLDER',
      `output folder ${opts.outDir ?? dir} refused: the watched folder ${other} already writes its outputs there (files of the same name in both would overwrite each other's outputs)`,
    );
}

/**
 * Refuses a batch of a folder a watched (and enabled) folder already reads, by a recursive parent or by another path:
 * its files would be recognised twice, each writing the same outputs. The watched folder itself batches on its own
 * ledger rows, so done files are not redone.
 */
export async function assertNotWatched(
  dir: string,
  opts: WatchOptions,
  watched: readonly FolderRow[],
): Promise<void> {
  const watching = watched.filter((f) => f.enabled);
  const found = await folderOverlap(dir, opts, watching);
  if (found?.how !== 'covered') return;
  throw new LanternError(
    'FOLDER_OVERLAP',
    `folder ${dir} refused: the watched folder ${found.other} already reads its files as they arrive (pause that one to OCR this folder on its own)`,
  );
}

/** Refuses a folder another watched folder already reads, or one that would read another: each file read twice. */
export async function assertNotNested(
  dir: string,
  opts: WatchOptions,
  watched: readonly FolderRow[],
): Promise<void> {
  const others = watched.filter((f) => f.dir !== dir);
  const found = await folderOverlap(dir, opts, others);
  if (!found) return;
  const why =
    found.how === 'covered'
      ? `the watched folder ${found.other} already reads its files`
      : `it would read the files of the watched folder ${found.other} again (remove that one first, or watch this one without sub-folders)`;
  throw new LanternError(
    'FOLDER_OVERLAP',
    `folder ${dir} refused: ${why}; each file would be recognised twice and both would write the same outputs`,
  );
}

/**
 * Refuses a watch over files a running (or paused) batch reads, or whose files it would read: until that batch ends,
 * a file queued by both would be recognised twice and both would write the same outputs.
 */
export async function assertNoBatchOverlap(
  dir: string,
  opts: WatchOptions,
  batches: readonly FolderRow[],
): Promise<void> {
  const found = await folderOverlap(dir, opts, batches);
  if (!found) return;
  const what =
    found.how === 'covered' ? 'its files' : `the files of ${found.other}, which this folder would read`;
  throw new LanternError(
    'FOLDER_OVERLAP',
    `folder ${dir} refused: the batch of ${found.other} is reading ${what}; watch it once that batch ends, or cancel the batch`,
  );
}
