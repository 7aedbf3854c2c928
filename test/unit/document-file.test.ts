/** Documents read by path (the desktop window's large PDFs): real files, a folder, a FIFO, a missing and a too-large one. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { DOCUMENT_FILE_BYTES, readDocumentFile } from '../../app/documents/document-file';
import { fixture } from '../helpers/fixtures';
import { img2pdf } from '../helpers/pdf-fixtures';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-docfile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a PDF on disk is read whole; a symlink to it too', async () => {
  const pdf = img2pdf([fixture('plate_000.jpg')], path.join(dir, 'scan.pdf'));
  const bytes = await readDocumentFile(pdf);
  assert.deepEqual(Buffer.from(bytes), readFileSync(pdf));
  symlinkSync(pdf, path.join(dir, 'link.pdf'));
  assert.equal((await readDocumentFile(path.join(dir, 'link.pdf'))).length, bytes.length);
});

test('what is not a readable regular file within the limit is refused with its code', async () => {
  mkdirSync(path.join(dir, 'folder.pdf'));
  await assert.rejects(readDocumentFile(path.join(dir, 'folder.pdf')), { code: 'FILE_UNREADABLE' });
  await assert.rejects(readDocumentFile(path.join(dir, 'missing.pdf')), { code: 'FILE_NOT_FOUND' });
  // A path through a file (`scan.pdf/x.pdf`) names no file either.
  const through = path.join(dir, 'folder.pdf', '..', 'plain.pdf');
  writeFileSync(through, '%PDF-1.7\n');
  await assert.rejects(readDocumentFile(path.join(through, 'x.pdf')), { code: 'FILE_NOT_FOUND' });
  await assert.rejects(readDocumentFile('scan.pdf'), { code: 'BAD_REQUEST' });
  // A FIFO is refused at once, not waited on for a writer.
  const fifo = path.join(dir, 'pipe.pdf');
  execFileSync('mkfifo', [fifo]);
  await assert.rejects(readDocumentFile(fifo), { code: 'FILE_UNREADABLE' });
  // Over the limit (a sparse file: nothing is written or read), the message names the size and the limit.
  const big = path.join(dir, 'big.pdf');
  writeFileSync(big, '%PDF-1.7\n');
  truncateSync(big, DOCUMENT_FILE_BYTES + 1);
  await assert.rejects(readDocumentFile(big), {
    code: 'PAYLOAD_TOO_LARGE',
    message: /big\.pdf is over the 256\.0 MiB limit \(268435457 bytes\)$/,
  });
  // Past the IPC limit of 25 MiB but within the documents limit: read.
  truncateSync(big, 40 * 1024 * 1024);
  assert.equal((await readDocumentFile(big)).length, 40 * 1024 * 1024);
});
