/** Output files of a recognised image or document (txt, json, md, searchable pdf): where they go, what they hold, atomic writes. */
import { mkdir, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { blocksMarkdown, linesMarkdown } from '../contracts/blocks-markdown';
import { markdownHeading } from '../contracts/markdown-escape';
import type { WatchOptions } from '../contracts/lantern-api';
import { documentMarkdown, documentTxt, imageDocument } from '../documents/formats';
import { localDocuments, type DocumentReader } from '../documents/document-reader';
import { isDocumentResult, type StoredResult } from './ledger-rows';
import { TMP_SUFFIX } from './patterns';
import { fitName, NAME_MAX } from '../files/fit-name';

/** One output format. */
export type OutputFormat = WatchOptions['formats'][number];

/** The output file of image `rel` (relative to `dir`) for one format: `<image name>.<format>`. */
export function outputPath(dir: string, options: WatchOptions, rel: string, format: OutputFormat): string {
  const base = `${fitName(path.basename(rel), NAME_MAX - format.length - 1)}.${format}`;
  const root = options.outDir ?? dir;
  return path.join(root, path.dirname(rel), base);
}

/** All output files of image `rel`, in the folder's formats. */
export function outputPaths(dir: string, options: WatchOptions, rel: string): string[] {
  return options.formats.map((f) => outputPath(dir, options, rel, f));
}

/** The temporary name an output is written under before it is renamed into place. */
export function tmpPath(file: string, pid = process.pid): string {
  const suffix = `.tmp-${pid}`;
  return path.join(path.dirname(file), `${fitName(path.basename(file), NAME_MAX - suffix.length)}${suffix}`);
}

/**
 * The content of one output: plain text, the result as JSON, or Markdown (a heading, then the layout's blocks, or
 * the lines where there are none; a document's pages each under `## Page n`), its text pages separated by form feeds.
 */
export function renderOutput(
  format: Exclude<OutputFormat, 'pdf'>,
  result: StoredResult,
  rel: string,
): string {
  if (isDocumentResult(result))
    switch (format) {
      case 'txt':
        return documentTxt(result);
      case 'json':
        return `${JSON.stringify({ ...result, file: rel }, null, 2)}\n`;
      case 'md':
        return `${markdownHeading(1, path.basename(rel))}\n\n${documentMarkdown(result)}`;
    }
  switch (format) {
    case 'txt':
      return result.text.length > 0 ? `${result.text}\n` : '';
    case 'json':
      return `${JSON.stringify({ ...result, file: rel }, null, 2)}\n`;
    case 'md': {
      const body =
        result.blocks && result.blocks.length > 0
          ? blocksMarkdown(result.lines, result.blocks)
          : linesMarkdown(result.lines);
      return `${markdownHeading(1, path.basename(rel))}\n\n${body}${body ? '\n' : ''}`;
    }
  }
}

/**
 * Makes folder `d`, and with `root` only the folders below `root`, which must exist: outputs beside the inputs must
 * not make a watched folder that was moved or deleted again at its old path (ENOENT instead, which pauses it).
 */
async function makeFolder(d: string, root: string | null): Promise<void> {
  if (root === null) return void (await mkdir(d, { recursive: true }));
  const rel = path.relative(root, d);
  let at = root;
  for (const part of rel === '' ? [] : rel.split(path.sep)) {
    at = path.join(at, part);
    await mkdir(at).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }
}

/**
 * Writes `file` atomically: the content goes to `file.tmp-<pid>`, which is then renamed over `file`. Its folder is
 * made first; with `root`, only below `root`.
 */
export async function writeAtomic(
  file: string,
  content: string | Uint8Array,
  root: string | null = null,
): Promise<void> {
  await makeFolder(path.dirname(file), root);
  const tmp = tmpPath(file);
  try {
    await writeFile(tmp, content);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined); // the write's own error is the one to report
    throw err;
  }
}

/** Writes every output of one file (atomically each); `documents` writes the searchable PDF from `source`'s bytes. */
export async function writeOutputs(
  dir: string,
  options: WatchOptions,
  rel: string,
  result: StoredResult,
  source: Uint8Array,
  documents: Pick<DocumentReader, 'searchablePdf'> = localDocuments,
): Promise<string[]> {
  const files: string[] = [];
  for (const format of options.formats) {
    const file = outputPath(dir, options, rel, format);
    const content =
      format === 'pdf'
        ? await documents.searchablePdf(
            { bytes: source },
            isDocumentResult(result) ? result : imageDocument(result),
          )
        : renderOutput(format, result, rel);
    // An output folder is made when missing; the watched folder itself is never made (its outputs beside the inputs).
    await writeAtomic(file, content, options.outDir ? null : dir);
    files.push(file);
  }
  return files;
}

/** Deletes temporary files that a killed process left for these outputs (`<output>.tmp-<any pid>`). */
export async function removeStaleTmp(files: readonly string[]): Promise<void> {
  const byDir = new Map<string, Set<string>>();
  for (const f of files) {
    const set = byDir.get(path.dirname(f)) ?? new Set<string>();
    set.add(path.basename(f));
    byDir.set(path.dirname(f), set);
  }
  for (const [dir, names] of byDir) {
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch {
      continue;
    }
    for (const e of entries) {
      const m = TMP_SUFFIX.exec(e);
      if (!m) continue;
      const stem = e.slice(0, m.index);
      const mine = [...names].some((n) => n === stem || fitName(n, NAME_MAX - m[0].length) === stem);
      if (mine) await unlink(path.join(dir, e)).catch(() => undefined); // a leftover is tried again next time
    }
  }
}

/** Deletes outputs (of a renamed image's old name); missing ones are fine. */
export async function removeOutputs(files: readonly string[]): Promise<void> {
  // An old output that cannot be removed only lingers: the image's new outputs are written regardless.
  for (const f of files) await rm(f, { force: true }).catch(() => undefined);
}

/** Error codes of a write that mean the output folder as a whole is unusable (pause), not this one file. */
const FOLDER_LEVEL = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC', 'EDQUOT', 'ENOENT']);

/** An fs error as one line that starts with its code (`ENOTDIR: not a directory, open '…'`). */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const msg = (e?.message ?? String(err)).replace(/\s+/g, ' ').trim();
  return e?.code && !msg.startsWith(e.code) ? `${e.code}: ${msg}` : msg;
}

/** Whether an output write error should pause the folder (true) or fail just this file (false). */
export function isFolderLevelWriteError(err: unknown): boolean {
  return FOLDER_LEVEL.has((err as NodeJS.ErrnoException | undefined)?.code ?? '');
}

/**
 * Checks that outputs can be written under `dir` (created first when `create`: an output folder, not the watched
 * folder itself); returns the reason when they cannot, else null.
 */
export async function probeWritable(dir: string, create: boolean): Promise<string | null> {
  const probe = path.join(dir, `.lantern-probe-${process.pid}`);
  try {
    if (create) await mkdir(dir, { recursive: true });
    await writeFile(probe, '');
    await unlink(probe);
    return null;
  } catch (err) {
    return `Output folder ${dir} is not writable: ${describeFsError(err)}`;
  }
}
