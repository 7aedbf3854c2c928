/**
 * "Needs a password" is data on the error (`reason`), not a message to compare: it is set where PDFium asks for a
 * password, travels through the document thread as part of the wire error, is checked by the wire schema, and is
 * what a watched folder acts on to say where a password can be given.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { fromWireError, LanternError, toWireError } from '../../app/contracts/errors';
import { wireErrorSchema } from '../../app/contracts/wire-error-schema';
import { documentThread } from '../../app/documents/document-thread-client';
import { localDocuments, type DocumentReader } from '../../app/documents/document-reader';
import type { OcrService } from '../../app/engine/ocr-service';
import { Ledger } from '../../app/watch/ledger';
import { recognizeFile } from '../../app/watch/recognize-file';
import { encryptedPdf } from '../helpers/pdf-fixtures';

const locked = encryptedPdf('s3cret');
const noOcr = () => Promise.reject(new Error('no page is read'));
const opts = { forceOcr: false, signal: new AbortController().signal, ocr: noOcr };

const bundles = path.resolve('dist', `.test-password-${process.pid}`);
execFileSync(process.execPath, ['scripts/build-electron.mjs'], {
  env: { ...process.env, LANTERN_ELECTRON_OUTDIR: bundles },
  stdio: 'pipe',
});
const thread = documentThread(path.join(bundles, 'document-thread.cjs'));
after(async () => {
  await thread.close();
  rmSync(bundles, { recursive: true, force: true });
});

test('a PDF opened without its password says so as data, on this thread and through the document thread', async () => {
  for (const reader of [localDocuments, thread]) {
    await assert.rejects(reader.recognize({ bytes: locked }, opts), (e: unknown) => {
      assert.ok(e instanceof LanternError);
      assert.equal(e.code, 'PDF_ENCRYPTED');
      assert.equal(e.reason, 'NEEDS_PASSWORD');
      return true;
    });
    // A wrong password is PDF_ENCRYPTED too, but giving a password is no longer what is missing.
    await assert.rejects(
      reader.recognize({ bytes: locked }, { ...opts, password: 'wrong' }),
      (e: unknown) => {
        assert.ok(e instanceof LanternError);
        assert.equal(e.code, 'PDF_ENCRYPTED');
        assert.equal(e.reason, undefined);
        return true;
      },
    );
  }
});

test('the wire form keeps the reason, and the wire schema refuses a reason it does not know', () => {
  const wire = toWireError(new LanternError('PDF_ENCRYPTED', 'any words', { reason: 'NEEDS_PASSWORD' }));
  assert.deepEqual(wire, { code: 'PDF_ENCRYPTED', message: 'any words', reason: 'NEEDS_PASSWORD' });
  assert.equal(fromWireError(wire).reason, 'NEEDS_PASSWORD');
  assert.deepEqual(toWireError(new LanternError('BAD_PDF', 'x')), { code: 'BAD_PDF', message: 'x' });
  assert.equal(wireErrorSchema.safeParse(wire).success, true);
  assert.equal(wireErrorSchema.safeParse({ ...wire, reason: 'SOMETHING_ELSE' }).success, false);
});

test('a watched folder acts on the reason, whatever the message says', async () => {
  const ledger = Ledger.open(':memory:');
  const failWith =
    (err: LanternError): DocumentReader['recognize'] =>
    () =>
      Promise.reject(err);
  const reader = (err: LanternError): DocumentReader => ({ ...localDocuments, recognize: failWith(err) });
  const job = {
    rowId: 1,
    rel: 'locked.pdf',
    sha256: 'x',
    requestId: 'r',
    signal: new AbortController().signal,
    onPage: () => undefined,
  };
  const service = {} as OcrService; // a PDF that cannot be opened never reaches the engine
  try {
    const reworded = new LanternError('PDF_ENCRYPTED', 'this PDF wants a password', {
      reason: 'NEEDS_PASSWORD',
    });
    await assert.rejects(recognizeFile(service, ledger.pages, locked, job, reader(reworded)), {
      code: 'PDF_ENCRYPTED',
      message: /a watched folder has no password to give it/,
    });
    const wrong = new LanternError('PDF_ENCRYPTED', 'the PDF password is wrong');
    await assert.rejects(recognizeFile(service, ledger.pages, locked, job, reader(wrong)), {
      code: 'PDF_ENCRYPTED',
      message: 'the PDF password is wrong',
    });
  } finally {
    ledger.close();
  }
});
