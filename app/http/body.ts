/** Request bodies: a raw image with a size limit, or multipart/form-data `file` fields (busboy). */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { LanternError } from '../contracts/errors';

/** Reads the whole body, failing with PAYLOAD_TOO_LARGE past `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      return reject(new LanternError('PAYLOAD_TOO_LARGE', `the body is larger than ${limit} bytes`));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new LanternError('PAYLOAD_TOO_LARGE', `the body is larger than ${limit} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', (e) => reject(new LanternError('BAD_REQUEST', `the upload failed: ${e.message}`)));
  });
}

/** One uploaded file of a multipart body. */
export interface UploadedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Parses multipart/form-data, keeping the `file` fields (at most `maxFiles`, total at most `limit` bytes). */
export function readMultipart(req: IncomingMessage, limit: number, maxFiles = 32): Promise<UploadedFile[]> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: limit, files: maxFiles, fields: 16 } });
    } catch (e) {
      return reject(new LanternError('BAD_REQUEST', `malformed multipart body: ${(e as Error).message}`));
    }
    const files: Promise<UploadedFile>[] = [];
    let total = 0;
    let failed = false;
    const fail = (e: LanternError) => {
      if (failed) return;
      failed = true;
      req.unpipe(bb);
      req.resume();
      reject(e);
    };
    bb.on('file', (field, stream, info) => {
      if (field !== 'file') return void stream.resume();
      files.push(
        new Promise((res) => {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => {
            total += c.length;
            if (total > limit)
              fail(new LanternError('PAYLOAD_TOO_LARGE', `the upload is larger than ${limit} bytes`));
            else chunks.push(c);
          });
          stream.on('limit', () =>
            fail(new LanternError('PAYLOAD_TOO_LARGE', `a file is larger than ${limit} bytes`)),
          );
          stream.on('end', () =>
            res({ name: info.filename || 'upload', bytes: new Uint8Array(Buffer.concat(chunks)) }),
          );
        }),
      );
    });
    bb.on('filesLimit', () => fail(new LanternError('BAD_REQUEST', `at most ${maxFiles} files per request`)));
    bb.on('error', (e) =>
      fail(new LanternError('BAD_REQUEST', `malformed multipart body: ${(e as Error).message}`)),
    );
    bb.on('close', () => {
      if (failed) return;
      void Promise.all(files).then((all) => {
        if (failed) return;
        if (all.length === 0)
          reject(new LanternError('BAD_REQUEST', 'the multipart body has no "file" field'));
        else resolve(all);
      });
    });
    req.pipe(bb);
  });
}
