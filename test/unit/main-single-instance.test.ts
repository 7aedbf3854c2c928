import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OpenedFiles } from '../../app/contracts/lantern-ops';
import { LIMITS } from '../../app/contracts/op-schemas';
import { eventChannel } from '../../main/ipc-channels';
import { openFiles } from '../../main/open-files';
import { PathGrants } from '../../main/path-grants';
import {
  filesFromArgv,
  relaunchArgs,
  setupSingleInstance,
  type SingleInstanceApp,
} from '../../main/single-instance';

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

/** A window whose page is loading until `load()`; what it was sent. */
function fakeWindow(id: number, loading: boolean) {
  const sent: [string, unknown][] = [];
  const onLoad: (() => void)[] = [];
  const win = {
    webContents: {
      id,
      isLoading: () => loading,
      once: (_event: 'did-finish-load', l: () => void) => void onLoad.push(l),
      send: (ch: string, p: unknown) => void sent.push([ch, p]),
    },
  };
  const load = () => {
    loading = false;
    for (const l of onLoad.splice(0)) l();
  };
  return { win, sent, load };
}

test('second-instance files: the window comes forward, is granted their paths and is sent them once', async () => {
  const { app, state } = fakeApp(false);
  const grants = new PathGrants();
  const { win, sent } = fakeWindow(7, false);
  let shown = 0;
  const deps = { showWindow: () => (shown++, win), grants };
  setupSingleInstance({
    app,
    argv: ['/opt/lantern'],
    cwd: '/',
    skip: 1,
    onSecondInstance: (files) => void openFiles(deps, files),
  });
  state.listener!({}, [], '/', { lanternFiles: ['/in/a.png', '/in/scan.pdf', 'relative.png'] });
  assert.equal(shown, 1);
  assert.deepEqual(sent, [
    [
      eventChannel('opened'),
      {
        files: [
          { name: 'a.png', path: '/in/a.png' },
          { name: 'scan.pdf', path: '/in/scan.pdf' },
        ],
      },
    ],
  ]);
  // Granted to that window only, as a drop grants them: the renderer may read them by path, no other window may.
  assert.equal(await grants.allows(7, '/in/scan.pdf'), true);
  assert.equal(await grants.allows(7, '/in/a.png'), true);
  assert.equal(await grants.allows(7, '/in/other.pdf'), false);
  assert.equal(await grants.allows(8, '/in/scan.pdf'), false);
  // A launch with no files only brings the window forward.
  state.listener!({}, [], '/', { lanternFiles: [] });
  assert.equal(shown, 2);
  assert.equal(sent.length, 1);
});

test('files opened before the page has loaded are sent once it has, once each', async () => {
  const grants = new PathGrants();
  const { win, sent, load } = fakeWindow(3, true);
  openFiles({ showWindow: () => win, grants }, ['/in/first.pdf']);
  openFiles({ showWindow: () => win, grants }, ['/in/second.png']);
  assert.equal(sent.length, 0, 'nothing is sent to a page that does not listen yet');
  assert.equal(await grants.allows(3, '/in/first.pdf'), true, 'granted before the page can ask for it');
  load();
  assert.deepEqual(
    sent.map(([ch, p]) => [ch, (p as OpenedFiles).files.map((f) => f.path)]),
    [
      [eventChannel('opened'), ['/in/first.pdf']],
      [eventChannel('opened'), ['/in/second.png']],
    ],
  );
  load();
  assert.equal(sent.length, 2, 'a reload sends nothing again');
});

test('more files than one grant allows go in several messages, none lost', () => {
  const { win, sent } = fakeWindow(1, false);
  const files = Array.from({ length: LIMITS.droppedPaths + 3 }, (_, i) => `/in/p${i}.png`);
  assert.equal(openFiles({ showWindow: () => win, grants: new PathGrants() }, files), files.length);
  assert.deepEqual(
    sent.map(([, p]) => (p as OpenedFiles).files.length),
    [LIMITS.droppedPaths, 3],
  );
});

test('a launch that arrives while quitting is relaunched with its files: the app path kept, switches such as --hidden not', () => {
  assert.deepEqual(relaunchArgs(['/opt/Lantern/lantern-ocr', '--hidden', '/a/x.png'], 1, ['/b/y.pdf']), [
    '/b/y.pdf',
  ]);
  // Unpackaged (`electron .`): the app folder stays the first argument.
  assert.deepEqual(relaunchArgs(['/usr/bin/electron', '/repo', 'a.png'], 2, []), ['/repo']);
});
