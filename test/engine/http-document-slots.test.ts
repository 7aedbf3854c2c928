import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { localDocuments, type DocumentReader } from '../../app/documents/document-reader';
import { fixture } from '../helpers/fixtures';
import { startStack, TOKEN, until } from '../helpers/http';
import { img2pdf } from '../helpers/pdf-fixtures';
import { tempFolder } from '../helpers/temp-folder';

const auth = { authorization: `Bearer ${TOKEN}` };
const dir = tempFolder('lantern-http-slots-');

/** A gate a held call waits at: `entered` resolves once a call is inside, `open()` lets every call through. */
function gate() {
  let enter = () => {};
  let open = () => {};
  const entered = new Promise<void>((r) => (enter = r));
  const opened = new Promise<void>((r) => (open = r));
  return { entered, open, pass: () => (enter(), opened) };
}

type Op = 'recognize' | 'pageImage' | 'searchablePdf';
/** The operation held still inside the server now (a page rendering, a PDF being written); the others run through. */
let holding: { op: Op; gate: ReturnType<typeof gate> } | undefined;
const hold = (op: Op) => (holding = { op, gate: gate() }).gate;
const pass = async (op: Op) => {
  if (holding?.op === op) await holding.gate.pass();
};
const documents: DocumentReader = {
  recognize: async (source, opts) => {
    await pass('recognize');
    return localDocuments.recognize(source, opts);
  },
  pageImage: async (source, page, password) => {
    await pass('pageImage');
    return localDocuments.pageImage(source, page, password);
  },
  searchablePdf: async (source, result) => {
    await pass('searchablePdf');
    return localDocuments.searchablePdf(source, result);
  },
};

let stack: Awaited<ReturnType<typeof startStack>>;
let pdf: Uint8Array<ArrayBuffer>;
before(async () => {
  stack = await startStack({ maxPending: 1 }, { documents });
  pdf = new Uint8Array(readFileSync(img2pdf([fixture('plate_000.jpg')], path.join(dir, 'one.pdf'))));
  await until(async () => (await fetch(`${stack.base}/ready`)).status === 200, 60000);
});
after(() => {
  holding?.gate.open();
  return stack.stop();
});

const post = (route: string, body: Uint8Array | FormData) =>
  fetch(`${stack.base}${route}`, {
    method: 'POST',
    headers: body instanceof FormData ? auth : { ...auth, 'content-type': 'application/pdf' },
    body: body instanceof FormData ? body : new Uint8Array(body),
  });

/** The form /api/searchable-pdf takes: the PDF and a result for it. */
const pdfForm = (result: unknown) => {
  const f = new FormData();
  f.append('file', new Blob([pdf], { type: 'application/pdf' }), 'one.pdf');
  f.append('result', new Blob([JSON.stringify(result)], { type: 'application/json' }), 'result.json');
  return f;
};

/** Status, error code and Retry-After of an answer. */
const outcome = async (res: Response) => [
  res.status,
  res.status === 200 ? undefined : ((await res.json()) as { error: { code: string } }).error.code,
  res.headers.get('retry-after') ?? undefined,
];

const inProgress = async () =>
  Number(/^lantern_http_in_progress (\d+)$/m.exec(await (await fetch(`${stack.base}/metrics`)).text())?.[1]);

test('document bodies sent to the page-image and searchable-PDF routes take an in-progress slot, as /ocr does', async () => {
  // One document held inside /ocr takes the only slot: the window's document routes wait their turn too.
  let held = hold('recognize');
  const reading = post('/ocr', pdf);
  await held.entered;
  assert.deepEqual(await outcome(await post('/api/page-image?page=1', pdf)), [503, 'QUEUE_FULL', '1']);
  assert.deepEqual(await outcome(await post('/api/searchable-pdf', pdfForm({}))), [503, 'QUEUE_FULL', '1']);
  held.open();
  const doc = (await (await reading).json()) as { pages: unknown[] };
  assert.equal(doc.pages.length, 1);
  await until(async () => (await inProgress()) === 0);

  // A page image being drawn holds the slot: /ocr is refused and /ready says why.
  held = hold('pageImage');
  const drawing = post('/api/page-image?page=1', pdf);
  await held.entered;
  assert.equal(await inProgress(), 1);
  assert.deepEqual(await outcome(await post('/ocr', pdf)), [503, 'QUEUE_FULL', '1']);
  const ready = await fetch(`${stack.base}/ready`);
  assert.equal(((await ready.json()) as { reason_code?: string }).reason_code, 'SLOTS_TAKEN');
  held.open();
  assert.equal((await drawing).status, 200);
  await until(async () => (await inProgress()) === 0);

  // So does a searchable PDF being written; its slot goes when it is answered.
  held = hold('searchablePdf');
  const writing = post('/api/searchable-pdf', pdfForm(doc));
  await held.entered;
  assert.deepEqual(await outcome(await post('/api/page-image?page=1', pdf)), [503, 'QUEUE_FULL', '1']);
  held.open();
  assert.equal((await writing).status, 200);
  await until(async () => (await inProgress()) === 0);
  assert.equal((await post('/api/page-image?page=1', pdf)).status, 200);
});
