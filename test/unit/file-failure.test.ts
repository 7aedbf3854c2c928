import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LanternError } from '../../app/contracts/errors';
import { failureAction, MAX_ATTEMPTS, mayBeHalfWritten, OutputError } from '../../app/watch/file-failure';

const fsError = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

describe('failureAction', () => {
  it('a file whose writer went on is read again, whatever the error', () => {
    assert.deepEqual(failureAction(new LanternError('BAD_IMAGE', 'x'), 1, true), { kind: 'writing' });
  });

  it('an output folder that cannot be written pauses the folder; any other write error fails the file', () => {
    const denied = fsError('EACCES');
    assert.deepEqual(failureAction(new OutputError(denied), 1, false), {
      kind: 'output-folder',
      code: 'EACCES',
      cause: denied,
    });
    const action = failureAction(new OutputError(new Error('pdf-lib refused')), 1, false);
    assert.deepEqual(action, {
      kind: 'fail',
      error: { code: 'OUTPUT_UNWRITABLE', message: 'cannot write the output: pdf-lib refused' },
    });
  });

  it('cancelled goes back to the queue at once; the engine away after a pause, until the attempts run out', () => {
    assert.equal(failureAction(new LanternError('CANCELLED', 'x'), 1, false).kind, 'requeue');
    assert.deepEqual(failureAction(new LanternError('CANCELLED', 'x'), 9, false), {
      kind: 'requeue',
      error: { code: 'CANCELLED', message: 'x' },
      retry: false,
    });
    const stopped = new LanternError('ENGINE_STOPPED', 'gone');
    assert.deepEqual(failureAction(stopped, MAX_ATTEMPTS - 1, false), {
      kind: 'requeue',
      error: { code: 'ENGINE_STOPPED', message: 'gone' },
      retry: true,
    });
    assert.equal(failureAction(stopped, MAX_ATTEMPTS, false).kind, 'fail');
  });

  it("the file's own error fails it with its code", () => {
    assert.deepEqual(failureAction(new LanternError('BAD_PDF', 'truncated'), 1, false), {
      kind: 'fail',
      error: { code: 'BAD_PDF', message: 'truncated' },
    });
  });
});

describe('mayBeHalfWritten', () => {
  it("is the input's content only: not the engine, not the disk, not a cancel, not an output", () => {
    assert.equal(mayBeHalfWritten(new LanternError('BAD_IMAGE', 'x')), true);
    assert.equal(mayBeHalfWritten(new LanternError('BAD_PDF', 'x')), true);
    for (const code of [
      'ENGINE_STOPPED',
      'QUEUE_FULL',
      'CANCELLED',
      'FILE_NOT_FOUND',
      'FILE_UNREADABLE',
    ] as const)
      assert.equal(mayBeHalfWritten(new LanternError(code, 'x')), false, code);
    assert.equal(mayBeHalfWritten(new OutputError(fsError('ENOSPC'))), false);
  });
});
