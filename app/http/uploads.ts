/** Multipart uploads through @fastify/multipart: the `file` fields of a form, bounded in count and total size. */
import type { FastifyRequest } from 'fastify';
import { LanternError } from '../contracts/errors';
import { uploadTooLarge } from './body-limits';
import { bodyBytes } from './body-bytes';
import { cancelledError } from '../engine/cancelled';

/** One uploaded file. */
export interface UploadedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The `file` fields of a form, its optional `password` field (for encrypted PDFs) and `result` part (JSON). */
export interface Uploads {
  readonly files: readonly UploadedFile[];
  readonly password?: string;
  /** A recognised result sent back for the searchable-PDF export (a file part, so it may exceed a field's size). */
  readonly result?: string;
}

/**
 * The longest file name kept (a multipart filename, `X-File-Name`): a part's headers may hold 80 KiB, and the name goes
 * into the answer and each history entry.
 */
export const MAX_FILE_NAME_CHARS = 1024;

/** Multipart limits besides the byte limit. */
const MAX_FILES = 32;
const MAX_FIELDS = 16;
/** A plain field's bytes (the one read is `password`): beyond it the form is refused, not silently cut. */
const MAX_FIELD_BYTES = 64 * 1024;
/** What a form may add to its files' bytes: its plain fields, and each part's boundary and headers. */
const FORM_OVERHEAD = MAX_FIELDS * MAX_FIELD_BYTES + (MAX_FILES + MAX_FIELDS) * 1024;

/** Rejects as soon as `signal` aborts, so a parser that waits for bytes that never come cannot hold the handler. */
export function untilAborted<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(cancelledError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener('abort', onAbort), reject(e as Error)),
    );
  });
}

/**
 * Reads every `file` field and a `password` field (other plain fields are skipped; a file under another name is refused);
 * at most 32 files and `limit` bytes in all.
 */
export async function readUploads(req: FastifyRequest, limit: number): Promise<Uploads> {
  // A declared length past what a form may hold is refused before a byte is read (a chunked one is bounded by the
  // per-part limits as it streams, and by the request timeout).
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit + FORM_OVERHEAD) throw uploadTooLarge(limit);
  try {
    return await readParts(req, limit);
  } catch (e) {
    // The parser's own limit errors carry their 4xx; anything else it throws means the body is malformed.
    const { statusCode: status, code } = e as { statusCode?: unknown; code?: unknown };
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw uploadTooLarge(limit);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new LanternError(
        'PAYLOAD_TOO_LARGE',
        `a form takes at most ${MAX_FILES} files and ${MAX_FIELDS} other fields`,
      );
    if (e instanceof LanternError || (typeof status === 'number' && status < 500)) throw e;
    throw new LanternError('BAD_REQUEST', `malformed multipart body: ${(e as Error).message}`);
  }
}

async function readParts(req: FastifyRequest, limit: number): Promise<Uploads> {
  const files: UploadedFile[] = [];
  let password: string | undefined;
  let result: string | undefined;
  let total = 0;
  const parts = req.parts({
    // A part named `file` (or `result`) is a file with or without a filename: clients that send bytes without one
    // (curl's `-F file=<a.png`, a bare Blob) would otherwise have their image read as a text field, then "no file field".
    isPartAFile: (field, type, filename) =>
      field === 'file' || field === 'result' || type === 'application/octet-stream' || filename !== undefined,
    limits: {
      fileSize: limit,
      files: MAX_FILES,
      fields: MAX_FIELDS,
      fieldSize: MAX_FIELD_BYTES,
      parts: MAX_FILES + MAX_FIELDS,
      headerPairs: 64,
    },
  });
  for await (const part of parts) {
    if (part.type !== 'file') {
      if (part.valueTruncated)
        throw new LanternError(
          'PAYLOAD_TOO_LARGE',
          `the form field "${part.fieldname.slice(0, 64)}" is larger than ${MAX_FIELD_BYTES / 1024} KiB`,
        );
      if (part.fieldname === 'password' && typeof part.value === 'string')
        password = part.value.slice(0, 1024);
      continue;
    }
    if (part.fieldname !== 'file' && part.fieldname !== 'result') {
      // Skipping it would answer for the other files and lose this one without a word.
      part.file.resume();
      // A part without a name (Content-Disposition with a filename only) has no fieldname at all.
      const as =
        typeof part.fieldname === 'string' ? `as "${part.fieldname.slice(0, 64)}"` : 'without a field name';
      throw new LanternError(
        'BAD_REQUEST',
        `the form sends a file ${as}: files go in "file" fields (repeat it for several)`,
      );
    }
    const bytes = await part.toBuffer();
    total += bytes.length;
    if (total > limit) throw uploadTooLarge(limit);
    if (part.fieldname === 'result') result = bytes.toString('utf8');
    else {
      // A part without a filename has none at all, whatever the types say.
      const name: string | undefined = part.filename;
      files.push({ name: name?.slice(0, MAX_FILE_NAME_CHARS) || 'upload', bytes: bodyBytes(bytes) });
    }
  }
  if (files.length === 0) throw new LanternError('BAD_REQUEST', 'the multipart body has no "file" field');
  return {
    files,
    ...(password === undefined ? {} : { password }),
    ...(result === undefined ? {} : { result }),
  };
}
