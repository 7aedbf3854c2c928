/** The CLI's document inputs: PDFs and multi-page TIFFs as one JSON line each, and `--searchable-pdf DIR` outputs. */
import { rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fitName, NAME_MAX } from '../files/fit-name';
import { writeFailed } from '../files/write-failed';
import { isReadPage, type DocumentResult } from '../documents/document-types';
import { toDocumentWireError } from '../documents/errors';
import { markdownHeading } from '../contracts/markdown-escape';
import { documentMarkdown, imageDocument, pagesText } from '../documents/formats';
import { recognizeDocument } from '../documents/recognize-document';
import { sniffDocument } from '../documents/sniff';
import { searchablePdf } from '../documents/searchable-pdf';
import type { WireError } from '../contracts/errors';
import type { OcrResult } from '../ocr/types';
import type { CliFormat } from './args';
import type { CliSink } from './held-output';
import type { PageReader } from './lane-readers';

/** What the CLI passes down for documents. */
export interface DocumentCliOptions {
  readonly format: CliFormat;
  /** Group each page's lines into paragraphs (JSON: `paragraphs` on each page; text: blank lines between them). */
  readonly paragraphs: boolean;
  /** The searchable PDF to write for this input (pdf-outputs.ts names it). */
  readonly pdfFile?: string;
  readonly password?: string;
  readonly forceOcr: boolean;
  /** Pages rendered and submitted ahead of the one awaited (with two readers). */
  readonly lookahead: number;
  /** Told how many pages a document has beyond its first (the readers start a second one for many pages). */
  readonly morePages?: (pages: number) => void;
  /** Aborted when the results can no longer be written: a document stops at its next page. */
  readonly signal?: AbortSignal;
}

/** Whether `bytes` should take the document path (a PDF or TIFF, or any input when a searchable PDF is asked for). */
export function isDocumentInput(bytes: Uint8Array, opts: DocumentCliOptions): boolean {
  return opts.pdfFile !== undefined || sniffDocument(bytes) !== 'image';
}

/** Reads one input as a document, prints it, writes its searchable PDF; true when every page was read. */
export async function runDocument(
  pipeline: PageReader,
  file: string,
  bytes: Uint8Array,
  opts: DocumentCliOptions,
  sink: CliSink,
): Promise<boolean> {
  let image: OcrResult | undefined;
  let doc: DocumentResult;
  try {
    const words = opts.pdfFile !== undefined;
    const { paragraphs } = opts;
    if (sniffDocument(bytes) === 'image') {
      image = await pipeline.recognize(bytes, { file, words, paragraphs });
      doc = imageDocument(image);
    } else {
      doc = await recognizeDocument(
        bytes,
        (p) =>
          p.kind === 'bytes'
            ? pipeline.recognize(p.bytes, { words, paragraphs })
            : pipeline.recognizeImage(p.image, { words, paragraphs }),
        {
          file,
          password: opts.password,
          forceOcr: opts.forceOcr,
          onPage: progress(file, sink),
          onOpen: (pages) => opts.morePages?.(pages - 1),
          lookahead: opts.lookahead,
          ...(opts.signal ? { signal: opts.signal } : {}),
        },
      );
    }
  } catch (err) {
    const error = toDocumentWireError(err);
    if (opts.format === 'json') sink.out(JSON.stringify({ file, error }));
    else sink.err(`${file}: ${error.code}: ${error.message}`);
    return false;
  }
  // What was read is printed even when its searchable PDF cannot be written (an encrypted original, a full disk).
  const written = opts.pdfFile === undefined ? undefined : await writePdf(opts.pdfFile, bytes, doc);
  if (opts.format === 'json') sink.out(JSON.stringify(image ?? doc));
  else if (opts.format === 'md') sink.out(fileMarkdown(file, doc));
  else sink.out(pagesText(doc));
  if (written) sink.err(`${file}: searchable PDF not written: ${written.code}: ${written.message}`);
  // JSON carries them; the other formats print text alone, so they are told on stderr (the exit code stays 0).
  if (opts.format !== 'json')
    for (const w of doc.warnings ?? []) sink.err(`${file}: ${w.code}: ${w.message}`);
  const failed = doc.pages.filter((p) => !isReadPage(p));
  for (const p of failed)
    if (!isReadPage(p)) sink.err(`${file}: page ${p.page}: ${p.error.code}: ${p.error.message}`);
  return failed.length === 0 && written === undefined;
}

/** The searchable PDFs being written now, by their `.part` names. */
const unfinished = new Set<string>();

/** Removes the searchable PDFs still being written, so that a signal ending the run leaves no `.part` file behind. */
export function removeUnfinishedPdfs(): void {
  for (const part of unfinished) rmSync(part, { force: true });
}

/** The name a PDF is written under before it is renamed into place: `<name>.<pid>.part`, cut to fit as a name. */
function partFile(out: string): string {
  const suffix = `.${process.pid}.part`;
  return join(dirname(out), `${fitName(basename(out), NAME_MAX - suffix.length)}${suffix}`);
}

/** Writes the searchable PDF of `doc`; the error when it cannot be. */
async function writePdf(out: string, bytes: Uint8Array, doc: DocumentResult): Promise<WireError | undefined> {
  try {
    await mkdir(dirname(out), { recursive: true });
    // Written beside, then renamed: a failed write leaves no half PDF, and a link at `out` is replaced, not followed.
    const part = partFile(out);
    const pdf = await searchablePdf(bytes, doc);
    unfinished.add(part);
    try {
      await writeFile(part, pdf);
      await rename(part, out);
    } finally {
      await rm(part, { force: true });
      unfinished.delete(part);
    }
    return undefined;
  } catch (err) {
    return toDocumentWireError(writeFailed(err, out));
  }
}

/** An input's Markdown: a heading naming it, then its pages (documentMarkdown). */
export function fileMarkdown(file: string, doc: DocumentResult): string {
  return `${markdownHeading(1, basename(file))}\n\n${documentMarkdown(doc).trimEnd()}`;
}

/** A page counter on stderr while it is a terminal (nothing when piped). */
function progress(file: string, sink: CliSink): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => sink.progress(`\r${file}: page ${done}/${total}${done === total ? '\n' : ''}`);
}
