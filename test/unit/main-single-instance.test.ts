import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LanternError } from '../../app/contracts/errors';
import type { RecognizeInput } from '../../app/contracts/engine-protocol';
import type { SubmitOptions } from '../../app/engine/ocr-service';
import type { OcrResult } from '../../app/ocr/types';
import { EXTERNAL_RESULT_CHANNEL } from '../../main/ipc-channels';
import { openFiles } from '../../main/open-files';
import { filesFromArgv, setupSingleInstance, type SingleInstanceApp } from '../../main/single-instance';

type SecondInstance = (event: unknown, argv: string[], cwd: string, data: unknown) => void;

/** A fake app where `locked` says whether another instance holds the lock. */
function fakeApp(locked: boolean) {
  const state: { data?: Record<string, unknown>; listener?: SecondInstance } = {};
  const app: SingleInstanceApp = {
    requestSingleInstanceLock: (data) => {
      state.data = data;
      return !locked;
    },
    on: (_event, l) => (state.listener = l),
  };
  return { app, state };
}

test('argv: image arguments are resolved against the working directory; switches, the executable and others skipped', () => {
  const argv = [
    '/opt/Lantern/lantern-ocr',
    '--hidden',
    'scan.PNG',
    '../b.jpg',
    '/abs/c.webp',
    'notes.txt',
    '--inspect=0',
    '',
  ];
  assert.deepEqual(filesFromArgv(argv, '/home/u/Desktop', 1), [
    '/home/u/Desktop/scan.PNG',
    '/home/u/b.jpg',
    '/abs/c.webp',
  ]);
  // Unpackaged (`electron . a.png`): two leading entries are not arguments.
  assert.deepEqual(filesFromArgv(['/usr/bin/electron', '.', 'a.png'], '/w', 2), ['/w/a.png']);
});

test('argv: file:// URLs from the .desktop %U become absolute paths; other URLs are dropped', () => {
  const argv = [
    '/tmp/.mount_Lantern/lantern-ocr',
    'file:///home/u/My%20Scans/page%201.png',
    'FILE:///home/u/shot.JPG',
    'file://server/share/x.png',
    'https://example.com/a.png',
    'file:///home/u/notes.txt',
    'plain.webp',
  ];
  assert.deepEqual(filesFromArgv(argv, '/home/u', 1), [
    '/home/u/My Scans/page 1.png',
    '/home/u/shot.JPG',
    '/home/u/plain.webp',
  ]);
});

test("a second launch does not get the lock, and hands its files over as the lock's additional data", () => {
  const { app, state } = fakeApp(true);
  const got = setupSingleInstance({
    app,
    argv: ['/opt/lantern', 'x.png', '--foo'],
    cwd: '/tmp/here',
    skip: 1,
    onSecondInstance: () => assert.fail('the second instance itself never handles files'),
  });
  assert.equal(got, false);
  assert.deepEqual(state.data, { lanternFiles: ['/tmp/here/x.png'] });
  assert.equal(state.listener, undefined);
});

test('the running instance receives the files of a second launch (from additional data, else from its argv)', () => {
  const { app, state } = fakeApp(false);
  const handed: string[][] = [];
  assert.equal(
    setupSingleInstance({
      app,
      argv: ['/opt/lantern'],
      cwd: '/',
      skip: 1,
      onSecondInstance: (f) => handed.push(f),
    }),
    true,
  );
  // Chromium may reorder or add switches in argv: the additional data wins.
  state.listener!({}, ['/opt/lantern', '--allow-file-access', 'zzz.png'], '/elsewhere', {
    lanternFiles: ['/home/u/a.png'],
  });
  // An older instance (or a bad payload) without additional data: argv is parsed against its working directory.
  state.listener!({}, ['/opt/lantern', 'b.jpg', '--x'], '/home/u/Downloads', undefined);
  state.listener!({}, ['/opt/lantern', 'c.png'], '/w', { lanternFiles: 'not-an-array' });
  // A launch without files still reaches the handler (it shows the window).
  state.listener!({}, ['/opt/lantern'], '/w', { lanternFiles: [] });
  assert.deepEqual(handed, [['/home/u/a.png'], ['/home/u/Downloads/b.jpg'], ['/w/c.png'], []]);
});

test('second-instance files are recognised by path, recorded in history, sent to the window, with one notification', async () => {
  const { app, state } = fakeApp(false);
  const recognised: [RecognizeInput, SubmitOptions | undefined][] = [];
  const documents: [unknown, string | undefined][] = [];
  const history: string[] = [];
  const sent: [string, unknown][] = [];
  const notes: string[] = [];
  const engine = {
    recognize: async (input: RecognizeInput, _o?: unknown, submit?: SubmitOptions) => {
      recognised.push([input, submit]);
      if (input.kind === 'path' && input.path.endsWith('broken.png'))
        throw new LanternError('BAD_IMAGE', 'cannot decode broken.png');
      return { text: 'ok', lines: [] } as unknown as OcrResult;
    },
  };
  const done: Promise<unknown>[] = [];
  setupSingleInstance({
    app,
    argv: ['/opt/lantern'],
    cwd: '/',
    skip: 1,
    onSecondInstance: (files) =>
      done.push(
        openFiles(
          {
            engine,
            // A PDF goes to the document operations by path (rendered on the document thread), not to the engine.
            documents: {
              recognizeDocument: async (file, options) => {
                documents.push([file, options?.requestId?.replace(/^open-[0-9a-f-]{36}$/, 'open-<uuid>')]);
                return { file: 'scan.pdf', kind: 'pdf', pages: [], text: 'doc', ms: 1 };
              },
            },
            history: { add: (name) => void history.push(name) },
            broadcast: (ch, p) => sent.push([ch, p]),
            notify: (t, b) => notes.push(`${t} | ${b}`),
          },
          files,
        ),
      ),
  });
  state.listener!({}, [], '/', { lanternFiles: ['/in/a.png', '/in/broken.png', '/in/scan.pdf'] });
  assert.deepEqual(await Promise.all(done), [{ done: 2, failed: 1 }]);
  assert.deepEqual(documents, [[{ name: 'scan.pdf', path: '/in/scan.pdf' }, 'open-<uuid>']]);
  assert.deepEqual(recognised, [
    [{ kind: 'path', path: '/in/a.png' }, { priority: 'interactive' }],
    [{ kind: 'path', path: '/in/broken.png' }, { priority: 'interactive' }],
  ]);
  assert.deepEqual(history, ['a.png']);
  sent.sort((a, b) => (a[1] as { file: string }).file.localeCompare((b[1] as { file: string }).file));
  assert.deepEqual(
    sent.map(([ch, p]) => [ch, (p as { file: string }).file, 'error' in (p as object) ? 'error' : 'result']),
    [
      [EXTERNAL_RESULT_CHANNEL, '/in/a.png', 'result'],
      [EXTERNAL_RESULT_CHANNEL, '/in/broken.png', 'error'],
      [EXTERNAL_RESULT_CHANNEL, '/in/scan.pdf', 'result'],
    ],
  );
  assert.equal((sent[2]![1] as { document: { text: string } }).document.text, 'doc');
  assert.deepEqual((sent[1]![1] as { error: unknown }).error, {
    code: 'BAD_IMAGE',
    message: 'cannot decode broken.png',
  });
  assert.deepEqual(notes, ['Recognition finished with errors | 2 of 3 files recognised, 1 failed']);
});

test('openFiles with no files does nothing visible', async () => {
  const notes: string[] = [];
  const r = await openFiles(
    {
      engine: { recognize: async () => assert.fail('nothing to recognise') },
      documents: { recognizeDocument: async () => assert.fail('nothing to read') },
      history: { add: () => {} },
      broadcast: () => assert.fail('nothing to send'),
      notify: (t) => notes.push(t),
    },
    [],
  );
  assert.deepEqual(r, { done: 0, failed: 0 });
  assert.deepEqual(notes, []);
});
