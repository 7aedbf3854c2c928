import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { encodePasswordHeader } from '../../app/contracts/http-routes';
import type { DocumentResult } from '../../app/contracts/document-result';
import { fixture } from '../helpers/fixtures';
import { waitForStatus } from '../helpers/engine';
import { startStack, TOKEN, until } from '../helpers/http';
import { emptyPdf, encryptedPdf, img2pdf, paddedPdf } from '../helpers/pdf-fixtures';
import { multiPageTiff } from '../helpers/tiff-fixture';
import { tempFolder } from '../helpers/temp-folder';

let stack: Awaited<ReturnType<typeof startStack>>;
const auth = { authorization: `Bearer ${TOKEN}` };
const dir = tempFolder('lantern-http-docs-');
let twoPages: Uint8Array<ArrayBuffer>;

before(async () => {
  stack = await startStack({ maxBodyBytes: 8 * 1024 * 1024, maxDocumentBytes: 12 * 1024 * 1024 });
  twoPages = new Uint8Array(
    readFileSync(
      img2pdf([fixture('plate_000.jpg'), fixture('zhscreen_04_chat_ftp.png')], path.join(dir, 'two.pdf')),
    ),
  );
  await until(async () => (await fetch(`${stack.base}/ready`)).status === 200, 60000);
});
after(() => stack.stop());

const post = (body: FormData | Uint8Array, query = '', headers: Record<string, string> = {}) =>
  fetch(`${stack.base}/ocr${query}`, {
    method: 'POST',
    headers: { ...auth, ...headers },
    body: body instanceof Uint8Array ? new Uint8Array(body) : body,
  });

/** The text layer of a PDF as poppler's pdftotext extracts it. */
function pdftotext(bytes: Uint8Array): string {
  const file = path.join(dir, `out-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

/** Collects the `page` events of /events until `done` says enough. */
async function pageEvents(signal: AbortSignal): Promise<{ events: unknown[]; reader: Promise<void> }> {
  const res = await fetch(`${stack.base}/events`, { headers: auth, signal });
  const events: unknown[] = [];
  const body = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const reader = (async () => {
    let buf = '';
    try {
      for (let r = await body.read(); !r.done; r = await body.read()) {
        buf += r.value;
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const m = /^event: page\ndata: (.*)$/m.exec(buf.slice(0, i));
          if (m) events.push(JSON.parse(m[1]!));
          buf = buf.slice(i + 2);
        }
      }
    } catch {
      // The stream ends when the test aborts it.
    }
  })();
  return { events, reader };
}

test('a raw PDF gives one JSON result with its pages, and page progress on /events', async () => {
  const ac = new AbortController();
  const sse = await pageEvents(ac.signal);
  const res = await post(twoPages, '', {
    'content-type': 'application/pdf',
    'x-file-name': 'two.pdf',
    'x-request-id': 'doc-1',
  });
  assert.equal(res.status, 200);
  const doc = await res.json();
  assert.equal(doc.kind, 'pdf');
  assert.equal(doc.file, 'two.pdf');
  assert.equal(doc.pages.length, 2);
  assert.match(doc.pages[0].text, /L3N67/);
  assert.match(doc.pages[1].text, /ftp/);
  assert.ok(doc.pages[0].lines.length > 0);
  await until(() => sse.events.length >= 2, 30000);
  ac.abort();
  await sse.reader;
  assert.deepEqual(sse.events, [
    { requestId: 'doc-1', file: 'two.pdf', page: 1, pages: 2 },
    { requestId: 'doc-1', file: 'two.pdf', page: 2, pages: 2 },
  ]);
});

test('multipart PDF with output=pdf answers a searchable PDF whose text layer has the text; txt and md too', async () => {
  const fd = new FormData();
  fd.append('file', new Blob([twoPages]), 'two.pdf');
  const res = await post(fd, '?output=pdf');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const text = pdftotext(new Uint8Array(await res.arrayBuffer()));
  assert.match(text, /L3N67/);
  assert.match(text, /ftp/);
  const txt = await post(twoPages, '?output=txt', { 'content-type': 'application/pdf' });
  assert.match(txt.headers.get('content-type')!, /^text\/plain/);
  assert.match(await txt.text(), /L3N67[^]*\f[^]*ftp/u);
  const md = await post(twoPages, '?output=md', { 'content-type': 'application/pdf' });
  assert.match(await md.text(), /## Page 1[^]*L3N67[^]*## Page 2/u);
});

test('an image with output=pdf is a one-page searchable PDF; images keep their plain JSON result', async () => {
  const jpeg = readFileSync(fixture('plate_000.jpg'));
  const res = await post(jpeg, '?output=pdf', { 'content-type': 'image/jpeg' });
  assert.equal(res.status, 200);
  const pdf = new Uint8Array(await res.arrayBuffer());
  assert.equal((await PDFDocument.load(pdf)).getPageCount(), 1);
  assert.match(pdftotext(pdf), /L3N67/);
  const plain = await (await post(jpeg, '', { 'content-type': 'image/jpeg' })).json();
  assert.equal(plain.pages, undefined);
  assert.match(plain.text, /L3N67/);
});

test('a multi-page TIFF gives every page and a searchable PDF with one page each; a one-page TIFF stays an image', async () => {
  const tiff = await multiPageTiff([fixture('plate_000.jpg'), fixture('zhscreen_04_chat_ftp.png')]);
  const res = await post(tiff, '', { 'content-type': 'image/tiff' });
  assert.equal(res.status, 200);
  const doc = await res.json();
  assert.equal(doc.kind, 'tiff');
  assert.equal(doc.pages.length, 2);
  assert.match(doc.pages[0].text, /L3N67/);
  assert.match(doc.pages[1].text, /ftp/);
  const pdf = await post(tiff, '?output=pdf', { 'content-type': 'image/tiff' });
  const bytes = new Uint8Array(await pdf.arrayBuffer());
  assert.equal((await PDFDocument.load(bytes)).getPageCount(), 2);
  assert.match(pdftotext(bytes), /L3N67[^]*ftp/u);
  // A page that cannot be decoded fails alone: the searchable PDF keeps its place with a page that says so.
  const broken = await multiPageTiff(
    [fixture('plate_000.jpg'), fixture('zhscreen_04_chat_ftp.png'), fixture('plate_000.jpg')],
    1,
  );
  const partly = await (await post(broken, '', { 'content-type': 'image/tiff' })).json();
  assert.deepEqual(
    partly.pages.map((p: { error?: { code: string } }) => p.error?.code ?? 'read'),
    ['read', 'BAD_IMAGE', 'read'],
  );
  const kept = await post(broken, '?output=pdf', { 'content-type': 'image/tiff' });
  assert.equal(kept.status, 200, await kept.clone().text());
  const keptBytes = new Uint8Array(await kept.arrayBuffer());
  assert.equal((await PDFDocument.load(keptBytes)).getPageCount(), 3);
  assert.match(pdftotext(keptBytes), /L3N67[^]*Page 2 could not be read \(BAD_IMAGE[^]*L3N67/u);
  // A one-page TIFF keeps the plain image answer the window and older clients read.
  const one = await post(await multiPageTiff([fixture('plate_000.jpg')]), '', {
    'content-type': 'image/tiff',
  });
  const plain = await one.json();
  assert.equal(plain.pages, undefined);
  assert.match(plain.text, /L3N67/);
});

test('encrypted, corrupt, empty and too long PDFs get their codes; a password opens the encrypted one', async () => {
  const locked = encryptedPdf('s3cret');
  const pdfType = { 'content-type': 'application/pdf' };
  const expect = async (res: Response, status: number, code: string) => {
    assert.equal(res.status, status);
    assert.equal((await res.json()).error.code, code);
  };
  await expect(await post(locked, '', pdfType), 422, 'PDF_ENCRYPTED');
  await expect(
    await post(locked, '', { ...pdfType, 'x-lantern-pdf-password': 'wrong' }),
    422,
    'PDF_ENCRYPTED',
  );
  const opened = await post(locked, '', { ...pdfType, 'x-lantern-pdf-password': 's3cret' });
  assert.equal(opened.status, 200);
  const openedDoc = (await opened.json()) as DocumentResult;
  assert.equal(openedDoc.pages.length, 1);
  // The result says it is encrypted, so a client knows before asking that no searchable copy can be written.
  assert.equal(openedDoc.encrypted, true);
  // Restrictions only (an owner password, no user password): it opens with none, and is still encrypted.
  const restricted = path.join(dir, 'restricted.pdf');
  execFileSync('qpdf', ['--encrypt', '', 'owner', '256', '--', path.join(dir, 'two.pdf'), restricted]);
  const restrictedDoc = (await (
    await post(new Uint8Array(readFileSync(restricted)), '', pdfType)
  ).json()) as DocumentResult;
  assert.deepEqual([restrictedDoc.pages.length, restrictedDoc.encrypted], [2, true]);
  assert.equal('encrypted' in (await (await post(twoPages, '', pdfType)).json()), false);
  // A password in any script: the window sends it RFC 8187-encoded, as a browser cannot send it raw.
  const cjk = path.join(dir, 'cjk-locked.pdf');
  execFileSync('qpdf', ['--encrypt', '密码', 'owner', '256', '--', path.join(dir, 'two.pdf'), cjk]);
  const cjkOpened = await post(new Uint8Array(readFileSync(cjk)), '', {
    ...pdfType,
    'x-lantern-pdf-password': encodePasswordHeader('密码'),
  });
  assert.equal(cjkOpened.status, 200, await cjkOpened.clone().text());
  assert.equal((await cjkOpened.json()).pages.length, 2);
  // A searchable copy of it cannot be written: refused before any page goes to the engine.
  const engine = stack.engine;
  const recognize = engine.recognize.bind(engine);
  let pagesSent = 0;
  engine.recognize = (...args) => (pagesSent++, recognize(...args));
  try {
    const copy = await post(locked, '?output=pdf', { ...pdfType, 'x-lantern-pdf-password': 's3cret' });
    assert.equal(copy.status, 422);
    assert.match(
      (await copy.json()).error.message,
      /a searchable copy of an encrypted PDF cannot be written/,
    );
    assert.equal(pagesSent, 0);
  } finally {
    engine.recognize = recognize;
  }
  const fd = new FormData();
  fd.append('password', 's3cret');
  fd.append('file', new Blob([new Uint8Array(locked)]), 'locked.pdf');
  const multi = await (await post(fd)).json();
  assert.equal(multi[0].pages.length, 1);

  await expect(await post(twoPages.subarray(0, 400), '', pdfType), 400, 'BAD_PDF');
  await expect(await post(await emptyPdf(), '', pdfType), 400, 'PDF_EMPTY');
  const long = await PDFDocument.create();
  for (let i = 0; i < 2001; i++) long.addPage([72, 72]);
  await expect(await post(await long.save(), '', pdfType), 413, 'TOO_MANY_PAGES');
  // One bad document among good files fails alone.
  const mixed = new FormData();
  mixed.append('file', new Blob([twoPages.subarray(0, 400)]), 'cut.pdf');
  mixed.append('file', new Blob([readFileSync(fixture('plate_000.jpg'))]), 'plate.jpg');
  const [cut, plate] = await (await post(mixed)).json();
  assert.equal(cut.error.code, 'BAD_PDF');
  assert.match(plate.text, /L3N67/);
});

test('a client that leaves cancels the pages not yet read', async () => {
  const pages = 8;
  const many = readFileSync(
    img2pdf(Array<string>(pages).fill(fixture('plate_000.jpg')), path.join(dir, 'many.pdf')),
  );
  const ac = new AbortController();
  const sse = await pageEvents(ac.signal);
  const client = new AbortController();
  const leaving = fetch(`${stack.base}/ocr`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/pdf', 'x-request-id': 'leaver' },
    body: many,
    signal: client.signal,
  }).catch(() => null);
  // Gate on the leaver's first page being read, then leave.
  await until(() => sse.events.length >= 1, 60000);
  client.abort();
  await leaving;
  // A second reader of the same document: had the leaver gone on, its pages would interleave and end first.
  const follower = await post(many, '', { 'content-type': 'application/pdf', 'x-request-id': 'follower' });
  assert.equal((await follower.json()).pages.length, pages);
  ac.abort();
  await sse.reader;
  const seen = sse.events.filter((e) => (e as { requestId?: string }).requestId === 'leaver');
  assert.ok(seen.length < pages, `read ${seen.length} of ${pages} pages after the client left`);
});

test("the window's helpers: a page image on demand, the searchable PDF from a result, coded errors", async () => {
  const api = (p: string, init: RequestInit) =>
    fetch(`${stack.base}${p}`, { ...init, headers: { ...auth, ...(init.headers as object) } });
  const pdfBody = { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: twoPages };
  const image = await api('/api/page-image?page=2', pdfBody);
  assert.equal(image.status, 200);
  assert.equal(image.headers.get('content-type'), 'image/png');
  const gone = await api('/api/page-image?page=3', pdfBody);
  assert.equal(gone.status, 400);
  assert.equal(((await gone.json()) as { error: { code: string } }).error.code, 'BAD_REQUEST');

  const doc = (await (await post(twoPages, '', { 'content-type': 'application/pdf' })).json()) as {
    pages: { text: string }[];
  };
  const form = (result: string) => {
    const f = new FormData();
    f.append('file', new Blob([twoPages], { type: 'application/pdf' }), 'two.pdf');
    f.append('result', new Blob([result], { type: 'application/json' }), 'result.json');
    return f;
  };
  const pdf = await api('/api/searchable-pdf', { method: 'POST', body: form(JSON.stringify(doc)) });
  assert.equal(pdf.status, 200, await pdf.clone().text());
  const layer = pdftotext(new Uint8Array(await pdf.arrayBuffer())).replace(/\s+/g, '');
  assert.ok(layer.includes(doc.pages[1]!.text.replace(/\s+/g, '')), layer);
  const bad = await api('/api/searchable-pdf', { method: 'POST', body: form('{"kind":"pdf","pages":[]}') });
  assert.equal(bad.status, 400);
  assert.match(((await bad.json()) as { error: { message: string } }).error.message, /result: /);
});

test('raw PDFs have their own body limit (serve --max-document-mb); a 413 names the limit that applied', async () => {
  const MiB = 1024 * 1024;
  const pdfType = { 'content-type': 'application/pdf' };
  // 10 MiB: over the 8 MiB body limit, within the 12 MiB documents limit, so it is read.
  const big = await paddedPdf(fixture('plate_000.jpg'), 10 * MiB);
  const read = await post(big, '', pdfType);
  assert.equal(read.status, 200);
  assert.equal(((await read.json()) as { pages: unknown[] }).pages.length, 1);
  // The same size as an image is over the body limit.
  const image = await post(new Uint8Array(10 * MiB), '', { 'content-type': 'image/png' });
  assert.equal(image.status, 413);
  const imageError = ((await image.json()) as { error: { code: string; message: string } }).error;
  assert.equal(imageError.code, 'PAYLOAD_TOO_LARGE');
  assert.match(imageError.message, /limit of 8 MiB \(serve --max-body-mb or LANTERN_MAX_BODY_MB\)/);
  // Past the documents limit.
  const huge = await post(await paddedPdf(fixture('plate_000.jpg'), 13 * MiB), '', pdfType);
  assert.equal(huge.status, 413);
  const hugeError = ((await huge.json()) as { error: { code: string; message: string } }).error;
  assert.equal(hugeError.code, 'PAYLOAD_TOO_LARGE');
  assert.match(
    hugeError.message,
    /document body is larger than this server's limit of 12 MiB \(serve --max-document-mb/,
  );
});

test('an engine that stops under a document fails the document as a whole (503 ENGINE_STOPPED), not page by page', async () => {
  // A stack of its own: its engine is stopped. A frozen worker holds the first page, so the stop meets it mid-document.
  const own = await startStack({}, { engine: { hangTimeoutMs: 600000 } });
  const pid = (await waitForStatus(own.engine, (s) => s.state === 'ready')).pid!;
  process.kill(pid, 'SIGSTOP');
  try {
    const answer = fetch(`${own.base}/ocr`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/pdf' },
      body: twoPages,
    });
    await until(() => own.engine.status.inFlight >= 1);
    const stopped = own.engine.stop(0);
    const res = await answer;
    assert.equal(res.status, 503);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'ENGINE_STOPPED');
    process.kill(pid, 'SIGCONT');
    await stopped;
  } finally {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // already gone: the stop killed it
    }
    await own.stop();
  }
});

test('?paragraphs=1 with output=txt: paragraphs apart for an image and for each page of a PDF', async () => {
  const png = new Uint8Array(readFileSync(fixture('two-column-page.png')));
  const image = await post(png, '?output=txt&paragraphs=1', { 'content-type': 'image/png' });
  assert.equal(image.status, 200);
  const paras = (await image.text()).trim().split('\n\n');
  assert.equal(paras.length, 2);
  assert.match(paras[1]!, /^The \(quick\) \[brown\] \{fox\} jumps!.* dog & duck/);
  const lines = await post(png, '?output=txt', { 'content-type': 'image/png' });
  assert.ok((await lines.text()).trim().split('\n').length > 4, 'without it, one line per text line');
});
