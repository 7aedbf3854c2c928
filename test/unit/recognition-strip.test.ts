/** The Recognize view's strip as plain data: each event's change to items and selection, and which files it takes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OcrResult } from '../../app/contracts/ocr-result';
import {
  EMPTY_STRIP,
  nextStrip,
  type RecognitionItem,
  type Strip,
  type StripEvent,
} from '../../renderer/src/recognize/recognition-strip';
import { sortOutFiles } from '../../renderer/src/recognize/supported-files';

const item = (id: string, kind: RecognitionItem['kind'] = 'image'): RecognitionItem => ({
  id,
  name: `${id}.png`,
  kind,
  url: '',
  state: 'queued',
});
const run = (events: readonly StripEvent[], from: Strip = EMPTY_STRIP) => events.reduce(nextStrip, from);
const ids = (s: Strip) => s.items.map((it) => it.id);

test('added items join the end and the first of them is selected', () => {
  const s = run([
    { type: 'added', items: [item('a')] },
    { type: 'added', items: [item('b'), item('c')] },
  ]);
  assert.deepEqual(ids(s), ['a', 'b', 'c']);
  assert.equal(s.selectedId, 'b');
});

test('removing the selected item selects the one now at its place, else the new last, else none', () => {
  const three = run([{ type: 'added', items: [item('a'), item('b'), item('c')] }]);
  const middle = run(
    [
      { type: 'selected', id: 'b' },
      { type: 'removed', id: 'b' },
    ],
    three,
  );
  assert.deepEqual([ids(middle), middle.selectedId], [['a', 'c'], 'c']);
  const last = run(
    [
      { type: 'selected', id: 'c' },
      { type: 'removed', id: 'c' },
    ],
    three,
  );
  assert.deepEqual([ids(last), last.selectedId], [['a', 'b'], 'b']);
  const other = run(
    [
      { type: 'selected', id: 'a' },
      { type: 'removed', id: 'c' },
    ],
    three,
  );
  assert.equal(other.selectedId, 'a');
  const none = run([
    { type: 'added', items: [item('x')] },
    { type: 'removed', id: 'x' },
  ]);
  assert.deepEqual(none, EMPTY_STRIP);
  assert.deepEqual(run([{ type: 'cleared' }], three), EMPTY_STRIP);
});

test('a read runs, shows its progress, ends done without its error; a failure keeps the code', () => {
  const result = { text: 'x' } as unknown as OcrResult;
  const start = run([{ type: 'added', items: [item('d', 'document'), item('e')] }]);
  const running = run(
    [
      { type: 'started', id: 'd' },
      { type: 'progress', id: 'd', page: 2, pages: 5 },
    ],
    start,
  );
  assert.deepEqual(running.items[0], {
    ...item('d', 'document'),
    state: 'running',
    progress: { page: 2, pages: 5 },
  });
  const failed = nextStrip(running, { type: 'failed', id: 'e', error: { code: 'BAD_IMAGE', message: 'no' } });
  assert.equal(failed.items[1]!.state, 'error');
  assert.equal(failed.items[1]!.error?.code, 'BAD_IMAGE');
  const redone = run(
    [
      { type: 'requeued', id: 'e', withPassword: false },
      { type: 'started', id: 'e' },
      { type: 'read', id: 'e', read: { result } },
    ],
    failed,
  );
  assert.equal(redone.items[1]!.state, 'done');
  assert.equal(redone.items[1]!.error, undefined);
  assert.equal(redone.items[1]!.result, result);
  assert.equal(redone.items[1]!.passwordTried, undefined);
  // A new run forgets the last one's progress; events for an item that is gone change nothing.
  assert.equal(nextStrip(running, { type: 'started', id: 'd' }).items[0]!.progress, undefined);
  assert.deepEqual(
    nextStrip(redone, { type: 'failed', id: 'gone', error: { code: 'X', message: '' } }),
    redone,
  );
});

test('a password given requeues a document and remembers it was tried; a plain retry keeps that', () => {
  const locked = run([
    { type: 'added', items: [item('p', 'document')] },
    { type: 'failed', id: 'p', error: { code: 'PDF_ENCRYPTED', message: 'locked' } },
  ]);
  const unlocked = nextStrip(locked, { type: 'requeued', id: 'p', withPassword: true });
  assert.deepEqual(unlocked.items[0], {
    ...item('p', 'document'),
    state: 'queued',
    error: undefined,
    passwordTried: true,
  });
  const wrong = run(
    [
      { type: 'failed', id: 'p', error: { code: 'PDF_ENCRYPTED', message: 'wrong' } },
      { type: 'requeued', id: 'p', withPassword: false },
    ],
    unlocked,
  );
  assert.equal(wrong.items[0]!.passwordTried, true);
});

test('files in a format Lantern reads are taken in order; the others are named by extension or type', () => {
  const files = [
    { name: 'scan.PDF', type: '' },
    { name: 'notes.docx', type: 'application/vnd.openxmlformats' },
    { name: '', type: 'image/png' },
    { name: '', type: 'text/plain' },
    { name: 'photo', type: 'image/jpeg' },
    // Nothing names it (a scanner's file without an extension): taken, and the engine reads it by its bytes.
    { name: 'scan', type: '' },
  ];
  const { supported, rejected } = sortOutFiles(files);
  assert.deepEqual(supported, [files[0], files[2], files[4], files[5]]);
  assert.deepEqual(rejected, [
    { name: 'notes.docx', kind: 'DOCX' },
    { name: 'pasted file', kind: 'text/plain' },
  ]);
});
