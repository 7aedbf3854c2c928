/**
 * "Open with": the bundled main process (Electron faked, the real engine forked as utilityProcess would) given a
 * three-page PDF on its command line sends it, granted, to the window once its page has loaded (once), and the window
 * reads it as a dropped PDF by path, on the document thread, never rendering on main's own thread: main's event loop
 * answers a ping between page progress events, PDFium is never started on main's thread, and every page comes back
 * with the text `serve` reads for the same PDF.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { PageProgress } from '../../app/contracts/lantern-api';
import { isReadPage, type DocumentResult } from '../../app/documents/document-types';
import type { OpenedFiles } from '../../app/contracts/lantern-ops';
import { eventChannel, ipcChannel, type IpcReply } from '../../main/ipc-channels';
import { startServe } from '../e2e/serve-process';
import { createFakeElectron, loadWithFakeElectron } from '../helpers/fake-electron';
import { fixture } from '../helpers/fixtures';
import { forkAsUtility } from '../helpers/fork-utility';
import { img2pdf } from '../helpers/pdf-fixtures';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lantern-open-with-'));
// Inside the repository, so the bundle's external packages resolve from node_modules.
const outDir = path.resolve('dist', `.test-open-with-${process.pid}`);
after(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});
const pdfPath = img2pdf(
  ['plate_000.jpg', 'tess_eurotext.png', 'plate_003.jpg'].map((f) => fixture(f)),
  path.join(tmp, 'three pages.pdf'),
);

/** Main's thread only: every PDFium instance started here (its module exports FPDF_InitLibraryWithConfig). */
const pdfiumOnMain: string[] = [];
const instantiate = WebAssembly.instantiate.bind(WebAssembly) as (...a: unknown[]) => Promise<unknown>;
(WebAssembly as { instantiate: unknown }).instantiate = async (...args: unknown[]) => {
  const r = await instantiate(...args);
  const mod = args[0] instanceof WebAssembly.Module ? args[0] : (r as { module?: WebAssembly.Module }).module;
  if (mod && WebAssembly.Module.exports(mod).some((e) => e.name === 'FPDF_InitLibraryWithConfig'))
    pdfiumOnMain.push(new Error().stack ?? '');
  return r;
};

/**
 * What the test lets through: each page's recognize answer in page order (lane threads may answer a document's
 * look-ahead page first, and main may ask for it first), once every page event before it was followed by a pong. An
 * answer is told to be page k's by its text, which is serve's text of page k (the test asserts that anyway).
 */
const order: string[] = [];
/** Each page's text as serve reads it. */
let pageTexts: readonly string[] = [];
const claimed = new Set<number>();
const held = new Map<string, { readonly page: number | undefined; readonly deliver: () => void }>();
/** Closed until the test watches main's page events; then page by page; free for the HTTP API's requests. */
let gate: 'closed' | 'pages' | 'free' = 'closed';
let delivered = 0;
const pageEvents = () => order.filter((o) => o.startsWith('page')).length;
const pongs = () => order.filter((o) => o.startsWith('pong')).length;
const flush = () => {
  for (;;) {
    if (gate === 'closed') return;
    const next = [...held].find(
      ([, h]) =>
        gate === 'free' ||
        h.page === undefined ||
        (h.page === delivered && delivered === pageEvents() && delivered === pongs()),
    );
    if (!next) return;
    held.delete(next[0]);
    if (next[1].page !== undefined) delivered++;
    next[1].deliver();
  }
};

/** Each page's text, or its error code. */
const texts = (doc: DocumentResult) =>
  doc.pages.map((p) => (isReadPage(p) ? p.text : `error ${p.error.code}`));

/** The page (0-based) whose text serve read as `text`, not yet claimed; undefined when none (then not held back). */
function pageOf(text: string | undefined): number | undefined {
  const k = pageTexts.findIndex((t, i) => t === text && !claimed.has(i));
  if (k < 0) return undefined;
  claimed.add(k);
  return k;
}

/** Holds each recognize answer of the engine until `flush` lets it through. */
function gateAnswers(message: unknown, deliver: () => void): void {
  const m = message as { type?: string; ok?: boolean; id?: string; result?: { text?: string } };
  if (m.type !== 'recognize' || m.ok === undefined || m.id === undefined) return deliver();
  held.set(m.id, { page: gate === 'free' ? undefined : pageOf(m.result?.text), deliver });
  flush();
}

/** The engine as main's utility process, its recognize answers gated. */
function forkGated(modulePath: string, args: string[], options: Record<string, unknown>) {
  return forkAsUtility(modulePath, args, options, gateAnswers).utility;
}

test('a PDF on the command line: pages on the document thread, main answers between pages, the text serve reads', async () => {
  // What serve reads for the same bytes (its own engine process, one request).
  const serve = await startServe();
  let expected: string[];
  try {
    await serve.waitReady(300_000);
    const res = await fetch(`${serve.origin}/ocr`, {
      method: 'POST',
      headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/pdf' },
      body: readFileSync(pdfPath),
    });
    assert.equal(res.status, 200, await res.clone().text());
    expected = texts((await res.json()) as DocumentResult);
  } finally {
    await serve.stop();
  }
  assert.equal(expected.length, 3);
  pageTexts = expected;
  assert.ok(
    expected.every((t) => t.length > 0 && !t.startsWith('error')),
    expected.join(' | '),
  );

  const fake = createFakeElectron({
    userData: path.join(tmp, 'user-data'),
    pagesLoad: true,
    fork: forkGated,
  });
  const loader = loadWithFakeElectron(fake.electron, outDir);
  after(async () => {
    // A failed test leaves the app running: quit it (engine, timers) so this process can end.
    if (!fake.quitLog.includes('quit done')) {
      fake.app.quit();
      // Best effort after a failure: the failed test is what reports it.
      await fake.waitFor('the quit', () => fake.quitLog.includes('quit done'), 30_000).catch(() => {});
    }
    loader.restore();
  });
  const argv = process.argv.splice(0);
  process.argv.push(argv[0]!, argv[1]!, pdfPath);
  try {
    loader.load('main.cjs');
    fake.ready();
    await fake.waitFor('the window', () => fake.windows.length === 1);
  } finally {
    process.argv.splice(0, process.argv.length, ...argv);
  }
  // Main's page events to the window; on each, a ping through main's real IPC wiring, answered on main's loop.
  const w = fake.windows[0]!;
  const fromWindow = {
    sender: { id: w.webContents.id },
    senderFrame: { url: 'lantern://app/index.html', parent: null },
  };
  const send = w.webContents.send.bind(w.webContents);
  w.webContents.send = (ch: string, payload: unknown) => {
    send(ch, payload);
    if (ch !== eventChannel('page')) return;
    const p = payload as PageProgress;
    order.push(`page ${p.page}/${p.pages}`);
    const ping = fake.ipcHandlers.get(ipcChannel('getStatus'))!(fromWindow) as Promise<IpcReply<unknown>>;
    void ping.then((r) => {
      order.push(`pong ${p.page} ${r.ok}`);
      flush();
    });
  };
  // The file waits for the window's page: sent once it has loaded, once, its path granted to that window.
  const opened = () => w.webContents.sent.filter(([ch]) => ch === eventChannel('opened'));
  assert.deepEqual(opened(), [], 'nothing is sent to a page still loading');
  w.webContents.finishLoad();
  assert.equal(w.visible, true);
  assert.deepEqual(opened(), [
    [eventChannel('opened'), { files: [{ name: 'three pages.pdf', path: pdfPath }] }],
  ]);
  const file = (opened()[0]![1] as OpenedFiles).files[0]!;

  // What the window does with it, as with a dropped PDF: read by path with its item's id (progress, Cancel).
  gate = 'pages';
  flush();
  let reply: IpcReply<DocumentResult> | undefined;
  void fake.ipcHandlers.get(ipcChannel('recognizeDocumentAt'))!(fromWindow, {
    file,
    options: { requestId: 'img-opened-1' },
  }).then((r) => (reply = r as IpcReply<DocumentResult>));
  // Rendering on main would start PDFium here: that fails at once rather than waiting for a page event never sent.
  await fake.waitFor('the document result', () => pdfiumOnMain.length > 0 || reply !== undefined, 600_000);
  assert.deepEqual(pdfiumOnMain, [], 'PDFium never started on main');
  assert.ok(reply?.ok, JSON.stringify(reply));
  await fake.waitFor('the last pong', () => pongs() === 3, 60_000);
  assert.deepEqual(order, ['page 1/3', 'pong 1 true', 'page 2/3', 'pong 2 true', 'page 3/3', 'pong 3 true']);
  assert.deepEqual(
    w.webContents.sent
      .filter(([ch]) => ch === eventChannel('page'))
      .map(([, p]) => (p as PageProgress).requestId),
    ['img-opened-1', 'img-opened-1', 'img-opened-1'],
  );
  assert.deepEqual(texts(reply.value), expected);
  w.webContents.finishLoad();
  assert.equal(opened().length, 1, 'a reload does not open the file again');
  const history = await fake.ipcHandlers.get(ipcChannel('historyList'))!(fromWindow, {});
  const entries = (history as IpcReply<{ name: string; document?: DocumentResult }[]>).ok
    ? (history as { value: { name: string; document?: DocumentResult }[] }).value
    : [];
  assert.deepEqual(
    entries.map((e) => [e.name, e.document?.pages.length]),
    [['three pages.pdf', 3]],
  );

  // The desktop's local HTTP API, switched on in Settings, reads the same PDF on the document thread too.
  gate = 'free';
  flush();
  const port = await freePort();
  const token = randomBytes(18).toString('base64url');
  const on = await fake.ipcHandlers.get(ipcChannel('settingsSet'))!(fromWindow, {
    patch: { http: { enabled: true, port, token } },
  });
  assert.equal((on as IpcReply<unknown>).ok, true);
  const origin = `http://127.0.0.1:${port}`;
  await waitUntil(async () => (await fetch(`${origin}/health`).catch(() => null))?.ok === true);
  const auth = { authorization: `Bearer ${token}` };
  const pdf = readFileSync(pdfPath);
  const res = await fetch(`${origin}/ocr`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/pdf' },
    body: pdf,
  });
  assert.equal(res.status, 200);
  const viaHttp = (await res.json()) as DocumentResult;
  assert.deepEqual(texts(viaHttp), expected);
  const png = await fetch(`${origin}/api/page-image?page=2`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/pdf' },
    body: pdf,
  });
  assert.equal(png.headers.get('content-type'), 'image/png');
  const form = new FormData();
  form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'three pages.pdf');
  form.append('result', new Blob([JSON.stringify(viaHttp)], { type: 'application/json' }), 'result.json');
  const searchable = await fetch(`${origin}/api/searchable-pdf`, {
    method: 'POST',
    headers: auth,
    body: form,
  });
  assert.equal(searchable.status, 200, await searchable.clone().text());
  assert.equal(
    Buffer.from(await searchable.arrayBuffer())
      .subarray(0, 5)
      .toString(),
    '%PDF-',
  );
  assert.deepEqual(pdfiumOnMain, [], 'PDFium never started on main, for the HTTP API either');

  // A watched folder (granted as a drop would) turns the PDF into its JSON and searchable PDF on the thread too.
  const dir = path.join(tmp, 'watched');
  mkdirSync(dir);
  await fake.ipcHandlers.get(ipcChannel('grantDroppedPaths'))!(fromWindow, { paths: [dir] });
  const added = await fake.ipcHandlers.get(ipcChannel('watchAdd'))!(fromWindow, {
    dir,
    options: { formats: ['json', 'pdf'] },
  });
  assert.equal((added as IpcReply<unknown>).ok, true, JSON.stringify(added));
  copyFileSync(pdfPath, path.join(dir, 'scan.pdf'));
  const outJson = path.join(dir, 'scan.pdf.json');
  const outPdf = path.join(dir, 'scan.pdf.pdf');
  await fake.waitFor('the outputs', () => existsSync(outJson) && existsSync(outPdf), 600_000);
  assert.deepEqual(texts(JSON.parse(readFileSync(outJson, 'utf8')) as DocumentResult), expected);
  assert.equal(readFileSync(outPdf).subarray(0, 5).toString(), '%PDF-');
  assert.deepEqual(pdfiumOnMain, [], 'PDFium never started on main, for watched folders either');

  fake.app.quit();
  await fake.waitFor('the quit', () => fake.quitLog.includes('quit done'), 60_000);
});

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

/** Waits until `ok()` resolves true (the server is up), checking again after each answer. */
async function waitUntil(ok: () => Promise<boolean>): Promise<void> {
  while (!(await ok())) await new Promise((r) => setTimeout(r, 50));
}
