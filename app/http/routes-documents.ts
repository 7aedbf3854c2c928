/** The window's document helpers over HTTP: one page as a PNG for display, and the searchable PDF of a result. */
import { LanternError } from '../contracts/errors';
import { PDF_PASSWORD_HEADER } from '../contracts/http-routes';
import { decodePasswordHeader } from './password-header';
import { parseDocumentResult } from '../documents/document-schema';
import type { DocumentReader } from '../documents/document-reader';
import type { RouteHandlers } from './route-table';
import { readUploads } from './uploads';
import { bodyBytes } from './body-bytes';

/** The bytes of a raw body, or UNSUPPORTED_MEDIA_TYPE. */
function rawBody(body: unknown, type: string | undefined): Uint8Array {
  if (body instanceof Buffer) return bodyBytes(body);
  throw new LanternError(
    'UNSUPPORTED_MEDIA_TYPE',
    `send the file itself (application/pdf or image/*), not "${type ?? 'nothing'}"`,
  );
}

/** Parses JSON a client sent, or throws BAD_REQUEST. */
function parseJson(text: string | undefined): unknown {
  if (text === undefined) throw new LanternError('BAD_REQUEST', 'the form has no "result" part');
  try {
    return JSON.parse(text);
  } catch {
    throw new LanternError('BAD_REQUEST', 'the "result" part is not JSON');
  }
}

/** Handlers of `pageImage` and `searchablePdf`. */
export function documentHandlers(
  maxBodyBytes: number,
  documents: DocumentReader,
): Pick<RouteHandlers, 'pageImage' | 'searchablePdf'> {
  return {
    pageImage: async ({ query }, req, reply) => {
      const pw = req.headers[PDF_PASSWORD_HEADER];
      const png = await documents.pageImage(
        { bytes: rawBody(req.body, req.headers['content-type']) },
        query.page,
        typeof pw === 'string' ? decodePasswordHeader(pw) : undefined,
      );
      return reply.type('image/png').send(Buffer.from(png));
    },
    searchablePdf: async (_, req, reply) => {
      if (!req.isMultipart())
        throw new LanternError('UNSUPPORTED_MEDIA_TYPE', 'send multipart/form-data with "file" and "result"');
      const { files, result } = await readUploads(req, maxBodyBytes);
      if (files.length !== 1)
        throw new LanternError('BAD_REQUEST', `send exactly one "file", not ${files.length}`);
      const pdf = await documents.searchablePdf(
        { bytes: files[0]!.bytes },
        parseDocumentResult(parseJson(result)),
      );
      return reply.type('application/pdf').send(Buffer.from(pdf));
    },
  };
}
